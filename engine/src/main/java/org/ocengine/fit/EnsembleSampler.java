package org.ocengine.fit;

import java.util.Arrays;
import java.util.List;

/**
 * An affine-invariant ensemble sampler with emcee's shape (Foreman-Mackey et al. 2013): walkers,
 * pluggable {@link Move}s chosen per step by weight, immutable {@link EnsembleState}s in and out,
 * positions stored in a {@link Chain}, acceptance counted per walker.
 *
 * <p>One step, as emcee's red-blue moves: choose a move (lane 0 of the ensemble's per-step numbers);
 * split the walkers at random into the move's {@code splits()} sub-ensembles of equal size (a random
 * permutation of 0..n-1 by Fisher-Yates, position i = n-1 down to 1 swapping with position
 * {@code index(lane-0 word of walker i, i + 1)}; rank r goes to sub-ensemble r mod splits, each
 * sub-ensemble listed by ascending walker index); then for each sub-ensemble in order: proposals from
 * the move, their log-probabilities in one batched call, and acceptance when
 * {@code logFactor + lp(new) - lp(old) > log(u)} with u the walker's lane-1 uniform. Later
 * sub-ensembles see the moves of earlier ones, as in emcee.
 *
 * <p>Every random number is keyed by (seed, fit, walker, step) through {@link WalkerStreams}, so the
 * chain is a pure function of the seed, the fit key, the starting state and the log-probability. The
 * working arrays are allocated once; a step allocates nothing. Not thread-safe: one sampler per thread.
 */
public final class EnsembleSampler {

    private final int walkers;
    private final int dimension;
    private final LogProbability logProbability;
    private final List<WeightedMove> moves;
    private final double totalWeight;
    private final WalkerStreams random;

    private final double[] coords;
    private final double[] lp;
    private final long[] accepted;
    private long iterations;
    private final int[] permutation;
    private final int[] membership;
    /** Sub-ensemble lists and sizes for each split count in use: {@code sets[splits][s][i]}. */
    private final int[][][] sets;
    private final int[][] sizes;
    private final double[] proposal;
    private final double[] logFactor;
    private final double[] newLp;

    /**
     * @param walkers        number of walkers; at least twice the dimension (emcee's rule) and at least 2 per sub-ensemble
     * @param logProbability the batched log-posterior
     * @param moves          the moves and their weights
     * @param random         the fit's random streams
     */
    public EnsembleSampler(int walkers, LogProbability logProbability, List<WeightedMove> moves, WalkerStreams random) {
        this.dimension = logProbability.dimension();
        if (walkers < 2 * dimension) {
            throw new IllegalArgumentException(walkers + " walkers for " + dimension
                    + " parameters: an ensemble needs at least twice as many walkers as parameters");
        }
        if (moves.isEmpty()) {
            throw new IllegalArgumentException("at least one move is needed");
        }
        int maxSplits = 1;
        double total = 0;
        for (WeightedMove m : moves) {
            maxSplits = Math.max(maxSplits, m.move().splits());
            total += m.weight();
            if (walkers < 2 * m.move().splits()) {
                throw new IllegalArgumentException(walkers + " walkers cannot be split into " + m.move().splits()
                        + " sub-ensembles of at least 2 for " + m.move().describe());
            }
        }
        this.walkers = walkers;
        this.logProbability = logProbability;
        this.moves = List.copyOf(moves);
        this.totalWeight = total;
        this.random = random;
        this.coords = new double[walkers * dimension];
        this.lp = new double[walkers];
        this.accepted = new long[walkers];
        this.permutation = new int[walkers];
        this.membership = new int[walkers];
        this.sets = new int[maxSplits + 1][][];
        this.sizes = new int[maxSplits + 1][];
        for (WeightedMove m : moves) {
            int k = m.move().splits();
            sets[k] = new int[k][walkers];
            sizes[k] = new int[k];
        }
        this.proposal = new double[walkers * dimension];
        this.logFactor = new double[walkers];
        this.newLp = new double[walkers];
    }

    public int walkers() {
        return walkers;
    }

    public int dimension() {
        return dimension;
    }

    /**
     * The starting state at the given positions: evaluates their log-probabilities.
     *
     * @throws IllegalArgumentException when a walker's log-probability is not finite (outside the prior)
     *                                  or the walkers are not linearly independent
     */
    public EnsembleState start(double[] positions) {
        if (positions.length != walkers * dimension) {
            throw new IllegalArgumentException("expected " + walkers + " x " + dimension + " starting coordinates");
        }
        double[] startLp = new double[walkers];
        logProbability.evaluate(positions, walkers, startLp);
        for (int w = 0; w < walkers; w++) {
            if (!Double.isFinite(startLp[w])) {
                throw new IllegalArgumentException("walker " + w + " starts where the log-probability is " + startLp[w]);
            }
        }
        return new EnsembleState(walkers, dimension, positions, startLp, 0);
    }

    /**
     * Takes {@code steps} steps from {@code from}, offering the positions after each to {@code chain}
     * (may be null: nothing stored). Acceptance counts accumulate over every call.
     *
     * @return the state after the last step
     */
    public EnsembleState run(EnsembleState from, long steps, Chain chain) {
        if (from.walkers() != walkers || from.dimension() != dimension) {
            throw new IllegalArgumentException("state shape does not match the sampler");
        }
        if (chain != null && (chain.walkers() != walkers || chain.dimension() != dimension)) {
            throw new IllegalArgumentException("chain shape does not match the sampler");
        }
        from.copyCoords(coords);
        from.copyLogProb(lp);
        long first = from.iteration();
        for (long k = 0; k < steps; k++) {
            step(first + k);
            if (chain != null) {
                chain.offer(k, coords, lp);
            }
        }
        iterations += steps;
        return new EnsembleState(walkers, dimension, coords, lp, first + steps);
    }

    private void step(long step) {
        random.prepareStep(step, walkers);
        Move move = choose(step);
        int splits = move.splits();
        // a random permutation by Fisher-Yates: position i (from the last down) swaps with position
        // index(lane-0 word of walker i, i + 1); rank r goes to sub-ensemble r mod splits
        for (int w = 0; w < walkers; w++) {
            permutation[w] = w;
        }
        for (int i = walkers - 1; i > 0; i--) {
            int j = WalkerStreams.index(random.word(step, i, WalkerStreams.LANE_SPLIT), i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        int[][] subsets = sets[splits];
        int[] count = sizes[splits];
        Arrays.fill(count, 0);
        for (int r = 0; r < walkers; r++) {
            membership[permutation[r]] = r % splits;
        }
        for (int w = 0; w < walkers; w++) {
            int s = membership[w];
            subsets[s][count[s]++] = w;
        }
        for (int s = 0; s < splits; s++) {
            int n = count[s];
            move.propose(coords, dimension, subsets, count, s, step, random, proposal, logFactor);
            logProbability.evaluate(proposal, n, newLp);
            int[] members = subsets[s];
            for (int i = 0; i < n; i++) {
                int w = members[i];
                double diff = logFactor[i] + newLp[i] - lp[w];
                // log(u) < 0 for u in (0, 1): a non-negative difference is accepted without the logarithm
                if (diff >= 0 || diff > StrictMath.log(random.uniform(step, w, WalkerStreams.LANE_ACCEPT))) {
                    System.arraycopy(proposal, i * dimension, coords, w * dimension, dimension);
                    lp[w] = newLp[i];
                    accepted[w]++;
                }
            }
        }
    }

    private Move choose(long step) {
        if (moves.size() == 1) {
            return moves.get(0).move();
        }
        double u = random.uniform(step, WalkerStreams.ENSEMBLE, 0) * totalWeight;
        double cumulative = 0;
        for (WeightedMove m : moves) {
            cumulative += m.weight();
            if (u < cumulative) {
                return m.move();
            }
        }
        return moves.get(moves.size() - 1).move();
    }

    /** Per-walker fraction of proposals accepted over every step run so far (emcee's {@code acceptance_fraction}). */
    public double[] acceptanceFraction() {
        double[] f = new double[walkers];
        for (int w = 0; w < walkers; w++) {
            f[w] = iterations == 0 ? Double.NaN : accepted[w] / (double) iterations;
        }
        return f;
    }

    /** Mean of {@link #acceptanceFraction()} over walkers. */
    public double meanAcceptanceFraction() {
        long total = 0;
        for (long a : accepted) {
            total += a;
        }
        return iterations == 0 ? Double.NaN : total / ((double) iterations * walkers);
    }
}
