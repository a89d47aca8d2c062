package org.ocengine.stars;

import java.util.Locale;
import org.ocengine.combine.Weighting;

/**
 * The RV zero-point rules for time-domain plates (SPEC.md 4; Zong et al. 2020 Sec. 3.2 and
 * Appendix A, after Liu et al. 2019), each a default a run can change, and an optional extension
 * of ours ({@link Solution#JOINT_LEAST_SQUARES}). Immutable.
 *
 * @param minPlateSpectra     plates with fewer spectra with a usable RV are not corrected (540)
 * @param maxConstantScatter  a "common constant" star has an RV standard deviation below this, km/s (1.0)
 * @param arcLampShift        added to the RV of every spectrum flagged {@code arc_lamp_alt}, km/s (6.5;
 *                            the papers give the size, not the sign: a negative value shifts the other way)
 * @param iterations          rounds of constant-star selection (on the RVs corrected so far) and offset
 *                            estimation (1: the papers found a second round changes nothing)
 * @param weighting           weights of the star means and cell offsets ((S/N)^2 or 1/err^2)
 * @param solution            how the offsets are estimated from the constant stars (published: one pass of
 *                            weighted means)
 * @param minCoverage         a constant star has a usable RV in at least this fraction of the plate's
 *                            exposures (1: every exposure, the published rule; below 1 needs
 *                            {@link Solution#JOINT_LEAST_SQUARES})
 * @param tolerance           the joint solution stops when no offset changes by more than this in a sweep,
 *                            km/s (1e-4; not used by the published rule)
 */
public record ZeroPointConfig(int minPlateSpectra, double maxConstantScatter, double arcLampShift, int iterations,
                              Weighting weighting, Solution solution, double minCoverage, double tolerance) {

    /** The default stopping change of the joint solution, km/s. */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    /** How the (spectrograph, exposure) offsets are estimated from the common constant stars. */
    public enum Solution {
        /**
         * The published rule: each star's weighted mean RV over the plate, then each cell's offset as the
         * weighted mean of (RV - star mean) over its constant stars; one pass.
         */
        PUBLISHED_MEANS,
        /**
         * Our extension (not in the papers): weighted least squares of RV = star mean + cell offset + noise
         * over the constant stars, by alternating star means and cell offsets until no offset changes by
         * more than {@link #tolerance()}; a star missing some exposures still constrains the others. The
         * mean offset of each set of cells linked by shared stars (a spectrograph's cells on a plate, as a
         * star keeps its fibre) is fixed at zero: it cannot be told from the stars' mean RVs.
         */
        JOINT_LEAST_SQUARES
    }

    public ZeroPointConfig {
        if (minPlateSpectra < 0 || !(maxConstantScatter > 0) || iterations < 1 || Double.isNaN(arcLampShift)) {
            throw new IllegalArgumentException("zero-point rules need a non-negative plate size, a positive scatter limit,"
                    + " a shift and at least one iteration");
        }
        if (solution == null || weighting == null) {
            throw new IllegalArgumentException("zero-point rules need a weighting and a solution");
        }
        if (!(minCoverage > 0 && minCoverage <= 1) || !(tolerance > 0)) {
            throw new IllegalArgumentException("the constant stars' coverage must be in (0, 1] and the tolerance positive, not "
                    + minCoverage + " and " + tolerance);
        }
        if (solution == Solution.PUBLISHED_MEANS && minCoverage < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a coverage of %.2f needs the joint least-squares solution:"
                    + " the published one-pass means of stars missing exposures carry the offsets of the exposures they miss",
                    minCoverage));
        }
    }

    /** The published rules with these values (constant stars in every exposure, one pass of weighted means). */
    public ZeroPointConfig(int minPlateSpectra, double maxConstantScatter, double arcLampShift, int iterations, Weighting weighting) {
        this(minPlateSpectra, maxConstantScatter, arcLampShift, iterations, weighting, Solution.PUBLISHED_MEANS, 1.0, DEFAULT_TOLERANCE);
    }

    /** The published rules. */
    public static ZeroPointConfig defaults() {
        return new ZeroPointConfig(540, 1.0, 6.5, 1, Weighting.SNR_SQUARED);
    }

    /** The same rules with another minimum plate size. */
    public ZeroPointConfig withMinPlateSpectra(int value) {
        return new ZeroPointConfig(value, maxConstantScatter, arcLampShift, iterations, weighting, solution, minCoverage, tolerance);
    }

    /**
     * The same rules with the joint least-squares extension: constant stars need a usable RV in at least
     * {@code coverage} of the plate's exposures (e.g. 0.8), and offsets and star means are solved together.
     */
    public ZeroPointConfig withJointSolution(double coverage) {
        return new ZeroPointConfig(minPlateSpectra, maxConstantScatter, arcLampShift, iterations, weighting, Solution.JOINT_LEAST_SQUARES,
                coverage, tolerance);
    }

    /** The same rules with another stopping change of the joint solution, km/s. */
    public ZeroPointConfig withTolerance(double value) {
        return new ZeroPointConfig(minPlateSpectra, maxConstantScatter, arcLampShift, iterations, weighting, solution, minCoverage, value);
    }

    /** One line naming the solution and the constant-star rule, for run notes. */
    public String describeSolution() {
        return solution == Solution.PUBLISHED_MEANS
                ? String.format(Locale.ROOT, "published rule (constant stars: a usable RV in every exposure, scatter < %.2f km/s;"
                        + " offsets as weighted means, %d round%s)", maxConstantScatter, iterations, iterations == 1 ? "" : "s")
                : String.format(Locale.ROOT, "joint weighted least squares, an extension of the published rule (constant stars: a usable"
                        + " RV in at least %.0f%% of the plate's exposures, scatter < %.2f km/s; star means and offsets alternated"
                        + " until no offset changes by %.1g km/s; mean offset per spectrograph and plate fixed at 0; %d round%s)",
                        100 * minCoverage, maxConstantScatter, tolerance, iterations, iterations == 1 ? "" : "s");
    }
}
