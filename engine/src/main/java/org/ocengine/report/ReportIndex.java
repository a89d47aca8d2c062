package org.ocengine.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ocengine.io.AtomicFile;

/**
 * The report's {@code index.html}: one self-contained page (no scripts, no remote resources) with
 * relative links to every table and other file of the run, the catalogue-wide figures by section
 * (those not drawn listed with what they need), and a table of the clusters with links to their
 * figures. Written under a temporary name and renamed into place. Stateless.
 */
final class ReportIndex {

    private ReportIndex() {
    }

    /**
     * Writes {@code index.html} into {@code reportDir}.
     *
     * @param run     the run's tables and files
     * @param figures every figure, drawn or not
     * @param values  each drawn cluster's catalogue values, by the name its figures carry
     * @param notes   one-line notes shown at the top (cap on clusters, ...)
     */
    static Path write(Path reportDir, RunTables run, List<Figure> figures, Map<String, ClusterFigures.ClusterValues> values,
                      List<String> notes) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>ocengine report: ")
                .append(esc(run.dir().getFileName() == null ? run.dir().toString() : run.dir().getFileName().toString()))
                .append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;max-width:1400px}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f0f0f0}")
                .append(".na{color:#777}figure{display:inline-block;margin:6px;vertical-align:top}")
                .append("figure img{width:440px;border:1px solid #ddd}figcaption{font-size:90%}\n")
                .append("</style>\n</head>\n<body>\n<h1>ocengine report</h1>\n<p>Run folder: <code>")
                .append(esc(run.dir().toString())).append("</code></p>\n");
        for (String note : notes) {
            h.append("<p class=\"na\">").append(esc(note)).append("</p>\n");
        }
        h.append("<h2>Tables and files of the run</h2>\n<ul>\n");
        for (var e : run.tableFiles().entrySet()) {
            h.append("<li>").append(esc(e.getKey())).append(": ");
            List<String> links = new ArrayList<>();
            for (Path f : e.getValue()) {
                links.add(link(reportDir, f, f.getFileName().toString()));
            }
            h.append(String.join(", ", links)).append("</li>\n");
        }
        for (Path f : run.otherFiles()) {
            h.append("<li>").append(link(reportDir, f, f.getFileName().toString())).append("</li>\n");
        }
        h.append("</ul>\n");

        Map<String, List<Figure>> sections = new LinkedHashMap<>();
        List<Figure> perCluster = new ArrayList<>();
        for (Figure f : figures) {
            if (f.cluster() != null) {
                perCluster.add(f);
            } else {
                sections.computeIfAbsent(f.section(), k -> new ArrayList<>()).add(f);
            }
        }
        for (var e : sections.entrySet()) {
            h.append("<h2>").append(esc(e.getKey())).append("</h2>\n");
            for (Figure f : e.getValue()) {
                if (f.available()) {
                    Path png = f.files().get(0);
                    h.append("<figure><a href=\"").append(rel(reportDir, png)).append("\"><img src=\"").append(rel(reportDir, png))
                            .append("\" alt=\"").append(esc(f.title())).append("\"></a><figcaption>").append(esc(f.title()));
                    for (Path other : f.files().subList(1, f.files().size())) {
                        h.append(" (").append(link(reportDir, other, ext(other))).append(')');
                    }
                    h.append("</figcaption></figure>\n");
                } else {
                    h.append("<p class=\"na\">").append(esc(f.title())).append(": not available: needs ").append(esc(f.needs()))
                            .append("</p>\n");
                }
            }
        }

        h.append("<h2>Clusters</h2>\n");
        Map<String, Map<String, Figure>> byCluster = new LinkedHashMap<>();
        List<String> kinds = new ArrayList<>();
        for (Figure f : perCluster) {
            byCluster.computeIfAbsent(f.cluster(), k -> new LinkedHashMap<>()).put(f.title(), f);
            if (!kinds.contains(f.title())) {
                kinds.add(f.title());
            }
        }
        if (byCluster.isEmpty()) {
            h.append("<p class=\"na\">No per-cluster figures.</p>\n");
        } else {
            h.append("<table>\n<tr><th>cluster</th><th>N_star</th><th>N_flag1</th><th>V_median (km/s)</th><th>[Fe/H]_median (dex)</th>");
            for (String k : kinds) {
                h.append("<th>").append(esc(k)).append("</th>");
            }
            h.append("</tr>\n");
            for (var e : byCluster.entrySet()) {
                ClusterFigures.ClusterValues v = values.getOrDefault(e.getKey(), ClusterFigures.ClusterValues.NONE);
                h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(count(v.nAll())).append("</td><td>")
                        .append(count(v.nFlag1())).append("</td><td>").append(pm(v.rvMedian(), v.rvMedianErr(), 2)).append("</td><td>")
                        .append(pm(v.fehMedian(), v.fehMedianErr(), 3)).append("</td>");
                for (String k : kinds) {
                    Figure f = e.getValue().get(k);
                    h.append("<td>");
                    if (f != null && f.available()) {
                        List<String> links = new ArrayList<>();
                        for (Path p : f.files()) {
                            links.add(link(reportDir, p, ext(p)));
                        }
                        h.append(String.join(" ", links));
                    } else if (f != null) {
                        h.append("<span class=\"na\" title=\"needs ").append(esc(f.needs())).append("\">n/a</span>");
                    }
                    h.append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</body>\n</html>\n");
        Files.createDirectories(reportDir);
        Path target = reportDir.resolve("index.html");
        AtomicFile.write(target, out -> out.write(h.toString().getBytes(StandardCharsets.UTF_8)));
        return target;
    }

    private static String pm(double value, double error, int decimals) {
        return Double.isNaN(value) ? "-" : Charts.fmt(value, decimals) + (Double.isNaN(error) ? "" : " &plusmn; " + Charts.fmt(error, decimals));
    }

    private static String count(double n) {
        return Double.isFinite(n) ? Long.toString((long) n) : "-";
    }

    private static String ext(Path p) {
        String n = p.getFileName().toString();
        return n.substring(n.lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT);
    }

    private static String link(Path from, Path to, String text) {
        return "<a href=\"" + rel(from, to) + "\">" + esc(text) + "</a>";
    }

    /** The relative URL of {@code to} from the folder {@code from}, each segment percent-encoded. */
    static String rel(Path from, Path to) {
        Path r = from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize());
        List<String> parts = new ArrayList<>();
        for (Path p : r) {
            parts.add(java.net.URLEncoder.encode(p.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", parts);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
