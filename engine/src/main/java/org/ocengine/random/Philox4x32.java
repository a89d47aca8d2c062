package org.ocengine.random;

/**
 * The Philox4x32-10 counter-based generator of Salmon et al. (2011), "Parallel random numbers: as
 * easy as 1, 2, 3": a pure function from a 128-bit counter and a 64-bit key to 128 random bits.
 * Because any block can be computed alone, draws keyed by (seed, cluster, star, draw) are the same
 * whatever the thread count, batch size or backend; the CUDA kernels implement the same function
 * bit for bit. Verified against Apache Commons RNG 1.7's {@code Philox4x32} in the tests.
 *
 * <p>Stateless and thread-safe.
 */
public final class Philox4x32 {

    static final int M0 = 0xD2511F53;
    static final int M1 = 0xCD9E8D57;
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    /** Number of rounds (the "-10" of Philox4x32-10). */
    public static final int ROUNDS = 10;

    private Philox4x32() {
    }

    /**
     * Computes one block.
     *
     * @param c0  counter word 0 (least significant)
     * @param c1  counter word 1
     * @param c2  counter word 2
     * @param c3  counter word 3 (most significant)
     * @param k0  key word 0
     * @param k1  key word 1
     * @param out receives the four 32-bit output words (length at least 4)
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int round = 0; round < ROUNDS; round++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int hi0 = (int) (p0 >>> 32);
            int lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32);
            int lo1 = (int) p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /**
     * A double uniform on the open interval (0, 1) from two output words, with 52 random bits (the
     * top 20 of {@code hi} and all of {@code lo}): {@code (bits + 0.5) * 2^-52}, exact in double
     * arithmetic, so neither 0 nor 1 can occur and {@code 1 - u} is exact. The GPU kernels use the
     * same mapping.
     */
    public static double uniformOpen(int hi, int lo) {
        long bits = ((hi & 0xFFFFFFFFL) >>> 12) << 32 | (lo & 0xFFFFFFFFL);
        return (bits + 0.5) * 0x1.0p-52;
    }
}
