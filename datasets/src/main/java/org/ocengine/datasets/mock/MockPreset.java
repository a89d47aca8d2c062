package org.ocengine.datasets.mock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The size and shape of a mock survey. Three presets: {@link #TINY} (a few thousand spectra, for unit
 * tests), {@link #DEFAULT} (about 100 clusters and 200,000 spectra: the demo) and {@link #SURVEY}
 * (about 10^7 spectra and 10^8 Gaia sources: the benchmark workload, streamed to disk). Immutable.
 *
 * @param name               preset name
 * @param fieldRadiusDeg     radius of a field (LAMOST: 2.5 deg, 20 deg^2)
 * @param ocFields           open-cluster survey fields (several visits, new fibre positions each time)
 * @param ocVisits           plate visits per open-cluster field (Zhang et al. 2025: eight)
 * @param tdFields           time-domain fields (one plate, the same fibres in every exposure)
 * @param tdEpochsMin        fewest exposures of a time-domain plate
 * @param tdEpochsMax        most exposures of a time-domain plate (LK-MRS: up to about 60)
 * @param tdTargets          stars observed on a time-domain plate (on average)
 * @param clustersPerOcField clusters in each open-cluster field
 * @param clustersPerTdField clusters in each time-domain field
 * @param fieldStarsPerDeg2  field stars (Gaia sources with 9 &lt;= G &lt;= 18) per deg^2
 * @param fibresPerDeg2      fibre density (LAMOST: 200 per deg^2)
 * @param fibreYield         fraction of fibres that give a science spectrum in an open-cluster visit
 * @param targetMaxG         faintest G targeted for spectra (LAMOST-MRS-O: 15)
 * @param clusterMassMin     smallest cluster stellar mass, solar masses (log-uniform up to the largest)
 * @param clusterMassMax     largest cluster stellar mass, solar masses
 * @param membersMin         fewest members with G &lt;= 18 a cluster has (the number its mass implies is kept within these)
 * @param membersMax         most members with G &lt;= 18 a cluster has
 * @param binaryFraction     fraction of stars that are binaries
 * @param contamination      field stars listed as members, per true member
 * @param rvOffsetSigma      standard deviation of the RV zero point of an (exposure, spectrograph) cell, km/s
 */
public record MockPreset(String name, double fieldRadiusDeg, int ocFields, int ocVisits, int tdFields, int tdEpochsMin,
                         int tdEpochsMax, int tdTargets, int clustersPerOcField, int clustersPerTdField,
                         double fieldStarsPerDeg2, double fibresPerDeg2, double fibreYield, double targetMaxG,
                         double clusterMassMin, double clusterMassMax, int membersMin, int membersMax,
                         double binaryFraction, double contamination,
                         double rvOffsetSigma) {

    /** Brightest G of any star written (Gaia-like lists and targets). */
    public static final double G_MIN = 9.0;
    /** Faintest G of any star written (the Gaia-like lists). */
    public static final double G_MAX = 18.0;

    public static final MockPreset TINY = new MockPreset("tiny", 0.8, 1, 4, 1, 10, 20, 150, 4, 2,
            3000, 200, 0.75, 15.0, 1000, 4000, 30, 400, 0.2, 0.08, 0.3);
    public static final MockPreset DEFAULT = new MockPreset("default", 2.5, 7, 8, 2, 10, 60, 600, 13, 3,
            8000, 200, 0.75, 15.0, 300, 4000, 20, 2000, 0.2, 0.08, 0.3);
    public static final MockPreset SURVEY = new MockPreset("survey", 2.5, 360, 8, 20, 10, 60, 2500, 10, 2,
            13000, 200, 0.75, 15.0, 300, 4000, 20, 2000, 0.2, 0.08, 0.3);

    public MockPreset {
        if (ocFields < 0 || tdFields < 0 || ocFields + tdFields == 0) {
            throw new IllegalArgumentException("a mock survey needs at least one field");
        }
        if (tdEpochsMin < 1 || tdEpochsMax < tdEpochsMin) {
            throw new IllegalArgumentException("time-domain epochs must satisfy 1 <= min <= max");
        }
        if (!(fieldRadiusDeg > 0 && fieldRadiusDeg < 10)) {
            throw new IllegalArgumentException("field radius must be in (0, 10) deg");
        }
    }

    /** The presets by name. */
    public static List<MockPreset> all() {
        return List.of(TINY, DEFAULT, SURVEY);
    }

    /**
     * The preset of that name ({@code tiny}, {@code default}, {@code survey}).
     *
     * @throws IllegalArgumentException for another name
     */
    public static MockPreset named(String name) {
        for (MockPreset p : all()) {
            if (p.name.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "' (expected tiny, default or survey)");
    }

    /** The same survey with another number of fields (a scaled-down or scaled-up run of the same density). */
    public MockPreset withFields(int oc, int td) {
        return new MockPreset(name + "-" + oc + "oc" + td + "td", fieldRadiusDeg, oc, ocVisits, td, tdEpochsMin, tdEpochsMax,
                tdTargets, clustersPerOcField, clustersPerTdField, fieldStarsPerDeg2, fibresPerDeg2, fibreYield, targetMaxG,
                clusterMassMin, clusterMassMax, membersMin, membersMax, binaryFraction, contamination, rvOffsetSigma);
    }

    /** The same survey with fields of another radius (same densities; for scaled-down runs). */
    public MockPreset withFieldRadius(double radiusDeg) {
        return new MockPreset(name + "-r" + radiusDeg, radiusDeg, ocFields, ocVisits, tdFields, tdEpochsMin, tdEpochsMax, tdTargets,
                clustersPerOcField, clustersPerTdField, fieldStarsPerDeg2, fibresPerDeg2, fibreYield, targetMaxG, clusterMassMin,
                clusterMassMax, membersMin, membersMax, binaryFraction, contamination, rvOffsetSigma);
    }

    /** Number of fields. */
    public int fieldCount() {
        return ocFields + tdFields;
    }

    /** Number of clusters. */
    public int clusterCount() {
        return ocFields * clustersPerOcField + tdFields * clustersPerTdField;
    }

    /** Area of one field, deg^2. */
    public double fieldAreaDeg2() {
        double r = Math.toRadians(fieldRadiusDeg);
        return 2 * Math.PI * (1 - Math.cos(r)) * Math.pow(180 / Math.PI, 2);
    }

    /** The parameters as plain values, for the manifest. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("field_radius_deg", fieldRadiusDeg);
        m.put("oc_fields", ocFields);
        m.put("oc_visits", ocVisits);
        m.put("td_fields", tdFields);
        m.put("td_epochs", List.of(tdEpochsMin, tdEpochsMax));
        m.put("td_targets", tdTargets);
        m.put("clusters_per_oc_field", clustersPerOcField);
        m.put("clusters_per_td_field", clustersPerTdField);
        m.put("field_stars_per_deg2", fieldStarsPerDeg2);
        m.put("fibres_per_deg2", fibresPerDeg2);
        m.put("fibre_yield", fibreYield);
        m.put("target_max_g", targetMaxG);
        m.put("cluster_mass_msun", List.of(clusterMassMin, clusterMassMax));
        m.put("members_g_le_18", List.of(membersMin, membersMax));
        m.put("binary_fraction", binaryFraction);
        m.put("contamination", contamination);
        m.put("rv_offset_sigma_kms", rvOffsetSigma);
        return m;
    }
}
