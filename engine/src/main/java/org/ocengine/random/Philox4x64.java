package org.ocengine.random;

/**
 * The Philox4x64-10 counter-based generator of Salmon et al. (2011), "Parallel random numbers: as
 * easy as 1, 2, 3": a pure function from a 256-bit counter and a 128-bit key to 256 random bits.
 * Because any block can be computed alone, draws keyed by (seed, cluster, star, draw) are the same
 * whatever the thread count, batch size or backend; the CUDA kernels implement the same function bit
 * for bit. Verified against Apache Commons RNG 1.7's {@code Philox4x64} in the tests.
 *
 * <p>Stateless and thread-safe.
 */
public final class Philox4x64 {

    static final long M0 = 0xD2E7470EE14C6C93L;
    static final long M1 = 0xCA5A826395121157L;
    static final long W0 = 0x9E3779B97F4A7C15L;
    static final long W1 = 0xBB67AE8584CAA73BL;
    /** Number of rounds (the "-10" of Philox4x64-10). */
    public static final int ROUNDS = 10;

    private Philox4x64() {
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
     * @param out receives the four 64-bit output words (length at least 4)
     */
    public static void block(long c0, long c1, long c2, long c3, long k0, long k1, long[] out) {
        for (int round = 0; round < ROUNDS; round++) {
            long lo0 = M0 * c0;
            long hi0 = Math.unsignedMultiplyHigh(M0, c0);
            long lo1 = M1 * c2;
            long hi1 = Math.unsignedMultiplyHigh(M1, c2);
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
     * A uniform on the open interval (0, 1) from an output word's top 52 bits:
     * {@code (bits + 0.5) * 2^-52}, exact in double arithmetic, so neither 0 nor 1 occurs and
     * {@code 1 - u} is exact. The GPU kernels use the same mapping.
     */
    public static double uniformOpen(long word) {
        return ((word >>> 12) + 0.5) * 0x1.0p-52;
    }
}
