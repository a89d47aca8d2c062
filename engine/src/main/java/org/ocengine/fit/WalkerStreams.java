package org.ocengine.fit;

import org.ocengine.random.Philox4x64;
import org.ocengine.random.Ziggurat;

/**
 * The random numbers of one ensemble fit, keyed so that every number is a pure function of
 * (seed, fit, walker, step, lane): a fit's chain does not depend on how many fits run beside it, on
 * the thread count or on the backend. Philox4x64-10 with
 * <pre>
 *   key     = (seed, {@link #KEY1})
 *   counter = (c0 = step, c1 = block, c2 = walker, c3 = fit key)
 * </pre>
 * Block b gives lanes 4b .. 4b+3 (its output words 0..3) of (fit, walker, step). The sampler uses
 * lane {@link #LANE_SPLIT} (the walker's sort key for the random split into sub-ensembles) and
 * {@link #LANE_ACCEPT} (the Metropolis uniform); moves use lanes from {@link #FIRST_MOVE_LANE} on
 * (the stretch move: 2 = its z, 3 = its partner). Walker {@link #ENSEMBLE} (c2 = all ones) carries the
 * numbers drawn once per step for the whole ensemble (lane 0: which move). Step {@link #START}
 * (c0 = all ones) is the starting ball: lane {@code attempt * nDim + d} is the normal deviate of
 * dimension d.
 *
 * <p>A normal deviate of a lane is the {@link Ziggurat} deviate of the word sequence: word 0 = the
 * lane's word; word m &ge; 1 = word 0 of block {@code c1 = 2^63 | lane << 32 | m} (about 1.5% of
 * deviates need more than the first word). Uniforms are {@link Philox4x64#uniformOpen}; an index in
 * [0, n) is the high 64 bits of the 128-bit product word * n.
 *
 * <p>Not thread-safe (reuses a scratch block): one instance per fit and thread.
 */
public final class WalkerStreams {

    /** Second key word: fixed, distinct from the cluster Monte-Carlo's ("ocfitmcm" in ASCII). */
    public static final long KEY1 = 0x6F636669746D636DL;
    /** Lane of the walker's split key. */
    public static final int LANE_SPLIT = 0;
    /** Lane of the walker's acceptance uniform. */
    public static final int LANE_ACCEPT = 1;
    /** First lane a move may use. */
    public static final int FIRST_MOVE_LANE = 2;
    /** The walker index of the per-step numbers of the whole ensemble. */
    public static final int ENSEMBLE = -1;
    /** The step index of the starting ball. */
    public static final long START = -1L;

    private static final long NORMAL_CONTINUATION = Long.MIN_VALUE;

    private final long seed;
    private final long fitKey;
    private final long[] block = new long[4];
    private long cachedStep;
    private long cachedBlock;
    private long cachedWalker;
    private boolean cached;
    private final Continuation continuation = new Continuation();
    /** Block 0 of every walker at {@link #tableStep}: {@code table[4 * walker + lane]}. */
    private long[] table = new long[0];
    private long tableStep;
    private int tableWalkers;

    /**
     * @param seed   the run's seed
     * @param fitKey the fit's key ({@link FitProblem#key()})
     */
    public WalkerStreams(long seed, long fitKey) {
        this.seed = seed;
        this.fitKey = fitKey;
    }

    public long seed() {
        return seed;
    }

    public long fitKey() {
        return fitKey;
    }

    /** The random 64-bit word of (walker, step, lane). */
    public long word(long step, int walker, int lane) {
        if (lane < 4 && step == tableStep && walker >= 0 && walker < tableWalkers) {
            return table[4 * walker + lane];
        }
        long b = lane >>> 2;
        long w = walker & 0xFFFFFFFFL;
        if (walker == ENSEMBLE) {
            w = -1L;
        }
        if (!cached || step != cachedStep || b != cachedBlock || w != cachedWalker) {
            Philox4x64.block(step, b, w, fitKey, seed, KEY1, block);
            cachedStep = step;
            cachedBlock = b;
            cachedWalker = w;
            cached = true;
        }
        return block[lane & 3];
    }

    /**
     * Computes block 0 (lanes 0..3) of walkers 0..walkers-1 at this step in one pass, so that the
     * sampler and the move read them without recomputing; other blocks are computed on demand.
     */
    public void prepareStep(long step, int walkers) {
        if (table.length < 4 * walkers) {
            table = new long[4 * walkers];
        }
        tableWalkers = 0;
        for (int i = 0; i < walkers; i++) {
            Philox4x64.block(step, 0, i, fitKey, seed, KEY1, block);
            System.arraycopy(block, 0, table, 4 * i, 4);
        }
        cached = false;
        tableStep = step;
        tableWalkers = walkers;
    }

    /** A uniform on (0, 1) from (walker, step, lane). */
    public double uniform(long step, int walker, int lane) {
        return Philox4x64.uniformOpen(word(step, walker, lane));
    }

    /** An index in [0, n) from (walker, step, lane). */
    public int index(long step, int walker, int lane, int n) {
        return index(word(step, walker, lane), n);
    }

    /** An index in [0, n) from a random word: the high 64 bits of word * n (unsigned). */
    public static int index(long word, int n) {
        return (int) Math.unsignedMultiplyHigh(word, n);
    }

    /** A standard normal deviate from (walker, step, lane). */
    public double normal(long step, int walker, int lane) {
        long first = word(step, walker, lane);
        double z = Ziggurat.fast(first);
        if (!Double.isNaN(z)) {
            return z;
        }
        continuation.step = step;
        continuation.walker = walker == ENSEMBLE ? -1L : walker & 0xFFFFFFFFL;
        continuation.lane = lane;
        return Ziggurat.deviateAfterRejection(first, continuation);
    }

    /** The word sequence of a normal deviate past its first word (words 1, 2, ...). */
    private final class Continuation implements Ziggurat.WordSource {
        long step;
        long walker;
        int lane;
        private final long[] words = new long[4];

        @Override
        public long word(int m) {
            Philox4x64.block(step, NORMAL_CONTINUATION | ((long) lane << 32) | m, walker, fitKey, seed, KEY1, words);
            return words[0];
        }
    }
}
