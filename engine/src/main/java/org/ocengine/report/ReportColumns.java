package org.ocengine.report;

import java.util.List;

/**
 * Column and table names the figures read that are not (yet) in {@link org.ocengine.table.Columns}:
 * they are written by stages being built on other branches, and are spelled here as those branches
 * spell them, so that a figure lights up as soon as its stage lands. Where the branches disagree
 * (orbits write {@code lz}, the gradient fits read {@code l_z}), every spelling is listed and the
 * first present is used.
 */
final class ReportColumns {

    // Orbit stage (issue 6, org.ocengine.galaxy.GalacticOrbits): cluster-table columns
    /** Galactocentric cylindrical radius, kpc. */
    static final List<String> R_GC = List.of("r_gc", "rgc", "R_GC");
    /** Galactocentric Z, kpc. */
    static final List<String> Z_GC = List.of("z_gc", "Z");
    /** Azimuthal velocity, km/s. */
    static final List<String> V_PHI = List.of("v_phi");
    /** Angular momentum L_z, kpc km/s. */
    static final List<String> L_Z = List.of("lz", "l_z", "L_z");
    /** Orbital energy, km^2/s^2. */
    static final List<String> ENERGY = List.of("energy", "E");
    /** Eccentricity. */
    static final List<String> ECC = List.of("ecc");
    /** Apocentre, kpc. */
    static final List<String> R_APO = List.of("r_apo");

    // Gradient fits (issue 7, org.ocengine.gradient.GradientFits): one row per fit
    static final String FIT_MODEL = "model";
    static final String FIT_VARIABLE = "variable";
    static final String FIT_QUANTITY = "quantity";
    static final String FIT_STATUS = "status";
    static final String FIT_AGE_MIN = "age_min";
    static final String FIT_AGE_MAX = "age_max";
    static final String FIT_KNEE_FIXED = "knee_fixed";
    /** Parameter percentiles are {@code <parameter>_p16}, {@code _p50}, {@code _p84}. */
    static final List<String> FIT_PARAMETERS = List.of("slope", "intercept", "slope_inner", "slope_outer", "value_at_knee", "knee",
            "a", "b", "c");

    // Star-level products (issue 9, org.ocengine.stars)
    /** Internal-uncertainty windows: quantity, S/N window centre, measured sigma, the law there. */
    static final String WINDOW_QUANTITY = "quantity";
    static final String WINDOW_SNR = "snr";
    static final String WINDOW_SIGMA = "sigma";
    /** Internal-uncertainty law sigma = a (S/N)^b + c, one row per quantity, with its unit. */
    static final String LAW_A = "a";
    static final String LAW_B = "b";
    static final String LAW_C = "c";
    static final String LAW_UNIT = "unit";
    /** Completeness per G bin (cluster "all" sums every surveyed cluster). */
    static final String COMPLETENESS_G_MIN = "g_min";
    static final String COMPLETENESS_G_MAX = "g_max";
    static final String COMPLETENESS_FRACTION = "fraction";
    static final String COMPLETENESS_N_MEMBERS = "n_members";
    static final String COMPLETENESS_ALL = "all";
    /** Literature comparison pairs: {@code <q>_ours}, {@code <q>_theirs}, {@code <q>_diff}. */
    static final String OURS_SUFFIX = "_ours";
    static final String THEIRS_SUFFIX = "_theirs";

    // Cluster-table columns written by main's run (ClusterCatalogue) that Columns does not name
    static final String N_ALL = "n_all";
    static final String N_FLAG1 = "n_flag1";
    static final String RV_MEAN = "rv_mean";
    static final String RV_MEAN_ERR = "rv_mean_err";
    static final String RV_MEDIAN = "rv_median";
    static final String RV_MEDIAN_ERR = "rv_median_err";
    static final String RV_DISPERSION = "rv_dispersion";
    static final String RV_MEAN_ALL = "rv_mean_all";
    static final String RV_DISPERSION_ALL = "rv_dispersion_all";
    static final String FEH_MEDIAN = "feh_median";
    static final String FEH_MEDIAN_ERR = "feh_median_err";
    static final String N_FLAG12 = "n_flag12";
    static final String FLAG = "flag";

    private ReportColumns() {
    }
}
