package org.ocengine.fit;

/**
 * A log-posterior evaluated for many walkers at once (emcee's {@code vectorize=True}): the sampler
 * hands over every proposal of a sub-ensemble in one call, so an implementation can loop over data
 * points outside and walkers inside, as a vector unit or a GPU would. Values are natural logarithms
 * up to a constant; {@code -Infinity} marks a position outside the prior's support.
 *
 * <p>Implementations may keep scratch space and need not be thread-safe: a sampler calls its
 * function from one thread at a time.
 */
public interface LogProbability {

    /** Number of parameters. */
    int dimension();

    /**
     * Evaluates {@code count} positions.
     *
     * @param positions walker-major: position i is {@code positions[i * dimension() + d]}
     * @param count     number of positions
     * @param out       receives the log-probability of position i at {@code out[i]}
     */
    void evaluate(double[] positions, int count, double[] out);
}
