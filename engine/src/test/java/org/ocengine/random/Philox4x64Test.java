package org.ocengine.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Philox4x64Test {

    /**
     * Commons RNG's Philox4x64, seeded with (key, counter c), emits the blocks of counters c+1, c+2,
     * ... (it increments before each block); ours must give the same words for the same (counter, key).
     */
    @Test
    void matchesCommonsRngOnRandomKeysAndCounters() {
        SplittableRandom r = new SplittableRandom(20261121L);
        long[] ours = new long[4];
        for (int trial = 0; trial < 500; trial++) {
            long k0 = r.nextLong();
            long k1 = r.nextLong();
            // force some carries across counter words
            long[] c = {trial % 5 == 0 ? -1 : r.nextLong(), trial % 10 == 0 ? -1 : r.nextLong(), r.nextLong(), r.nextLong()};
            var reference = new org.apache.commons.rng.core.source64.Philox4x64(new long[] {k0, k1, c[0], c[1], c[2], c[3]});
            for (int block = 1; block <= 3; block++) {
                increment(c);
                Philox4x64.block(c[0], c[1], c[2], c[3], k0, k1, ours);
                for (int w = 0; w < 4; w++) {
                    assertEquals(reference.next(), ours[w], "word " + w + " of block " + block + ", trial " + trial);
                }
            }
        }
    }

    private static void increment(long[] c) {
        for (int w = 0; w < 4; w++) {
            if (++c[w] != 0) {
                return;
            }
        }
    }

    @Test
    void uniformStaysInsideTheOpenInterval() {
        assertTrue(Philox4x64.uniformOpen(0) > 0);
        assertTrue(Philox4x64.uniformOpen(-1) < 1);
        assertEquals(1.0, Philox4x64.uniformOpen(-1) + Philox4x64.uniformOpen(0), 0.0);
    }

    /** The inlined rounds of DrawKey's hot loop equal the plain block function. */
    @Test
    void drawKeyHotLoopEqualsTheBlockFunction() {
        DrawKey key = new DrawKey(0x1234_5678_9ABC_DEF0L);
        long group = DrawKey.groupKey("NGC2682");
        int[] ordinals = {0, 1, 7, 1 << 20, Integer.MAX_VALUE};
        double[][] quads = new double[4][ordinals.length];
        for (long quad : new long[] {0, 1, 1249, 1L << 40}) {
            key.normalQuads(group, 3, ordinals, 0, ordinals.length, quad, quads);
            for (int i = 0; i < ordinals.length; i++) {
                for (int lane = 0; lane < 4; lane++) {
                    assertEquals(key.normal(group, 3, ordinals[i], 4 * quad + lane), quads[lane][i], 0.0);
                }
            }
        }
    }
}
