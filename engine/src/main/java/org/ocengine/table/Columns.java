package org.ocengine.table;

import static org.ocengine.table.ColumnType.BOOL;
import static org.ocengine.table.ColumnType.FLOAT64;
import static org.ocengine.table.ColumnType.INT32;
import static org.ocengine.table.ColumnType.INT64;
import static org.ocengine.table.ColumnType.STRING;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's one vocabulary of canonical columns, with their types and units. Every stage reads
 * and writes these names; input spellings (LAMOST, Gaia, CG20, Hunt, OCCAM, VizieR) are mapped onto
 * them by {@link ColumnAliases}. Angles are degrees, velocities km/s, proper motions mas/yr,
 * parallaxes mas, temperatures K, magnitudes mag, distances pc, times MJD (days). Logarithmic
 * quantities (logg, abundances in dex, log age) carry no unit string, because the FITS unit standard
 * has none for them (astropy would warn on reading); their descriptions say "dex".
 */
public final class Columns {

    private static final Map<String, ColumnSpec> ALL = new LinkedHashMap<>();

    // Identifiers
    public static final ColumnSpec OBSID = def("obsid", INT64, "", "Spectrum identifier (LAMOST obsid)");
    public static final ColumnSpec STAR_ID = def("star_id", STRING, "", "Survey star identifier (LAMOST uid / gp_id)");
    public static final ColumnSpec SOURCE_ID = def("source_id", INT64, "", "Gaia source_id");
    public static final ColumnSpec CLUSTER = def("cluster", STRING, "", "Open-cluster name as given in the input");
    public static final ColumnSpec SOURCE_ROW = def("source_row", INT64, "", "1-based data row of this measurement in its input file");
    public static final ColumnSpec STAR_KEY = def("star_key", INT64, "", "Key that groups repeated spectra of one star: the Gaia source_id, else a 64-bit hash of the survey star id, else a position group");

    // Position and time
    public static final ColumnSpec RA = def("ra", FLOAT64, "deg", "Right ascension (ICRS)");
    public static final ColumnSpec DEC = def("dec", FLOAT64, "deg", "Declination (ICRS)");
    public static final ColumnSpec GLON = def("glon", FLOAT64, "deg", "Galactic longitude");
    public static final ColumnSpec GLAT = def("glat", FLOAT64, "deg", "Galactic latitude");
    public static final ColumnSpec MJD = def("mjd", FLOAT64, "d", "Observation time (MJD)");
    public static final ColumnSpec PLATE_ID = def("plate_id", STRING, "", "Plate (field) identifier");
    public static final ColumnSpec SPECTROGRAPH_ID = def("spectrograph_id", INT32, "", "Spectrograph number");
    public static final ColumnSpec FIBRE_ID = def("fibre_id", INT32, "", "Fibre number");

    // Spectroscopic measurements
    public static final ColumnSpec SNR = def("snr", FLOAT64, "", "Signal-to-noise ratio used for cuts and weights (MRS: combined; LRS: g band)");
    public static final ColumnSpec RV = def("rv", FLOAT64, "km/s", "Heliocentric radial velocity");
    public static final ColumnSpec RV_ERR = def("rv_err", FLOAT64, "km/s", "Radial velocity uncertainty");
    public static final ColumnSpec RV_FLAG = def("rv_flag", INT32, "", "Pipeline RV quality flag (0 = good)");
    public static final ColumnSpec TEFF = def("teff", FLOAT64, "K", "Effective temperature");
    public static final ColumnSpec TEFF_ERR = def("teff_err", FLOAT64, "K", "Effective temperature uncertainty");
    public static final ColumnSpec LOGG = def("logg", FLOAT64, "", "Surface gravity log10(g / cm s^-2), dex");
    public static final ColumnSpec LOGG_ERR = def("logg_err", FLOAT64, "", "Surface gravity uncertainty, dex");
    public static final ColumnSpec FEH = def("feh", FLOAT64, "", "Iron abundance [Fe/H], dex");
    public static final ColumnSpec FEH_ERR = def("feh_err", FLOAT64, "", "[Fe/H] uncertainty, dex");
    public static final ColumnSpec MH = def("mh", FLOAT64, "", "Metallicity [M/H], dex");
    public static final ColumnSpec MH_ERR = def("mh_err", FLOAT64, "", "[M/H] uncertainty, dex");
    public static final ColumnSpec ALPHA_M = def("alpha_m", FLOAT64, "", "Alpha enhancement [alpha/M], dex");
    public static final ColumnSpec ALPHA_M_ERR = def("alpha_m_err", FLOAT64, "", "[alpha/M] uncertainty, dex");
    public static final ColumnSpec VSINI = def("vsini", FLOAT64, "km/s", "Projected rotational velocity");
    public static final ColumnSpec NOBS = def("nobs", INT32, "", "Number of spectra combined into this row");
    public static final ColumnSpec ERRORS_IMPUTED = def("errors_imputed", BOOL, "", "Input flagged the uncertainties of this row as imputed");

    /** Elements with [X/Fe] columns, in SPEC.md order. Column names are {@code <x>_fe} and {@code <x>_fe_err}. */
    public static final List<String> ELEMENTS = List.of("c", "n", "o", "mg", "al", "si", "s", "ca", "ti", "cr", "ni", "cu");

    static {
        for (String x : ELEMENTS) {
            String label = "[" + Character.toUpperCase(x.charAt(0)) + x.substring(1) + "/Fe]";
            def(x + "_fe", FLOAT64, "", "Abundance ratio " + label + ", dex");
            def(x + "_fe_err", FLOAT64, "", label + " uncertainty, dex");
        }
    }

    // Astrometry and photometry (Gaia, member lists)
    public static final ColumnSpec PARALLAX = def("parallax", FLOAT64, "mas", "Parallax");
    public static final ColumnSpec PARALLAX_ERR = def("parallax_err", FLOAT64, "mas", "Parallax uncertainty");
    public static final ColumnSpec PMRA = def("pmra", FLOAT64, "mas/yr", "Proper motion in RA (times cos dec)");
    public static final ColumnSpec PMRA_ERR = def("pmra_err", FLOAT64, "mas/yr", "Proper motion in RA uncertainty");
    public static final ColumnSpec PMDEC = def("pmdec", FLOAT64, "mas/yr", "Proper motion in Dec");
    public static final ColumnSpec PMDEC_ERR = def("pmdec_err", FLOAT64, "mas/yr", "Proper motion in Dec uncertainty");
    public static final ColumnSpec GMAG = def("gmag", FLOAT64, "mag", "Gaia G magnitude");
    public static final ColumnSpec BP_RP = def("bp_rp", FLOAT64, "mag", "Gaia BP-RP colour");
    public static final ColumnSpec MEMBERSHIP_PROB = def("membership_prob", FLOAT64, "", "Cluster membership probability");
    public static final ColumnSpec RUWE = def("ruwe", FLOAT64, "", "Gaia renormalised unit weight error");

    // Cluster parameters
    public static final ColumnSpec R50 = def("r50", FLOAT64, "deg", "Radius containing half the members");
    public static final ColumnSpec DISTANCE = def("distance", FLOAT64, "pc", "Distance");
    public static final ColumnSpec LOG_AGE = def("log_age", FLOAT64, "", "log10 of the age in years");
    public static final ColumnSpec DISTANCE_ERR = def("distance_err", FLOAT64, "pc", "Distance uncertainty");

    // Time-domain observations (RV zero-point correction, SPEC.md 4)
    public static final ColumnSpec EXPOSURE_ID = def("exposure_id", INT64, "", "Exposure identifier within a plate (LAMOST lmjm: local modified Julian minute of the exposure)");
    public static final ColumnSpec ARC_LAMP_ALT = def("arc_lamp_alt", BOOL, "", "Spectrum wavelength-calibrated with the alternate arc lamp (RV shifted by a known amount)");

    private Columns() {
    }

    private static ColumnSpec def(String name, ColumnType type, String unit, String description) {
        ColumnSpec spec = new ColumnSpec(name, type, unit, description);
        if (ALL.put(name, spec) != null) {
            throw new IllegalStateException("duplicate canonical column " + name);
        }
        return spec;
    }

    /** The canonical column of that name, if there is one. */
    public static Optional<ColumnSpec> byName(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** Every canonical column, in declaration order. */
    public static List<ColumnSpec> all() {
        return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
    }

    /** The [X/Fe] column of an element of {@link #ELEMENTS} (e.g. {@code "mg"}). */
    public static ColumnSpec abundance(String element) {
        return require(element + "_fe");
    }

    /** The uncertainty column of an element of {@link #ELEMENTS}. */
    public static ColumnSpec abundanceError(String element) {
        return require(element + "_fe_err");
    }

    private static ColumnSpec require(String name) {
        ColumnSpec spec = ALL.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no canonical column " + name);
        }
        return spec;
    }
}
