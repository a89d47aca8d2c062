package org.ocengine.stars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.ocengine.cluster.ClusterCatalogue;
import org.ocengine.cluster.ClusterConfig;
import org.ocengine.combine.RepeatedMeasurements;
import org.ocengine.combine.StarKeys;
import org.ocengine.combine.Weighting;
import org.ocengine.compute.CpuBackend;
import org.ocengine.io.SharedData;
import org.ocengine.io.TableIO;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.QualityCuts;
import org.ocengine.quality.RejectedRows;
import org.ocengine.quality.Survey;
import org.ocengine.table.CanonicalTable;
import org.ocengine.table.CanonicalTables;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/**
 * The real-data check of issue 9: our cluster RV and [Fe/H] from the APOGEE DR16 OCCAM member table
 * (Donor et al. 2020) against OCCAM's own cluster table.
 * <ul>
 *   <li>members: OCCAM's rule as we read Donor et al. 2020, all three of RV_PROB, FEH_PROB and PM_PROB
 *       above 0.01;</li>
 *   <li>the member table has no per-star RV error, so rv_err is VSCATTER (the scatter of the star's
 *       visits) with a floor of {@value #RV_ERROR_FLOOR} km/s (APOGEE's single-visit precision is about
 *       0.1 km/s, so most of the floor is margin for the zero point between visits); VSCATTER = -1 means
 *       unknown;</li>
 *   <li>-9999.99 (FE_H, FE_H_ERR) and 999999 (VHELIO_AVG) are sentinels: the quality stage sets them missing;</li>
 *   <li>the cluster stage as the run uses it (5000 draws, 2-sigma flag 1), but without the LAMOST Teff and
 *       cool-dwarf rules for [Fe/H], which the member table cannot apply (no Teff, no logg) and APOGEE does
 *       not need;</li>
 *   <li>compared by normalised cluster name with the cluster table's RV and FE_H: our MC means, since
 *       OCCAM's values are means over its members.</li>
 * </ul>
 */
class OccamCheckTest {

    static final double RV_ERROR_FLOOR = 0.5;
    static final double MIN_PROBABILITY = 0.01;

    @Test
    void ourClusterValuesFromOccamMembersMatchOccamClusters() throws Exception {
        Path members = SharedData.file("spectra/occam_member-DR16.fits");
        Path clusters = SharedData.file("spectra/occam_cluster-DR16.fits");
        try (var alloc = new RootAllocator();
             CpuBackend cpu = new CpuBackend(2);
             Table raw = TableIO.read(members, alloc);
             CanonicalTable canonical = CanonicalTables.toCanonical(raw, Map.of(), alloc)) {
            int n = raw.rowCount();
            double[] rvProb = raw.doubles("RV_PROB");
            double[] fehProb = raw.doubles("FEH_PROB");
            double[] pmProb = raw.doubles("PM_PROB");
            double[] scatter = raw.doubles("VSCATTER");
            int[] keep = java.util.stream.IntStream.range(0, n)
                    .filter(i -> rvProb[i] > MIN_PROBABILITY && fehProb[i] > MIN_PROBABILITY && pmProb[i] > MIN_PROBABILITY).toArray();
            double[] rvErr = new double[keep.length];
            for (int k = 0; k < keep.length; k++) {
                double s = scatter[keep[k]];
                rvErr[k] = s >= 0 ? Math.max(s, RV_ERROR_FLOOR) : Double.NaN;
            }
            RejectedRows rejected = new RejectedRows();
            QualityConfig quality = QualityConfig.defaults(Survey.MRS).withMissingErrorFails(false);
            try (Table selected = canonical.table().select(keep, alloc, members.toString());
                 Table withErrors = selected.extend(alloc, members.toString(), b -> b.addDoubles(Columns.RV_ERR, rvErr));
                 QualityCuts.Result kept = QualityCuts.apply(withErrors, Map.of(), quality, rejected, alloc);
                 Table keyed = kept.kept().extend(alloc, "occam", b -> b.addLongs(Columns.STAR_KEY,
                         StarKeys.assign(kept.kept(), cpu, StarKeys.DEFAULT_LINK_RADIUS_ARCSEC, alloc)));
                 Table stars = RepeatedMeasurements.combine(keyed, Weighting.INVERSE_VARIANCE, alloc);
                 ClusterCatalogue.Result ours = ClusterCatalogue.run(stars, cpu,
                         ClusterConfig.defaults(20261122).withTeffLoggSelection(false), rejected, alloc);
                 Table theirRaw = TableIO.read(clusters, alloc);
                 CanonicalTable theirs = CanonicalTables.toCanonical(theirRaw, Map.of(), alloc);
                 CatalogueComparison.Result cmp = CatalogueComparison.clusters(ours.clusters(), theirs.table(), List.of(
                         new CatalogueComparison.Quantity("rv", "rv_mean", "rv", "km/s"),
                         new CatalogueComparison.Quantity("feh", "feh_mean", "feh", "")), alloc)) {
                // the sentinels never reach the cluster stage as numbers
                for (double v : stars.doubles(Columns.RV.name())) {
                    assertTrue(Math.abs(v) < 1000, "RV " + v);
                }
                for (double v : stars.doubles(Columns.FEH.name())) {
                    assertTrue(Double.isNaN(v) || Math.abs(v) < 5, "[Fe/H] " + v);
                }
                Table summary = cmp.summary();
                int rv = 0;
                int feh = 1;
                assertEquals("rv", summary.strings("quantity")[rv]);
                assertTrue(summary.ints("n")[rv] >= 100, CatalogueComparison.render(summary) + cmp.notes());
                assertTrue(Math.abs(summary.doubles("mean")[rv]) < 0.5, CatalogueComparison.render(summary));
                assertTrue(summary.ints("n")[feh] >= 100, CatalogueComparison.render(summary));
                assertTrue(Math.abs(summary.doubles("mean")[feh]) < 0.02, CatalogueComparison.render(summary));
            }
        }
    }
}
