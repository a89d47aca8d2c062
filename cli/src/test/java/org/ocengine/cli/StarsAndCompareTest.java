package org.ocengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.io.SharedData;
import org.ocengine.io.TableIO;
import org.ocengine.table.Table;

/**
 * {@code ocengine stars} and {@code ocengine compare} on the real tables: the run's MRS clusters
 * against DIAS2021 and (with a column override) SOUBIRAN2018; MRS stars against LRS stars (the LRS
 * zero point sits about 4 km/s below MRS) and against APOGEE OCCAM members (matched on the sky).
 */
class StarsAndCompareTest {

    private static Map<String, Integer> rows(Table summary) {
        Map<String, Integer> row = new HashMap<>();
        String[] q = summary.strings("quantity");
        String[] s = summary.strings("sample");
        for (int k = 0; k < q.length; k++) {
            row.put(q[k] + "/" + s[k], k);
        }
        return row;
    }

    @Test
    void clustersAgainstTheLiterature(@TempDir Path dir) throws Exception {
        Path mrs = SharedData.file("spectra/lamost_mrs_oc_members.csv");
        Path dias = SharedData.file("clusters/DIAS2021.csv");
        Path soubiran = SharedData.file("clusters/SOUBIRAN2018.csv");
        Path zhong = SharedData.file("clusters/ZHONG2020.csv");
        Path hunt = SharedData.file("clusters/HUNT2023.csv");
        Path run = dir.resolve("run");
        assertEquals(0, BadInputTest.run("run", "--spectra", mrs.toString(), "--out", run.toString(), "--draws", "1000", "--quiet").code());
        BadInputTest.Outcome o = BadInputTest.run("compare", run.resolve("clusters.fits").toString(), dias.toString(),
                "--out", dir.resolve("vs-dias.csv").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("10 of our 11 clusters found"), o.err());
        assertTrue(o.out().contains("quantity  sample"), o.out());
        try (var alloc = new RootAllocator();
             Table summary = TableIO.read(dir.resolve("vs-dias.csv"), alloc);
             Table pairs = TableIO.read(dir.resolve("vs-dias_pairs.csv"), alloc)) {
            Map<String, Integer> row = rows(summary);
            int rv = row.get("rv/clusters");
            // DIAS2021 has no RV for h and chi Persei; the MRS zero point agrees with theirs within a km/s
            assertEquals(8, summary.ints("n")[rv]);
            assertTrue(Math.abs(summary.doubles("median")[rv]) < 1.0, "median RV difference " + summary.doubles("median")[rv]);
            assertEquals(10, pairs.rowCount());
            int m67 = java.util.Arrays.asList(pairs.strings("cluster")).indexOf("NGC2682");
            assertEquals(33.64 - 34.045, pairs.doubles("rv_diff")[m67], 0.3);
        }
        // ZHONG2020 (LAMOST DR5 LRS) has all 11; its RVs sit at the LRS zero point, 5-7 km/s below MRS
        BadInputTest.Outcome z = BadInputTest.run("compare", run.resolve("clusters.fits").toString(), zhong.toString(),
                "--out", dir.resolve("vs-zhong.csv").toString());
        assertEquals(0, z.code(), z.err());
        assertTrue(z.err().contains("11 of our 11 clusters found"), z.err());
        try (var alloc = new RootAllocator(); Table summary = TableIO.read(dir.resolve("vs-zhong.csv"), alloc)) {
            Map<String, Integer> row = rows(summary);
            int rv = row.get("rv/clusters");
            int feh = row.get("feh/clusters");
            assertEquals(11, summary.ints("n")[rv]);
            assertEquals(6.0, summary.doubles("median")[rv], 1.5, "median MRS - ZHONG2020 RV");
            assertTrue(Math.abs(summary.doubles("median")[feh]) < 0.05, "median [Fe/H] difference " + summary.doubles("median")[feh]);
        }
        // HUNT2023 (Gaia DR3 RVs, no [Fe/H]): M67 agrees within 0.2 km/s; h and chi Persei do not (few hot MRS members)
        BadInputTest.Outcome h = BadInputTest.run("compare", run.resolve("clusters.fits").toString(), hunt.toString(),
                "--out", dir.resolve("vs-hunt.csv").toString());
        assertEquals(0, h.code(), h.err());
        assertTrue(h.err().contains("11 of our 11 clusters found") && h.err().contains("feh: not compared"), h.err());
        try (var alloc = new RootAllocator(); Table pairs = TableIO.read(dir.resolve("vs-hunt_pairs.csv"), alloc)) {
            int m67 = java.util.Arrays.asList(pairs.strings("cluster")).indexOf("NGC2682");
            assertEquals(33.64 - 33.7675, pairs.doubles("rv_diff")[m67], 0.2);
        }
        // SOUBIRAN2018 names its clusters "ID": without an override the error names the file and the column
        BadInputTest.Outcome bad = BadInputTest.run("compare", run.resolve("clusters.fits").toString(), soubiran.toString(),
                "--out", dir.resolve("vs-soubiran.csv").toString());
        assertEquals(65, bad.code(), bad.err());
        assertTrue(bad.err().contains("SOUBIRAN2018.csv") && bad.err().contains("cluster"), bad.err());
        assertFalse(Files.exists(dir.resolve("vs-soubiran.csv")));
        assertEquals(0, BadInputTest.run("compare", run.resolve("clusters.fits").toString(), soubiran.toString(), "--map", "theirs:cluster=ID",
                "--out", dir.resolve("vs-soubiran.csv").toString(), "--quiet").code());
        assertTrue(Files.isRegularFile(dir.resolve("vs-soubiran_pairs.csv")));
    }

    @Test
    void starsAgainstLrsAndApogee(@TempDir Path dir) throws Exception {
        Path mrs = SharedData.file("spectra/lamost_mrs_oc_members.csv");
        Path lrs = SharedData.file("spectra/lamost_lrs_oc_members.csv");
        Path occam = SharedData.file("spectra/occam_member-DR16.fits");
        BadInputTest.Outcome s = BadInputTest.run("stars", "--spectra", mrs.toString(), "--out", dir.resolve("mrs").toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("555 stars from 555 spectra"), s.out());
        assertTrue(s.err().contains("high_velocity left empty"), s.err());
        assertEquals(0, BadInputTest.run("stars", "--spectra", lrs.toString(), "--out", dir.resolve("lrs").toString(), "--quiet").code());
        Path ours = dir.resolve("mrs/stars.fits");
        assertEquals(0, BadInputTest.run("compare", ours.toString(), dir.resolve("lrs/stars.fits").toString(),
                "--out", dir.resolve("vs-lrs.fits").toString(), "--quiet").code());
        assertEquals(0, BadInputTest.run("compare", ours.toString(), occam.toString(),
                "--out", dir.resolve("vs-apogee.fits").toString(), "--quiet").code());
        try (var alloc = new RootAllocator();
             Table vsLrs = TableIO.read(dir.resolve("vs-lrs.fits"), alloc);
             Table vsApogee = TableIO.read(dir.resolve("vs-apogee.fits"), alloc)) {
            Map<String, Integer> row = rows(vsLrs);
            int rv = row.get("rv/all");
            assertTrue(vsLrs.ints("n")[rv] > 100, "pairs " + vsLrs.ints("n")[rv]);
            assertEquals(4.0, vsLrs.doubles("clipped_mean")[rv], 1.0, "MRS - LRS RV offset");
            assertTrue(row.containsKey("teff/dwarfs") && row.containsKey("feh/giants"));
            Map<String, Integer> a = rows(vsApogee);
            int rvA = a.get("rv/all");
            int fehA = a.get("feh/all");
            assertTrue(vsApogee.ints("n")[rvA] > 80, "pairs " + vsApogee.ints("n")[rvA]);
            assertTrue(Math.abs(vsApogee.doubles("clipped_mean")[rvA]) < 1.0, "MRS - APOGEE RV " + vsApogee.doubles("clipped_mean")[rvA]);
            assertTrue(vsApogee.doubles("clipped_std")[rvA] < 1.5);
            assertTrue(Math.abs(vsApogee.doubles("clipped_mean")[fehA]) < 0.1, "MRS - APOGEE [Fe/H] " + vsApogee.doubles("clipped_mean")[fehA]);
        }
    }

    /**
     * Gaia DR3 RVs of the Pleiades against Hunt &amp; Reffert 2023's members (a one-cluster list, named with
     * --cluster): the rows without an RV are no observation, and the RV completeness falls from above
     * 80% for G 10-15 to nothing fainter than G = 16 (the RVS limit).
     */
    @Test
    void pleiadesGaiaRvCompleteness(@TempDir Path dir) throws Exception {
        Path rvs = SharedData.file("spectra/pleiades_gaia_dr3_rv.csv");
        Path members = SharedData.file("members/hr23_melotte22_members.csv");
        BadInputTest.Outcome o = BadInputTest.run("stars", "--spectra", rvs.toString(), "--members", members.toString(),
                "--cluster", "Melotte 22", "--min-membership", "0.5", "--out", dir.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("499 stars from 499 spectra"), o.out());
        assertTrue(o.err().contains("579 rows with no measured quantity (rv) left out"), o.err());
        try (var alloc = new RootAllocator(); Table t = TableIO.read(dir.resolve("completeness.fits"), alloc)) {
            String[] cluster = t.strings("cluster");
            double[] gMin = t.doubles("g_min");
            double[] fraction = t.doubles("fraction");
            int bright = 0;
            for (int k = 0; k < cluster.length; k++) {
                assertTrue(cluster[k].equals("Melotte 22") || cluster[k].equals("all"), cluster[k]);
                if (cluster[k].equals("Melotte 22") && gMin[k] >= 10.0 && gMin[k] < 15.0) {
                    bright++;
                    assertTrue(fraction[k] >= 0.8, "G " + gMin[k] + ": " + fraction[k]);
                }
                if (gMin[k] >= 16.0) {
                    assertEquals(0.0, fraction[k], "G " + gMin[k]);
                }
            }
            assertEquals(10, bright);
        }
    }
}
