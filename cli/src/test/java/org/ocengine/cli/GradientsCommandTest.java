package org.ocengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.io.TableIO;
import org.ocengine.table.Table;

/**
 * {@code ocengine gradients} end to end on a small CSV cluster table (short chains: 32 walkers x 600
 * steps): the table of fits and the manifest are written, the same seed gives the same bytes, a sweep
 * file and flags combine, and bad input gives one line and no output.
 */
class GradientsCommandTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** 40 clusters on [Fe/H] = -0.06 (R - 8) with a little noise, R in pc as in VizieR's ZHONG2020. */
    static Path table(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("Cluster,RGC,[Fe/H],e_[Fe/H],n_flag12,logAge\n");
        for (int i = 0; i < 40; i++) {
            double r = 6 + 0.3 * i;
            double noise = 0.02 * Math.sin(7.3 * i);
            sb.append(String.format(Locale.ROOT, "C%d,%.1f,%.4f,0.05,%d,%.2f%n", i, 1000 * r, -0.06 * (r - 8) + noise, 2 + i % 4,
                    7 + 0.07 * i));
        }
        Path p = dir.resolve("clusters.csv");
        Files.writeString(p, sb.toString());
        return p;
    }

    @Test
    void writesOneRowPerFitAndAManifest(@TempDir Path dir) throws Exception {
        Path clusters = table(dir);
        Path sweep = dir.resolve("sweep.txt");
        Files.writeString(sweep, "model = linear, broken\nknee = 11.5\nmap = r_gc=RGC[pc]\nwalkers = 32\nsteps = 600\n");
        String[] args = {"gradients", "--clusters", clusters.toString(), "--sweep", sweep.toString(), "--age-bins", "all,-0.5,0.5-",
            "--format", "fits,csv", "--device", "cpu", "--out", dir.resolve("a").toString()};
        Outcome o = run(args);
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("linear feh~r_gc age=all n12>=3"), o.out());
        assertTrue(o.err().isEmpty() || !o.err().contains("left out"), o.err());
        try (RootAllocator alloc = new RootAllocator(); Table t = TableIO.read(dir.resolve("a/gradients.fits"), alloc)) {
            assertEquals(6, t.rowCount());
            assertEquals(30, t.ints("n")[0], "clusters with at least 3 flag-12 stars (n_flag12 = 2, 3, 4, 5 in turn)");
            double slope = t.doubles("slope_p50")[0];
            assertTrue(Math.abs(slope + 0.06) < 0.01, "slope " + slope);
            assertEquals(32, t.ints("walkers")[0]);
        }
        String manifest = Files.readString(dir.resolve("a/manifest.json"));
        assertTrue(manifest.contains("\"command\" : \"gradients\"") && manifest.contains("\"sha256\""), manifest);
        args[args.length - 1] = dir.resolve("b").toString();
        assertEquals(0, run(args).code());
        assertEquals(-1, Files.mismatch(dir.resolve("a/gradients.csv"), dir.resolve("b/gradients.csv")), "same seed, same output");
    }

    @Test
    void aMissingVariableIsANoteAndAnImplausibleLengthAnError(@TempDir Path dir) throws Exception {
        Path clusters = table(dir);
        Outcome o = run("gradients", "--clusters", clusters.toString(), "--map", "r_gc=RGC[pc]", "--variable", "r_gc,l_z",
                "--walkers", "16", "--steps", "300", "--model", "linear", "--device", "cpu", "--out", dir.resolve("c").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("left out for want of a column: l_z (1)"), o.err());
        Outcome bad = run("gradients", "--clusters", clusters.toString(), "--map", "r_gc=RGC", "--walkers", "16", "--steps", "300",
                "--device", "cpu", "--out", dir.resolve("d").toString());
        assertEquals(65, bad.code(), bad.err());
        assertEquals(1, bad.err().strip().split("\n").length, bad.err());
        assertTrue(bad.err().contains("clusters.csv") && bad.err().contains("RGC") && bad.err().contains("[pc]"), bad.err());
        assertFalse(Files.exists(dir.resolve("d")), "no output folder left behind");
        Outcome usage = run("gradients", "--clusters", clusters.toString(), "--model", "cubic", "--out", dir.resolve("e").toString());
        assertEquals(2, usage.code(), usage.err());
    }
}
