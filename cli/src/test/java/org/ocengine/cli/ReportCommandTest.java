package org.ocengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocengine run --report} and {@code ocengine report}: exit codes, where the files go, what is printed. */
class ReportCommandTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static Path spectra(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("cluster,ra,dec,rv,rv_err,teff,teff_err,logg,logg_err,feh,feh_err");
        for (int i = 0; i < 12; i++) {
            lines.add(String.format(java.util.Locale.ROOT, "NGC 2682,132.8%02d,11.8,%.2f,0.5,%d,50,%.2f,0.1,%.3f,0.05", i, 33.0 + (i % 5) * 0.4 + (i == 11 ? 30 : 0),
                    5000 + 100 * i, 4.5 - 0.1 * i, -0.05 + 0.01 * (i % 3)));
            lines.add(String.format(java.util.Locale.ROOT, "Stock 2,33.9%02d,59.5,%.2f,0.6,%d,50,%.2f,0.1,%.3f,0.05", i, 8.5 + (i % 4) * 0.5,
                    5200 + 90 * i, 4.4 - 0.1 * i, -0.07 + 0.01 * (i % 4)));
        }
        Path p = dir.resolve("s.csv");
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    @Test
    void runWithReportThenReportAlone(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Outcome a = run("run", "--spectra", spectra(dir).toString(), "--out", out.toString(), "--draws", "200", "--report", "--progress", "never");
        assertEquals(0, a.code(), a.err());
        assertTrue(Files.isRegularFile(out.resolve("report/index.html")));
        assertTrue(Files.isRegularFile(out.resolve("report/clusters/NGC2682_rv.png")));
        assertTrue(a.out().contains("Drew 6 figures (2 clusters)"), a.out());
        assertTrue(a.out().contains("Colour-magnitude diagram (every cluster) (needs gmag, bp_rp"), a.out());

        Path other = dir.resolve("figs");
        Outcome b = run("report", out.toString(), "--out", other.toString(), "--format", "png,svg", "--clusters", "stock_2", "--quiet");
        assertEquals(0, b.code(), b.err());
        assertEquals("", b.out());
        assertTrue(Files.isRegularFile(other.resolve("clusters/STOCK2_kiel.svg")));
        assertFalse(Files.exists(other.resolve("clusters/NGC2682_rv.png")), "the filter leaves M67 out");
    }

    @Test
    void usageAndInputErrors(@TempDir Path dir) {
        assertEquals(66, run("report", dir.resolve("missing").toString()).code());
        Outcome bad = run("report", dir.toString(), "--format", "gif");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("png or svg"), bad.err());
    }
}
