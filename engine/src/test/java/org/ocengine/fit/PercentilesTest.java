package org.ocengine.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ocengine.random.Philox4x64;

/** numpy's linear percentiles, by selection. */
class PercentilesTest {

    @Test
    void smallCasesMatchNumpy() {
        // np.percentile([4, 1, 3, 2], [16, 50, 84]) = [1.48, 2.5, 3.52]
        assertArrayEquals(new double[] {1.48, 2.5, 3.52}, Percentiles.ofInPlace(new double[] {4, 1, 3, 2}, 16, 50, 84), 1e-12);
        assertArrayEquals(new double[] {7, 7, 7}, Percentiles.ofInPlace(new double[] {7}, 0, 50, 100), 0);
        assertArrayEquals(new double[] {1, 5}, Percentiles.ofInPlace(new double[] {5, 1, 3}, 0, 100), 0);
        assertThrows(IllegalArgumentException.class, () -> Percentiles.ofInPlace(new double[] {1, 2}, 84, 16));
    }

    @Test
    void selectionAgreesWithSortingOnManyValues() {
        WalkerStreams s = new WalkerStreams(5, 5);
        for (int n : new int[] {2, 3, 10, 101, 10_000}) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                // ties included: a coarse grid
                v[i] = Math.floor(20 * Philox4x64.uniformOpen(s.word(n, i, 0)));
            }
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            double[] got = Percentiles.ofInPlace(v.clone(), 16, 50, 84);
            double[] qs = {16, 50, 84};
            for (int k = 0; k < 3; k++) {
                double h = (n - 1) * qs[k] / 100;
                int lo = (int) Math.floor(h);
                double expected = lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
                assertEquals(expected, got[k], 1e-12, "n=" + n + " q=" + qs[k]);
            }
        }
    }
}
