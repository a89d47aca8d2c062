package org.ocengine.stars;

import org.ocengine.combine.Weighting;

/**
 * The rules of the star catalogue (SPEC.md 4 and 8), each a default a run can change. Immutable.
 *
 * @param weighting        weights of the per-star means (eq. 1): (S/N)^2 by default
 * @param rvVariableFactor an RV-variable candidate has an RV standard deviation above this many times
 *                         its mean RV error (3, Qin et al. 2025 Sec. 4.3), with at least 2 RVs
 * @param rvChi2Alpha      a star is also an RV variable by the chi^2 test when a constant star would give a chi^2 of
 *                         its RVs about their weighted mean this large with probability below this (0.001), with
 *                         at least 2 RVs: a test that uses every epoch's error, so it finds amplitudes the
 *                         standard-deviation rule cannot (a sinusoid's standard deviation is K/sqrt(2))
 * @param uncertainties    the internal-uncertainty rules
 * @param periodograms     the periodogram grid
 */
public record StarCatalogueConfig(Weighting weighting, double rvVariableFactor, double rvChi2Alpha, UncertaintyConfig uncertainties,
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
        if (!(rvChi2Alpha > 0 && rvChi2Alpha < 1)) {
            throw new IllegalArgumentException("the RV-variable chi^2 probability must lie in (0, 1)");
        }
    }

    public static StarCatalogueConfig defaults() {
        return new StarCatalogueConfig(Weighting.SNR_SQUARED, 3.0, 1e-3, UncertaintyConfig.defaults(), PeriodogramConfig.defaults());
    }

    public StarCatalogueConfig withWeighting(Weighting value) {
        return new StarCatalogueConfig(value, rvVariableFactor, rvChi2Alpha, uncertainties, periodograms);
    }

    public StarCatalogueConfig withRvChi2Alpha(double value) {
        return new StarCatalogueConfig(weighting, rvVariableFactor, value, uncertainties, periodograms);
    }

    public StarCatalogueConfig withPeriodograms(PeriodogramConfig value) {
        return new StarCatalogueConfig(weighting, rvVariableFactor, rvChi2Alpha, uncertainties, value);
    }

    public StarCatalogueConfig withUncertainties(UncertaintyConfig value) {
        return new StarCatalogueConfig(weighting, rvVariableFactor, rvChi2Alpha, value, periodograms);
    }
}
