package org.ocengine.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ocengine.cluster.ClusterConfig;
import org.ocengine.combine.Weighting;
import org.ocengine.compute.Device;
import org.ocengine.galaxy.OrbitConfig;
import org.ocengine.gradient.GradientConfig;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.Survey;

/**
 * Everything a cluster-catalogue run needs besides its output folder. Immutable.
 *
 * @param spectra             spectra table (FITS, CSV, CSV.gz, Arrow); may carry a cluster column
 * @param members             member list (cluster, source_id, ra, dec, membership probability), or null
 *                            when the spectra carry their cluster
 * @param clusters            cluster parameter table to join by name (position, pm, distance, age), or null
 * @param spectraColumns      user column overrides for the spectra ({@code canonical -> input})
 * @param memberColumns       the same for the members
 * @param clusterColumns      the same for the clusters
 * @param survey              MRS or LRS; null to decide from the S/N column (LAMOST LRS calls it snrg)
 * @param quality             quality rules (its survey and S/N are replaced by the decided ones when
 *                            {@code survey} is null and {@code quality.minSnr()} is NaN)
 * @param minMembership       members at or below this probability are left out (NaN: keep all)
 * @param radiusArcsec        sky cross-match radius
 * @param memberEpoch         epoch of the member positions (Gaia DR2 2015.5, DR3 2016.0), to move them by their
 *                            proper motions to {@code spectraEpoch} before matching; NaN: no propagation
 * @param spectraEpoch        epoch of the spectra positions (LAMOST: J2000 = 2000.0); NaN: no propagation
 * @param weighting           weights for combining repeated spectra
 * @param cluster             the Monte-Carlo and flag rules, with the seed
 * @param device              compute backend choice
 * @param threads             CPU threads (0: all)
 * @param formats             output table formats
 * @param orbits              the kinematics and orbit stage (SPEC.md 6) added to the cluster catalogue when its
 *                            rows have position, distance or parallax, proper motions and RV; null turns it off
 * @param gradients           the metallicity-gradient fits run on the finished cluster table
 *                            ({@link GradientConfig#paper} for the papers' fits), or null for none
 */
public record ClusterRunConfig(Path spectra, Path members, Path clusters, Map<String, String> spectraColumns,
                               Map<String, String> memberColumns, Map<String, String> clusterColumns, Survey survey,
                               QualityConfig quality, double minMembership, double radiusArcsec, double memberEpoch,
                               double spectraEpoch, Weighting weighting,
                               ClusterConfig cluster, Device device, int threads, List<String> formats,
                               OrbitConfig orbits, GradientConfig gradients) {

    public ClusterRunConfig {
        spectraColumns = Map.copyOf(spectraColumns);
        memberColumns = Map.copyOf(memberColumns);
        clusterColumns = Map.copyOf(clusterColumns);
        formats = List.copyOf(formats);
        if (!(radiusArcsec > 0)) {
            throw new IllegalArgumentException("the match radius must be positive, got " + radiusArcsec);
        }
        if (Double.isNaN(memberEpoch) != Double.isNaN(spectraEpoch)) {
            throw new IllegalArgumentException("give both the member epoch and the spectra epoch, or neither");
        }
    }

    /** A configuration with the orbit stage at its defaults (SPEC.md 6, keyed by the cluster seed) and no gradient fits. */
    public ClusterRunConfig(Path spectra, Path members, Path clusters, Map<String, String> spectraColumns,
                            Map<String, String> memberColumns, Map<String, String> clusterColumns, Survey survey,
                            QualityConfig quality, double minMembership, double radiusArcsec, double memberEpoch,
                            double spectraEpoch, Weighting weighting,
                            ClusterConfig cluster, Device device, int threads, List<String> formats) {
        this(spectra, members, clusters, spectraColumns, memberColumns, clusterColumns, survey, quality, minMembership, radiusArcsec,
                memberEpoch, spectraEpoch, weighting, cluster, device, threads, formats, OrbitConfig.defaults(cluster.seed()), null);
    }

    /** The same run with these gradient fits (null: none). */
    public ClusterRunConfig withGradients(GradientConfig value) {
        return new ClusterRunConfig(spectra, members, clusters, spectraColumns, memberColumns, clusterColumns, survey, quality,
                minMembership, radiusArcsec, memberEpoch, spectraEpoch, weighting, cluster, device, threads, formats, orbits, value);
    }

    /** The same run with another orbit stage (null: off). */
    public ClusterRunConfig withOrbits(OrbitConfig value) {
        return new ClusterRunConfig(spectra, members, clusters, spectraColumns, memberColumns, clusterColumns, survey, quality,
                minMembership, radiusArcsec, memberEpoch, spectraEpoch, weighting, cluster, device, threads, formats, value, gradients);
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
        m.put("min_membership", minMembership);
        m.put("radius_arcsec", radiusArcsec);
        m.put("member_epoch", memberEpoch);
        m.put("spectra_epoch", spectraEpoch);
        m.put("weighting", weighting.name());
        m.put("draws", cluster.draws());
        m.put("flag_sigma", cluster.flagSigma());
        m.put("max_rv_dispersion_kms", cluster.maxRvDispersion());
        m.put("feh_teff_range_K", List.of(cluster.minTeff(), cluster.maxTeff()));
        m.put("cool_dwarf", Map.of("teff_below_K", cluster.coolDwarfTeff(), "logg_at_least", cluster.coolDwarfLogg()));
        m.put("high_quality_min_flag12", cluster.highQualityMinStars());
        m.put("feh_teff_logg_selection", cluster.teffLoggSelection());
        m.put("device", device.name().toLowerCase(java.util.Locale.ROOT));
        m.put("threads", threads);
        m.put("formats", formats);
        m.put("spectra_columns", new java.util.TreeMap<>(spectraColumns));
        m.put("member_columns", new java.util.TreeMap<>(memberColumns));
        m.put("cluster_columns", new java.util.TreeMap<>(clusterColumns));
        m.put("orbits", orbits == null ? "off" : orbits.describe());
        m.put("gradients", gradients == null ? "off" : gradients.describe());
        return m;
    }
}
