package org.ocengine.stars;

import java.util.Arrays;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.util.Pair;

/**
 * The statistics the survey papers quote when they compare their values with another catalogue's
 * (SPEC.md 9), for paired values (ours, theirs) with difference d = ours - theirs:
 * <ul>
 *   <li>count, mean, standard deviation (ddof 1) and median of d;</li>
 *   <li>the mean and standard deviation after 3-sigma clipping about the mean, repeated until
 *       nothing more is clipped (Zong et al. 2020 Sec. 4.1), with the number kept;</li>
 *   <li>a Gaussian fitted to the histogram of d (Zong et al. 2020 Fig. 13: mu, sigma), by
 *       Levenberg-Marquardt with Poisson weights, over the clipped mean +- 5 clipped sigma in
 *       Freedman-Diaconis bins;</li>
 *   <li>a straight line ours = slope * theirs + intercept fitted to the dense core of the points
 *       (Qin et al. 2025 Sec. 3.3): the points are binned on a grid over the 1st-99th percentiles of
 *       each axis, the counts smoothed with a Gaussian kernel of one pixel, the densest pixels kept
 *       until they hold 80% of the points, and the points in them fitted by least squares weighted by
 *       their pixel's smoothed density.</li>
 * </ul>
 * Fewer than 20 pairs give no Gaussian and no regression (NaN): with fewer, a histogram and a density
 * core say nothing. Stateless.
 */
public final class DifferenceStatistics {

    /** Fewest pairs for the histogram fit and the core regression. */
    static final int MIN_FOR_FITS = 20;
    /** Fraction of the points the dense core holds. */
    static final double CORE_FRACTION = 0.8;

    private DifferenceStatistics() {
    }

    /**
     * The statistics of one comparison.
     *
     * @param n            pairs with both values
     * @param mean         mean of ours - theirs
     * @param std          standard deviation (ddof 1)
     * @param median       median
     * @param clippedMean  mean after iterative 3-sigma clipping
     * @param clippedStd   standard deviation after clipping
     * @param kept         pairs left after clipping
     * @param gaussMu      centre of the Gaussian fitted to the histogram
     * @param gaussSigma   its width
     * @param slope        slope of ours against theirs in the dense core
     * @param intercept    intercept of that line
     * @param core         pairs in the dense core
     */
    public record Summary(int n, double mean, double std, double median, double clippedMean, double clippedStd, int kept,
                          double gaussMu, double gaussSigma, double slope, double intercept, int core) {
    }

    /** The statistics of the pairs where both values are numbers. */
    public static Summary of(double[] ours, double[] theirs) {
        int n = 0;
        for (int i = 0; i < ours.length; i++) {
            n += Double.isNaN(ours[i]) || Double.isNaN(theirs[i]) ? 0 : 1;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] d = new double[n];
        int k = 0;
        for (int i = 0; i < ours.length; i++) {
            if (!Double.isNaN(ours[i]) && !Double.isNaN(theirs[i])) {
                x[k] = theirs[i];
                y[k] = ours[i];
                d[k] = ours[i] - theirs[i];
                k++;
            }
        }
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, 0);
        }
        double mean = mean(d, null);
        double std = std(d, null, mean);
        boolean[] kept = clip(d, 3.0);
        double cMean = mean(d, kept);
        double cStd = std(d, kept, cMean);
        int nKept = 0;
        for (boolean b : kept) {
            nKept += b ? 1 : 0;
        }
        double[] gauss = n >= MIN_FOR_FITS ? gaussian(d, cMean, cStd) : new double[] {Double.NaN, Double.NaN};
        double[] line = n >= MIN_FOR_FITS ? coreRegression(x, y) : new double[] {Double.NaN, Double.NaN, 0};
        return new Summary(n, mean, std, median(d), cMean, cStd, nKept, gauss[0], gauss[1], line[0], line[1], (int) line[2]);
    }

    /** Iterative clipping about the mean at {@code k} standard deviations; true where kept. */
    static boolean[] clip(double[] d, double k) {
        boolean[] kept = new boolean[d.length];
        Arrays.fill(kept, true);
        while (true) {
            double m = mean(d, kept);
            double s = std(d, kept, m);
            int removed = 0;
            for (int i = 0; i < d.length; i++) {
                if (kept[i] && Math.abs(d[i] - m) > k * s) {
                    kept[i] = false;
                    removed++;
                }
            }
            if (removed == 0 || !(s > 0)) {
                return kept;
            }
        }
    }

    /** {mu, sigma} of a Gaussian fitted to the histogram of d. */
    private static double[] gaussian(double[] d, double centre, double width) {
        if (!(width > 0)) {
            return new double[] {centre, 0.0};
        }
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        double lo = centre - 5 * width;
        double hi = centre + 5 * width;
        double binWidth = iqr > 0 ? 2 * iqr * Math.pow(d.length, -1.0 / 3) : width / 2;
        int bins = (int) Math.max(10, Math.min(200, Math.ceil((hi - lo) / binWidth)));
        binWidth = (hi - lo) / bins;
        double[] centres = new double[bins];
        double[] counts = new double[bins];
        double[] weights = new double[bins];
        for (int b = 0; b < bins; b++) {
            centres[b] = lo + (b + 0.5) * binWidth;
        }
        for (double v : d) {
            int b = (int) Math.floor((v - lo) / binWidth);
            if (b >= 0 && b < bins) {
                counts[b]++;
            }
        }
        double peak = 0;
        for (int b = 0; b < bins; b++) {
            weights[b] = 1.0 / Math.max(counts[b], 1.0);
            peak = Math.max(peak, counts[b]);
        }
        MultivariateJacobianFunction model = p -> {
            double a = p.getEntry(0);
            double mu = p.getEntry(1);
            double s = p.getEntry(2);
            double[] v = new double[bins];
            double[][] j = new double[bins][3];
            for (int b = 0; b < bins; b++) {
                double z = (centres[b] - mu) / s;
                double e = Math.exp(-0.5 * z * z);
                v[b] = a * e;
                j[b][0] = e;
                j[b][1] = a * e * z / s;
                j[b][2] = a * e * z * z / s;
            }
            return new Pair<>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(j, false));
        };
        try {
            LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(new double[] {peak, centre, width}).model(model).target(counts)
                    .weight(new DiagonalMatrix(weights)).maxEvaluations(10_000).maxIterations(10_000).build());
            return new double[] {optimum.getPoint().getEntry(1), Math.abs(optimum.getPoint().getEntry(2))};
        } catch (ConvergenceException | TooManyEvaluationsException | TooManyIterationsException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    /** {slope, intercept, points in the core} of the dense-core regression of y on x. */
    static double[] coreRegression(double[] x, double[] y) {
        int n = x.length;
        double[] xs = x.clone();
        double[] ys = y.clone();
        Arrays.sort(xs);
        Arrays.sort(ys);
        double x0 = quantile(xs, 0.01);
        double x1 = quantile(xs, 0.99);
        double y0 = quantile(ys, 0.01);
        double y1 = quantile(ys, 0.99);
        if (!(x1 > x0) || !(y1 > y0)) {
            return new double[] {Double.NaN, Double.NaN, 0};
        }
        int bins = (int) Math.max(10, Math.min(60, Math.round(Math.sqrt(n))));
        double[][] count = new double[bins][bins];
        int[] pixel = new int[n];
        for (int i = 0; i < n; i++) {
            if (x[i] < x0 || x[i] > x1 || y[i] < y0 || y[i] > y1) {
                pixel[i] = -1;
                continue;
            }
            int bx = Math.min((int) Math.floor((x[i] - x0) / (x1 - x0) * bins), bins - 1);
            int by = Math.min((int) Math.floor((y[i] - y0) / (y1 - y0) * bins), bins - 1);
            pixel[i] = bx * bins + by;
            count[bx][by]++;
        }
        // Gaussian kernel of one pixel, truncated at three
        double[] kernel = new double[7];
        for (int k = -3; k <= 3; k++) {
            kernel[k + 3] = Math.exp(-0.5 * k * k);
        }
        double[][] along = new double[bins][bins];
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                double s = 0;
                for (int k = -3; k <= 3; k++) {
                    if (i + k >= 0 && i + k < bins) {
                        s += kernel[k + 3] * count[i + k][j];
                    }
                }
                along[i][j] = s;
            }
        }
        double[] density = new double[bins * bins];
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                double s = 0;
                for (int k = -3; k <= 3; k++) {
                    if (j + k >= 0 && j + k < bins) {
                        s += kernel[k + 3] * along[i][j + k];
                    }
                }
                density[i * bins + j] = s;
            }
        }
        Integer[] byDensity = new Integer[bins * bins];
        for (int p = 0; p < byDensity.length; p++) {
            byDensity[p] = p;
        }
        Arrays.sort(byDensity, (a, b) -> Double.compare(density[b], density[a]));
        boolean[] inCore = new boolean[bins * bins];
        double held = 0;
        for (int p : byDensity) {
            if (held >= CORE_FRACTION * n) {
                break;
            }
            inCore[p] = true;
            held += count[p / bins][p % bins];
        }
        double sw = 0;
        double swx = 0;
        double swy = 0;
        double swxx = 0;
        double swxy = 0;
        int core = 0;
        for (int i = 0; i < n; i++) {
            if (pixel[i] >= 0 && inCore[pixel[i]]) {
                double w = density[pixel[i]];
                sw += w;
                swx += w * x[i];
                swy += w * y[i];
                swxx += w * x[i] * x[i];
                swxy += w * x[i] * y[i];
                core++;
            }
        }
        double det = sw * swxx - swx * swx;
        if (core < 2 || !(det > 1e-12 * sw * swxx)) {
            return new double[] {Double.NaN, Double.NaN, core};
        }
        double slope = (sw * swxy - swx * swy) / det;
        return new double[] {slope, (swy - slope * swx) / sw, core};
    }

    private static double mean(double[] d, boolean[] use) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            if (use == null || use[i]) {
                s += d[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static double std(double[] d, boolean[] use, double mean) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            if (use == null || use[i]) {
                s += (d[i] - mean) * (d[i] - mean);
                n++;
            }
        }
        return n < 2 ? Double.NaN : Math.sqrt(s / (n - 1));
    }

    private static double median(double[] d) {
        double[] s = d.clone();
        Arrays.sort(s);
        return quantile(s, 0.5);
    }

    /** Linear-interpolated quantile of sorted values (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
