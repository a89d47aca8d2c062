package org.ocengine.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ocengine.compute.Device;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.Survey;
import org.ocengine.stars.StarCatalogueConfig;
import org.ocengine.stars.ZeroPointConfig;

/**
 * Everything a star-level run ({@code ocengine stars}) needs besides its output folder. Immutable.
 *
 * @param spectra           spectra table, one row per spectrum (repeats of a star are combined)
 * @param spectraColumns    user column overrides for the spectra ({@code canonical -> input})
 * @param members           member list for the completeness table (cluster, G, position or source_id), or null
 * @param memberColumns     the same overrides for the members
 * @param memberCluster     the cluster of every member when the member list is of one cluster and has no cluster
 *                          column (e.g. a Hunt &amp; Reffert 2023 list), or null
 * @param minMembership     members at or below this probability are left out of the completeness (NaN: keep all)
 * @param radiusArcsec      sky radius at which a member counts as observed (source_id join first)
 * @param gBinWidth         width of the completeness G bins, mag (0.5)
 * @param survey            MRS or LRS; null to decide from the S/N column
 * @param quality           quality rules (RV is not required: every star with usable spectra is catalogued)
 * @param zeroPoints        RV zero-point rules, or null to leave the RVs as measured
 * @param stars             the star-catalogue rules
 * @param device            compute backend choice
 * @param threads           CPU threads (0: all)
 * @param formats           output table formats
 */
public record StarRunConfig(Path spectra, Map<String, String> spectraColumns, Path members, Map<String, String> memberColumns,
                            String memberCluster,
                            double minMembership, double radiusArcsec, double gBinWidth, Survey survey, QualityConfig quality,
                            ZeroPointConfig zeroPoints, StarCatalogueConfig stars, Device device, int threads, List<String> formats) {

    public StarRunConfig {
        spectraColumns = Map.copyOf(spectraColumns);
        memberColumns = Map.copyOf(memberColumns);
        formats = List.copyOf(formats);
        if (!(radiusArcsec > 0) || !(gBinWidth > 0)) {
            throw new IllegalArgumentException("the match radius and the G bin width must be positive");
        }
    }

    /** The configuration as plain values, for the manifest. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("survey", survey == null ? "auto" : survey.name());
        m.put("min_snr", quality.minSnr());
        m.put("require_rv_flag_zero", quality.requireRvFlagZero());
        m.put("sentinels", quality.sentinels().stream().sorted().toList());
        m.put("error_limits", new java.util.TreeMap<>(quality.errorLimits()));
        m.put("missing_errors", quality.missingErrorFails() ? "fail" : "reject");
        m.put("weighting", stars.weighting().name());
        m.put("rv_variable_factor", stars.rvVariableFactor());
        m.put("rv_chi2_alpha", stars.rvChi2Alpha());
        var u = stars.uncertainties();
        m.put("uncertainty", Map.of("clip_bin_width", u.clipBinWidth(), "clip_sigma", u.clipSigma(), "max_clip_rounds", u.maxClipRounds(),
                "grid", List.of(u.gridStart(), u.gridStep(), u.gridCount()), "window_width", u.windowWidth(),
                "min_per_window", u.minPerWindow(), "max_snr", u.maxSnr(), "outlier_factor", u.outlierFactor()));
        var p = stars.periodograms();
        m.put("periodogram", Map.of("min_period_days", p.minPeriodDays(), "max_period_days", p.maxPeriodDays(),
                "samples_per_peak", p.samplesPerPeak(), "min_epochs", p.minEpochs(), "keplerian_min_epochs", p.keplerianMinEpochs()));
        if (zeroPoints == null) {
            m.put("zero_points", "off");
        } else {
            m.put("zero_points", Map.of("min_plate_spectra", zeroPoints.minPlateSpectra(), "max_constant_scatter_kms",
                    zeroPoints.maxConstantScatter(), "arc_lamp_shift_kms", zeroPoints.arcLampShift(), "iterations",
                    zeroPoints.iterations(), "weighting", zeroPoints.weighting().name(), "solution", zeroPoints.solution().name(),
                    "min_coverage", zeroPoints.minCoverage(), "tolerance_kms", zeroPoints.tolerance()));
        }
        if (memberCluster != null) {
            m.put("member_cluster", memberCluster);
        }
        m.put("min_membership", minMembership);
        m.put("radius_arcsec", radiusArcsec);
        m.put("g_bin_width", gBinWidth);
        m.put("device", device.name().toLowerCase(java.util.Locale.ROOT));
        m.put("threads", threads);
        m.put("formats", formats);
        m.put("spectra_columns", new java.util.TreeMap<>(spectraColumns));
        m.put("member_columns", new java.util.TreeMap<>(memberColumns));
        return m;
    }
}
