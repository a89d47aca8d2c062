package org.ocengine.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.CpuBackend;
import org.ocengine.quality.RejectedRows;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

class ClusterCatalogueTest {

    /**
     * A synthetic cluster of 12 stars at 30 km/s with one RV outlier, one hot star, one cool dwarf, one
     * cool giant (kept) and one star without [Fe/H]; and a second cluster spread over +-100 km/s.
     */
    private static Table stars(RootAllocator alloc) {
        String[] cl = new String[17];
        long[] key = new long[17];
        double[] rv = new double[17];
        double[] rvErr = new double[17];
        double[] feh = new double[17];
        double[] fehErr = new double[17];
        double[] teff = new double[17];
        double[] logg = new double[17];
        for (int i = 0; i < 12; i++) {
            cl[i] = i % 2 == 0 ? "NGC_2682" : "NGC 2682 ";
            key[i] = 100 + i;
            rv[i] = 30 + 0.3 * (i - 5.5);
            rvErr[i] = 1;
            feh[i] = 0.02 * (i % 3);
            fehErr[i] = 0.05;
            teff[i] = 5800;
            logg[i] = 4.3;
        }
        rv[3] = 60;            // RV outlier: flag 0
        teff[4] = 8000;        // hot: flag 1
        teff[5] = 4500;        // cool dwarf: flag 1
        teff[6] = 4500;        // cool giant: flag 12
        logg[6] = 2.5;
        feh[7] = Double.NaN;   // no [Fe/H]: flag 1
        for (int i = 12; i < 17; i++) {
            cl[i] = "Wide 1";
            key[i] = i;
            rv[i] = -100 + 50 * (i - 12);
            rvErr[i] = 2;
            feh[i] = 0;
            fehErr[i] = 0.1;
            teff[i] = 6000;
            logg[i] = 4;
        }
        return Table.builder(alloc, "members", 17).addStrings(Columns.CLUSTER, cl).addLongs(Columns.STAR_KEY, key)
                .addDoubles(Columns.RV, rv).addDoubles(Columns.RV_ERR, rvErr).addDoubles(Columns.FEH, feh)
                .addDoubles(Columns.FEH_ERR, fehErr).addDoubles(Columns.TEFF, teff).addDoubles(Columns.LOGG, logg)
                .addDoubles(Columns.abundance("mg"), mgFe()).build();
    }

    private static double[] mgFe() {
        double[] x = new double[17];
        for (int i = 0; i < 17; i++) {
            x[i] = 0.1 * (i % 4);
        }
        return x;
    }

    @Test
    void flagRulesOfFuEtAl2022() {
        try (var alloc = new RootAllocator(); Table in = stars(alloc); CpuBackend cpu = new CpuBackend(2)) {
            RejectedRows rejected = new RejectedRows();
            try (var r = ClusterCatalogue.run(in, cpu, ClusterConfig.defaults(1), rejected, alloc)) {
                Table m = r.members();
                // members are ordered by cluster id, then star key: NGC2682 (keys 100..111) then WIDE1
                int[] flag = m.ints("flag");
                int[] expected = {12, 12, 12, 0, 1, 1, 12, 1, 12, 12, 12, 12};
                assertArrayEquals(expected, Arrays.copyOf(flag, 12));
                String[] reason = m.strings("flag_reason");
                assertTrue(reason[3].startsWith("RV 60.00 km/s is"), reason[3]);
                assertTrue(reason[4].contains("hot star"), reason[4]);
                assertTrue(reason[5].contains("cool dwarf"), reason[5]);
                assertEquals("no usable [Fe/H]", reason[7]);

                Table c = r.clusters();
                assertEquals(1, c.rowCount(), "the wide cluster is dropped");
                assertEquals("NGC_2682", c.strings("cluster")[0]);
                assertEquals("NGC2682", c.strings("cluster_id")[0]);
                assertEquals(12, c.ints("n_all")[0]);
                assertEquals(11, c.ints("n_flag1")[0]);
                assertEquals(8, c.ints("n_flag12")[0]);
                assertTrue(c.booleans("high_quality")[0]);
                // the flag-1 RVs: 30 + 0.3 (i - 5.5) without i = 3; errors 1 km/s
                double mean = 0;
                for (int i = 0; i < 12; i++) {
                    mean += i == 3 ? 0 : 30 + 0.3 * (i - 5.5);
                }
                mean /= 11;
                assertEquals(mean, c.doubles("rv_mean")[0], 0.01);
                assertEquals(1 / Math.sqrt(11), c.doubles("rv_mean_err")[0], 0.02);
                assertFalse(Double.isNaN(c.doubles("feh_median")[0]));
                // [Mg/Fe] over the 8 flag-12 stars (i = 0, 1, 2, 6, 8, 9, 10, 11): 0.1 * (i % 4)
                double[] mg = {0.0, 0.1, 0.2, 0.2, 0.0, 0.1, 0.2, 0.3};
                assertEquals(8, c.ints("mg_fe_n")[0]);
                assertEquals(Arrays.stream(mg).average().orElseThrow(), c.doubles("mg_fe_mean")[0], 1e-12);

                assertEquals(1, rejected.size());
                assertEquals(RejectedRows.Action.CLUSTER_DROPPED, rejected.entries().get(0).action());
                assertTrue(rejected.entries().get(0).reason().contains("exceeds 50.0 km/s"));
                // members of the dropped cluster are not used
                assertArrayEquals(new int[5], Arrays.copyOfRange(flag, 12, 17));
            }
        }
    }

    @Test
    void sameSeedSameNumbersWhateverTheThreads() {
        try (var alloc = new RootAllocator(); Table in = stars(alloc)) {
            double[] first = null;
            for (int threads : new int[] {1, 3}) {
                try (CpuBackend cpu = new CpuBackend(threads);
                     var r = ClusterCatalogue.run(in, cpu, ClusterConfig.defaults(99).withDraws(2000), new RejectedRows(), alloc)) {
                    double[] now = r.clusters().doubles("rv_median");
                    if (first == null) {
                        first = now;
                    } else {
                        assertArrayEquals(first, now);
                    }
                }
            }
        }
    }
}
