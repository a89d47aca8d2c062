package org.ocengine.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void medianAndSelectAgreeWithSortingOnRandomArrays() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + r.nextInt(trial < 1500 ? 40 : 400);
            double[] x = new double[n];
            boolean ties = trial % 3 == 0;
            for (int i = 0; i < n; i++) {
                x[i] = ties ? r.nextInt(5) : r.nextGaussian();
            }
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double expectedMedian = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            assertEquals(expectedMedian, Selection.median(x.clone(), n), 0.0, "trial " + trial);
            int k = r.nextInt(n);
            double[] work = x.clone();
            assertEquals(sorted[k], Selection.select(work, n, k), 0.0);
            for (int i = 0; i < k; i++) {
                assertEquals(true, work[i] <= work[k]);
            }
            for (int i = k + 1; i < n; i++) {
                assertEquals(true, work[i] >= work[k]);
            }
        }
    }
}
