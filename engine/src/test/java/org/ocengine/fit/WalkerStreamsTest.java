package org.ocengine.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ocengine.random.Philox4x64;
import org.ocengine.random.Ziggurat;

/** The documented key layout, bit for bit, so a GPU kernel can reproduce it. */
class WalkerStreamsTest {

    @Test
    void wordsFollowTheDocumentedCounterLayout() {
        long seed = 0x1234_5678_9ABCL;
        long fit = 0xFEED_F00DL;
        WalkerStreams s = new WalkerStreams(seed, fit);
        long[] block = new long[4];
        for (int lane = 0; lane < 12; lane++) {
            Philox4x64.block(37, lane / 4, 5, fit, seed, WalkerStreams.KEY1, block);
            assertEquals(block[lane % 4], s.word(37, 5, lane), "lane " + lane);
        }
        Philox4x64.block(3, 0, -1L, fit, seed, WalkerStreams.KEY1, block);
        assertEquals(block[0], s.word(3, WalkerStreams.ENSEMBLE, 0));
        Philox4x64.block(-1L, 0, 2, fit, seed, WalkerStreams.KEY1, block);
        assertEquals(block[1], s.word(WalkerStreams.START, 2, 1));
    }

    @Test
    void thePreparedStepTableGivesTheSameWords() {
        WalkerStreams a = new WalkerStreams(9, 9);
        WalkerStreams b = new WalkerStreams(9, 9);
        b.prepareStep(12, 50);
        for (int w = 0; w < 50; w++) {
            for (int lane = 0; lane < 6; lane++) {
                assertEquals(a.word(12, w, lane), b.word(12, w, lane));
            }
        }
        assertEquals(a.word(13, 0, 0), b.word(13, 0, 0), "another step is computed, not read from the table");
    }

    @Test
    void normalsUseTheZigguratWithKeyedContinuationWords() {
        WalkerStreams s = new WalkerStreams(1, 2);
        int slow = 0;
        long[] block = new long[4];
        for (int w = 0; w < 2000; w++) {
            long first = s.word(4, w, 5);
            double z = s.normal(4, w, 5);
            double fast = Ziggurat.fast(first);
            if (Double.isNaN(fast)) {
                slow++;
                int walker = w;
                double expected = Ziggurat.deviate(m -> {
                    if (m == 0) {
                        return first;
                    }
                    Philox4x64.block(4, Long.MIN_VALUE | (5L << 32) | m, walker, 2, 1, WalkerStreams.KEY1, block);
                    return block[0];
                });
                assertEquals(expected, z, 0.0);
            } else {
                assertEquals(fast, z, 0.0);
            }
        }
        assertTrue(slow > 5 && slow < 80, "about 1.5% of deviates take the slow path: " + slow);
        assertNotEquals(s.normal(4, 0, 5), s.normal(4, 0, 6));
    }

    @Test
    void indicesAreUniformOverTheirRange() {
        int[] counts = new int[7];
        WalkerStreams s = new WalkerStreams(3, 3);
        for (int i = 0; i < 70_000; i++) {
            counts[s.index(i, 0, 2, 7)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 400);
        }
        assertEquals(0, WalkerStreams.index(0L, 7));
        assertEquals(6, WalkerStreams.index(-1L, 7));
    }
}
