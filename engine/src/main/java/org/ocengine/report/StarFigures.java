package org.ocengine.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/**
 * Figures of the star-level products (issue 9): internal uncertainty against S/N with the fitted law
 * sigma = a (S/N)^b + c (one figure per quantity), the completeness of the observed members against
 * G, and each literature comparison (ours against theirs, with the 1:1 line and the mean and standard
 * deviation of the differences in the legend). Stateless.
 */
final class StarFigures {

    static final String SECTION = "Stars: uncertainties, completeness, literature";
    static final String UNCERTAINTY = "Internal uncertainty vs S/N";
    static final String COMPLETENESS = "Completeness vs G";
    static final String COMPARISON = "Literature comparison";

    private StarFigures() {
    }

    static List<Figure> render(RunTables run, Path dir, List<String> formats) throws IOException {
        List<Figure> out = new ArrayList<>();
        out.addAll(uncertainties(run, dir, formats));
        out.add(completeness(run, dir, formats));
        out.addAll(comparisons(run, dir, formats));
        return out;
    }

    private static List<Figure> uncertainties(RunTables run, Path dir, List<String> formats) throws IOException {
        Optional<Table> windows = run.find("uncertainty_windows", ReportColumns.WINDOW_QUANTITY, ReportColumns.WINDOW_SNR,
                ReportColumns.WINDOW_SIGMA);
        if (windows.isEmpty()) {
            return List.of(Figure.unavailable(SECTION, UNCERTAINTY, null,
                    "an uncertainty_windows table (quantity, snr, sigma) and an uncertainty_fit table (quantity, a, b, c) from the star stage"));
        }
        Table w = windows.get();
        String[] quantity = w.strings(ReportColumns.WINDOW_QUANTITY);
        double[] snr = w.doubles(ReportColumns.WINDOW_SNR);
        double[] sigma = w.doubles(ReportColumns.WINDOW_SIGMA);
        Map<String, double[]> laws = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        run.find("uncertainty_fit", ReportColumns.WINDOW_QUANTITY, ReportColumns.LAW_A, ReportColumns.LAW_B, ReportColumns.LAW_C)
                .ifPresent(fit -> {
                    String[] q = fit.strings(ReportColumns.WINDOW_QUANTITY);
                    double[] a = fit.doubles(ReportColumns.LAW_A);
                    double[] b = fit.doubles(ReportColumns.LAW_B);
                    double[] c = fit.doubles(ReportColumns.LAW_C);
                    String[] unit = fit.has(ReportColumns.LAW_UNIT) ? fit.strings(ReportColumns.LAW_UNIT) : new String[q.length];
                    for (int i = 0; i < q.length; i++) {
                        laws.put(q[i].strip(), new double[] {a[i], b[i], c[i]});
                        units.put(q[i].strip(), unit[i] == null ? "" : unit[i].strip());
                    }
                });
        Map<String, List<Integer>> byQuantity = new LinkedHashMap<>();
        for (int i = 0; i < quantity.length; i++) {
            if (quantity[i] != null && Double.isFinite(snr[i]) && Double.isFinite(sigma[i])) {
                byQuantity.computeIfAbsent(quantity[i].strip(), k -> new ArrayList<>()).add(i);
            }
        }
        List<Figure> out = new ArrayList<>();
        for (var e : byQuantity.entrySet()) {
            String q = e.getKey();
            int[] r = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            String unit = units.getOrDefault(q, Columns.byName(q).map(s -> s.unit()).orElse(""));
            String label = label(q);
            String title = UNCERTAINTY + ": " + label;
            XYChart chart = Charts.chart(title, "S/N", "internal uncertainty of " + label + " (" + (unit.isEmpty() ? "dex" : unit) + ")");
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            double[] x = Charts.pick(snr, r);
            double[] y = Charts.pick(sigma, r);
            Charts.scatter(chart, "sigma of repeat-visit differences per S/N window", x, y, Charts.PALETTE.get(0));
            double[] law = laws.get(q);
            double xHi = Arrays.stream(x).max().orElse(100);
            double xLo = Math.max(Arrays.stream(x).min().orElse(1), 1e-3);
            if (law != null && Arrays.stream(law).allMatch(Double::isFinite)) {
                double[] gx = new double[200];
                double[] gy = new double[gx.length];
                for (int k = 0; k < gx.length; k++) {
                    gx[k] = xLo + (xHi - xLo) * k / (gx.length - 1);
                    gy[k] = law[0] * Math.pow(gx[k], law[1]) + law[2];
                }
                Charts.line(chart, String.format(Locale.ROOT, "sigma = %.3g (S/N)^%.3f + %.3g", law[0], law[1], law[2]), gx, gy,
                        Charts.PALETTE.get(1), 2.5f, false);
            }
            ClusterFigures.padAxes(chart, x, y, 0.25);
            chart.getStyler().setYAxisMin(0.0);
            out.add(Figure.drawn(SECTION, title, null, Charts.save(chart, dir, "uncertainty_" + fileSafe(q), formats)));
        }
        if (out.isEmpty()) {
            out.add(Figure.unavailable(SECTION, UNCERTAINTY, null, "rows with finite snr and sigma in the uncertainty_windows table"));
        }
        return out;
    }

    private static Figure completeness(RunTables run, Path dir, List<String> formats) throws IOException {
        Optional<Table> table = run.find("completeness", ReportColumns.COMPLETENESS_G_MIN, ReportColumns.COMPLETENESS_G_MAX,
                ReportColumns.COMPLETENESS_FRACTION);
        if (table.isEmpty()) {
            return Figure.unavailable(SECTION, COMPLETENESS, null, "a completeness table (g_min, g_max, fraction) from the star stage with a member list");
        }
        Table t = table.get();
        double[] lo = t.doubles(ReportColumns.COMPLETENESS_G_MIN);
        double[] hi = t.doubles(ReportColumns.COMPLETENESS_G_MAX);
        double[] f = t.doubles(ReportColumns.COMPLETENESS_FRACTION);
        String[] cluster = t.has(Columns.CLUSTER.name()) ? t.strings(Columns.CLUSTER.name()) : new String[t.rowCount()];
        boolean anyAll = Arrays.stream(cluster).anyMatch(c -> c != null && c.strip().equals(ReportColumns.COMPLETENESS_ALL));
        boolean[] keep = new boolean[t.rowCount()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = !anyAll || (cluster[i] != null && cluster[i].strip().equals(ReportColumns.COMPLETENESS_ALL));
        }
        int[] rows = Charts.finiteRows(keep, lo, hi, f);
        if (rows.length == 0) {
            return Figure.unavailable(SECTION, COMPLETENESS, null, "rows with finite g_min, g_max and fraction");
        }
        double[] x = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            x[k] = 0.5 * (lo[rows[k]] + hi[rows[k]]);
        }
        XYChart chart = Charts.chart(COMPLETENESS + (anyAll ? " (all surveyed clusters)" : ""), "Gaia G (mag)",
                "fraction of members observed");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        XYSeries s = chart.addSeries("observed / members per G bin", x, Charts.pick(f, rows));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(Charts.PALETTE.get(0));
        s.setLineColor(Charts.PALETTE.get(0));
        ClusterFigures.padAxes(chart, x, Charts.pick(f, rows), 0.25);
        chart.getStyler().setYAxisMin(0.0);
        return Figure.drawn(SECTION, COMPLETENESS, null, Charts.save(chart, dir, "completeness_vs_g", formats));
    }

    private static List<Figure> comparisons(RunTables run, Path dir, List<String> formats) throws IOException {
        List<Figure> out = new ArrayList<>();
        for (var named : run.tables().entrySet()) {
            String e = named.getKey();
            Table t = named.getValue();
            for (String col : t.columnNames()) {
                if (!col.endsWith(ReportColumns.OURS_SUFFIX)) {
                    continue;
                }
                String q = col.substring(0, col.length() - ReportColumns.OURS_SUFFIX.length());
                String theirs = q + ReportColumns.THEIRS_SUFFIX;
                if (!t.has(theirs)) {
                    continue;
                }
                out.add(comparison(t, e, q, col, theirs, dir, formats));
            }
        }
        if (out.isEmpty()) {
            out.add(Figure.unavailable(SECTION, COMPARISON, null, "a comparison table with <quantity>_ours and <quantity>_theirs columns (ocengine compare)"));
        }
        return out;
    }

    private static Figure comparison(Table t, String tableName, String q, String ours, String theirs, Path dir, List<String> formats)
            throws IOException {
        double[] a = t.doubles(ours);
        double[] b = t.doubles(theirs);
        boolean[] all = new boolean[a.length];
        Arrays.fill(all, true);
        int[] rows = Charts.finiteRows(all, a, b);
        String label = label(q);
        String unit = t.unit(ours).filter(u -> !u.isEmpty()).orElse(Columns.byName(q).map(s -> s.unit()).filter(u -> !u.isEmpty()).orElse("dex"));
        String title = COMPARISON + ": " + label + " (" + tableName + ")";
        if (rows.length == 0) {
            return Figure.unavailable(SECTION, title, null, "pairs with both " + ours + " and " + theirs);
        }
        double[] x = Charts.pick(b, rows);
        double[] y = Charts.pick(a, rows);
        double mean = 0;
        for (int k = 0; k < x.length; k++) {
            mean += y[k] - x[k];
        }
        mean /= x.length;
        double ss = 0;
        for (int k = 0; k < x.length; k++) {
            double d = y[k] - x[k] - mean;
            ss += d * d;
        }
        double sd = x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : Double.NaN;
        XYChart chart = Charts.chart(title, label + " theirs (" + unit + ")", label + " ours (" + unit + ")");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        int decimals = unit.equals("K") ? 0 : unit.equals("km/s") ? 2 : 3;
        Charts.scatter(chart, String.format(Locale.ROOT, "N = %d; ours - theirs: mean %s, sigma %s %s", x.length, Charts.fmt(mean, decimals),
                Charts.fmt(sd, decimals), unit), x, y, Charts.PALETTE.get(0));
        double lo = Math.min(Arrays.stream(x).min().orElse(0), Arrays.stream(y).min().orElse(0));
        double hi = Math.max(Arrays.stream(x).max().orElse(1), Arrays.stream(y).max().orElse(1));
        Charts.line(chart, "1:1", new double[] {lo, hi}, new double[] {lo, hi}, Charts.DARK_GREY, 1.5f, true);
        ClusterFigures.padAxes(chart, new double[] {lo, hi}, new double[] {lo, hi}, 0.2);
        return Figure.drawn(SECTION, title, null, Charts.save(chart, dir, "literature_" + fileSafe(tableName) + "_" + fileSafe(q), formats));
    }

    private static String label(String q) {
        return switch (q) {
            case "rv" -> "RV";
            case "teff" -> "Teff";
            case "logg" -> "log g";
            case "feh" -> "[Fe/H]";
            case "mh" -> "[M/H]";
            case "alpha_m" -> "[alpha/M]";
            default -> q.endsWith("_fe") ? "[" + Character.toUpperCase(q.charAt(0)) + q.substring(1, q.length() - 3) + "/Fe]" : q;
        };
    }

    private static String fileSafe(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
