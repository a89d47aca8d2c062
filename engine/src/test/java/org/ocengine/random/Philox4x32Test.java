package org.ocengine.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Philox4x32Test {

    /**
     * Commons RNG's Philox4x32, seeded with (key, counter c), emits the blocks of counters c+1, c+2,
     * ... (it increments before each block); ours must give the same words for the same (counter, key).
     */
    @Test
    void matchesCommonsRngOnRandomKeysAndCounters() {
        SplittableRandom r = new SplittableRandom(20261121L);
        int[] ours = new int[4];
        for (int trial = 0; trial < 500; trial++) {
            int k0 = r.nextInt();
            int k1 = r.nextInt();
            // force some carries across counter words
            int[] c = {trial % 5 == 0 ? -1 : r.nextInt(), trial % 10 == 0 ? -1 : r.nextInt(), r.nextInt(), r.nextInt()};
            var reference = new org.apache.commons.rng.core.source32.Philox4x32(new int[] {k0, k1, c[0], c[1], c[2], c[3]});
            for (int block = 1; block <= 3; block++) {
                increment(c);
                Philox4x32.block(c[0], c[1], c[2], c[3], k0, k1, ours);
                for (int w = 0; w < 4; w++) {
                    assertEquals(reference.next(), ours[w], "word " + w + " of block " + block + ", trial " + trial);
                }
            }
        }
    }

    private static void increment(int[] c) {
        for (int w = 0; w < 4; w++) {
            if (++c[w] != 0) {
                return;
            }
        }
    }

    /** The published known-answer test of Random123 (kat_vectors: philox4x32_10, all-ones input). */
    @Test
    void knownAnswerAllOnes() {
        int[] out = new int[4];
        Philox4x32.block(-1, -1, -1, -1, -1, -1, out);
        assertEquals(0x408f276d, out[0]);
        assertEquals(0x41c83b0e, out[1]);
        assertEquals(0xa20bc7c6, out[2]);
        assertEquals(0x6d5451fd, out[3]);
    }

    @Test
    void uniformStaysInsideTheOpenInterval() {
        assertTrue(Philox4x32.uniformOpen(0, 0) > 0);
        assertTrue(Philox4x32.uniformOpen(-1, -1) < 1);
        assertEquals(1.0, Philox4x32.uniformOpen(-1, -1) + Philox4x32.uniformOpen(0, 0), 0.0);
    }
}
