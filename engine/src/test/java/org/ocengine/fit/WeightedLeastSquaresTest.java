package org.ocengine.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Weighted least squares against closed forms, noise-free recovery, and degenerate inputs. */
class WeightedLeastSquaresTest {

    static WeightedLeastSquares.Result fit(FitModel model, FitData data) {
        return WeightedLeastSquares.fit(model, data, FitProblem.priors(model, data, Map.of()));
    }

    @Test
    void aWeightedLineMatchesTheClosedForm() {
        FitData data = SyntheticGradients.points(FitModel.linear(false), new double[] {-0.05, 0.4}, 60, 6, 16, 0.02, 0.2, 0, 1);
        double sw = 0, swx = 0, swy = 0, swxx = 0, swxy = 0;
        for (int i = 0; i < data.size(); i++) {
            double w = 1 / (data.yErr(i) * data.yErr(i));
            sw += w;
            swx += w * data.x(i);
            swy += w * data.y(i);
            swxx += w * data.x(i) * data.x(i);
            swxy += w * data.x(i) * data.y(i);
        }
        double det = sw * swxx - swx * swx;
        double slope = (sw * swxy - swx * swy) / det;
        double intercept = (swxx * swy - swx * swxy) / det;
        WeightedLeastSquares.Result r = fit(FitModel.linear(false), data);
        assertTrue(r.ok());
        assertEquals(slope, r.params()[0], 1e-12);
        assertEquals(intercept, r.params()[1], 1e-11);
        assertEquals(Math.sqrt(sw / det), r.errors()[0], 1e-12);
        assertEquals(Math.sqrt(swxx / det), r.errors()[1], 1e-11);
        assertEquals(-swx / det, r.covariance()[0][1], 1e-12);
        assertEquals(WeightedLeastSquares.chi2(FitModel.CODE_LINEAR, Double.NaN, data, r.params(), 0), r.chi2(), 1e-9);
        assertEquals(58, r.dof());
    }

    @Test
    void noiseFreeModelsAreRecoveredExactly() {
        double[] x = {6, 7, 8, 9.5, 10, 11, 12, 13, 14.5, 15, 16.5, 18};
        double[] e = new double[x.length];
        java.util.Arrays.fill(e, 0.05);
        check(FitModel.quadratic(false), new double[] {0.003, -0.12, 0.6}, x, e);
        check(FitModel.brokenAt(11.5, false), new double[] {-0.08, -0.01, -0.3}, x, e);
        check(FitModel.brokenFittedKnee(false), new double[] {-0.08, -0.01, -0.3, 12.3}, x, e);
    }

    private static void check(FitModel model, double[] truth, double[] x, double[] e) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = model.value(x[i], truth);
        }
        WeightedLeastSquares.Result r = fit(model, new FitData(x, y, e));
        assertTrue(r.ok(), r.message());
        for (int d = 0; d < truth.length; d++) {
            assertEquals(truth[d], r.params()[d], 1e-6 * (1 + Math.abs(truth[d])), model.describe() + " parameter " + d);
            assertTrue(r.errors()[d] > 0, "error of " + d);
        }
        assertEquals(0, r.chi2(), 1e-10);
    }

    @Test
    void anInjectedScatterIsEstimated() {
        FitData data = SyntheticGradients.points(FitModel.linear(true), new double[] {-0.05, 0.4, 0.1}, 2000, 6, 16, 0.05, 0.05, 0.1, 2);
        WeightedLeastSquares.Result r = fit(FitModel.linear(true), data);
        assertEquals(0.1, r.params()[2], 0.01);
        assertEquals(r.dof(), r.chi2(), 1e-6 * r.dof());
        WeightedLeastSquares.Result none = fit(FitModel.linear(true),
                SyntheticGradients.points(FitModel.linear(false), new double[] {-0.05, 0.4}, 50, 6, 16, 0.05, 0.05, 0, 3));
        assertTrue(none.params()[2] >= 0 && none.params()[2] < 0.03, "scatter of scatter-free data: " + none.params()[2]);
    }

    @Test
    void degenerateInputsSayWhy() {
        double[] x = {10, 10, 10, 10};
        double[] y = {0.1, 0.0, -0.1, 0.05};
        double[] e = {0.1, 0.1, 0.1, 0.1};
        WeightedLeastSquares.Result r = fit(FitModel.linear(false), new FitData(x, y, e));
        assertFalse(r.ok());
        assertTrue(Double.isNaN(r.params()[0]));
        WeightedLeastSquares.Result few = fit(FitModel.quadratic(false),
                new FitData(new double[] {1, 2, 3}, new double[] {1, 2, 3}, new double[] {1, 1, 1}));
        assertFalse(few.ok());
        assertTrue(few.message().contains("3 points for 3 parameters"), few.message());
        WeightedLeastSquares.Result side = fit(FitModel.brokenAt(20, false), new FitData(new double[] {6, 7, 8, 9, 10},
                new double[] {1, 2, 3, 4, 5}, new double[] {1, 1, 1, 1, 1}));
        assertFalse(side.ok());
        assertTrue(side.message().contains("one side of the knee"), side.message());
        List<Prior> narrow = List.of(Prior.flat(), Prior.flat(), Prior.flat(), Prior.uniform(30, 40));
        WeightedLeastSquares.Result outside = WeightedLeastSquares.fit(FitModel.brokenFittedKnee(false),
                new FitData(new double[] {6, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 5}, new double[] {1, 1, 1, 1, 1}), narrow);
        assertFalse(outside.ok());
    }
}
