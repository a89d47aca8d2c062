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
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
