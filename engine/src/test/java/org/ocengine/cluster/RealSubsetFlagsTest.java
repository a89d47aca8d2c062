package org.ocengine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.ocengine.combine.RepeatedMeasurements;
import org.ocengine.combine.StarKeys;
import org.ocengine.combine.Weighting;
import org.ocengine.compute.CpuBackend;
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
 * Pins the flag rules on 25 real LAMOST MRS rows whose flags were worked out by hand
 * (src/test/resources/cluster/README.md): quality, star keys, combination and the cluster stage,
 * as the run chains them.
 */
class RealSubsetFlagsTest {

    @Test
    void handCheckedFlags() throws Exception {
        Path fixture = Path.of(getClass().getResource("/cluster/mrs_flag_subset.csv").toURI());
        try (var alloc = new RootAllocator();
             Table raw = TableIO.read(fixture, alloc);
             CanonicalTable spectra = CanonicalTables.toCanonical(raw, Map.of(), alloc);
             CpuBackend cpu = new CpuBackend(2)) {
            RejectedRows rejected = new RejectedRows();
            try (QualityCuts.Result q = QualityCuts.apply(spectra.table(), Map.of(), QualityConfig.defaults(Survey.MRS), rejected, alloc);
                 Table keyed = q.kept().extend(alloc, "k", b -> b.addLongs(Columns.STAR_KEY, StarKeys.assign(q.kept(), cpu, 1.0, alloc)));
                 Table stars = RepeatedMeasurements.combine(keyed, Weighting.SNR_SQUARED, alloc);
                 ClusterCatalogue.Result r = ClusterCatalogue.run(stars, cpu, ClusterConfig.defaults(20261121), rejected, alloc)) {
                // quality: the two rv_err = 9999 rows (IC 4665 and NGC 2158)
                assertEquals(2, rejected.size(), rejected.entries().toString());
                assertEquals(23, q.kept().rowCount());

                Map<Long, Integer> flagOf = new HashMap<>();
                long[] ids = r.members().longs(Columns.SOURCE_ID.name());
                int[] flags = r.members().ints(ClusterCatalogue.FLAG.name());
                for (int i = 0; i < ids.length; i++) {
                    flagOf.put(ids[i], flags[i]);
                }
                // IC 4665: -32.79 km/s is 2.19 sigma off
                assertEquals(0, flagOf.get(4473481770502730112L));
                for (long id : new long[] {4473661437575846912L, 4474047606677840384L, 4474050943866952960L, 4474117047705409280L, 4474119113588067712L}) {
                    assertEquals(12, flagOf.get(id), "IC 4665 " + id);
                }
                // NGC 1039: -49.14 (2.71 sigma) flag 0; -39.33 (1.98 sigma, 8243 K) flag 1; hot stars flag 1; 7497 K flag 12
                assertEquals(0, flagOf.get(337078967651775488L));
                assertEquals(1, flagOf.get(337505372005128960L));
                assertEquals(1, flagOf.get(337099617854498688L));
                assertEquals(1, flagOf.get(337140609022188672L));
                assertEquals(1, flagOf.get(337164381664706560L));
                assertEquals(12, flagOf.get(337132878081141888L));
                // NGC 2158: the single giant; NGC 2232: both
                assertEquals(12, flagOf.get(3426179941274470016L));
                assertEquals(12, flagOf.get(3104193321200477184L));
                assertEquals(12, flagOf.get(3104419133401411840L));

                Table c = r.clusters();
                Map<String, Integer> row = new HashMap<>();
                String[] id = c.strings("cluster_id");
                for (int i = 0; i < id.length; i++) {
                    row.put(id[i], i);
                }
                int ngc1039 = row.get("NGC1039");
                assertEquals(14, c.ints("n_all")[ngc1039]);
                assertEquals(13, c.ints("n_flag1")[ngc1039]);
                assertEquals(9, c.ints("n_flag12")[ngc1039]);
                // a one-star cluster: median = x, +- = e (SPEC.md 5)
                int ngc2158 = row.get("NGC2158");
                assertEquals(27.44, c.doubles("rv_median")[ngc2158], 0.05);
                assertEquals(1.25, c.doubles("rv_median_err")[ngc2158], 0.03);
                // IC 4665 second pass over its 5 flag-1 stars: mean -12.774, dispersion sqrt(var + mean e^2) = 1.724
                int ic4665 = row.get("IC4665");
                assertEquals(-12.774, c.doubles("rv_mean")[ic4665], 0.02);
                assertEquals(1.724, c.doubles("rv_dispersion")[ic4665], 0.02);
            }
        }
    }
}
