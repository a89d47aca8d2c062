package org.ocengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gives one line naming file, column and row, exit code 65, and no output (the list:
 * a missing required column, a non-numeric cell, a NaN or negative error, a truncated FITS file, an
 * empty file).
 */
class BadInputTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static Outcome runOn(Path dir, Path spectra) {
        return run("run", "--spectra", spectra.toString(), "--out", dir.resolve("out").toString(), "--draws", "200", "--quiet");
    }

    private static void assertOneLineError(Outcome o, Path dir, String... fragments) {
        assertEquals(65, o.code(), o.err());
        String[] lines = o.err().strip().split("\n");
        assertEquals(1, lines.length, o.err());
        assertTrue(lines[0].startsWith("ocengine: "), lines[0]);
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), "'" + f + "' in: " + lines[0]);
        }
        assertFalse(Files.exists(dir.resolve("out")), "no output folder left behind");
    }

    private static Path csv(Path dir, String name, String... lines) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    @Test
    void missingRequiredColumn(@TempDir Path dir) throws Exception {
        Path f = csv(dir, "s.csv", "cluster,rv", "NGC 2682,33.1");
        assertOneLineError(runOn(dir, f), dir, "s.csv", "column 'rv_err'", "required column is missing");
    }

    @Test
    void nonNumericCell(@TempDir Path dir) throws Exception {
        Path f = csv(dir, "s.csv", "cluster,rv,rv_err", "NGC 2682,33.1,0.5", "NGC 2682,abc,0.5");
        assertOneLineError(runOn(dir, f), dir, "s.csv", "column 'rv'", "row 2", "'abc' is not a number");
    }

    @Test
    void nanError(@TempDir Path dir) throws Exception {
        Path f = csv(dir, "s.csv", "cluster,rv,rv_err", "NGC 2682,33.1,0.5", "NGC 2682,34.1,0.4", "NGC 2682,35.0,NaN");
        assertOneLineError(runOn(dir, f), dir, "s.csv", "column 'rv_err'", "row 3", "missing uncertainty");
    }

    @Test
    void negativeError(@TempDir Path dir) throws Exception {
        Path f = csv(dir, "s.csv", "Cluster,RV,e_RV", "NGC 2682,33.1,-0.5");
        assertOneLineError(runOn(dir, f), dir, "s.csv", "column 'e_RV'", "row 1", "negative uncertainty");
    }

    @Test
    void truncatedFits(@TempDir Path dir) throws Exception {
        Path good = csv(dir, "s.csv", "cluster,rv,rv_err", "NGC 2682,33.1,0.5", "NGC 2682,34.1,0.4");
        Path fits = dir.resolve("s.fits");
        // write a real FITS table through the engine, then cut it in the middle of the data
        try (var alloc = new org.apache.arrow.memory.RootAllocator();
             var t = org.ocengine.io.TableIO.read(good, alloc)) {
            org.ocengine.io.TableIO.write(t, fits, "fits");
        }
        byte[] bytes = Files.readAllBytes(fits);
        Files.write(fits, Arrays.copyOf(bytes, bytes.length - 2880 + 10));
        Outcome o = runOn(dir, fits);
        assertEquals(65, o.code(), o.err());
        assertTrue(o.err().contains("s.fits"), o.err());
        assertTrue(o.err().toLowerCase().contains("truncated"), o.err());
        assertEquals(1, o.err().strip().split("\n").length, o.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void emptyFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("empty.csv");
        Files.createFile(f);
        assertOneLineError(runOn(dir, f), dir, "empty.csv", "empty");
    }

    @Test
    void missingFileAndUsageErrors(@TempDir Path dir) {
        Outcome o = runOn(dir, dir.resolve("nope.csv"));
        assertEquals(66, o.code(), o.err());
        assertTrue(o.err().contains("nope.csv"), o.err());
        assertEquals(2, run("run", "--spectra").code());
        assertEquals(2, run("run", "--bogus").code());
    }

    @Test
    void unusableValuesGoToTheRejectedTableAndTheRunSucceeds(@TempDir Path dir) throws Exception {
        Path f = csv(dir, "s.csv", "cluster,source_id,rv,rv_err,snr", "NGC 2682,1,33.1,0.5,30", "NGC 2682,2,34.1,9999,30",
                "NGC 2682,3,33.5,0.6,5", "NGC 2682,4,33.9,0.5,40");
        Outcome o = run("run", "--spectra", f.toString(), "--out", dir.resolve("out").toString(), "--draws", "200", "--format", "csv", "--quiet");
        assertEquals(0, o.code(), o.err());
        String rejected = Files.readString(dir.resolve("out/rejected.csv"));
        assertTrue(rejected.contains(",2,quality,NGC 2682 2,"), rejected);
        assertTrue(rejected.contains("sentinel"), rejected);
        assertTrue(rejected.contains("S/N 5 <= 10"), rejected);
    }
}
