package org.ocengine.fit;

/**
 * A proposal of an ensemble sampler, in the red-blue form of emcee (Foreman-Mackey et al. 2013):
 * each step the walkers are split at random into {@link #splits()} equal sub-ensembles; for each
 * sub-ensemble in turn the move proposes new positions from the current positions of the others,
 * and the sampler accepts each proposal with probability min(1, factor * p(new) / p(old)). A move
 * only supplies proposals and their log Hastings factors; acceptance, storage and randomness belong
 * to {@link EnsembleSampler}.
 *
 * <p>Random numbers come from the fit's {@link WalkerStreams}, keyed by the moving walker and the step,
 * from lane {@link WalkerStreams#FIRST_MOVE_LANE} on. Implementations are immutable and thread-safe.
 */
public interface Move {

    /** Number of sub-ensembles (emcee's {@code nsplits}): 2 for the stretch move, 3 for differential evolution. */
    int splits();

    /**
     * Proposes new positions for the walkers of sub-ensemble {@code active}.
     *
     * @param coords    current positions of every walker, walker-major ({@code coords[w * nDim + d]})
     * @param nDim      number of parameters
     * @param sets      the sub-ensembles: {@code sets[s][0 .. sizes[s])} are walker indices, ascending
     * @param sizes     the sizes of the sub-ensembles
     * @param active    the sub-ensemble to move
     * @param step      the step index (selects the random numbers)
     * @param random    the fit's random streams
     * @param proposal  receives the proposal of walker {@code sets[active][i]} at {@code proposal[i * nDim + d]}
     * @param logFactor receives the log Hastings factor of proposal i at {@code logFactor[i]}
     */
    void propose(double[] coords, int nDim, int[][] sets, int[] sizes, int active, long step, WalkerStreams random,
                 double[] proposal, double[] logFactor);

    /** A short description with parameters, for manifests ({@code stretch(a=2)}). */
    String describe();
}
