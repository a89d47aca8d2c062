package org.ocengine.cluster;

import org.apache.commons.math3.special.Erf;

/**
 * The standard error of a cluster's Monte-Carlo median, estimated from the stars' own scatter.
 *
 * <p>The median of the per-realisation medians (SPEC.md 5) is, for many draws, the root T of
 * sum_i Phi((T - x_i) / e_i) = N / 2: an M-estimator of location with psi_i = Phi(r_i) - 1/2,
 * r_i = (T - x_i) / e_i. Its sandwich (Huber) variance, estimated from the observed residuals, is
 * <pre>
 *   SE^2 = N/(N-1) * sum_i psi_i^2 / ( sum_i phi(r_i) / e_i )^2
 * </pre>
 * with Phi and phi the standard normal CDF and density and N/(N-1) a small-sample correction. It
 * sees what the values really scatter by: measurement errors, an intrinsic velocity dispersion,
 * binaries and errors nobody reported. The published plus-or-minus, the standard deviation of the
 * per-realisation medians, answers another question (how much the median of a re-drawn sample
 * varies around noisy values): when measurement errors dominate it is about 1.37 times the error of
 * T, which is almost as precise as a mean (a chemically homogeneous cluster's [Fe/H]), and it cannot
 * see scatter the errors do not state. One star: its own error (the published one-star rule).
 * Stateless and thread-safe.
 */
final class MedianUncertainty {

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private MedianUncertainty() {
    }

    /**
     * The standard error of each group's median.
     *
     * @param values  the values of the stars of group g at {@code offsets[g] .. offsets[g+1]-1}
     * @param errors  their uncertainties, same layout (non-negative)
     * @param offsets group boundaries, length groups + 1
     * @param median  each group's reported median T
     * @return per group; NaN for an empty group
     */
    static double[] standardErrors(double[] values, double[] errors, int[] offsets, double[] median) {
        int groups = offsets.length - 1;
        double[] se = new double[groups];
        for (int g = 0; g < groups; g++) {
            int n = offsets[g + 1] - offsets[g];
            if (n == 0 || Double.isNaN(median[g])) {
                se[g] = Double.NaN;
                continue;
            }
            if (n == 1) {
                se[g] = errors[offsets[g]];
                continue;
            }
            double sumPsi2 = 0;
            double sumSlope = 0;
            for (int i = offsets[g]; i < offsets[g + 1]; i++) {
                double e = Math.max(errors[i], 1e-12);
                double r = (median[g] - values[i]) / e;
                double psi = 0.5 * Erf.erfc(-r / Math.sqrt(2)) - 0.5;
                sumPsi2 += psi * psi;
                sumSlope += INV_SQRT_2PI * Math.exp(-0.5 * r * r) / e;
            }
            se[g] = sumSlope > 0 ? Math.sqrt((double) n / (n - 1) * sumPsi2) / sumSlope : Double.NaN;
        }
        return se;
    }
}
