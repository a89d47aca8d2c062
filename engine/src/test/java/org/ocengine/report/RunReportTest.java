package org.ocengine.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.cluster.ClusterConfig;
import org.ocengine.combine.Weighting;
import org.ocengine.compute.Device;
import org.ocengine.io.SharedData;
import org.ocengine.pipeline.ClusterRun;
import org.ocengine.pipeline.ClusterRunConfig;
import org.ocengine.pipeline.Progress;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.Survey;

/**
 * The report drawn headless from a synthetic run folder holding every table the stages write, from a
 * folder with only what today's run writes, and from a real run: valid PNGs of the expected size with
 * non-trivial content, every link of index.html resolving, figures without their columns listed as
 * not available, and the same bytes whatever the thread count.
 */
class RunReportTest {

    private static final Pattern HREF = Pattern.compile("(?:href|src)=\"([^\"]+)\"");

    private static RunReport.Summary render(Path run, ReportConfig config) throws IOException {
        return RunReport.render(run, run.resolve("report"), config, Progress.NONE, line -> { });
    }

    /** A drawn figure: a PNG ImageIO reads, 900 x 650, with many colours and ink on more than 3% of it. */
    static void assertNonTrivialPng(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " is not a readable PNG");
        assertEquals(Charts.WIDTH, img.getWidth(), png.toString());
        assertEquals(Charts.HEIGHT, img.getHeight(), png.toString());
        Set<Integer> colours = new HashSet<>();
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        assertTrue(colours.size() >= 20, png + ": only " + colours.size() + " colours");
        assertTrue(ink > 0.03 * img.getWidth() * img.getHeight(), png + ": only " + ink + " non-white pixels");
    }

    /** Every href and src of the index names an existing file. */
    static List<String> assertLinksResolve(Path index) throws IOException {
        String html = Files.readString(index);
        List<String> links = new ArrayList<>();
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            String link = java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
            assertFalse(link.startsWith("http") || link.startsWith("/"), "link is not relative: " + link);
            assertTrue(Files.isRegularFile(index.getParent().resolve(link)), "broken link " + link);
            links.add(link);
        }
        return links;
    }

    @Test
    void everyFigureTypeFromAFullRunFolder(@TempDir Path dir) throws IOException {
        Path run = SyntheticRun.write(dir.resolve("run"), true);
        RunReport.Summary s = render(run, ReportConfig.defaults());
        List<Figure> missing = s.figures().stream().filter(f -> !f.available()).toList();
        assertEquals(List.of(), missing, "every figure has its inputs");
        Map<String, Long> perCluster = s.figures().stream().filter(f -> f.cluster() != null)
                .collect(Collectors.groupingBy(Figure::title, Collectors.counting()));
        assertEquals(Map.of(ClusterFigures.RV, 6L, ClusterFigures.KIEL, 6L, ClusterFigures.FEH_TEFF, 6L, ClusterFigures.CMD, 6L), perCluster);
        for (String name : List.of("catalogue/feh_vs_r_gc.png", "catalogue/feh_vs_l_z.png", "catalogue/feh_vs_energy.png",
                "catalogue/ecc_vs_r_apo.png", "catalogue/z_vs_r_gc.png", "catalogue/uncertainty_rv.png", "catalogue/uncertainty_feh.png",
                "catalogue/completeness_vs_g.png", "catalogue/literature_compare_apogee_rv.png", "clusters/NGC2682_rv.png",
                "clusters/STOCK2_kiel.png", "clusters/BERKELEY17_feh_teff.png", "clusters/MELOTTE22_cmd.png")) {
            assertTrue(Files.isRegularFile(run.resolve("report").resolve(name)), name);
        }
        for (Figure f : s.figures()) {
            assertNonTrivialPng(f.files().get(0));
        }
        List<String> links = assertLinksResolve(s.index());
        for (String table : List.of("../clusters.fits", "../clusters.csv", "../members.fits", "../gradients.fits", "../manifest.json",
                "../compare_apogee.csv", "clusters/NGC2682_rv.png", "catalogue/feh_vs_r_gc.png")) {
            assertTrue(links.contains(table), "index links " + table);
        }
        assertTrue(Files.readString(s.index()).contains("<td>NGC 2682</td><td>40</td><td>36</td><td>-20.00 &plusmn; 0.30</td>"),
                "the cluster table carries the catalogue values");
        Path fresh = Files.createFile(run.resolve("report/fresh"));
        if (Files.getFileStore(fresh).supportsFileAttributeView("posix")) {
            assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(run.resolve("report/clusters/NGC2682_rv.png")),
                    "figures get the permissions of any new file (not owner-only)");
            assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(s.index()));
        }
        try (var files = Files.list(run.resolve("report/clusters"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary files left");
        }
    }

    @Test
    void todaysRunFolderListsWhatIsMissing(@TempDir Path dir) throws IOException {
        Path run = SyntheticRun.write(dir.resolve("run"), false);
        RunReport.Summary s = render(run, ReportConfig.defaults());
        Set<String> unavailable = s.figures().stream().filter(f -> !f.available()).map(Figure::title).collect(Collectors.toSet());
        for (String t : List.of("[Fe/H] vs R_GC by age", "[Fe/H] vs L_z by age", "[Fe/H] vs E by age", OrbitFigures.ECC_APO, OrbitFigures.Z_RGC,
                StarFigures.UNCERTAINTY, StarFigures.COMPLETENESS, StarFigures.COMPARISON, ClusterFigures.CMD + " (every cluster)")) {
            assertTrue(unavailable.contains(t), t + " is listed as not available");
        }
        assertEquals(18, s.drawn(), "RV, Kiel and [Fe/H]-Teff for 6 clusters");
        String html = Files.readString(s.index());
        assertTrue(html.contains("[Fe/H] vs R_GC by age: not available: needs column r_gc in the cluster table"), "index says what is needed");
        assertLinksResolve(s.index());
    }

    @Test
    void sameFilesWhateverTheThreadCountAndSvgOnRequest(@TempDir Path dir) throws IOException {
        Path run = SyntheticRun.write(dir.resolve("run"), true);
        RunReport.Summary one = RunReport.render(run, dir.resolve("one"), new ReportConfig(List.of("png"), List.of("NGC 2682", "Stock 2"), 100, 1), Progress.NONE,
                line -> { });
        RunReport.Summary three = RunReport.render(run, dir.resolve("three"), new ReportConfig(List.of("svg", "png"), List.of("NGC 2682", "Stock 2"), 100, 3),
                Progress.NONE, line -> { });
        assertEquals(one.figures().size(), three.figures().size());
        for (int i = 0; i < one.figures().size(); i++) {
            Path a = one.figures().get(i).files().get(0);
            Path b = three.figures().get(i).files().get(0);
            assertEquals(dir.resolve("one").relativize(a), dir.resolve("three").relativize(b));
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), a.toString());
            Path svg = three.figures().get(i).files().get(1);
            assertTrue(svg.toString().endsWith(".svg") && Files.readString(svg).contains("<svg"), svg.toString());
        }
        assertLinksResolve(three.index());
    }

    @Test
    void clusterFilterAndCapAreNoted(@TempDir Path dir) throws IOException {
        Path run = SyntheticRun.write(dir.resolve("run"), false);
        List<String> notes = new ArrayList<>();
        RunReport.Summary s = RunReport.render(run, run.resolve("report"),
                new ReportConfig(List.of("png"), List.of("ngc_2682", "Mel 22", "NGC 9999"), 1, 1), Progress.NONE, notes::add);
        Set<String> drawn = s.figures().stream().filter(f -> f.cluster() != null).map(Figure::cluster).collect(Collectors.toSet());
        assertEquals(Set.of("Melotte 22"), drawn, "the filter keeps two clusters, the cap the first by normalised name");
        assertTrue(notes.stream().anyMatch(n -> n.contains("NGC 9999") && n.contains("not in the members table")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("first 1 of 2 clusters")), notes.toString());
        assertTrue(Files.readString(s.index()).contains("first 1 of 2 clusters"));
    }

    @Test
    void badConfigurationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReportConfig(List.of("gif"), List.of(), 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReportConfig(List.of("svg"), List.of(), 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReportConfig(List.of("png"), List.of(), -1, 0));
    }

    @Test
    void missingRunFolderIsNamed(@TempDir Path dir) {
        var e = assertThrows(java.nio.file.NoSuchFileException.class, () -> render(dir.resolve("nope"), ReportConfig.defaults()));
        assertTrue(e.getMessage().contains("nope"));
    }

    /** The worked example of the README: the real MRS members, run then drawn. */
    @Test
    void realMrsRun(@TempDir Path dir) throws Exception {
        Path spectra = SharedData.file("spectra/lamost_mrs_oc_members.csv");
        ClusterRunConfig config = new ClusterRunConfig(spectra, null, null, Map.of(), Map.of(), Map.of(), null,
                QualityConfig.defaults(Survey.MRS).withMinSnr(Double.NaN), Double.NaN, 3.5, Double.NaN, Double.NaN, Weighting.SNR_SQUARED,
                ClusterConfig.defaults(1).withDraws(500), Device.CPU, 2, List.of("fits"));
        ClusterRun.run(config, dir.resolve("out"), Progress.NONE, line -> { });
        RunReport.Summary s = RunReport.render(dir.resolve("out"), dir.resolve("out/report"),
                new ReportConfig(List.of("png"), List.of("NGC 2682", "Stock 2"), 100, 2), Progress.NONE, line -> { });
        assertEquals(6, s.drawn(), "RV, Kiel and [Fe/H]-Teff of M67 and Stock 2 (the file has no BP-RP)");
        for (Figure f : s.figures()) {
            if (f.available()) {
                assertNonTrivialPng(f.files().get(0));
            }
        }
        assertTrue(Files.isRegularFile(dir.resolve("out/report/clusters/NGC2682_rv.png")));
        assertLinksResolve(s.index());
    }
}
