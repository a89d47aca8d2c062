package org.ocengine.fit;

import java.util.List;

/**
 * How each fit of a batch is sampled. Immutable.
 *
 * @param walkers    walkers per fit (Fu et al. 2022: 300)
 * @param steps      sampler steps per fit (Fu et al. 2022: 10,000)
 * @param discard    steps dropped as burn-in before percentiles and autocorrelation times
 * @param thin       keep every thin-th step after the discard
 * @param seed       the run's seed (with each fit's key it selects the random streams)
 * @param moves      the moves and their weights (emcee's default: the stretch move, a = 2)
 * @param startScale the starting ball: walker w starts at the least-squares solution plus
 *                   {@code startScale} times its one-sigma error times a normal deviate, per parameter
 * @param windowC    the autocorrelation window constant (emcee: 5)
 * @param tauTol     tau is reliable when the kept chain is at least this many tau long (emcee: 50)
 */
public record SamplerSettings(int walkers, long steps, long discard, int thin, long seed, List<WeightedMove> moves,
                              double startScale, double windowC, double tauTol) {

    public SamplerSettings {
        moves = List.copyOf(moves);
        if (walkers < 4) {
            throw new IllegalArgumentException("at least 4 walkers are needed, got " + walkers);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("at least one step is needed, got " + steps);
        }
        if (discard < 0 || discard >= steps) {
            throw new IllegalArgumentException("discard must be at least 0 and below the " + steps + " steps, got " + discard);
        }
        if (thin < 1) {
            throw new IllegalArgumentException("thin must be at least 1, got " + thin);
        }
        if (moves.isEmpty()) {
            throw new IllegalArgumentException("at least one move is needed");
        }
        if (!(startScale > 0) || Double.isInfinite(startScale)) {
            throw new IllegalArgumentException("the start scale must be positive, got " + startScale);
        }
        if (!(windowC > 0) || !(tauTol > 0)) {
            throw new IllegalArgumentException("the autocorrelation window constant and tolerance must be positive");
        }
    }

    /**
     * The published set-up (Fu et al. 2022: 300 walkers, 10,000 steps, the stretch move with a = 2),
     * with the first 2,000 steps discarded, no thinning, a start ball of 0.1 sigma, and emcee's
     * autocorrelation constants.
     */
    public static SamplerSettings paper(long seed) {
        return new SamplerSettings(300, 10_000, 2_000, 1, seed, List.of(new WeightedMove(new StretchMove(2.0), 1.0)),
                0.1, Autocorrelation.DEFAULT_C, Autocorrelation.DEFAULT_TOL);
    }

    public SamplerSettings withWalkers(int value) {
        return new SamplerSettings(value, steps, discard, thin, seed, moves, startScale, windowC, tauTol);
    }

    /** Steps, with the discard kept at the same fraction of the steps as now. */
    public SamplerSettings withSteps(long value) {
        long d = Math.min(value - 1, Math.round((double) discard / steps * value));
        return new SamplerSettings(walkers, value, d, thin, seed, moves, startScale, windowC, tauTol);
    }

    public SamplerSettings withDiscard(long value) {
        return new SamplerSettings(walkers, steps, value, thin, seed, moves, startScale, windowC, tauTol);
    }

    public SamplerSettings withThin(int value) {
        return new SamplerSettings(walkers, steps, discard, value, seed, moves, startScale, windowC, tauTol);
    }

    public SamplerSettings withSeed(long value) {
        return new SamplerSettings(walkers, steps, discard, thin, value, moves, startScale, windowC, tauTol);
    }

    public SamplerSettings withMoves(List<WeightedMove> value) {
        return new SamplerSettings(walkers, steps, discard, thin, seed, value, startScale, windowC, tauTol);
    }

    /** Steps kept per walker after the discard and thinning. */
    public long keptSteps() {
        return (steps - discard + thin - 1) / thin;
    }
}
