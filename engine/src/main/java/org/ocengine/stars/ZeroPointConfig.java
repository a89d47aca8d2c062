package org.ocengine.stars;

import org.ocengine.combine.Weighting;

/**
 * The RV zero-point rules for time-domain plates (SPEC.md 4; Zong et al. 2020 Sec. 3.2 and
 * Appendix A, after Liu et al. 2019), each a default a run can change. Immutable.
 *
 * @param minPlateSpectra     plates with fewer spectra with a usable RV are not corrected (540)
 * @param maxConstantScatter  a "common constant" star has an RV standard deviation below this, km/s (1.0)
 * @param arcLampShift        added to the RV of every spectrum flagged {@code arc_lamp_alt}, km/s (6.5;
 *                            the papers give the size, not the sign: a negative value shifts the other way)
 * @param iterations          rounds of offset estimation (1: the papers found a second round changes nothing)
 * @param weighting           weights of the star means and cell offsets ((S/N)^2 or 1/err^2)
 */
public record ZeroPointConfig(int minPlateSpectra, double maxConstantScatter, double arcLampShift, int iterations,
                              Weighting weighting) {

    public ZeroPointConfig {
        if (minPlateSpectra < 0 || !(maxConstantScatter > 0) || iterations < 1 || Double.isNaN(arcLampShift)) {
            throw new IllegalArgumentException("zero-point rules need a non-negative plate size, a positive scatter limit,"
                    + " a shift and at least one iteration");
        }
    }

    /** The published rules. */
    public static ZeroPointConfig defaults() {
        return new ZeroPointConfig(540, 1.0, 6.5, 1, Weighting.SNR_SQUARED);
    }

    /** The same rules with another minimum plate size. */
    public ZeroPointConfig withMinPlateSpectra(int value) {
        return new ZeroPointConfig(value, maxConstantScatter, arcLampShift, iterations, weighting);
    }
}
