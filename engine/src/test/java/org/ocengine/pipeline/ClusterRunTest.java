package org.ocengine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.cluster.ClusterConfig;
import org.ocengine.combine.Weighting;
import org.ocengine.compute.Device;
import org.ocengine.io.SharedData;
import org.ocengine.io.TableIO;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.Survey;
import org.ocengine.table.Table;

class ClusterRunTest {

    static ClusterRunConfig config(Path spectra, int threads, long seed, List<String> formats) {
        return new ClusterRunConfig(spectra, null, null, Map.of(), Map.of(), Map.of(), null,
                QualityConfig.defaults(Survey.MRS).withMinSnr(Double.NaN), Double.NaN, 3.5, Double.NaN, Double.NaN, Weighting.SNR_SQUARED,
                ClusterConfig.defaults(seed), Device.CPU, threads, formats);
    }

    /** SPEC.md 1 and the issue: M67 and Stock 2 from the real MRS members, with the published sort of values. */
    @Test
    void realMrsMembers(@TempDir Path dir) throws Exception {
        Path spectra = SharedData.file("spectra/lamost_mrs_oc_members.csv");
        ClusterRun.Summary s = ClusterRun.run(config(spectra, 2, 1, List.of("fits")), dir.resolve("out"), Progress.NONE, line -> { });
        assertEquals(11L, s.counts().get("clusters"));
        assertEquals(24L, s.counts().get("rejected_entries"), "the 24 rows with implausible (imputed) RV errors");
        try (var alloc = new RootAllocator(); Table c = TableIO.read(dir.resolve("out/clusters.fits"), alloc)) {
            Map<String, Integer> row = new HashMap<>();
            String[] id = c.strings("cluster_id");
            for (int i = 0; i < id.length; i++) {
                row.put(id[i], i);
            }
            int m67 = row.get("NGC2682");
            // Gaia/APOGEE give 33.8 km/s; LAMOST MRS agrees within its zero point; the dispersion is about 3, not 750
            assertEquals(33.7, c.doubles("rv_median")[m67], 0.5);
            assertTrue(c.doubles("rv_dispersion")[m67] < 4, "M67 RV dispersion " + c.doubles("rv_dispersion")[m67]);
            assertEquals(0.0, c.doubles("feh_median")[m67], 0.1);
            assertTrue(c.ints("n_flag12")[m67] >= 200);
            int stock2 = row.get("STOCK2");
            assertTrue(c.ints("n_all")[stock2] >= 170);
            assertTrue(c.booleans("high_quality")[stock2]);
            for (String col : List.of("rv_median", "rv_median_err", "rv_mean", "rv_mean_err", "rv_dispersion", "n_all", "n_flag1",
                    "feh_median", "feh_median_err", "n_flag12")) {
                assertTrue(c.has(col), col);
            }
            assertEquals("km/s", c.unit("rv_median").orElseThrow());
        }
        assertTrue(Files.exists(dir.resolve("out/manifest.json")));
        String manifest = Files.readString(dir.resolve("out/manifest.json"));
        assertTrue(manifest.contains("\"sha256\""), manifest);
        assertTrue(manifest.contains("rv <- rv (copied)"), manifest);
    }

    /**
     * The low-resolution file: the survey is recognised from its snrg column (S/N > 6 cut), and M67
     * comes out near 28-30 km/s, LAMOST LRS's zero point being 4-5 km/s below Gaia's and APOGEE's 33.8.
     */
    @Test
    void realLrsMembers(@TempDir Path dir) throws Exception {
        Path spectra = SharedData.file("spectra/lamost_lrs_oc_members.csv");
        List<String> notes = new java.util.ArrayList<>();
        ClusterRun.Summary s = ClusterRun.run(config(spectra, 2, 1, List.of("fits")), dir.resolve("out"), Progress.NONE, notes::add);
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("survey: LRS (S/N column snrg)")), notes.toString());
        assertEquals(15L, s.counts().get("clusters"));
        assertTrue(s.counts().get("rejected_entries") > 0, "rows at or below S/N 6 are rejected");
        try (var alloc = new RootAllocator(); Table c = TableIO.read(dir.resolve("out/clusters.fits"), alloc)) {
            int m67 = java.util.Arrays.asList(c.strings("cluster_id")).indexOf("NGC2682");
            assertEquals(29.0, c.doubles("rv_median")[m67], 1.5);
            assertEquals(0.0, c.doubles("feh_median")[m67], 0.1);
        }
    }

    /** Same seed, same bytes, whatever the thread count; another seed, other bytes. */
    @Test
    void sameSeedSameBytes(@TempDir Path dir) throws Exception {
        Path spectra = SharedData.file("spectra/lamost_mrs_oc_members.csv");
        ClusterRun.run(config(spectra, 1, 7, List.of("fits", "csv")), dir.resolve("a"), Progress.NONE, line -> { });
        ClusterRun.run(config(spectra, 2, 7, List.of("fits", "csv")), dir.resolve("b"), Progress.NONE, line -> { });
        ClusterRun.run(config(spectra, 2, 8, List.of("fits")), dir.resolve("c"), Progress.NONE, line -> { });
        for (String f : List.of("clusters.fits", "members.fits", "rejected.fits", "clusters.csv", "members.csv")) {
            assertEquals(-1L, Files.mismatch(dir.resolve("a").resolve(f), dir.resolve("b").resolve(f)), f);
        }
        assertTrue(Files.mismatch(dir.resolve("a/clusters.fits"), dir.resolve("c/clusters.fits")) >= 0);
    }

    /** A run that fails leaves no outputs behind, not even the folder it created. */
    @Test
    void failedRunLeavesNothing(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "cluster,rv,rv_err\nNGC 2682,33.1,0.5\nNGC 2682,34.0,-1\n");
        Path out = dir.resolve("out");
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.ocengine.table.DataException.class,
                () -> ClusterRun.run(config(bad, 1, 1, List.of("fits")), out, Progress.NONE, line -> { }));
        assertEquals("rv_err", e.column());
        assertEquals(2, e.row());
        assertFalse(Files.exists(out), "output folder removed");
    }
}
