package org.ocengine.stars;

/**
 * The frequency grid and eligibility of the RV periodograms (SPEC.md 8). Immutable.
 *
 * @param minPeriodDays  shortest period searched, days (0.5: the grid's maximum frequency is 2 per day)
 * @param maxPeriodDays  longest period searched, days; NaN for the longest time span of the series
 * @param samplesPerPeak grid points per peak width 1/T (5, astropy's default)
 * @param minEpochs      stars with fewer RV epochs get no periodogram (6; the floating-mean sinusoid
 *                       has three parameters)
 * @param keplerianMinEpochs stars with at least this many RV epochs get the period of the best Keplerian orbit at
 *                       the periodogram's highest peaks ({@link KeplerianPeriods}); fewer, the highest peak's (12:
 *                       twice the Keplerian's six parameters)
 */
public record PeriodogramConfig(double minPeriodDays, double maxPeriodDays, double samplesPerPeak, int minEpochs,
                                int keplerianMinEpochs) {

    public PeriodogramConfig {
        if (!(minPeriodDays > 0) || !(samplesPerPeak > 0) || minEpochs < 4
                || !(Double.isNaN(maxPeriodDays) || maxPeriodDays > minPeriodDays)) {
            throw new IllegalArgumentException("periodograms need 0 < min period < max period, positive sampling and at least 4 epochs");
        }
        if (keplerianMinEpochs < 7) {
            throw new IllegalArgumentException("Keplerian periods need at least 7 epochs (the orbit has six parameters)");
        }
    }

    public static PeriodogramConfig defaults() {
        return new PeriodogramConfig(0.5, Double.NaN, 5.0, 6, 12);
    }

    public PeriodogramConfig withMinPeriod(double days) {
        return new PeriodogramConfig(days, maxPeriodDays, samplesPerPeak, minEpochs, keplerianMinEpochs);
    }

    public PeriodogramConfig withMaxPeriod(double days) {
        return new PeriodogramConfig(minPeriodDays, days, samplesPerPeak, minEpochs, keplerianMinEpochs);
    }
}
