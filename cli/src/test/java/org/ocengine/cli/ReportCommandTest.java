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

    /** The check on the mock survey: the tiny demo, then its report, every figure a full-size PNG and every link resolving. */
    @Test
    void reportOfTheMockSurveyDemo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Outcome demo = run("demo", "--preset", "tiny", "--out", out.toString(), "--data-dir", dir.resolve("data").toString(), "--draws", "200",
                "--progress", "never", "--quiet");
        assertEquals(0, demo.code(), demo.err());
        Outcome report = run("report", out.toString(), "--progress", "never");
        assertEquals(0, report.code(), report.err());
        Path figures = out.resolve("report/clusters");
        for (String kind : List.of("rv", "kiel", "feh_teff", "cmd")) {
            Path png = figures.resolve("MOCK1_" + kind + ".png");
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
            assertEquals(900, img.getWidth(), png.toString());
            assertEquals(650, img.getHeight(), png.toString());
            long ink = 0;
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    ink += (img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
                }
            }
            assertTrue(ink > 0.03 * img.getWidth() * img.getHeight() / 4, png + " is nearly blank");
        }
        String html = Files.readString(out.resolve("report/index.html"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:href|src)=\"([^\"]+)\"").matcher(html);
        int links = 0;
        while (m.find()) {
            assertTrue(Files.isRegularFile(out.resolve("report").resolve(m.group(1))), "broken link " + m.group(1));
            links++;
        }
        assertTrue(links > 20, "index links the run's tables and every figure: " + links);
    }

    @Test
    void usageAndInputErrors(@TempDir Path dir) {
        assertEquals(66, run("report", dir.resolve("missing").toString()).code());
        Outcome bad = run("report", dir.toString(), "--format", "gif");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("png or svg"), bad.err());
    }
}
