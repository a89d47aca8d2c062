package org.ocengine.stars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ocengine.random.DrawKey;

class DifferenceStatisticsTest {

    /**
     * 4000 pairs: theirs uniform over 0-100, ours = 1.02 theirs + 0.5 + N(0, 0.3), and 5% wild
     * points 20-60 above. The clipped offset and the Gaussian see the core; the plain mean does not;
     * the dense-core line recovers the slope.
     */
    @Test
    void clippingGaussianAndCoreRegressionSeeTheCore() {
        int n = 4000;
        double[] theirs = new double[n];
        double[] ours = new double[n];
        DrawKey key = new DrawKey(11);
        for (int i = 0; i < n; i++) {
            theirs[i] = 100.0 * (i + 0.5) / n;
            ours[i] = 1.02 * theirs[i] + 0.5 + 0.3 * key.normal(3, 0, i, 0);
            if (i % 20 == 7) {
                ours[i] += 20 + 40 * (i % 3) / 2.0;
            }
        }
        theirs[5] = Double.NaN; // not a pair
        DifferenceStatistics.Summary s = DifferenceStatistics.of(ours, theirs);
        assertEquals(n - 1, s.n());
        double core = 0.5 + 0.02 * 50; // the mean difference of the well-behaved pairs
        assertTrue(s.mean() > core + 1.5, "the wild points pull the plain mean: " + s);
        assertEquals(core, s.clippedMean(), 0.06, s.toString());
        assertTrue(s.kept() < 0.96 * n && s.kept() > 0.9 * n, s.toString());
        // the differences of the core spread as the 0.3 noise plus the 0.02 x slope over 0-100 (uniform, 2/sqrt(12) ~ 0.58)
        double spread = Math.sqrt(0.09 + 0.577 * 0.577);
        assertEquals(spread, s.clippedStd(), 0.05, s.toString());
        assertEquals(core, s.gaussMu(), 0.1, s.toString());
        assertEquals(spread, s.gaussSigma(), 0.12, s.toString());
        assertEquals(1.02, s.slope(), 0.005, s.toString());
        assertEquals(0.5, s.intercept(), 0.3, s.toString());
        assertTrue(s.core() >= 0.75 * n && s.core() <= 0.85 * n, s.toString());
    }

    @Test
    void fewPairsGiveMomentsButNoFits() {
        DifferenceStatistics.Summary s = DifferenceStatistics.of(new double[] {1, 2, 4}, new double[] {0, 0, 0});
        assertEquals(3, s.n());
        assertEquals(7.0 / 3, s.mean(), 1e-12);
        assertEquals(2.0, s.median());
        assertTrue(Double.isNaN(s.gaussMu()) && Double.isNaN(s.slope()));
        DifferenceStatistics.Summary none = DifferenceStatistics.of(new double[] {Double.NaN}, new double[] {1});
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.mean()));
    }
}
