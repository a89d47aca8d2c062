package org.ocengine.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The model formulas of the gradient figures (those of issue 7's FitModel) and the figures' binning helpers. */
class GradientModelTest {

    @Test
    void modelsEvaluateAsTheFitsDefineThem() {
        assertEquals(-0.06 * 10 + 0.5, GradientFigures.Model.LINEAR.value(new double[] {-0.06, 0.5}, 10), 1e-12);
        double[] broken = {-0.07, -0.03, -0.1, 11.5};
        assertEquals(-0.1 + -0.07 * (8 - 11.5), GradientFigures.Model.BROKEN.value(broken, 8), 1e-12);
        assertEquals(-0.1 + -0.03 * (14 - 11.5), GradientFigures.Model.BROKEN.value(broken, 14), 1e-12);
        assertEquals(0.002 * 100 - 0.1 * 10 + 0.3, GradientFigures.Model.QUADRATIC.value(new double[] {0.002, -0.1, 0.3}, 10), 1e-12);
    }

    @Test
    void binsAtRoundedQuantiles() {
        double[] v = {-0.5, -0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3, 0.4, Double.NaN};
        double[] edges = ClusterFigures.binEdges(v, 5);
        assertArrayEquals(new double[] {-0.4, -0.2, 0.0, 0.2}, edges, 1e-12);
        assertEquals(0, ClusterFigures.bin(-0.45, edges));
        assertEquals(2, ClusterFigures.bin(-0.2, edges));
        assertEquals(4, ClusterFigures.bin(0.35, edges));
        assertEquals("-0.20 <= [Fe/H] < 0.00", ClusterFigures.binLabel("[Fe/H]", edges, 2, 2));
        assertEquals(0, ClusterFigures.binEdges(new double[] {0.1, 0.1, 0.1}, 5).length, "no spread, one bin");
    }

    @Test
    void gaussianPeaksAtOneAndReachesTheAxisEnds() {
        double[][] g = ClusterFigures.gaussian(10, 0.5, -20, 40);
        assertEquals(-20, g[0][0]);
        assertEquals(40, g[0][g[0].length - 1]);
        double peak = 0;
        for (double y : g[1]) {
            peak = Math.max(peak, y);
        }
        assertEquals(1.0, peak, 1e-12);
    }
}
