package org.ocengine.random;

/**
 * How a Monte-Carlo draw is keyed onto Philox4x32-10, shared by every backend.
 *
 * <p>Key = the run's 64-bit seed (low word k0, high word k1). Counter = (c0, c1, c2, c3) with
 * c0 = draw / 2, c1 = (stream &lt;&lt; 24) | star, c2 = low 32 bits of the group key, c3 = high 32
 * bits of the group key. One block gives two uniforms (words 0,1 and words 2,3, by
 * {@link Philox4x32#uniformOpen}) and so the standard normal deviates of draws 2k and 2k+1 of one
 * star. A group is a cluster (its key a hash of the normalised cluster name, {@link #groupKey}), a
 * star its ordinal within the group (below 2^24), a stream the quantity sampled (RV, [Fe/H], ...,
 * below 256). The draw of (seed, group, stream, star, draw) is therefore fixed whatever else runs.
 *
 * <p>Instances hold scratch space and are not thread-safe: use one per thread.
 */
public final class DrawKey {

    /** Largest star ordinal + 1 within one group. */
    public static final int MAX_STARS = 1 << 24;
    /** Largest stream + 1. */
    public static final int MAX_STREAMS = 1 << 8;

    private final int k0;
    private final int k1;
    private final int[] block = new int[4];

    public DrawKey(long seed) {
        this.k0 = (int) seed;
        this.k1 = (int) (seed >>> 32);
    }

    /**
     * The standard normal deviates of draws {@code 2*drawPair} and {@code 2*drawPair+1}, written to
     * {@code out[offset]} and {@code out[offset+1]}.
     */
    public void normalPair(long groupKey, int stream, int star, int drawPair, double[] out, int offset) {
        Philox4x32.block(drawPair, (stream << 24) | star, (int) groupKey, (int) (groupKey >>> 32), k0, k1, block);
        out[offset] = NormalQuantile.inverseCdf(Philox4x32.uniformOpen(block[0], block[1]));
        out[offset + 1] = NormalQuantile.inverseCdf(Philox4x32.uniformOpen(block[2], block[3]));
    }

    /**
     * The deviates of draws {@code 2*drawPair} and {@code 2*drawPair+1} for many stars of one group:
     * {@code even[i]} and {@code odd[i]} for the star with ordinal {@code ordinals[from + i]}, i in
     * [0, count). Same values as {@link #normalPair}, computed four stars at a time so that the
     * processor overlaps the four independent Philox chains.
     */
    public void normalPairs(long groupKey, int stream, int[] ordinals, int from, int count, int drawPair,
                            double[] even, double[] odd) {
        int c2 = (int) groupKey;
        int c3 = (int) (groupKey >>> 32);
        int tag = stream << 24;
        int i = 0;
        for (; i + 4 <= count; i += 4) {
            int a1 = tag | ordinals[from + i];
            int b1 = tag | ordinals[from + i + 1];
            int c1 = tag | ordinals[from + i + 2];
            int d1 = tag | ordinals[from + i + 3];
            // four Philox4x32-10 blocks with counters (drawPair, x1, c2, c3), rounds interleaved
            int a0 = drawPair;
            int a2 = c2;
            int a3 = c3;
            int b0 = drawPair;
            int b2 = c2;
            int b3 = c3;
            int cc0 = drawPair;
            int cc2 = c2;
            int cc3 = c3;
            int d0 = drawPair;
            int d2 = c2;
            int d3 = c3;
            int key0 = k0;
            int key1 = k1;
            for (int round = 0; round < Philox4x32.ROUNDS; round++) {
                long pa0 = M0L * (a0 & 0xFFFFFFFFL);
                long pa1 = M1L * (a2 & 0xFFFFFFFFL);
                long pb0 = M0L * (b0 & 0xFFFFFFFFL);
                long pb1 = M1L * (b2 & 0xFFFFFFFFL);
                long pc0 = M0L * (cc0 & 0xFFFFFFFFL);
                long pc1 = M1L * (cc2 & 0xFFFFFFFFL);
                long pd0 = M0L * (d0 & 0xFFFFFFFFL);
                long pd1 = M1L * (d2 & 0xFFFFFFFFL);
                a0 = (int) (pa1 >>> 32) ^ a1 ^ key0;
                a1 = (int) pa1;
                a2 = (int) (pa0 >>> 32) ^ a3 ^ key1;
                a3 = (int) pa0;
                b0 = (int) (pb1 >>> 32) ^ b1 ^ key0;
                b1 = (int) pb1;
                b2 = (int) (pb0 >>> 32) ^ b3 ^ key1;
                b3 = (int) pb0;
                cc0 = (int) (pc1 >>> 32) ^ c1 ^ key0;
                c1 = (int) pc1;
                cc2 = (int) (pc0 >>> 32) ^ cc3 ^ key1;
                cc3 = (int) pc0;
                d0 = (int) (pd1 >>> 32) ^ d1 ^ key0;
                d1 = (int) pd1;
                d2 = (int) (pd0 >>> 32) ^ d3 ^ key1;
                d3 = (int) pd0;
                key0 += Philox4x32.W0;
                key1 += Philox4x32.W1;
            }
            even[i] = NormalQuantile.inverseCdf(Philox4x32.uniformOpen(a0, a1));
            odd[i] = NormalQuantile.inverseCdf(Philox4x32.uniformOpen(a2, a3));
            even[i + 1] = NormalQuantile.inverseCdf(Philox4x32.uniformOpen(b0, b1));
            odd[i + 1] = NormalQuantile.inverseCdf(Philox4x32.uniformOpen(b2, b3));
            even[i + 2] = NormalQuantile.inverseCdf(Philox4x32.uniformOpen(cc0, c1));
            odd[i + 2] = NormalQuantile.inverseCdf(Philox4x32.uniformOpen(cc2, cc3));
            even[i + 3] = NormalQuantile.inverseCdf(Philox4x32.uniformOpen(d0, d1));
            odd[i + 3] = NormalQuantile.inverseCdf(Philox4x32.uniformOpen(d2, d3));
        }
        for (; i < count; i++) {
            Philox4x32.block(drawPair, tag | ordinals[from + i], c2, c3, k0, k1, block);
            even[i] = NormalQuantile.inverseCdf(Philox4x32.uniformOpen(block[0], block[1]));
            odd[i] = NormalQuantile.inverseCdf(Philox4x32.uniformOpen(block[2], block[3]));
        }
    }

    private static final long M0L = Philox4x32.M0 & 0xFFFFFFFFL;
    private static final long M1L = Philox4x32.M1 & 0xFFFFFFFFL;

    /** The standard normal deviate of one draw. */
    public double normal(long groupKey, int stream, int star, int draw) {
        Philox4x32.block(draw >>> 1, (stream << 24) | star, (int) groupKey, (int) (groupKey >>> 32), k0, k1, block);
        return (draw & 1) == 0
                ? NormalQuantile.inverseCdf(Philox4x32.uniformOpen(block[0], block[1]))
                : NormalQuantile.inverseCdf(Philox4x32.uniformOpen(block[2], block[3]));
    }

    /**
     * A stable 64-bit key for a group name (FNV-1a over the UTF-8 bytes), so a cluster's draws do
     * not depend on which other clusters are in the run. Callers pass the normalised name.
     */
    public static long groupKey(String name) {
        return Fnv1a.hash64(name);
    }
}
