package org.ocengine.table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where catalogue spellings of columns are mapped onto the canonical names of
 * {@link Columns}. For each canonical column the aliases are tried in order (case-insensitive,
 * surrounding blanks ignored) and the first one present in a table wins, so the order states which
 * column a catalogue with several candidates contributes (for example LAMOST's {@code rv_br1}, the
 * RV that combines both MRS arms, before its single-arm RVs). Immutable and thread-safe.
 *
 * <p>Sources of the spellings: LAMOST DR MRS/LRS catalogues and the value-added member files in
 * {@code shared/data/spectra}; Gaia DR2/DR3 archive names; Cantat-Gaudin et al. 2018/2020 (CG18/CG20);
 * Hunt &amp; Reffert 2023/2024; APOGEE OCCAM (Donor et al. 2020); and VizieR column labels.
 */
public final class ColumnAliases {

    private static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();

    static {
        // identifiers
        put(Columns.OBSID, "obsid", "OBSID", "spec_id");
        put(Columns.STAR_ID, "star_id", "uid", "gp_id", "APOGEE_ID", "designation");
        put(Columns.SOURCE_ID, "source_id", "dr3_source_id", "GaiaDR3", "Source", "gaia_source_id",
                "GAIAEDR3_SOURCE_ID", "dr2_source_id", "GaiaDR2", "GAIA_SOURCE_ID");
        put(Columns.CLUSTER, "cluster", "Cluster", "CLUSTER", "Name", "cluster_name");
        // position and time
        put(Columns.RA, "ra", "RA_ICRS", "ra2000", "RAdeg", "RAJ2000", "_RA.icrs", "RA", "ra_obs", "radeg");
        put(Columns.DEC, "dec", "DE_ICRS", "dec2000", "DEdeg", "DEJ2000", "_DE.icrs", "DEC", "dec_obs", "decdeg");
        put(Columns.GLON, "glon", "GLON", "l");
        put(Columns.GLAT, "glat", "GLAT", "b");
        put(Columns.MJD, "mjd", "MJD", "lmjd");
        put(Columns.PLATE_ID, "plate_id", "planid", "plate", "PLATE");
        put(Columns.SPECTROGRAPH_ID, "spectrograph_id", "spid");
        put(Columns.FIBRE_ID, "fibre_id", "fiberid", "fibre", "fiber");
        // spectroscopy
        put(Columns.SNR, "snr", "snrg", "snr_g", "SNR", "S/N", "snr_br");
        put(Columns.RV, "rv", "rv_br1", "rv_br0", "RV", "radial_velocity", "VHELIO_AVG", "HRV", "vr");
        put(Columns.RV_ERR, "rv_err", "rv_br1_err", "rv_br0_err", "e_RV", "radial_velocity_error", "VERR", "e_HRV", "rv_error");
        put(Columns.RV_FLAG, "rv_flag", "rv_br_flag", "RV_FLAG");
        put(Columns.TEFF, "teff", "TEFF", "Teff", "teff_lasp");
        put(Columns.TEFF_ERR, "teff_err", "TEFF_ERR", "e_Teff", "teff_lasp_err");
        put(Columns.LOGG, "logg", "LOGG", "log_g", "logg_lasp");
        put(Columns.LOGG_ERR, "logg_err", "LOGG_ERR", "e_logg", "logg_lasp_err");
        put(Columns.FEH, "feh", "[Fe/H]", "FE_H", "fe_h", "Fe", "feh_lasp");
        put(Columns.FEH_ERR, "feh_err", "e_[Fe/H]", "FE_H_ERR", "fe_h_err", "Fe_err", "feh_lasp_err");
        put(Columns.MH, "mh", "m_h", "M_H", "[M/H]");
        put(Columns.MH_ERR, "mh_err", "m_h_err", "M_H_ERR", "e_[M/H]");
        put(Columns.ALPHA_M, "alpha_m", "ALPHA_M", "[alpha/M]", "a_m", "alpha_m_lasp");
        put(Columns.ALPHA_M_ERR, "alpha_m_err", "ALPHA_M_ERR", "e_[alpha/M]", "a_m_err", "alpha_m_lasp_err");
        put(Columns.VSINI, "vsini", "vsini_lasp", "VSINI");
        put(Columns.NOBS, "nobs", "n_obs", "NVISITS");
        put(Columns.ERRORS_IMPUTED, "errors_imputed", "imputed_uncertainties_flag");
        for (String x : Columns.ELEMENTS) {
            String up = x.toUpperCase(Locale.ROOT);
            String cap = Character.toUpperCase(x.charAt(0)) + x.substring(1);
            put(Columns.abundance(x), x + "_fe", up + "_FE", "[" + cap + "/Fe]");
            put(Columns.abundanceError(x), x + "_fe_err", up + "_FE_ERR", "e_[" + cap + "/Fe]");
        }
        // astrometry and photometry
        put(Columns.PARALLAX, "parallax", "plx", "Plx", "PLX");
        put(Columns.PARALLAX_ERR, "parallax_err", "parallax_error", "e_Plx", "e_plx");
        put(Columns.PMRA, "pmra", "pmRA", "pmRA*", "PMRA", "pmra_cosdec");
        put(Columns.PMRA_ERR, "pmra_err", "pmra_error", "e_pmRA", "e_pmRA*", "e_pmra");
        put(Columns.PMDEC, "pmdec", "pmDE", "PMDEC");
        put(Columns.PMDEC_ERR, "pmdec_err", "pmdec_error", "e_pmDE", "e_pmde");
        put(Columns.GMAG, "gmag", "phot_g_mean_mag", "Gmag", "GMAG", "gmag_edr3");
        put(Columns.BP_RP, "bp_rp", "BP-RP", "bprp", "BPRP");
        put(Columns.MEMBERSHIP_PROB, "membership_prob", "pmemb", "proba", "Prob", "PMemb", "probability", "CG_PROB");
        put(Columns.RUWE, "ruwe", "RUWE");
        // cluster parameters
        put(Columns.R50, "r50");
        put(Columns.DISTANCE, "distance", "DistPc", "dist50", "dmode", "DMode", "r_med_geo");
        put(Columns.LOG_AGE, "log_age", "AgeNN", "logAge50", "logage", "logAge", "logAgeNN");
        put(Columns.DISTANCE_ERR, "distance_err", "e_Dist", "e_dist");
        // time-domain observations
        put(Columns.EXPOSURE_ID, "exposure_id", "lmjm", "exposure");
        put(Columns.ARC_LAMP_ALT, "arc_lamp_alt");
    }

    private ColumnAliases() {
    }

    private static void put(ColumnSpec canonical, String... aliases) {
        ALIASES.put(canonical.name(), List.of(aliases));
    }

    /** The aliases of a canonical column, in priority order (the canonical name first). */
    public static List<String> aliasesOf(String canonicalName) {
        return ALIASES.getOrDefault(canonicalName, List.of(canonicalName));
    }

    /**
     * The input column that supplies a canonical column: the first alias, in priority order, that
     * matches one of {@code inputNames} ignoring case and surrounding blanks; the returned string is
     * the input's own spelling.
     */
    public static Optional<String> resolve(String canonicalName, Collection<String> inputNames) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String name : inputNames) {
            byKey.putIfAbsent(key(name), name);
        }
        for (String alias : aliasesOf(canonicalName)) {
            String found = byKey.get(key(alias));
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /**
     * The mapping canonical name to input column for every canonical column the input supplies, in
     * the order of {@link Columns#all()}. No input column is used twice.
     */
    public static Map<String, String> resolveAll(Collection<String> inputNames) {
        return resolveAll(inputNames, Map.of());
    }

    /**
     * As {@link #resolveAll(Collection)}, with some pairs fixed beforehand (user overrides,
     * canonical name to input column spelled as in {@code inputNames}): those canonical columns
     * take their fixed input, and fixed inputs are not offered to any other canonical column.
     */
    public static Map<String, String> resolveAll(Collection<String> inputNames, Map<String, String> fixed) {
        Map<String, String> mapping = new LinkedHashMap<>();
        List<String> used = new ArrayList<>(fixed.values());
        for (ColumnSpec spec : Columns.all()) {
            String pinned = fixed.get(spec.name());
            if (pinned != null) {
                mapping.put(spec.name(), pinned);
                continue;
            }
            List<String> remaining = new ArrayList<>(inputNames);
            remaining.removeAll(used);
            resolve(spec.name(), remaining).ifPresent(input -> {
                mapping.put(spec.name(), input);
                used.add(input);
            });
        }
        return mapping;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
