package org.ocengine.stars;

import org.ocengine.combine.Weighting;

/**
 * The rules of the star catalogue (SPEC.md 4 and 8), each a default a run can change. Immutable.
 *
 * @param weighting        weights of the per-star means (eq. 1): (S/N)^2 by default
 * @param rvVariableFactor an RV-variable candidate has an RV standard deviation above this many times
 *                         its mean RV error (3, Qin et al. 2025 Sec. 4.3), with at least 2 RVs
 * @param uncertainties    the internal-uncertainty rules
 * @param periodograms     the periodogram grid
 */
public record StarCatalogueConfig(Weighting weighting, double rvVariableFactor, UncertaintyConfig uncertainties,
                                  PeriodogramConfig periodograms) {

    /** Metal-poor candidates: -2.0 &lt;= [Fe/H] &lt;= -1.0 (Qin et al. 2025 Sec. 4.1). */
    public static final double MP_MIN = -2.0;
    public static final double MP_MAX = -1.0;
    /** Very metal-poor candidates: -2.5 &lt;= [Fe/H] &lt; -2.0 (SPEC.md 8; the paper writes &lt;= -2.0 for both, so -2.0 is MP). */
    public static final double VMP_MIN = -2.5;

    public StarCatalogueConfig {
        if (!(rvVariableFactor > 0)) {
            throw new IllegalArgumentException("the RV-variable factor must be positive");
        }
    }

    public static StarCatalogueConfig defaults() {
        return new StarCatalogueConfig(Weighting.SNR_SQUARED, 3.0, UncertaintyConfig.defaults(), PeriodogramConfig.defaults());
    }

    public StarCatalogueConfig withWeighting(Weighting value) {
        return new StarCatalogueConfig(value, rvVariableFactor, uncertainties, periodograms);
    }

    public StarCatalogueConfig withPeriodograms(PeriodogramConfig value) {
        return new StarCatalogueConfig(weighting, rvVariableFactor, uncertainties, value);
    }

    public StarCatalogueConfig withUncertainties(UncertaintyConfig value) {
        return new StarCatalogueConfig(weighting, rvVariableFactor, value, periodograms);
    }
}
