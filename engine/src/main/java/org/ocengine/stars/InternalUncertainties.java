package org.ocengine.stars;

import java.util.Arrays;
import org.ocengine.combine.StarGroups;

/**
 * Internal uncertainties of one measured quantity as a function of S/N, from repeated spectra of
 * the same stars (SPEC.md 4, eq. 3-4; Zong et al. 2020 Sec. 3.2, Qin et al. 2025 Sec. 3.2):
 * <ol>
 *   <li>for every star with N &gt;= 2 usable values, each spectrum's difference from the star's weighted
 *       mean, {@code dP_k = (P_k - P) * sqrt(N/(N-1))} ({@link #differences});</li>
 *   <li>in S/N intervals of width 6 (edges at multiples of the width), differences further than
 *       3 standard deviations from the interval's median are clipped, repeated until a round clips
 *       nothing;</li>
 *   <li>the standard deviation of the remaining differences in windows of width 6 centred at
 *       S/N = 8, 10, ..., 166 (80 points), each with its standard error {@code sigma/sqrt(2(n-1))},
 *       is fitted with {@code sigma_P = a (S/N)^b + c} ({@link PowerLawFit}), each window placed at
 *       the mean S/N of its differences (not its nominal centre: a window cut by a quality limit, such
 *       as the S/N &gt; 10 of MRS, holds only its upper part, and its dispersion belongs there);</li>
 *   <li>final outliers are the spectra with {@code |dP| > 6 sigma_P(S/N)}.</li>
 * </ol>
 * Spectra can be excluded from steps 2-3 beforehand (Qin et al. leave out the RV-variable stars
 * when fitting RV); they are still tested in step 4. Spectra above S/N 300 take no part. Stateless.
 */
public final class InternalUncertainties {

    private InternalUncertainties() {
    }

    /**
     * What the fit found for one quantity.
     *
     * @param fit          the law's coefficients with errors
     * @param windowSnr    mean S/N of each window's remaining differences (the nominal centre when it has none)
     * @param windowSigma  standard deviation of the remaining differences in it
     * @param windowCount  number of those differences
     * @param clipped      per spectrum: removed by the clipping of step 2
     * @param outlier      per spectrum: a final outlier of step 4
     * @param differences  number of spectra with a difference (stars with N &gt;= 2)
     * @param excluded     of those, number excluded from clipping and fit beforehand
     * @param clipRounds   clipping rounds run (the last one clipped nothing, unless the cap was hit)
     */
    public record Result(PowerLawFit fit, double[] windowSnr, double[] windowSigma, int[] windowCount,
                         boolean[] clipped, boolean[] outlier, int differences, int excluded, int clipRounds) {

        /** Number of spectra clipped. */
        public int clippedCount() {
            return count(clipped);
        }

        /** Number of final outliers. */
        public int outlierCount() {
            return count(outlier);
        }

        private static int count(boolean[] b) {
            int n = 0;
            for (boolean x : b) {
                n += x ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * The differences of eq. 3 for every spectrum (NaN for spectra without a usable value and for
     * stars with fewer than two).
     *
     * @param value     the quantity per spectrum (NaN: missing)
     * @param error     its uncertainty per spectrum, or null when the quantity has none; a value
     *                  whose uncertainty is missing or negative is not usable (as in the combination)
     * @param groups    the spectra grouped by star
     * @param starMean  the star's weighted mean of the quantity, per group
     * @param starCount the number of usable values combined, per group
     */
    public static double[] differences(double[] value, double[] error, StarGroups groups, double[] starMean, int[] starCount) {
        double[] dp = new double[value.length];
        Arrays.fill(dp, Double.NaN);
        int[] rows = groups.rows();
        int[] offsets = groups.offsets();
        for (int g = 0; g < groups.count(); g++) {
            int n = starCount[g];
            if (n < 2) {
                continue;
            }
            double scale = Math.sqrt((double) n / (n - 1));
            for (int k = offsets[g]; k < offsets[g + 1]; k++) {
                int r = rows[k];
                if (!Double.isNaN(value[r]) && (error == null || error[r] >= 0)) {
                    dp[r] = (value[r] - starMean[g]) * scale;
                }
            }
        }
        return dp;
    }

    /**
     * Clips, fits and flags.
     *
     * @param snr      S/N per spectrum
     * @param dp       differences per spectrum ({@link #differences}); NaN takes no part
     * @param exclude  per spectrum, true to leave it out of clipping and fit (null: none)
     * @param config   the rules
     */
    public static Result fit(double[] snr, double[] dp, boolean[] exclude, UncertaintyConfig config) {
        int n = dp.length;
        boolean[] candidate = new boolean[n];
        int differences = 0;
        int excluded = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(dp[i])) {
                continue;
            }
            differences++;
            if (exclude != null && exclude[i]) {
                excluded++;
                continue;
            }
            candidate[i] = snr[i] > 0 && snr[i] <= config.maxSnr();
        }
        boolean[] clipped = new boolean[n];
        int rounds = clip(snr, dp, candidate, clipped, config);

        int m = config.gridCount();
        double[] centre = new double[m];
        double[] sigma = new double[m];
        int[] count = new int[m];
        double half = config.windowWidth() / 2;
        for (int j = 0; j < m; j++) {
            centre[j] = config.gridStart() + j * config.gridStep();
        }
        double[] sum = new double[m];
        double[] sumSq = new double[m];
        double[] sumSnr = new double[m];
        for (int i = 0; i < n; i++) {
            if (!candidate[i] || clipped[i]) {
                continue;
            }
            // windows [centre - half, centre + half) containing snr[i]
            int lo = (int) Math.ceil((snr[i] - half - config.gridStart()) / config.gridStep());
            int hi = (int) Math.floor((snr[i] + half - config.gridStart()) / config.gridStep());
            for (int j = Math.max(lo, 0); j <= Math.min(hi, m - 1); j++) {
                if (snr[i] >= centre[j] - half && snr[i] < centre[j] + half) {
                    count[j]++;
                    sum[j] += dp[i];
                    sumSq[j] += dp[i] * dp[i];
                    sumSnr[j] += snr[i];
                }
            }
        }
        int used = 0;
        for (int j = 0; j < m; j++) {
            if (count[j] >= config.minPerWindow()) {
                double mean = sum[j] / count[j];
                sigma[j] = Math.sqrt(Math.max(0, (sumSq[j] - count[j] * mean * mean) / (count[j] - 1)));
                centre[j] = sumSnr[j] / count[j];
                used++;
            } else {
                sigma[j] = Double.NaN;
            }
        }
        double[] x = new double[used];
        double[] y = new double[used];
        double[] e = new double[used];
        int k = 0;
        for (int j = 0; j < m; j++) {
            if (!Double.isNaN(sigma[j]) && sigma[j] > 0) {
                x[k] = centre[j];
                y[k] = sigma[j];
                e[k] = sigma[j] / Math.sqrt(2.0 * (count[j] - 1));
                k++;
            }
        }
        PowerLawFit law = PowerLawFit.fit(Arrays.copyOf(x, k), Arrays.copyOf(y, k), Arrays.copyOf(e, k));
        boolean[] outlier = new boolean[n];
        if (law.valid()) {
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(dp[i]) && snr[i] > 0) {
                    outlier[i] = Math.abs(dp[i]) > config.outlierFactor() * law.sigma(snr[i]);
                }
            }
        }
        return new Result(law, centre, sigma, count, clipped, outlier, differences, excluded, rounds);
    }

    /** Step 2: clips in place; returns the number of rounds run. */
    private static int clip(double[] snr, double[] dp, boolean[] candidate, boolean[] clipped, UncertaintyConfig config) {
        int n = dp.length;
        int bins = (int) Math.floor(config.maxSnr() / config.clipBinWidth()) + 1;
        int[] binOf = new int[n];
        for (int i = 0; i < n; i++) {
            binOf[i] = candidate[i] ? (int) Math.floor(snr[i] / config.clipBinWidth()) : -1;
        }
        int rounds = 0;
        while (rounds < config.maxClipRounds()) {
            rounds++;
            double[][] kept = new double[bins][];
            int[] size = new int[bins];
            for (int i = 0; i < n; i++) {
                if (binOf[i] >= 0 && !clipped[i]) {
                    size[binOf[i]]++;
                }
            }
            for (int b = 0; b < bins; b++) {
                kept[b] = new double[size[b]];
                size[b] = 0;
            }
            for (int i = 0; i < n; i++) {
                if (binOf[i] >= 0 && !clipped[i]) {
                    kept[binOf[i]][size[binOf[i]]++] = dp[i];
                }
            }
            double[] median = new double[bins];
            double[] limit = new double[bins];
            for (int b = 0; b < bins; b++) {
                double[] v = kept[b];
                if (v.length < 3) {
                    limit[b] = Double.POSITIVE_INFINITY;
                    continue;
                }
                double mean = 0;
                for (double d : v) {
                    mean += d;
                }
                mean /= v.length;
                double ss = 0;
                for (double d : v) {
                    ss += (d - mean) * (d - mean);
                }
                Arrays.sort(v);
                median[b] = v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
                limit[b] = config.clipSigma() * Math.sqrt(ss / (v.length - 1));
            }
            int newlyClipped = 0;
            for (int i = 0; i < n; i++) {
                if (binOf[i] >= 0 && !clipped[i] && Math.abs(dp[i] - median[binOf[i]]) > limit[binOf[i]]) {
                    clipped[i] = true;
                    newlyClipped++;
                }
            }
            if (newlyClipped == 0) {
                break;
            }
        }
        return rounds;
    }
}
