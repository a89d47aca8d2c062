package org.ocengine.stars;

/**
 * The frequency grid and eligibility of the RV periodograms (SPEC.md 8). Immutable.
 *
 * @param minPeriodDays  shortest period searched, days (0.5: the grid's maximum frequency is 2 per day)
 * @param maxPeriodDays  longest period searched, days; NaN for the longest time span of the series
 * @param samplesPerPeak grid points per peak width 1/T (5, astropy's default)
 * @param minEpochs      stars with fewer RV epochs get no periodogram (6; the floating-mean sinusoid
 *                       has three parameters)
 */
public record PeriodogramConfig(double minPeriodDays, double maxPeriodDays, double samplesPerPeak, int minEpochs) {

    public PeriodogramConfig {
        if (!(minPeriodDays > 0) || !(samplesPerPeak > 0) || minEpochs < 4
                || !(Double.isNaN(maxPeriodDays) || maxPeriodDays > minPeriodDays)) {
            throw new IllegalArgumentException("periodograms need 0 < min period < max period, positive sampling and at least 4 epochs");
        }
    }

    public static PeriodogramConfig defaults() {
        return new PeriodogramConfig(0.5, Double.NaN, 5.0, 6);
    }

    public PeriodogramConfig withMinPeriod(double days) {
        return new PeriodogramConfig(days, maxPeriodDays, samplesPerPeak, minEpochs);
    }

    public PeriodogramConfig withMaxPeriod(double days) {
        return new PeriodogramConfig(minPeriodDays, days, samplesPerPeak, minEpochs);
    }
}
