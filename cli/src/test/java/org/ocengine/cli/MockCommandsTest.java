package org.ocengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.datasets.mock.MockSurveyGenerator;

/** {@code ocengine generate} and {@code ocengine demo} on the tiny preset. */
class MockCommandsTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void generateThenDemoReusesIt(@TempDir Path dir) throws Exception {
        // generate straight into the folder the demo uses as its cache for (tiny, seed 1)
        Path cache = dir.resolve("data").resolve("tiny-seed1-v" + MockSurveyGenerator.VERSION);
        Outcome g = run("generate", "--preset", "tiny", "--out", cache.toString(), "--threads", "2");
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("spectra.fits"), g.out());
        for (String f : new String[] {"spectra.fits", "members.fits", "clusters.fits", "gaia_sources.fits", "truth_clusters.fits",
            "truth_stars.fits", "truth_spectra.fits", "truth_binaries.fits", "truth_offsets.fits", "mock.json"}) {
            assertTrue(Files.isRegularFile(cache.resolve(f)), f);
        }
        Outcome d = run("demo", "--preset", "tiny", "--data-dir", dir.resolve("data").toString(), "--out", dir.resolve("demo").toString(),
                "--draws", "500", "--threads", "2", "--device", "cpu", "--walkers", "8", "--steps", "400");
        assertEquals(0, d.code(), d.err());
        assertTrue(d.err().contains("reusing the mock survey"), d.err());
        assertTrue(d.out().contains("Recovery report"), d.out());
        assertTrue(d.out().contains("flag 1:  completeness"), d.out());
        assertTrue(Files.readString(dir.resolve("demo/recovery.txt")).startsWith("Recovery report"));
        assertTrue(Files.readString(dir.resolve("demo/recovery.json")).contains("\"flag1_purity\""));
        assertTrue(Files.isRegularFile(dir.resolve("demo/recovery_clusters.fits")));
        assertTrue(Files.isRegularFile(dir.resolve("demo/clusters.fits")));
        assertTrue(Files.isRegularFile(dir.resolve("demo/gradients.fits")));
        assertTrue(d.out().contains("[Fe/H] gradient: injected"), d.out());
        assertTrue(d.out().contains("gradient, broken line, knee fitted, with scatter:"), d.out());
        assertTrue(Files.readString(dir.resolve("demo/recovery.json")).contains("\"gradients\""));
    }

    @Test
    void unknownPresetIsAUsageError(@TempDir Path dir) {
        Outcome o = run("generate", "--preset", "huge", "--out", dir.resolve("x").toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("unknown preset 'huge'"), o.err());
        assertTrue(Files.notExists(dir.resolve("x")));
    }
}
