package org.ocengine.stars;

import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.util.Pair;

/**
 * The internal-uncertainty law of the time-domain papers (SPEC.md 4, eq. 4; Zong et al. 2020
 * Table 4, Qin et al. 2025 Table 3): {@code sigma(S/N) = a * (S/N)^b + c}, fitted by weighted
 * nonlinear least squares (Levenberg-Marquardt, Commons Math 3.6.1).
 *
 * <p>Parameter errors are the square roots of the diagonal of the covariance {@code (J^T W J)^-1}
 * scaled by the reduced chi-square (as scipy's {@code curve_fit} does by default), so they reflect
 * the scatter of the points about the law, not only the weights given. Where the points are not
 * independent (the papers' overlapping S/N windows share spectra) these errors are too small by
 * roughly the square root of the overlap factor.
 *
 * @param a          amplitude, in the unit of the quantity
 * @param b          power of S/N
 * @param c          floor, in the unit of the quantity
 * @param aErr       1-sigma error of a
 * @param bErr       1-sigma error of b
 * @param cErr       1-sigma error of c
 * @param chiSquare  weighted sum of squared residuals at the optimum
 * @param points     number of points fitted
 */
public record PowerLawFit(double a, double b, double c, double aErr, double bErr, double cErr,
                          double chiSquare, int points) {

    /** Starting powers tried; the fit with the smallest chi-square wins (the law is not convex in b). */
    private static final double[] START_POWERS = {-0.5, -1.0, -1.5, -2.0};

    /** A fit that could not be made (too few points, or no convergence): every number NaN. */
    public static PowerLawFit none(int points) {
        return new PowerLawFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, points);
    }

    /** True when the coefficients are numbers. */
    public boolean valid() {
        return !Double.isNaN(a);
    }

    /** The law at one S/N. */
    public double sigma(double snr) {
        return a * Math.pow(snr, b) + c;
    }

    /**
     * Fits the law to points (x_j, y_j) with 1-sigma errors e_j (weights 1/e_j^2).
     *
     * @param x S/N of each point (&gt; 0)
     * @param y dispersion at that S/N
     * @param e error of each dispersion (&gt; 0)
     * @return the best of the fits started from b = -0.5, -1, -1.5, -2; {@link #none} with fewer than 4 points
     */
    public static PowerLawFit fit(double[] x, double[] y, double[] e) {
        int n = x.length;
        if (n < 4) {
            return none(n);
        }
        double[] weights = new double[n];
        double minY = Double.POSITIVE_INFINITY;
        int lowest = 0;
        for (int j = 0; j < n; j++) {
            weights[j] = 1.0 / (e[j] * e[j]);
            minY = Math.min(minY, y[j]);
            if (x[j] < x[lowest]) {
                lowest = j;
            }
        }
        MultivariateJacobianFunction model = point -> {
            double a = point.getEntry(0);
            double b = point.getEntry(1);
            double c = point.getEntry(2);
            double[] value = new double[n];
            double[][] jacobian = new double[n][3];
            for (int j = 0; j < n; j++) {
                double p = Math.pow(x[j], b);
                value[j] = a * p + c;
                jacobian[j][0] = p;
                jacobian[j][1] = a * p * Math.log(x[j]);
                jacobian[j][2] = 1.0;
            }
            return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
        };
        PowerLawFit best = none(n);
        double c0 = 0.5 * minY;
        for (double b0 : START_POWERS) {
            double a0 = (y[lowest] - c0) / Math.pow(x[lowest], b0);
            LeastSquaresProblem problem = new LeastSquaresBuilder()
                    .start(new double[] {a0, b0, c0})
                    .model(model)
                    .target(y)
                    .weight(new DiagonalMatrix(weights))
                    .maxEvaluations(20_000)
                    .maxIterations(20_000)
                    .build();
            try {
                LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
                double cost = optimum.getCost();
                double chi2 = cost * cost; // the cost is the weighted root sum of squares
                if (!(chi2 < best.chiSquare) && best.valid()) {
                    continue;
                }
                double[] p = optimum.getPoint().toArray();
                RealMatrix cov = optimum.getCovariances(1e-14);
                double scale = n > 3 ? chi2 / (n - 3) : Double.NaN;
                best = new PowerLawFit(p[0], p[1], p[2], Math.sqrt(cov.getEntry(0, 0) * scale),
                        Math.sqrt(cov.getEntry(1, 1) * scale), Math.sqrt(cov.getEntry(2, 2) * scale), chi2, n);
            } catch (ConvergenceException | TooManyEvaluationsException | TooManyIterationsException | SingularMatrixException failed) {
                // this start did not converge; another may
            }
        }
        return best;
    }
}
