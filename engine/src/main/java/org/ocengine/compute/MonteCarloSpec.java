package org.ocengine.compute;

/**
 * What to draw in a grouped Monte-Carlo call.
 *
 * @param seed   the run's seed (the Philox key)
 * @param stream the quantity sampled, not negative (see {@link org.ocengine.random.DrawKey}); different
 *               quantities of one star get independent draws
 * @param draws  realisations per group (SPEC.md 5: 5000), at least 1
 */
public record MonteCarloSpec(long seed, int stream, int draws) {

    public MonteCarloSpec {
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be at least 1, got " + draws);
        }
        if (stream < 0) {
            throw new IllegalArgumentException("stream must not be negative, got " + stream);
        }
    }
}
