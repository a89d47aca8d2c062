package org.ocengine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ocengine.compute.SkyMatchFixtures.Points;

class ZoneSkyMatcherTest {

    private static MatchPairs match(CpuBackend backend, Points a, Points b, double radiusArcsec) {
        try (BufferAllocator allocator = new RootAllocator()) {
            Float8Vector[] va = a.vectors(allocator);
            Float8Vector[] vb = b.vectors(allocator);
            try {
                return backend.skyMatch(new SkyPositions(va[0], va[1]), new SkyPositions(vb[0], vb[1]), radiusArcsec);
            } finally {
                for (Float8Vector v : va) {
                    v.close();
                }
                for (Float8Vector v : vb) {
                    v.close();
                }
            }
        }
    }

    private static void assertSamePairs(MatchPairs expected, MatchPairs actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": pair count");
        assertArrayEquals(expected.aIndices(), actual.aIndices(), what + ": A rows");
        assertArrayEquals(expected.bIndices(), actual.bIndices(), what + ": B rows");
        assertArrayEquals(expected.separationsArcsec(), actual.separationsArcsec(), 1e-9, what + ": separations");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 3.5, 60.0, 3600.0})
    void equalsBruteForceOnHardCases(double radiusArcsec) {
        SplittableRandom rng = new SplittableRandom(20260501L + (long) radiusArcsec);
        try (CpuBackend backend = new CpuBackend(2)) {
            for (int trial = 0; trial < 3; trial++) {
                Points b = SkyMatchFixtures.hardCases(rng, 1500, radiusArcsec, null);
                Points a = SkyMatchFixtures.hardCases(rng, 1200, radiusArcsec, b);
                MatchPairs expected = SkyMatchFixtures.bruteForce(a, b, radiusArcsec);
                MatchPairs actual = match(backend, a, b, radiusArcsec);
                assertTrue(expected.size() > a.size(), "the fixture should give many pairs, got " + expected.size());
                assertSamePairs(expected, actual, "radius " + radiusArcsec + ", trial " + trial);
            }
        }
    }

    @Test
    void veryDifferentSizesAndSmallOnes() {
        SplittableRandom rng = new SplittableRandom(7L);
        try (CpuBackend backend = new CpuBackend(2)) {
            for (int[] sizes : new int[][] {{3, 20000}, {20000, 3}, {1, 1}, {1, 5000}, {5000, 1}}) {
                Points b = SkyMatchFixtures.hardCases(rng, sizes[1], 60, null);
                Points a = SkyMatchFixtures.hardCases(rng, sizes[0], 60, b);
                assertSamePairs(SkyMatchFixtures.bruteForce(a, b, 60), match(backend, a, b, 60),
                        sizes[0] + " x " + sizes[1]);
            }
        }
    }

    @Test
    void emptyAndPositionlessInputsMatchNothing() {
        Points empty = new Points(new double[0], new double[0], new boolean[0]);
        Points some = SkyMatchFixtures.hardCases(new SplittableRandom(3L), 50, 3.5, null);
        Points nulls = new Points(new double[] {0, Double.NaN, 1}, new double[] {0, 1, Double.NaN}, new boolean[] {true, false, false});
        try (CpuBackend backend = new CpuBackend(2)) {
            assertEquals(0, match(backend, empty, empty, 3.5).size());
            assertEquals(0, match(backend, empty, some, 3.5).size());
            assertEquals(0, match(backend, some, empty, 3.5).size());
            assertEquals(0, match(backend, nulls, nulls, 3600).size());
            assertEquals(0, match(backend, some, nulls, 3600).size());
        }
    }

    @Test
    void allPolePositionsCoincide() {
        Points pole = new Points(new double[] {0, 90, 181.5, 359.9, -20}, new double[] {90, 90, 90, 90, 90}, new boolean[5]);
        Points south = new Points(new double[] {12, 270}, new double[] {-90, -90}, new boolean[2]);
        try (CpuBackend backend = new CpuBackend(2)) {
            MatchPairs north = match(backend, pole, pole, 0.5);
            assertEquals(25, north.size());
            for (double s : north.separationsArcsec()) {
                assertEquals(0.0, s, 0.0);
            }
            assertEquals(4, match(backend, south, south, 0).size());
            assertEquals(0, match(backend, pole, south, 3600).size());
        }
    }

    @Test
    void wrapsRightAscensionAndFindsNeighboursAcrossZero() {
        // 1 arcsec apart across RA 0 at dec 0, with RA spelled four ways
        Points a = new Points(new double[] {359.99986111111, -0.00013888889}, new double[] {0, 0}, new boolean[2]);
        Points b = new Points(new double[] {0.00013888889, 360.00013888889}, new double[] {0, 0}, new boolean[2]);
        try (CpuBackend backend = new CpuBackend(1)) {
            MatchPairs pairs = match(backend, a, b, 1.5);
            assertEquals(4, pairs.size());
            for (double sep : pairs.separationsArcsec()) {
                assertEquals(1.0, sep, 1e-6);
            }
        }
    }

    @Test
    void outputDoesNotDependOnThreadCount() {
        SplittableRandom rng = new SplittableRandom(99L);
        int n = 4 * ZoneSkyMatcher.BLOCK_ROWS + 17;
        Points b = SkyMatchFixtures.hardCases(rng, n, 60, null, 40);
        Points a = SkyMatchFixtures.hardCases(rng, n, 60, b, 40);
        MatchPairs reference = null;
        for (int threads : new int[] {1, 2, 7}) {
            try (CpuBackend backend = new CpuBackend(threads)) {
                MatchPairs pairs = match(backend, a, b, 60);
                assertTrue(pairs.size() > n);
                if (reference == null) {
                    reference = pairs;
                } else {
                    assertArrayEquals(reference.aIndices(), pairs.aIndices(), threads + " threads");
                    assertArrayEquals(reference.bIndices(), pairs.bIndices(), threads + " threads");
                    assertArrayEquals(reference.separationsArcsec(), pairs.separationsArcsec(), 0.0, threads + " threads");
                }
            }
        }
    }

    @Test
    void rejectsBadRadiusAndDeclination() {
        Points ok = new Points(new double[] {1}, new double[] {1}, new boolean[1]);
        Points bad = new Points(new double[] {1}, new double[] {90.5}, new boolean[1]);
        try (CpuBackend backend = new CpuBackend(1)) {
            assertThrows(IllegalArgumentException.class, () -> match(backend, ok, ok, -1));
            assertThrows(IllegalArgumentException.class, () -> match(backend, ok, ok, Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> match(backend, ok, bad, 1));
            assertThrows(IllegalArgumentException.class, () -> match(backend, bad, ok, 1));
        }
    }

    @Test
    void gallopingLowerBoundEqualsBisectionFromAnyHint() {
        SplittableRandom rng = new SplittableRandom(14L);
        for (int trial = 0; trial < 2000; trial++) {
            int n = rng.nextInt(0, 60);
            int[] keys = new int[n + 10];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = rng.nextInt(0, 40);
            }
            int from = rng.nextInt(0, 5);
            int to = from + n;
            Arrays.sort(keys, from, to);
            int key = rng.nextInt(-2, 43);
            int expected = from;
            while (expected < to && keys[expected] < key) {
                expected++;
            }
            for (int hint = from; hint <= to; hint++) {
                assertEquals(expected, ZoneIndex.lowerBound(keys, from, to, key, hint), "hint " + hint);
            }
        }
    }
}
