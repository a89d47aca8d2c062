package org.ocengine.stars;

/**
 * The rules for internal uncertainties versus S/N (SPEC.md 4, eq. 3-4), as Zong et al. (2020,
 * Sec. 3.2) and Qin et al. (2025, Sec. 3.2) state them; each a default a run can change. Immutable.
 *
 * @param clipBinWidth     width of the S/N intervals in which differences are sigma-clipped (6)
 * @param clipSigma        differences further than this many standard deviations from their bin's
 *                         median are clipped (3, Qin et al.: "from the median")
 * @param maxClipRounds    clipping is repeated until a round removes nothing, at most this often (10;
 *                         the papers needed 2-3 rounds)
 * @param gridStart        centre of the first S/N window of the fit (8)
 * @param gridStep         step between window centres (2)
 * @param gridCount        number of windows (80: S/N 8 to 166, Zong et al.)
 * @param windowWidth      width of each window, S/N (6, the clipping bin size)
 * @param minPerWindow     windows with fewer remaining differences than this are not fitted (10)
 * @param maxSnr           spectra above this S/N take no part (300, Zong et al.: "too few of them")
 * @param outlierFactor    final outliers: |dP| larger than this many sigma_P(S/N) (6)
 */
public record UncertaintyConfig(double clipBinWidth, double clipSigma, int maxClipRounds, double gridStart,
                                double gridStep, int gridCount, double windowWidth, int minPerWindow,
                                double maxSnr, double outlierFactor) {

    public UncertaintyConfig {
        if (!(clipBinWidth > 0) || !(windowWidth > 0) || !(gridStep > 0) || gridCount < 1) {
            throw new IllegalArgumentException("S/N bins and windows need positive widths and at least one window");
        }
        if (!(clipSigma > 0) || !(outlierFactor > 0) || maxClipRounds < 0 || minPerWindow < 2) {
            throw new IllegalArgumentException("clip and outlier factors must be positive, and windows need at least 2 points");
        }
    }

    /** The published rules. */
    public static UncertaintyConfig defaults() {
        return new UncertaintyConfig(6.0, 3.0, 10, 8.0, 2.0, 80, 6.0, 10, 300.0, 6.0);
    }

    /** The same rules with another minimum number of differences per window. */
    public UncertaintyConfig withMinPerWindow(int value) {
        return new UncertaintyConfig(clipBinWidth, clipSigma, maxClipRounds, gridStart, gridStep, gridCount, windowWidth,
                value, maxSnr, outlierFactor);
    }
}
