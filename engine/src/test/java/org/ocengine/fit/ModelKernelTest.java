package org.ocengine.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The batched kernel against the plain formula (model value, Gaussian likelihood, priors), for every
 * model code with and without scatter, by normal equations and point by point, and the independence
 * of a walker's value from the walkers evaluated beside it.
 */
class ModelKernelTest {

    static final List<FitModel> MODELS = List.of(FitModel.linear(false), FitModel.linear(true), FitModel.quadratic(false),
            FitModel.quadratic(true), FitModel.brokenAt(11.5, false), FitModel.brokenAt(11.5, true),
            FitModel.brokenFittedKnee(false), FitModel.brokenFittedKnee(true));

    /** The log-posterior written out directly. */
    static double reference(FitModel model, FitData data, List<Prior> priors, double[] p) {
        double lp = 0;
        for (int d = 0; d < p.length; d++) {
            lp += priors.get(d).logDensity(p[d]);
        }
        if (lp == Double.NEGATIVE_INFINITY) {
            return lp;
        }
        double s = model.scatter() ? p[model.scatterIndex()] : 0;
        for (int i = 0; i < data.size(); i++) {
            double v = data.yErr(i) * data.yErr(i) + s * s;
            double r = data.y(i) - model.value(data.x(i), p);
            lp += -0.5 * (r * r / v + Math.log(2 * Math.PI * v));
        }
        return lp;
    }

    @Test
    void everyModelCodeMatchesTheFormula() {
        List<FitProblem> problems = new ArrayList<>();
        for (int m = 0; m < MODELS.size(); m++) {
            FitModel model = MODELS.get(m);
            double[] truth = switch (model.shape()) {
                case LINEAR -> new double[] {-0.06, 0.5, 0.05};
                case QUADRATIC -> new double[] {0.002, -0.1, 0.5, 0.05};
                case BROKEN_LINEAR -> new double[] {-0.07, -0.02, -0.25, 11.5, 0.05};
            };
            FitData data = SyntheticGradients.points(model, truth, 37 + m, 6, 18, 0.02, 0.1, 0.03, m);
            problems.add(new FitProblem("m" + m, m, model, data,
                    FitProblem.priors(model, data, Map.of(model.parameterNames().get(0), Prior.normal(-0.05, 0.1)))));
        }
        for (FitBatch.Likelihood likelihood : FitBatch.Likelihood.values()) {
            check(FitBatch.of(problems).with(likelihood));
        }
    }

    private static void check(FitBatch batch) {
        WalkerStreams jitter = new WalkerStreams(3, 3);
        for (int f = 0; f < batch.size(); f++) {
            FitProblem p = batch.problem(f);
            int dim = p.model().dimension();
            int walkers = 23;
            double[] pos = new double[walkers * dim];
            double[] centre = batch.leastSquares(f).params();
            for (int w = 0; w < walkers; w++) {
                for (int d = 0; d < dim; d++) {
                    double scale = p.model().parameterNames().get(d).equals("knee") ? 2 : 0.05;
                    pos[w * dim + d] = centre[d] + scale * jitter.normal(f, w, d);
                }
            }
            pos[dim - 1] = p.model().scatter() ? -1e-9 : pos[dim - 1]; // walker 0 outside the scatter's prior
            double[] out = new double[walkers];
            ModelKernel.of(batch, f).evaluate(pos, walkers, out);
            for (int w = 0; w < walkers; w++) {
                double[] one = java.util.Arrays.copyOfRange(pos, w * dim, (w + 1) * dim);
                double expected = reference(p.model(), p.data(), p.priors(), one);
                if (expected == Double.NEGATIVE_INFINITY) {
                    assertEquals(expected, out[w], p.label() + " walker " + w);
                } else {
                    assertEquals(expected, out[w], 1e-9 * Math.abs(expected), p.label() + " walker " + w + " " + batch.likelihood());
                }
                double[] alone = new double[1];
                ModelKernel.of(batch, f).evaluate(one, 1, alone);
                assertEquals(out[w], alone[0], 0.0, "a walker's value does not depend on its batch");
            }
            if (p.model().scatter()) {
                assertEquals(Double.NEGATIVE_INFINITY, out[0]);
            }
            assertTrue(Double.isFinite(out[1]));
        }
    }
}
