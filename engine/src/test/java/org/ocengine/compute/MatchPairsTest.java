package org.ocengine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MatchPairsTest {

    @Test
    void sortedEqualsAComparatorSortWithTiesAndNaN() {
        SplittableRandom rng = new SplittableRandom(5L);
        int n = 5000;
        int[] a = new int[n];
        int[] b = new int[n];
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            a[k] = rng.nextInt(k < 2000 ? 3 : 400);
            b[k] = rng.nextInt(1000);
            s[k] = rng.nextInt(10) == 0 ? Double.NaN : rng.nextInt(20) * 0.25;
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, Comparator.<Integer>comparingInt(k -> a[k])
                .thenComparing(k -> s[k], Double::compare).thenComparingInt(k -> b[k]));
        MatchPairs sorted = MatchPairs.sorted(a, b, s);
        for (int k = 0; k < n; k++) {
            assertEquals(a[order[k]], sorted.a(k));
            assertEquals(b[order[k]], sorted.b(k));
            assertEquals(s[order[k]], sorted.separationArcsec(k), 0.0);
        }
    }

    @Test
    void nearestIsTheFirstPairOfEachARow() {
        MatchPairs pairs = MatchPairs.sorted(new int[] {4, 1, 4, 1, 7}, new int[] {0, 1, 2, 3, 4}, new double[] {2, 3, 1, 0.5, 9});
        assertArrayEquals(new int[] {1, 1, 4, 4, 7}, pairs.aIndices());
        assertArrayEquals(new int[] {3, 1, 2, 0, 4}, pairs.bIndices());
        assertArrayEquals(new boolean[] {true, false, true, false, true}, pairs.nearestOfA());
        assertEquals(0, MatchPairs.sorted(new int[0], new int[0], new double[0]).size());
        assertThrows(IllegalArgumentException.class, () -> MatchPairs.sorted(new int[] {-1}, new int[] {0}, new double[] {0}));
    }
}
