package org.ocengine.random;

/**
 * How a Monte-Carlo draw is keyed onto Philox4x64-10, shared by every backend.
 *
 * <p>Key = (the run's 64-bit seed, {@link #KEY1}). A group is a cluster (its key a hash of the
 * normalised cluster name, {@link #groupKey}), a star its ordinal within the group, a stream the
 * quantity sampled (RV, [Fe/H], ...). Draws come in fours: the Philox block with counter
 * <pre>
 *   c0 = draw / 4,   c1 = m,   c2 = (stream &lt;&lt; 32) | star,   c3 = group key
 * </pre>
 * gives word m of draws {@code 4*(draw/4) + 0..3} (its output words 0..3). A draw's standard normal
 * deviate is the {@link Ziggurat} deviate of its words m = 0, 1, 2, ...; about 98.5% of deviates need
 * word 0 only. The deviate of (seed, group, stream, star, draw) is therefore fixed whatever else runs.
 *
 * <p>Instances hold scratch space and are not thread-safe: use one per thread.
 */
public final class DrawKey {

    /** Second key word: fixed, so that the seed alone selects the stream family ("ocengine" in ASCII). */
    public static final long KEY1 = 0x6F63656E67696E65L;

    private static final long M0 = Philox4x64.M0;
    private static final long M1 = Philox4x64.M1;

    private final long k0;
    /** The key words of each of the ten rounds. */
    private final long[] roundKeys0 = new long[Philox4x64.ROUNDS];
    private final long[] roundKeys1 = new long[Philox4x64.ROUNDS];
    private final long[] block = new long[4];
    private final DrawWords words = new DrawWords();

    public DrawKey(long seed) {
        this.k0 = seed;
        for (int r = 0; r < Philox4x64.ROUNDS; r++) {
            roundKeys0[r] = seed + r * Philox4x64.W0;
            roundKeys1[r] = KEY1 + r * Philox4x64.W1;
        }
    }

    /**
     * The deviates of draws {@code 4*drawQuad + 0..3} for the stars with ordinals
     * {@code ordinals[from .. from+count)} of one group, into {@code out[0..3][0..count)}.
     */
    public void normalQuads(long groupKey, int stream, int[] ordinals, int from, int count, long drawQuad, double[][] out) {
        long tag = (long) stream << 32;
        double[] d0 = out[0];
        double[] d1 = out[1];
        double[] d2 = out[2];
        double[] d3 = out[3];
        long[] keys0 = roundKeys0;
        long[] keys1 = roundKeys1;
        // round 0 of Philox4x64-10 of (drawQuad, 0, tag | star, groupKey): the half that mixes words 0
        // and 3 is the same for every star, so it is done once here
        long firstX2 = Math.unsignedMultiplyHigh(M0, drawQuad) ^ groupKey ^ keys1[0];
        long firstX3 = M0 * drawQuad;
        long firstKey0 = keys0[0];
        // rounds 1 to 9 are written out below with their keys in locals (k0r1 = key word 0 of round 1):
        // measurably faster than a loop over the key arrays
        long k0r1 = keys0[1];
        long k1r1 = keys1[1];
        long k0r2 = keys0[2];
        long k1r2 = keys1[2];
        long k0r3 = keys0[3];
        long k1r3 = keys1[3];
        long k0r4 = keys0[4];
        long k1r4 = keys1[4];
        long k0r5 = keys0[5];
        long k1r5 = keys1[5];
        long k0r6 = keys0[6];
        long k1r6 = keys1[6];
        long k0r7 = keys0[7];
        long k1r7 = keys1[7];
        long k0r8 = keys0[8];
        long k1r8 = keys1[8];
        long k0r9 = keys0[9];
        long k1r9 = keys1[9];
        for (int i = 0; i < count; i++) {
            // the rest of the block, inlined: this loop is the Monte-Carlo's hot spot (checked
            // against Philox4x64.block in the tests); round 0's other half, then rounds 1 to 9
            long c2 = tag | (ordinals[from + i] & 0xFFFFFFFFL);
            long x0 = Math.unsignedMultiplyHigh(M1, c2) ^ firstKey0;
            long x1 = M1 * c2;
            long x2 = firstX2;
            long x3 = firstX3;
            long lo0 = M0 * x0;
            long hi0 = Math.unsignedMultiplyHigh(M0, x0);
            long lo1 = M1 * x2;
            long hi1 = Math.unsignedMultiplyHigh(M1, x2);
            x0 = hi1 ^ x1 ^ k0r1;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1r1;
            x3 = lo0;
            lo0 = M0 * x0;
            hi0 = Math.unsignedMultiplyHigh(M0, x0);
            lo1 = M1 * x2;
            hi1 = Math.unsignedMultiplyHigh(M1, x2);
            x0 = hi1 ^ x1 ^ k0r2;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1r2;
            x3 = lo0;
            lo0 = M0 * x0;
            hi0 = Math.unsignedMultiplyHigh(M0, x0);
            lo1 = M1 * x2;
            hi1 = Math.unsignedMultiplyHigh(M1, x2);
            x0 = hi1 ^ x1 ^ k0r3;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1r3;
            x3 = lo0;
            lo0 = M0 * x0;
            hi0 = Math.unsignedMultiplyHigh(M0, x0);
            lo1 = M1 * x2;
            hi1 = Math.unsignedMultiplyHigh(M1, x2);
            x0 = hi1 ^ x1 ^ k0r4;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1r4;
            x3 = lo0;
            lo0 = M0 * x0;
            hi0 = Math.unsignedMultiplyHigh(M0, x0);
            lo1 = M1 * x2;
            hi1 = Math.unsignedMultiplyHigh(M1, x2);
            x0 = hi1 ^ x1 ^ k0r5;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1r5;
            x3 = lo0;
            lo0 = M0 * x0;
            hi0 = Math.unsignedMultiplyHigh(M0, x0);
            lo1 = M1 * x2;
            hi1 = Math.unsignedMultiplyHigh(M1, x2);
            x0 = hi1 ^ x1 ^ k0r6;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1r6;
            x3 = lo0;
            lo0 = M0 * x0;
            hi0 = Math.unsignedMultiplyHigh(M0, x0);
            lo1 = M1 * x2;
            hi1 = Math.unsignedMultiplyHigh(M1, x2);
            x0 = hi1 ^ x1 ^ k0r7;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1r7;
            x3 = lo0;
            lo0 = M0 * x0;
            hi0 = Math.unsignedMultiplyHigh(M0, x0);
            lo1 = M1 * x2;
            hi1 = Math.unsignedMultiplyHigh(M1, x2);
            x0 = hi1 ^ x1 ^ k0r8;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1r8;
            x3 = lo0;
            lo0 = M0 * x0;
            hi0 = Math.unsignedMultiplyHigh(M0, x0);
            lo1 = M1 * x2;
            hi1 = Math.unsignedMultiplyHigh(M1, x2);
            x0 = hi1 ^ x1 ^ k0r9;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1r9;
            x3 = lo0;
            d0[i] = deviate(x0, groupKey, stream, ordinals[from + i], drawQuad, 0);
            d1[i] = deviate(x1, groupKey, stream, ordinals[from + i], drawQuad, 1);
            d2[i] = deviate(x2, groupKey, stream, ordinals[from + i], drawQuad, 2);
            d3[i] = deviate(x3, groupKey, stream, ordinals[from + i], drawQuad, 3);
        }
    }

    private double deviate(long firstWord, long groupKey, int stream, int star, long drawQuad, int lane) {
        return Ziggurat.acceptedAtOnce(firstWord) ? Ziggurat.rectangleDeviate(firstWord)
                : slow(firstWord, groupKey, stream, star, drawQuad, lane);
    }

    /** The standard normal deviate of one draw. */
    public double normal(long groupKey, int stream, int star, long draw) {
        long quad = draw >>> 2;
        int lane = (int) (draw & 3);
        Philox4x64.block(quad, 0, ((long) stream << 32) | (star & 0xFFFFFFFFL), groupKey, k0, KEY1, block);
        return deviate(block[lane], groupKey, stream, star, quad, lane);
    }

    /** The full ziggurat over the draw's word sequence (word 0 already known, then blocks m = 1, 2, ...). */
    private double slow(long firstWord, long groupKey, int stream, int star, long drawQuad, int lane) {
        words.first = firstWord;
        words.c0 = drawQuad;
        words.c2 = ((long) stream << 32) | (star & 0xFFFFFFFFL);
        words.c3 = groupKey;
        words.lane = lane;
        return Ziggurat.deviateAfterRejection(firstWord, words);
    }

    /** The word sequence of the draw set by {@link #slow}; reused, so the rare path allocates nothing. */
    private final class DrawWords implements Ziggurat.WordSource {
        long first;
        long c0;
        long c2;
        long c3;
        int lane;

        @Override
        public long word(int m) {
            if (m == 0) {
                return first;
            }
            long[] keys0 = roundKeys0;
            long[] keys1 = roundKeys1;
            long x0 = c0;
            long x1 = m;
            long x2 = c2;
            long x3 = c3;
            for (int r = 0; r < Philox4x64.ROUNDS; r++) {
                long lo0 = M0 * x0;
                long hi0 = Math.unsignedMultiplyHigh(M0, x0);
                long lo1 = M1 * x2;
                long hi1 = Math.unsignedMultiplyHigh(M1, x2);
                x0 = hi1 ^ x1 ^ keys0[r];
                x1 = lo1;
                x2 = hi0 ^ x3 ^ keys1[r];
                x3 = lo0;
            }
            return lane == 0 ? x0 : lane == 1 ? x1 : lane == 2 ? x2 : x3;
        }
    }

    /**
     * A stable 64-bit key for a group name (FNV-1a), so a cluster's draws do not depend on which other
     * clusters are in the run. Callers pass the normalised name.
     */
    public static long groupKey(String name) {
        return Fnv1a.hash64(name);
    }
}
