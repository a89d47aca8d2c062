package org.ocengine.fit;

import java.util.Arrays;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Weighted least squares for the models of {@link FitModel}: the fast path of a gradient fit, and the
 * centre of the walkers' starting ball. Weights are 1 / (err^2 + scatter^2).
 * <ul>
 *   <li>Line, quadratic and broken line with a fixed knee are linear in their parameters: solved by a
 *       QR decomposition of the weighted design matrix (Commons Math {@link OLSMultipleLinearRegression}
 *       on rows scaled by sqrt(w)); the covariance is (X^T W X)^-1, the errors are known, so it is not
 *       rescaled by the residuals.</li>
 *   <li>A fitted knee is found by profiling chi^2 over knee positions (a grid over the prior's
 *       support within the data's x range, then golden-section refinement); its error is half the
 *       width of the region where the profile chi^2 is within 1 of its minimum.</li>
 *   <li>A fitted intrinsic scatter is the value that makes chi^2 equal its degrees of freedom
 *       (0 when chi^2 is already below them), alternating with the parameter solve; its error is the
 *       rough sqrt((mean err^2 + s^2) / (2 dof)), meant only to size the starting ball.</li>
 * </ul>
 * Priors are not used (except to bound the knee search). Stateless and thread-safe.
 */
public final class WeightedLeastSquares {

    private static final int KNEE_GRID = 200;
    private static final int SCATTER_ROUNDS = 30;

    private WeightedLeastSquares() {
    }

    /**
     * A least-squares solution.
     *
     * @param params     best parameters, in the model's order (NaN when the fit is degenerate)
     * @param errors     one-sigma errors (sqrt of the covariance diagonal)
     * @param covariance parameter covariance (knee and scatter rows/columns hold only their variance)
     * @param chi2       sum of w * residual^2 at the solution
     * @param dof        points minus parameters
     * @param message    why the fit is degenerate, or null when it is not
     */
    public record Result(double[] params, double[] errors, double[][] covariance, double chi2, int dof, String message) {

        /** Whether a solution was found. */
        public boolean ok() {
            return message == null;
        }
    }

    /** Fits a model to data; the priors only bound the knee search. */
    public static Result fit(FitModel model, FitData data, java.util.List<Prior> priors) {
        int p = model.dimension();
        int n = data.size();
        if (n <= p) {
            return degenerate(p, n, n + " points for " + p + " parameters");
        }
        double scatter = 0;
        Result r = null;
        int rounds = model.scatter() ? SCATTER_ROUNDS : 1;
        for (int round = 0; round < rounds; round++) {
            r = model.kneeFitted() ? kneeProfile(model, data, priors.get(3), scatter) : linear(model, model.knee(), data, scatter);
            if (!r.ok() || !model.scatter()) {
                break;
            }
            double next = scatterFor(model, data, r.params());
            if (Math.abs(next - scatter) <= 1e-12 * (1 + next)) {
                scatter = next;
                break;
            }
            scatter = next;
        }
        if (!model.scatter() || !r.ok()) {
            return r;
        }
        r = model.kneeFitted() ? kneeProfile(model, data, priors.get(3), scatter) : linear(model, model.knee(), data, scatter);
        double meanErr2 = 0;
        for (int i = 0; i < n; i++) {
            meanErr2 += data.yErr(i) * data.yErr(i);
        }
        meanErr2 /= n;
        int s = model.scatterIndex();
        double sErr = Math.sqrt((meanErr2 + scatter * scatter) / (2.0 * (n - p)));
        double[] params = r.params().clone();
        double[] errors = r.errors().clone();
        double[][] cov = copy(r.covariance());
        params[s] = scatter;
        errors[s] = sErr;
        cov[s][s] = sErr * sErr;
        return new Result(params, errors, cov, chi2(model.code(), knee(model, params), data, params, scatter), n - p, null);
    }

    /** The solve of the linear-in-parameters models (line, quadratic, broken line at a given knee). */
    private static Result linear(FitModel model, double knee, FitData data, double scatter) {
        int p = model.dimension();
        int q = model.scatter() ? p - 1 : p; // parameters solved linearly
        if (model.kneeFitted()) {
            q = 3;
        }
        int n = data.size();
        double[][] a = new double[n][q];
        double[] b = new double[n];
        int inner = 0;
        for (int i = 0; i < n; i++) {
            double x = data.x(i);
            double e = data.yErr(i);
            double sw = 1 / Math.sqrt(e * e + scatter * scatter);
            switch (model.shape()) {
                case LINEAR -> {
                    a[i][0] = sw * x;
                    a[i][1] = sw;
                }
                case QUADRATIC -> {
                    a[i][0] = sw * x * x;
                    a[i][1] = sw * x;
                    a[i][2] = sw;
                }
                case BROKEN_LINEAR -> {
                    boolean in = x < knee;
                    inner += in ? 1 : 0;
                    a[i][0] = in ? sw * (x - knee) : 0;
                    a[i][1] = in ? 0 : sw * (x - knee);
                    a[i][2] = sw;
                }
            }
            b[i] = sw * data.y(i);
        }
        if (model.shape() == FitModel.Shape.BROKEN_LINEAR && (inner < 1 || n - inner < 1)) {
            return degenerate(p, n, "no points on one side of the knee at " + knee);
        }
        double[] theta;
        double[][] cov;
        try {
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression(0);
            ols.setNoIntercept(true);
            ols.newSampleData(b, a);
            theta = ols.estimateRegressionParameters();
            cov = ols.estimateRegressionParametersVariance();
        } catch (org.apache.commons.math3.exception.MathIllegalArgumentException e) {
            return degenerate(p, n, "the points do not constrain every parameter (" + e.getMessage() + ")");
        }
        double[] params = new double[p];
        double[][] full = new double[p][p];
        System.arraycopy(theta, 0, params, 0, q);
        for (int i = 0; i < q; i++) {
            System.arraycopy(cov[i], 0, full[i], 0, q);
        }
        if (model.kneeFitted()) {
            params[3] = knee;
        }
        double[] errors = new double[p];
        for (int i = 0; i < p; i++) {
            errors[i] = Math.sqrt(full[i][i]);
        }
        return new Result(params, errors, full, chi2(model.code(), knee, data, params, scatter), n - p, null);
    }

    /** Profile chi^2 over the knee: grid, golden-section refinement, and the Delta chi^2 = 1 width. */
    private static Result kneeProfile(FitModel model, FitData data, Prior kneePrior, double scatter) {
        double lo = Math.max(kneePrior.lo(), data.minX());
        double hi = Math.min(kneePrior.hi(), data.maxX());
        int p = model.dimension();
        if (!(lo < hi)) {
            return degenerate(p, data.size(), "the knee prior " + kneePrior.describe() + " does not overlap the data's x range");
        }
        double[] grid = new double[KNEE_GRID + 1];
        double[] chi = new double[KNEE_GRID + 1];
        int best = -1;
        for (int g = 0; g <= KNEE_GRID; g++) {
            grid[g] = lo + (hi - lo) * g / KNEE_GRID;
            Result r = linear(model, grid[g], data, scatter);
            chi[g] = r.ok() ? r.chi2() : Double.POSITIVE_INFINITY;
            if (chi[g] < Double.POSITIVE_INFINITY && (best < 0 || chi[g] < chi[best])) {
                best = g;
            }
        }
        if (best < 0) {
            return degenerate(p, data.size(), "no knee position between " + lo + " and " + hi + " leaves points on both sides");
        }
        double a = grid[Math.max(0, best - 1)];
        double c = grid[Math.min(KNEE_GRID, best + 1)];
        double k = golden(model, data, scatter, a, c, grid[best], chi[best]);
        Result at = linear(model, k, data, scatter);
        if (!at.ok() || at.chi2() > chi[best]) {
            k = grid[best];
            at = linear(model, k, data, scatter);
        }
        double min = at.chi2();
        double left = k;
        double right = k;
        for (int g = 0; g <= KNEE_GRID; g++) {
            if (chi[g] <= min + 1) {
                left = Math.min(left, grid[g]);
                right = Math.max(right, grid[g]);
            }
        }
        double step = (hi - lo) / KNEE_GRID;
        double kneeErr = Math.max(0.5 * (right - left), 0.5 * step);
        double[] params = at.params().clone();
        double[] errors = at.errors().clone();
        double[][] cov = copy(at.covariance());
        params[3] = k;
        errors[3] = kneeErr;
        cov[3][3] = kneeErr * kneeErr;
        return new Result(params, errors, cov, min, at.dof(), null);
    }

    private static double golden(FitModel model, FitData data, double scatter, double a, double c, double start, double startChi) {
        final double invPhi = (Math.sqrt(5) - 1) / 2;
        double x1 = c - invPhi * (c - a);
        double x2 = a + invPhi * (c - a);
        double f1 = chiAt(model, x1, data, scatter);
        double f2 = chiAt(model, x2, data, scatter);
        for (int it = 0; it < 60 && c - a > 1e-9 * (1 + Math.abs(start)); it++) {
            if (f1 < f2) {
                c = x2;
                x2 = x1;
                f2 = f1;
                x1 = c - invPhi * (c - a);
                f1 = chiAt(model, x1, data, scatter);
            } else {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + invPhi * (c - a);
                f2 = chiAt(model, x2, data, scatter);
            }
        }
        double k = 0.5 * (a + c);
        return chiAt(model, k, data, scatter) <= startChi ? k : start;
    }

    private static double chiAt(FitModel model, double knee, FitData data, double scatter) {
        Result r = linear(model, knee, data, scatter);
        return r.ok() ? r.chi2() : Double.POSITIVE_INFINITY;
    }

    /** The scatter that makes chi^2 equal to its degrees of freedom at fixed parameters (0 if already below). */
    private static double scatterFor(FitModel model, FitData data, double[] params) {
        int n = data.size();
        int dof = n - model.dimension();
        double knee = knee(model, params);
        if (chi2(model.code(), knee, data, params, 0) <= dof) {
            return 0;
        }
        double lo = 0;
        double hi = 1;
        while (chi2(model.code(), knee, data, params, hi) > dof) {
            hi *= 2;
            if (hi > 1e12) {
                return hi;
            }
        }
        for (int it = 0; it < 100; it++) {
            double mid = 0.5 * (lo + hi);
            if (chi2(model.code(), knee, data, params, mid) > dof) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static double knee(FitModel model, double[] params) {
        return model.kneeFitted() ? params[3] : model.knee();
    }

    /** sum of (y - model)^2 / (err^2 + scatter^2). */
    static double chi2(int code, double knee, FitData data, double[] params, double scatter) {
        double s = 0;
        for (int i = 0; i < data.size(); i++) {
            double r = data.y(i) - FitModel.value(code, knee, data.x(i), params, 0, 1);
            double e = data.yErr(i);
            s += r * r / (e * e + scatter * scatter);
        }
        return s;
    }

    private static Result degenerate(int p, int n, String why) {
        double[] nan = new double[p];
        Arrays.fill(nan, Double.NaN);
        double[][] cov = new double[p][p];
        for (double[] row : cov) {
            Arrays.fill(row, Double.NaN);
        }
        return new Result(nan, nan.clone(), cov, Double.NaN, n - p, why);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
