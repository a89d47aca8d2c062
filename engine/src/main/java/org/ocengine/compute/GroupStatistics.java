package org.ocengine.compute;

/**
 * Per-group results of grouped Monte-Carlo sampling (SPEC.md 5). With draws x_ij ~ N(v_i, e_i) for
 * stars i and realisations j: mean_j and median_j are the mean and median over the stars of
 * realisation j (median of an even count: the average of the two middle values).
 *
 * <ul>
 *   <li>{@code mean[g]}: average of mean_j; {@code meanStd[g]}: population standard deviation of mean_j</li>
 *   <li>{@code median[g]}: median of median_j (exact); {@code medianStd[g]}: standard deviation of median_j</li>
 *   <li>{@code dispersion[g]}: population standard deviation of all pooled draws x_ij</li>
 * </ul>
 * Groups with no stars hold NaN. Units are those of the values. Arrays are owned by this record.
 */
public record GroupStatistics(double[] mean, double[] meanStd, double[] median, double[] medianStd, double[] dispersion) {

    public int groupCount() {
        return mean.length;
    }
}
