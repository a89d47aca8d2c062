package org.ocengine.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.ocengine.fit.Percentiles;
import org.ocengine.table.ClusterNames;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/**
 * The per-cluster figures: the RV selection (Fu et al. 2022, Fig. 2: each member's RV as a Gaussian
 * of its uncertainty, flag 1 dark and flag 0 light, the cluster's Monte-Carlo Gaussian, the 2-sigma
 * selection limits, and N_star, N_flag1, V_mean +- err, V_median in the legend), the Kiel diagram
 * (Teff against logg, both axes reversed, coloured by [Fe/H] bins), [Fe/H] against Teff, and the
 * colour-magnitude diagram (G against BP-RP, G reversed). Inputs are copied out of the tables by
 * {@link #prepare} on one thread; {@link #render} may then run for several clusters at once.
 */
final class ClusterFigures {

    static final String SECTION = "Per-cluster figures";
    static final String RV = "RV selection";
    static final String KIEL = "Kiel diagram";
    static final String FEH_TEFF = "[Fe/H] vs Teff";
    static final String CMD = "Colour-magnitude diagram";

    /** Colours of the [Fe/H] bins of the Kiel diagram, metal-poor to metal-rich. */
    private static final List<Color> FEH_COLOURS = List.of(new Color(13, 8, 135), new Color(126, 3, 168), new Color(204, 71, 120),
            new Color(248, 149, 64), new Color(200, 160, 0));

    private ClusterFigures() {
    }

    /** The catalogue values of one cluster (NaN where the table lacks them). */
    record ClusterValues(double nAll, double nFlag1, double rvMean, double rvMeanErr, double rvMedian, double rvMedianErr,
                         double rvDispersion, double rvMeanAll, double rvDispersionAll, double fehMedian, double fehMedianErr,
                         double nFlag12) {
        static final ClusterValues NONE = new ClusterValues(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** One cluster's members and catalogue values, copied out of the run's tables. */
    record Inputs(String name, String stem, ClusterValues values, double[] rv, double[] rvErr, int[] flag, double[] teff,
                  double[] logg, double[] feh, double[] fehErr, double[] gmag, double[] bpRp) {
    }

    /** What the members table offers; figures whose columns are absent are reported unavailable. */
    record Availability(boolean rv, boolean kiel, boolean fehTeff, boolean cmd) {
    }

    static final String[] RV_COLUMNS = {Columns.CLUSTER.name(), Columns.RV.name(), Columns.RV_ERR.name(), ReportColumns.FLAG};

    static Availability availability(Table members) {
        return new Availability(RunTables.hasAll(members, RV_COLUMNS),
                RunTables.hasAll(members, Columns.TEFF.name(), Columns.LOGG.name()),
                RunTables.hasAll(members, Columns.TEFF.name(), Columns.FEH.name()),
                RunTables.hasAll(members, Columns.GMAG.name(), Columns.BP_RP.name()));
    }

    /**
     * Groups the members by normalised cluster name (in name order) and joins each cluster's row of
     * the cluster table when there is one.
     */
    static List<Inputs> prepare(Table members, Optional<Table> clusters) {
        String[] names = members.strings(Columns.CLUSTER.name());
        int n = members.rowCount();
        double[] rv = column(members, Columns.RV.name(), n);
        double[] rvErr = column(members, Columns.RV_ERR.name(), n);
        double[] teff = column(members, Columns.TEFF.name(), n);
        double[] logg = column(members, Columns.LOGG.name(), n);
        double[] feh = column(members, Columns.FEH.name(), n);
        double[] fehErr = column(members, Columns.FEH_ERR.name(), n);
        double[] g = column(members, Columns.GMAG.name(), n);
        double[] bpRp = column(members, Columns.BP_RP.name(), n);
        // read as doubles: a CSV run folder may hold the flags as floating-point numbers
        double[] flagValues = column(members, ReportColumns.FLAG, n);
        int[] flag = new int[n];
        for (int i = 0; i < n; i++) {
            flag[i] = Double.isFinite(flagValues[i]) ? (int) flagValues[i] : 0;
        }
        Map<String, ClusterValues> values = clusters.map(ClusterFigures::clusterValues).orElse(Map.of());
        Map<String, List<Integer>> rows = new java.util.TreeMap<>();
        Map<String, String> display = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String key = ClusterNames.normalise(names[i]);
            if (key.isEmpty()) {
                continue;
            }
            rows.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            display.putIfAbsent(key, names[i].strip());
        }
        List<Inputs> out = new ArrayList<>();
        for (var e : rows.entrySet()) {
            int[] r = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            int[] f = new int[r.length];
            for (int k = 0; k < r.length; k++) {
                f[k] = flag[r[k]];
            }
            out.add(new Inputs(display.get(e.getKey()), e.getKey(), values.getOrDefault(e.getKey(), ClusterValues.NONE),
                    Charts.pick(rv, r), Charts.pick(rvErr, r), f, Charts.pick(teff, r), Charts.pick(logg, r), Charts.pick(feh, r),
                    Charts.pick(fehErr, r), Charts.pick(g, r), Charts.pick(bpRp, r)));
        }
        return out;
    }

    private static double[] column(Table t, String name, int n) {
        if (t.has(name)) {
            return t.doubles(name);
        }
        double[] nan = new double[n];
        Arrays.fill(nan, Double.NaN);
        return nan;
    }

    private static Map<String, ClusterValues> clusterValues(Table clusters) {
        Map<String, ClusterValues> out = new LinkedHashMap<>();
        if (!clusters.has(Columns.CLUSTER.name())) {
            return out;
        }
        String[] names = clusters.strings(Columns.CLUSTER.name());
        int n = clusters.rowCount();
        double[][] v = new double[12][];
        String[] cols = {ReportColumns.N_ALL, ReportColumns.N_FLAG1, ReportColumns.RV_MEAN, ReportColumns.RV_MEAN_ERR,
            ReportColumns.RV_MEDIAN, ReportColumns.RV_MEDIAN_ERR, ReportColumns.RV_DISPERSION, ReportColumns.RV_MEAN_ALL,
            ReportColumns.RV_DISPERSION_ALL, ReportColumns.FEH_MEDIAN, ReportColumns.FEH_MEDIAN_ERR, ReportColumns.N_FLAG12};
        for (int k = 0; k < cols.length; k++) {
            v[k] = column(clusters, cols[k], n);
        }
        for (int i = 0; i < n; i++) {
            out.putIfAbsent(ClusterNames.normalise(names[i]), new ClusterValues(v[0][i], v[1][i], v[2][i], v[3][i], v[4][i], v[5][i],
                    v[6][i], v[7][i], v[8][i], v[9][i], v[10][i], v[11][i]));
        }
        return out;
    }

    /** Renders the figures of one cluster that {@code what} allows into {@code dir}. Thread-safe. */
    static List<Figure> render(Inputs c, Availability what, Path dir, List<String> formats) throws IOException {
        List<Figure> out = new ArrayList<>();
        if (what.rv()) {
            out.add(rvSelection(c, dir, formats));
        }
        if (what.kiel()) {
            out.add(kiel(c, dir, formats));
        }
        if (what.fehTeff()) {
            out.add(fehTeff(c, dir, formats));
        }
        if (what.cmd()) {
            out.add(cmd(c, dir, formats));
        }
        return out;
    }

    /** Fu et al. (2022) Fig. 2 for one cluster. */
    static Figure rvSelection(Inputs c, Path dir, List<String> formats) throws IOException {
        boolean[] usable = new boolean[c.rv().length];
        Arrays.fill(usable, true);
        int[] rows = Charts.finiteRows(usable, c.rv(), c.rvErr());
        if (rows.length == 0) {
            return Figure.unavailable(SECTION, RV, c.name(), "members with rv and rv_err");
        }
        ClusterValues v = c.values();
        int nSelected = 0;
        double selLo = Double.POSITIVE_INFINITY;
        double selHi = Double.NEGATIVE_INFINITY;
        for (int r : rows) {
            if (c.flag()[r] >= 1) {
                nSelected++;
                selLo = Math.min(selLo, c.rv()[r] - 3 * c.rvErr()[r]);
                selHi = Math.max(selHi, c.rv()[r] + 3 * c.rvErr()[r]);
            }
        }
        double centre = Double.isFinite(v.rvMeanAll()) ? v.rvMeanAll() : Double.isFinite(v.rvMean()) ? v.rvMean() : median(Charts.pick(c.rv(), rows));
        double limit = 2 * v.rvDispersionAll();
        double lo = Double.isFinite(selLo) ? selLo : centre - 10;
        double hi = Double.isFinite(selHi) ? selHi : centre + 10;
        if (Double.isFinite(limit)) {
            lo = Math.min(lo, centre - limit);
            hi = Math.max(hi, centre + limit);
        }
        double width = Math.max(hi - lo, 10);
        // flag-0 stars far from the cluster would squash the figure: show those within 3 widths, count the rest
        double viewLo = lo - width;
        double viewHi = hi + width;
        double shownLo = lo;
        double shownHi = hi;
        int outside = 0;
        for (int r : rows) {
            double x = c.rv()[r];
            if (x < viewLo || x > viewHi) {
                outside++;
            } else {
                shownLo = Math.min(shownLo, x - 3 * c.rvErr()[r]);
                shownHi = Math.max(shownHi, x + 3 * c.rvErr()[r]);
            }
        }
        shownLo = Math.max(shownLo, viewLo);
        shownHi = Math.min(shownHi, viewHi);
        double pad = 0.05 * (shownHi - shownLo);
        shownLo -= pad;
        shownHi += pad;

        double nStar = Double.isFinite(v.nAll()) ? v.nAll() : rows.length;
        XYChart chart = Charts.chart(c.name() + ": RV selection, N_star = " + (long) nStar, "radial velocity (km/s)",
                "relative probability (each curve peaks at 1)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisMin(shownLo).setXAxisMax(shownHi).setYAxisMin(0.0).setYAxisMax(1.5);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        boolean first0 = true;
        boolean first1 = true;
        int k = 0;
        // flag 0 first so the selected stars draw over them
        for (int pass = 0; pass < 2; pass++) {
            for (int r : rows) {
                boolean selected = c.flag()[r] >= 1;
                if (selected != (pass == 1) || c.rv()[r] < viewLo || c.rv()[r] > viewHi) {
                    continue;
                }
                double[][] curve = gaussian(c.rv()[r], Math.max(c.rvErr()[r], 1e-3), shownLo, shownHi);
                String name;
                boolean legend;
                if (selected && first1) {
                    name = "flag 1 (RV-selected): N_flag1 = " + (Double.isFinite(v.nFlag1()) ? (long) v.nFlag1() : nSelected);
                    legend = true;
                    first1 = false;
                } else if (!selected && first0) {
                    name = "flag 0 (RV-discarded): " + (rows.length - nSelected) + (outside > 0 ? " (" + outside + " off the axis)" : "");
                    legend = true;
                    first0 = false;
                } else {
                    name = "star " + k;
                    legend = false;
                }
                k++;
                XYSeries s = Charts.line(chart, name, curve[0], curve[1], selected ? Charts.DARK_GREY : Charts.LIGHT_GREY, 1.2f, false);
                s.setShowInLegend(legend);
            }
        }
        if (first0 && outside > 0) {
            XYSeries s = Charts.line(chart, "flag 0 (RV-discarded): " + outside + " off the axis", new double[] {shownLo}, new double[] {0},
                    Charts.LIGHT_GREY, 1.2f, false);
            s.setShowInLegend(true);
        }
        if (Double.isFinite(v.rvMean()) && Double.isFinite(v.rvDispersion()) && v.rvDispersion() > 0) {
            double[][] curve = gaussian(v.rvMean(), v.rvDispersion(), shownLo, shownHi);
            Charts.line(chart, "cluster: V_mean = " + Charts.fmt(v.rvMean(), 2) + " +- " + Charts.fmt(v.rvMeanErr(), 2)
                    + " km/s, sigma = " + Charts.fmt(v.rvDispersion(), 2), curve[0], curve[1], Charts.BLUE, 3.5f, false);
            Charts.line(chart, "V_mean line", new double[] {v.rvMean(), v.rvMean()}, new double[] {0, 1.08}, Charts.BLUE, 3.5f, false)
                    .setShowInLegend(false);
        }
        if (Double.isFinite(v.rvMedian())) {
            Charts.line(chart, "V_median = " + Charts.fmt(v.rvMedian(), 2) + " +- " + Charts.fmt(v.rvMedianErr(), 2) + " km/s",
                    new double[] {v.rvMedian(), v.rvMedian()}, new double[] {0, 1.08}, Charts.PALETTE.get(1), 2f, false);
        }
        if (Double.isFinite(limit)) {
            Charts.line(chart, "2-sigma selection limits (" + Charts.fmt(centre, 2) + " +- " + Charts.fmt(limit, 2) + ")",
                    new double[] {centre - limit, centre - limit}, new double[] {0, 1.08}, Charts.BLUE, 2f, true);
            Charts.line(chart, "upper limit", new double[] {centre + limit, centre + limit}, new double[] {0, 1.08}, Charts.BLUE, 2f, true)
                    .setShowInLegend(false);
        }
        return Figure.drawn(SECTION, RV, c.name(), Charts.save(chart, dir, c.stem() + "_rv", formats));
    }

    /** A Gaussian of peak 1 sampled densely within 4 sigma of its centre and at the axis ends. */
    static double[][] gaussian(double mu, double sigma, double lo, double hi) {
        List<double[]> pts = new ArrayList<>();
        if (lo < mu - 4 * sigma) {
            pts.add(new double[] {lo, 0});
        }
        for (int i = -80; i <= 80; i++) {
            double t = i / 20.0;
            double x = mu + t * sigma;
            if (x >= lo && x <= hi) {
                pts.add(new double[] {x, Math.exp(-0.5 * t * t)});
            }
        }
        if (hi > mu + 4 * sigma) {
            pts.add(new double[] {hi, 0});
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    /** Teff against logg, both reversed, coloured by [Fe/H] bins (quintiles of the cluster's stars). */
    static Figure kiel(Inputs c, Path dir, List<String> formats) throws IOException {
        boolean[] all = new boolean[c.teff().length];
        Arrays.fill(all, true);
        int[] rows = Charts.finiteRows(all, c.teff(), c.logg());
        if (rows.length == 0) {
            return Figure.unavailable(SECTION, KIEL, c.name(), "members with teff and logg");
        }
        XYChart chart = Charts.chart(c.name() + ": Kiel diagram (" + rows.length + " stars)", "Teff (K)", "log g (dex, g in cm s^-2)");
        Charts.reverseX(chart, "0");
        Charts.reverseY(chart, "0.0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        double[] feh = Charts.pick(c.feh(), rows);
        double[] edges = binEdges(feh, FEH_COLOURS.size());
        for (int b = 0; b <= edges.length; b++) {
            List<Integer> in = new ArrayList<>();
            for (int k = 0; k < rows.length; k++) {
                if (Double.isFinite(feh[k]) && bin(feh[k], edges) == b) {
                    in.add(rows[k]);
                }
            }
            if (in.isEmpty()) {
                continue;
            }
            int[] r = in.stream().mapToInt(Integer::intValue).toArray();
            Charts.scatter(chart, binLabel("[Fe/H]", edges, b, 2), Charts.negate(Charts.pick(c.teff(), r)),
                    Charts.negate(Charts.pick(c.logg(), r)), FEH_COLOURS.get(Math.min(b * (FEH_COLOURS.size() - 1) / Math.max(edges.length, 1),
                            FEH_COLOURS.size() - 1)));
        }
        List<Integer> noFeh = new ArrayList<>();
        for (int k = 0; k < rows.length; k++) {
            if (!Double.isFinite(feh[k])) {
                noFeh.add(rows[k]);
            }
        }
        if (!noFeh.isEmpty()) {
            int[] r = noFeh.stream().mapToInt(Integer::intValue).toArray();
            Charts.scatter(chart, "[Fe/H] unknown", Charts.negate(Charts.pick(c.teff(), r)), Charts.negate(Charts.pick(c.logg(), r)),
                    Charts.LIGHT_GREY);
        }
        padAxes(chart, Charts.negate(Charts.pick(c.teff(), rows)), Charts.negate(Charts.pick(c.logg(), rows)), 0.25);
        return Figure.drawn(SECTION, KIEL, c.name(), Charts.save(chart, dir, c.stem() + "_kiel", formats));
    }

    /** [Fe/H] against Teff: flag-12 stars (those giving the cluster [Fe/H]) with error bars, the others grey. */
    static Figure fehTeff(Inputs c, Path dir, List<String> formats) throws IOException {
        boolean[] all = new boolean[c.teff().length];
        Arrays.fill(all, true);
        int[] rows = Charts.finiteRows(all, c.teff(), c.feh());
        if (rows.length == 0) {
            return Figure.unavailable(SECTION, FEH_TEFF, c.name(), "members with teff and feh");
        }
        ClusterValues v = c.values();
        XYChart chart = Charts.chart(c.name() + ": [Fe/H] vs Teff", "Teff (K)", "[Fe/H] (dex)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setErrorBarsColor(Charts.LIGHT_GREY);
        List<Integer> used = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        for (int r : rows) {
            (c.flag()[r] == 12 ? used : other).add(r);
        }
        if (!other.isEmpty()) {
            int[] r = other.stream().mapToInt(Integer::intValue).toArray();
            Charts.scatter(chart, "not used for [Fe/H] (flag 0 or 1): " + r.length, Charts.pick(c.teff(), r), Charts.pick(c.feh(), r),
                    Charts.LIGHT_GREY);
        }
        if (!used.isEmpty()) {
            int[] r = used.stream().mapToInt(Integer::intValue).toArray();
            double[] err = Charts.pick(c.fehErr(), r);
            for (int k = 0; k < err.length; k++) {
                err[k] = Double.isFinite(err[k]) ? err[k] : 0;
            }
            XYSeries s = chart.addSeries("flag 12 (used for [Fe/H]): " + r.length, Charts.pick(c.teff(), r), Charts.pick(c.feh(), r), err);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            s.setMarkerColor(Charts.PALETTE.get(0));
        }
        double[] teff = Charts.pick(c.teff(), rows);
        double tLo = Arrays.stream(teff).min().orElse(4000) - 100;
        double tHi = Arrays.stream(teff).max().orElse(7500) + 100;
        if (Double.isFinite(v.fehMedian())) {
            Charts.line(chart, "cluster [Fe/H]_median = " + Charts.fmt(v.fehMedian(), 3) + " +- " + Charts.fmt(v.fehMedianErr(), 3),
                    new double[] {tLo, tHi}, new double[] {v.fehMedian(), v.fehMedian()}, Charts.BLUE, 2.5f, false);
        }
        padAxes(chart, teff, Charts.pick(c.feh(), rows), 0.3);
        return Figure.drawn(SECTION, FEH_TEFF, c.name(), Charts.save(chart, dir, c.stem() + "_feh_teff", formats));
    }

    /** G against BP-RP, G reversed, RV-selected members dark. */
    static Figure cmd(Inputs c, Path dir, List<String> formats) throws IOException {
        boolean[] all = new boolean[c.gmag().length];
        Arrays.fill(all, true);
        int[] rows = Charts.finiteRows(all, c.gmag(), c.bpRp());
        if (rows.length == 0) {
            return Figure.unavailable(SECTION, CMD, c.name(), "members with gmag and bp_rp");
        }
        XYChart chart = Charts.chart(c.name() + ": colour-magnitude diagram", "BP - RP (mag)", "G (mag)");
        Charts.reverseY(chart, "0.0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        List<Integer> selected = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        for (int r : rows) {
            (c.flag()[r] >= 1 ? selected : other).add(r);
        }
        if (!other.isEmpty()) {
            int[] r = other.stream().mapToInt(Integer::intValue).toArray();
            Charts.scatter(chart, "flag 0: " + r.length, Charts.pick(c.bpRp(), r), Charts.negate(Charts.pick(c.gmag(), r)), Charts.LIGHT_GREY);
        }
        if (!selected.isEmpty()) {
            int[] r = selected.stream().mapToInt(Integer::intValue).toArray();
            Charts.scatter(chart, "flag 1 or 12: " + r.length, Charts.pick(c.bpRp(), r), Charts.negate(Charts.pick(c.gmag(), r)),
                    Charts.PALETTE.get(0));
        }
        padAxes(chart, Charts.pick(c.bpRp(), rows), Charts.negate(Charts.pick(c.gmag(), rows)), 0.2);
        return Figure.drawn(SECTION, CMD, c.name(), Charts.save(chart, dir, c.stem() + "_cmd", formats));
    }

    /** Sets the axis ranges to the data plus a margin, with {@code legendRoom} of the y range added on top for the legend. */
    static void padAxes(XYChart chart, double[] x, double[] y, double legendRoom) {
        double xLo = Arrays.stream(x).min().orElse(0);
        double xHi = Arrays.stream(x).max().orElse(1);
        double yLo = Arrays.stream(y).min().orElse(0);
        double yHi = Arrays.stream(y).max().orElse(1);
        double dx = Math.max(xHi - xLo, Math.abs(xHi) * 0.02 + 1e-3);
        double dy = Math.max(yHi - yLo, Math.abs(yHi) * 0.02 + 1e-3);
        chart.getStyler().setXAxisMin(xLo - 0.05 * dx).setXAxisMax(xHi + 0.05 * dx);
        chart.getStyler().setYAxisMin(yLo - 0.05 * dy).setYAxisMax(yHi + (0.05 + legendRoom) * dy);
        chart.getStyler().setXAxisDecimalPattern(pattern(dx)).setYAxisDecimalPattern(pattern(dy * (1 + legendRoom)));
    }

    /** Tick-label decimals for an axis spanning {@code range} (leading zero always shown). */
    static String pattern(double range) {
        return range < 0.5 ? "0.00" : range < 5 ? "0.0" : "0";
    }

    /** Up to {@code bins - 1} edges at quantiles of the finite values, rounded to 0.01, without repeats. */
    static double[] binEdges(double[] values, int bins) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length < 2) {
            return new double[0];
        }
        java.util.TreeSet<Double> edges = new java.util.TreeSet<>();
        for (int k = 1; k < bins; k++) {
            double q = v[(int) Math.floor((double) k * (v.length - 1) / bins)];
            double rounded = Math.round(q * 100) / 100.0;
            if (rounded > v[0] && rounded <= v[v.length - 1]) {
                edges.add(rounded);
            }
        }
        return edges.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Index of the bin of {@code x}: 0 below the first edge, edges.length at or above the last. */
    static int bin(double x, double[] edges) {
        int b = 0;
        while (b < edges.length && x >= edges[b]) {
            b++;
        }
        return b;
    }

    static String binLabel(String what, double[] edges, int b, int decimals) {
        if (edges.length == 0) {
            return what + ": all";
        }
        if (b == 0) {
            return what + " < " + Charts.fmt(edges[0], decimals);
        }
        if (b == edges.length) {
            return what + " >= " + Charts.fmt(edges[b - 1], decimals);
        }
        return Charts.fmt(edges[b - 1], decimals) + " <= " + what + " < " + Charts.fmt(edges[b], decimals);
    }

    private static double median(double[] v) {
        return Percentiles.ofInPlace(v.clone(), 50)[0];
    }
}
