package org.ocengine.datasets.mock;

import static org.ocengine.table.ColumnType.BOOL;
import static org.ocengine.table.ColumnType.FLOAT64;
import static org.ocengine.table.ColumnType.INT32;
import static org.ocengine.table.ColumnType.INT64;
import static org.ocengine.table.ColumnType.STRING;

import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;

/**
 * The columns of every file of a mock survey, in file order, with units. The observation files use
 * the spellings of the real catalogues, which {@link org.ocengine.table.ColumnAliases} maps onto the
 * canonical columns: LAMOST MRS DR catalogue names for the spectra, Gaia archive names for the
 * sources and the member list (with Cantat-Gaudin et al. 2020's {@code proba}), and the VizieR
 * labels of Cantat-Gaudin et al. 2020 for the cluster table. The truth files use plain names.
 * Constants only.
 */
public final class MockTables {

    private MockTables() {
    }

    /** A column of one of the files. */
    interface Column {
        ColumnSpec spec();
    }

    private static ColumnSpec c(String name, ColumnType type, String unit, String description) {
        return new ColumnSpec(name, type, unit, description);
    }

    /** {@code gaia_sources}: every star of the survey's fields with 9 &lt;= G &lt;= 18, as Gaia would list it. */
    public enum GaiaSource implements Column {
        SOURCE_ID(c("source_id", INT64, "", "Gaia-like source identifier: (field + 1) * 2^40 + star number")),
        RA(c("ra", FLOAT64, "deg", "Right ascension (ICRS) at epoch 2016.0")),
        DEC(c("dec", FLOAT64, "deg", "Declination (ICRS) at epoch 2016.0")),
        PARALLAX(c("parallax", FLOAT64, "mas", "Parallax")),
        PARALLAX_ERROR(c("parallax_error", FLOAT64, "mas", "Parallax uncertainty")),
        PMRA(c("pmra", FLOAT64, "mas/yr", "Proper motion in RA (times cos dec)")),
        PMRA_ERROR(c("pmra_error", FLOAT64, "mas/yr", "Proper motion in RA uncertainty")),
        PMDEC(c("pmdec", FLOAT64, "mas/yr", "Proper motion in Dec")),
        PMDEC_ERROR(c("pmdec_error", FLOAT64, "mas/yr", "Proper motion in Dec uncertainty")),
        PHOT_G_MEAN_MAG(c("phot_g_mean_mag", FLOAT64, "mag", "G magnitude")),
        BP_RP(c("bp_rp", FLOAT64, "mag", "BP-RP colour"));

        private final ColumnSpec spec;

        GaiaSource(ColumnSpec spec) {
            this.spec = spec;
        }

        @Override
        public ColumnSpec spec() {
            return spec;
        }
    }

    /** {@code members}: the cluster member list (true members and listed field stars), Gaia columns. */
    public enum ListedMember implements Column {
        CLUSTER(c("cluster", STRING, "", "Cluster name")),
        SOURCE_ID(c("source_id", INT64, "", "Gaia-like source identifier")),
        RA(c("ra", FLOAT64, "deg", "Right ascension (ICRS) at epoch 2016.0")),
        DEC(c("dec", FLOAT64, "deg", "Declination (ICRS) at epoch 2016.0")),
        PARALLAX(c("parallax", FLOAT64, "mas", "Parallax")),
        PARALLAX_ERROR(c("parallax_error", FLOAT64, "mas", "Parallax uncertainty")),
        PMRA(c("pmra", FLOAT64, "mas/yr", "Proper motion in RA (times cos dec)")),
        PMRA_ERROR(c("pmra_error", FLOAT64, "mas/yr", "Proper motion in RA uncertainty")),
        PMDEC(c("pmdec", FLOAT64, "mas/yr", "Proper motion in Dec")),
        PMDEC_ERROR(c("pmdec_error", FLOAT64, "mas/yr", "Proper motion in Dec uncertainty")),
        PHOT_G_MEAN_MAG(c("phot_g_mean_mag", FLOAT64, "mag", "G magnitude")),
        BP_RP(c("bp_rp", FLOAT64, "mag", "BP-RP colour")),
        PROBA(c("proba", FLOAT64, "", "Membership probability (steps of 0.1, as Cantat-Gaudin et al. 2020)"));

        private final ColumnSpec spec;

        ListedMember(ColumnSpec spec) {
            this.spec = spec;
        }

        @Override
        public ColumnSpec spec() {
            return spec;
        }
    }

    /** {@code spectra}: one row per spectrum, LAMOST MRS catalogue columns; -9999 where the pipeline gave no value. */
    public enum Spectrum implements Column {
        OBSID(c("obsid", INT64, "", "Spectrum identifier")),
        UID(c("uid", STRING, "", "Survey star identifier")),
        RA(c("ra", FLOAT64, "deg", "Fibre right ascension (ICRS, J2000)")),
        DEC(c("dec", FLOAT64, "deg", "Fibre declination (ICRS, J2000)")),
        MJD(c("mjd", FLOAT64, "d", "Mid-exposure time (MJD)")),
        LMJM(c("lmjm", INT64, "min", "Local modified Julian minute of the exposure (identifies it within the plate)")),
        PLANID(c("planid", STRING, "", "Plate identifier")),
        SPID(c("spid", INT32, "", "Spectrograph number (1-16)")),
        FIBERID(c("fiberid", INT32, "", "Fibre number within the spectrograph")),
        SNR(c("snr", FLOAT64, "", "Signal-to-noise ratio")),
        RV_BR1(c("rv_br1", FLOAT64, "km/s", "Radial velocity from both arms")),
        RV_BR1_ERR(c("rv_br1_err", FLOAT64, "km/s", "Radial velocity uncertainty")),
        RV_BR_FLAG(c("rv_br_flag", INT32, "", "RV quality flag (0: good)")),
        TEFF_LASP(c("teff_lasp", FLOAT64, "K", "Effective temperature (LASP)")),
        TEFF_LASP_ERR(c("teff_lasp_err", FLOAT64, "K", "Effective temperature uncertainty")),
        LOGG_LASP(c("logg_lasp", FLOAT64, "", "Surface gravity, dex")),
        LOGG_LASP_ERR(c("logg_lasp_err", FLOAT64, "", "Surface gravity uncertainty, dex")),
        FEH_LASP(c("feh_lasp", FLOAT64, "", "[Fe/H], dex")),
        FEH_LASP_ERR(c("feh_lasp_err", FLOAT64, "", "[Fe/H] uncertainty, dex")),
        ALPHA_M_LASP(c("alpha_m_lasp", FLOAT64, "", "[alpha/M], dex")),
        ALPHA_M_LASP_ERR(c("alpha_m_lasp_err", FLOAT64, "", "[alpha/M] uncertainty, dex"));

        private final ColumnSpec spec;

        Spectrum(ColumnSpec spec) {
            this.spec = spec;
        }

        @Override
        public ColumnSpec spec() {
            return spec;
        }
    }

    /** {@code clusters}: cluster parameters as Cantat-Gaudin et al. (2020) list them, estimated from the member list. */
    public enum ClusterParameters implements Column {
        CLUSTER(c("Cluster", STRING, "", "Cluster name")),
        RA_ICRS(c("RA_ICRS", FLOAT64, "deg", "Mean right ascension of the members with proba >= 0.7")),
        DE_ICRS(c("DE_ICRS", FLOAT64, "deg", "Mean declination of the members with proba >= 0.7")),
        GLON(c("GLON", FLOAT64, "deg", "Galactic longitude")),
        GLAT(c("GLAT", FLOAT64, "deg", "Galactic latitude")),
        R50(c("r50", FLOAT64, "deg", "Radius containing half the members")),
        NBSTARS07(c("nbstars07", INT32, "", "Members with proba >= 0.7")),
        PMRA(c("pmRA*", FLOAT64, "mas/yr", "Mean proper motion in RA of the members with proba >= 0.7")),
        PMDE(c("pmDE", FLOAT64, "mas/yr", "Mean proper motion in Dec of the members with proba >= 0.7")),
        PLX(c("plx", FLOAT64, "mas", "Mean parallax of the members with proba >= 0.7")),
        AGE_NN(c("AgeNN", FLOAT64, "", "log10 of the age in years (catalogue estimate)")),
        DIST_PC(c("DistPc", FLOAT64, "pc", "Distance (catalogue estimate)"));

        private final ColumnSpec spec;

        ClusterParameters(ColumnSpec spec) {
            this.spec = spec;
        }

        @Override
        public ColumnSpec spec() {
            return spec;
        }
    }

    /** {@code truth_clusters}: every drawn quantity of every cluster, and what became of its members. */
    public enum TruthCluster implements Column {
        CLUSTER(c("cluster", STRING, "", "Cluster name")),
        CLUSTER_INDEX(c("cluster_index", INT32, "", "Cluster number (0-based)")),
        FIELD(c("field", INT32, "", "Field number")),
        RA(c("ra", FLOAT64, "deg", "Centre right ascension (ICRS, J2000)")),
        DEC(c("dec", FLOAT64, "deg", "Centre declination (ICRS, J2000)")),
        GLON(c("glon", FLOAT64, "deg", "Galactic longitude")),
        GLAT(c("glat", FLOAT64, "deg", "Galactic latitude")),
        DISTANCE(c("distance", FLOAT64, "pc", "Heliocentric distance")),
        PARALLAX(c("parallax", FLOAT64, "mas", "Parallax (1 / distance)")),
        LOG_AGE(c("log_age", FLOAT64, "", "log10 of the age in years")),
        R50(c("r50", FLOAT64, "deg", "Projected half-number radius")),
        R50_PC(c("r50_pc", FLOAT64, "pc", "Projected half-number radius")),
        KING_C(c("king_c", FLOAT64, "", "King concentration log10(r_t / r_c)")),
        R_CORE(c("r_core", FLOAT64, "deg", "King core radius")),
        R_TIDAL(c("r_tidal", FLOAT64, "deg", "King tidal radius")),
        A_G(c("a_g", FLOAT64, "mag", "Extinction in G")),
        FEH(c("feh", FLOAT64, "", "[Fe/H] of every member, dex")),
        ALPHA_M(c("alpha_m", FLOAT64, "", "[alpha/M] of every member, dex")),
        X(c("x", FLOAT64, "kpc", "Galactocentric x (towards the centre from the Sun)")),
        Y(c("y", FLOAT64, "kpc", "Galactocentric y (along rotation at the Sun)")),
        Z(c("z", FLOAT64, "kpc", "Galactocentric z (towards the north Galactic pole)")),
        R_GC(c("r_gc", FLOAT64, "kpc", "Galactocentric cylindrical radius")),
        VX(c("vx", FLOAT64, "km/s", "Galactocentric velocity x")),
        VY(c("vy", FLOAT64, "km/s", "Galactocentric velocity y")),
        VZ(c("vz", FLOAT64, "km/s", "Galactocentric velocity z")),
        PMRA(c("pmra", FLOAT64, "mas/yr", "Proper motion in RA (times cos dec) of the centre of mass")),
        PMDEC(c("pmdec", FLOAT64, "mas/yr", "Proper motion in Dec of the centre of mass")),
        RV(c("rv", FLOAT64, "km/s", "Radial velocity of the centre of mass")),
        MASS(c("mass", FLOAT64, "solMass", "Total stellar mass")),
        SIGMA_INT(c("sigma_int", FLOAT64, "km/s", "Internal 1-D velocity dispersion")),
        N_MEMBERS(c("n_members", INT32, "", "Members with 9 <= G <= 18")),
        N_MEMBERS_TARGETABLE(c("n_members_targetable", INT32, "", "Members inside the field with G at most the target limit")),
        N_OBSERVED_TARGETABLE(c("n_observed_targetable", INT32, "", "... of which have at least one spectrum in the catalogue")),
        N_OBSERVED(c("n_observed", INT32, "", "Members with at least one spectrum in the catalogue")),
        N_BINARIES(c("n_binaries", INT32, "", "Members that are binaries")),
        N_LISTED_P07(c("n_listed_p07", INT32, "", "Members listed with proba >= 0.7")),
        N_CONTAMINANTS(c("n_contaminants", INT32, "", "Field stars listed as members of this cluster"));

        private final ColumnSpec spec;

        TruthCluster(ColumnSpec spec) {
            this.spec = spec;
        }

        @Override
        public ColumnSpec spec() {
            return spec;
        }
    }

    /** {@code truth_stars}: the true values of every star that has a spectrum or a member-list row. */
    public enum TruthStar implements Column {
        SOURCE_ID(c("source_id", INT64, "", "Gaia-like source identifier")),
        UID(c("uid", STRING, "", "Survey star identifier (null when never targeted)")),
        CLUSTER(c("cluster", STRING, "", "True cluster (null for a field star)")),
        FIELD(c("field", INT32, "", "Field number")),
        RA(c("ra", FLOAT64, "deg", "True right ascension (ICRS, J2000)")),
        DEC(c("dec", FLOAT64, "deg", "True declination (ICRS, J2000)")),
        DISTANCE(c("distance", FLOAT64, "pc", "True distance")),
        PARALLAX(c("parallax", FLOAT64, "mas", "True parallax")),
        PMRA(c("pmra", FLOAT64, "mas/yr", "True proper motion in RA (times cos dec)")),
        PMDEC(c("pmdec", FLOAT64, "mas/yr", "True proper motion in Dec")),
        RV(c("rv", FLOAT64, "km/s", "Systemic radial velocity (centre of mass of a binary)")),
        GMAG(c("gmag", FLOAT64, "mag", "True G")),
        BP_RP(c("bp_rp", FLOAT64, "mag", "True BP-RP (reddened)")),
        A_G(c("a_g", FLOAT64, "mag", "Extinction in G")),
        TEFF(c("teff", FLOAT64, "K", "Effective temperature")),
        LOGG(c("logg", FLOAT64, "", "Surface gravity, dex")),
        FEH(c("feh", FLOAT64, "", "[Fe/H], dex")),
        ALPHA_M(c("alpha_m", FLOAT64, "", "[alpha/M], dex")),
        MASS(c("mass", FLOAT64, "solMass", "Mass (of the primary)")),
        LOG_AGE(c("log_age", FLOAT64, "", "log10 of the age in years")),
        EVOLVED(c("evolved", BOOL, "", "Past the main-sequence turn-off")),
        BINARY(c("binary", BOOL, "", "A binary (orbit in truth_binaries)")),
        RV_AMPLITUDE(c("rv_amplitude", FLOAT64, "km/s", "Binary RV semi-amplitude K (0 for single stars)")),
        LISTED(c("listed", INT32, "", "Rows of this star in the member list")),
        N_SPECTRA(c("n_spectra", INT32, "", "Rows of this star in the spectra catalogue"));

        private final ColumnSpec spec;

        TruthStar(ColumnSpec spec) {
            this.spec = spec;
        }

        @Override
        public ColumnSpec spec() {
            return spec;
        }
    }

    /** {@code truth_spectra}: what went into each catalogue row. */
    public enum TruthSpectrum implements Column {
        OBSID(c("obsid", INT64, "", "Spectrum identifier")),
        SOURCE_ID(c("source_id", INT64, "", "The star observed")),
        FIELD(c("field", INT32, "", "Field number")),
        EXPOSURE(c("exposure", INT32, "", "Exposure (visit) number within the field")),
        RV_TRUE(c("rv_true", FLOAT64, "km/s", "True RV at the exposure: systemic plus orbital")),
        RV_ORBIT(c("rv_orbit", FLOAT64, "km/s", "Orbital part of rv_true (0 for single stars)")),
        RV_OFFSET(c("rv_offset", FLOAT64, "km/s", "Zero-point offset of the (exposure, spectrograph) cell added to the RV")),
        SNR(c("snr", FLOAT64, "", "S/N of the spectrum")),
        TEFF(c("teff", FLOAT64, "K", "True Teff")),
        LOGG(c("logg", FLOAT64, "", "True logg, dex")),
        FEH(c("feh", FLOAT64, "", "True [Fe/H], dex")),
        ALPHA_M(c("alpha_m", FLOAT64, "", "True [alpha/M], dex")),
        LOGG_BIAS(c("logg_bias", FLOAT64, "", "Bias added to logg (cool dwarfs), dex")),
        FEH_BIAS(c("feh_bias", FLOAT64, "", "Bias added to [Fe/H] (cool dwarfs), dex")),
        FEH_EXTRA_SIGMA(c("feh_extra_sigma", FLOAT64, "", "Unreported extra [Fe/H] scatter (hot stars), dex")),
        ALPHA_EXTRA_SIGMA(c("alpha_extra_sigma", FLOAT64, "", "Unreported extra [alpha/M] scatter (hot stars), dex")),
        RV_FAILED(c("rv_failed", BOOL, "", "The RV fit failed (rv_br_flag = 1; RV off)")),
        PARAMETERS_MISSING(c("parameters_missing", BOOL, "", "Parameters written as -9999"));

        private final ColumnSpec spec;

        TruthSpectrum(ColumnSpec spec) {
            this.spec = spec;
        }

        @Override
        public ColumnSpec spec() {
            return spec;
        }
    }

    /** {@code truth_binaries}: the orbit of every binary in truth_stars. */
    public enum TruthBinary implements Column {
        SOURCE_ID(c("source_id", INT64, "", "The binary's source")),
        CLUSTER(c("cluster", STRING, "", "True cluster (null for a field star)")),
        PERIOD(c("period", FLOAT64, "d", "Orbital period")),
        ECCENTRICITY(c("eccentricity", FLOAT64, "", "Eccentricity")),
        OMEGA(c("omega", FLOAT64, "deg", "Argument of periastron")),
        PERIASTRON_MJD(c("periastron_mjd", FLOAT64, "d", "A time of periastron (MJD)")),
        K1(c("k1", FLOAT64, "km/s", "RV semi-amplitude of the primary")),
        M1(c("m1", FLOAT64, "solMass", "Primary mass")),
        M2(c("m2", FLOAT64, "solMass", "Secondary mass")),
        INCLINATION(c("inclination", FLOAT64, "deg", "Orbital inclination"));

        private final ColumnSpec spec;

        TruthBinary(ColumnSpec spec) {
            this.spec = spec;
        }

        @Override
        public ColumnSpec spec() {
            return spec;
        }
    }

    /** {@code truth_offsets}: the RV zero point of every (exposure, spectrograph) cell. */
    public enum TruthOffset implements Column {
        PLANID(c("planid", STRING, "", "Plate identifier")),
        FIELD(c("field", INT32, "", "Field number")),
        EXPOSURE(c("exposure", INT32, "", "Exposure (visit) number within the field")),
        MJD(c("mjd", FLOAT64, "d", "Mid-exposure time (MJD)")),
        LMJM(c("lmjm", INT64, "min", "Local modified Julian minute of the exposure")),
        SPID(c("spid", INT32, "", "Spectrograph number")),
        RV_OFFSET(c("rv_offset", FLOAT64, "km/s", "Zero-point offset added to every RV of the cell"));

        private final ColumnSpec spec;

        TruthOffset(ColumnSpec spec) {
            this.spec = spec;
        }

        @Override
        public ColumnSpec spec() {
            return spec;
        }
    }
}
