package org.ocengine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
            int kind = trial % 4;
            for (int i = 0; i < n; i++) {
                x[i] = switch (kind) {
                    case 0 -> r.nextInt(5);                  // many ties
                    case 1 -> i % 7 == 0 ? 1.0 : 2.0 + i;    // a repeated minimum
                    case 2 -> n - i;                         // descending
                    default -> r.nextGaussian();
                };
            }
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double expectedMedian = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            double[] a = new double[n + 1];
            double[] b = new double[n];
            double[] work = x.clone();
            assertEquals(expectedMedian, Selection.median(work, n, a, b), 0.0, "trial " + trial);
            int k = r.nextInt(n);
            assertEquals(sorted[k], Selection.select(work, n, k, a, b), 0.0);
            assertArrayEquals(x, work, "the input is left unchanged");
        }
    }

    /**
     * The window shortcut returns the full median whenever the middle ranks fall inside, else NaN;
     * windows of up to and over {@link Selection#BUCKETS} values, with ties, sharing one counts array.
     */
    @Test
    void medianOfWindowEqualsTheMedianOrSaysNo() {
        SplittableRandom r = new SplittableRandom(12);
        int[] counts = new int[Selection.BUCKETS];
        for (int trial = 0; trial < 5000; trial++) {
            int n = 1 + r.nextInt(150);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = trial % 5 == 0 ? r.nextInt(4) : r.nextGaussian();
            }
            double lo = r.nextGaussian() * 0.5 - 0.3;
            double hi = lo + r.nextDouble();
            double[] window = new double[n];
            int below = 0;
            int inside = 0;
            for (double v : x) {
                if (v < lo) {
                    below++;
                } else if (v < hi) {
                    window[inside++] = v;
                }
            }
            double[] a = new double[n + 1];
            double[] b = new double[n];
            double full = Selection.median(x, n, a, b);
            double windowed = Selection.medianOfWindow(window, inside, below, n, lo, hi, new int[n], counts, a, b);
            assertArrayEquals(new int[Selection.BUCKETS], counts, "counts left zero, trial " + trial);
            if (!Double.isNaN(windowed)) {
                assertEquals(full, windowed, 0.0, "trial " + trial);
            } else {
                int k = n / 2;
                int first = n % 2 == 1 ? k : k - 1;
                assertEquals(true, first < below || k >= below + inside, "NaN only when the middle is outside, trial " + trial);
            }
        }
    }
}
