package org.ocengine.quality;

import java.util.Map;
import java.util.Set;
import org.ocengine.table.Columns;

/**
 * The quality rules of SPEC.md 1-2, every number a default that a run can change. Immutable.
 *
 * @param survey            MRS or LRS, for the S/N default
 * @param minSnr            rows with S/N at or below this are dropped (NaN: the survey's default)
 * @param requireRvFlagZero drop rows whose rv_flag is set and non-zero
 * @param sentinels         values that mean "unknown" in LAMOST/OCCAM tables (treated as missing)
 * @param errorLimits       plausibility limits per error column: a larger error means the value is unusable
 * @param requireRv         drop rows without a usable RV (the cluster catalogue needs one)
 * @param missingErrorFails a value given without its uncertainty stops the run with an error naming
 *                          file, column and row (default); false sets such values missing instead
 */
public record QualityConfig(Survey survey, double minSnr, boolean requireRvFlagZero, Set<Double> sentinels,
                            Map<String, Double> errorLimits, boolean requireRv, boolean missingErrorFails) {

    /**
     * SPEC.md 1: 9999, -9999, -9999.99 and -999; and 999999, which APOGEE DR16 (the OCCAM member
     * table's VHELIO_AVG) writes for "no RV" (beyond SPEC.md's list).
     */
    public static final Set<Double> DEFAULT_SENTINELS = Set.of(9999.0, -9999.0, -9999.99, -999.0, 999999.0);

    /** SPEC.md 1: RV error &gt; 50 km/s, [Fe/H] &gt; 1 dex, Teff &gt; 1000 K, logg &gt; 2 dex. */
    public static final Map<String, Double> DEFAULT_ERROR_LIMITS = Map.of(
            Columns.RV_ERR.name(), 50.0,
            Columns.FEH_ERR.name(), 1.0,
            Columns.TEFF_ERR.name(), 1000.0,
            Columns.LOGG_ERR.name(), 2.0);

    public QualityConfig {
        sentinels = Set.copyOf(sentinels);
        errorLimits = Map.copyOf(errorLimits);
    }

    /** The published defaults for a survey. */
    public static QualityConfig defaults(Survey survey) {
        return new QualityConfig(survey, survey.defaultMinSnr(), true, DEFAULT_SENTINELS, DEFAULT_ERROR_LIMITS, true, true);
    }

    public QualityConfig withMinSnr(double value) {
        return new QualityConfig(survey, value, requireRvFlagZero, sentinels, errorLimits, requireRv, missingErrorFails);
    }

    public QualityConfig withMissingErrorFails(boolean value) {
        return new QualityConfig(survey, minSnr, requireRvFlagZero, sentinels, errorLimits, requireRv, value);
    }

    public QualityConfig withErrorLimit(String errorColumn, double limit) {
        var limits = new java.util.HashMap<>(errorLimits);
        limits.put(errorColumn, limit);
        return new QualityConfig(survey, minSnr, requireRvFlagZero, sentinels, limits, requireRv, missingErrorFails);
    }
}
