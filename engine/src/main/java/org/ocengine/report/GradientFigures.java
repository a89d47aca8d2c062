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
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/**
 * The gradient figures (Fu et al. 2022, Fig. 8): cluster [Fe/H] against R_GC, L_z and E, one colour
 * per age group, with the fitted models of the gradient stage drawn over them (median parameters,
 * and dashed lines bounding the models of every combination of the parameters' 16th and 84th
 * percentiles). x is in the units the fits use: kpc, 10^3 kpc km/s, 10^5 km^2/s^2. Clusters with
 * fewer than 3 flag-12 stars are left out when the table says how many each has. Stateless.
 */
final class GradientFigures {

    static final String SECTION = "Metallicity gradients";

    /** The x variables: fit name, column spellings, axis title, factor from the column's unit to the axis unit. */
    private record Variable(String fitName, List<String> columns, String axis, double scale, String stage) {
    }

    private static final List<Variable> VARIABLES = List.of(
            new Variable("r_gc", ReportColumns.R_GC, "R_GC (kpc)", 1.0, "r_gc"),
            new Variable("l_z", ReportColumns.L_Z, "L_z (10^3 kpc km/s)", 1e-3, "lz"),
            new Variable("energy", ReportColumns.ENERGY, "E (10^5 km^2 s^-2)", 1e-5, "energy"));

    /** Age groups of Fu et al. (2022), Gyr, used when no fit says otherwise. */
    private static final double[] DEFAULT_AGE_EDGES = {0, 0.1, 0.5, 1, 2, 4, Double.POSITIVE_INFINITY};

    private GradientFigures() {
    }

    static List<Figure> render(RunTables run, Path dir, List<String> formats) throws IOException {
        List<Figure> out = new ArrayList<>();
        Optional<Table> clusters = run.find("clusters", ReportColumns.FEH_MEDIAN, Columns.CLUSTER.name());
        Optional<Table> fits = run.find("gradients", ReportColumns.FIT_MODEL, ReportColumns.FIT_VARIABLE, ReportColumns.FIT_QUANTITY);
        for (Variable v : VARIABLES) {
            String title = "[Fe/H] vs " + v.axis().substring(0, v.axis().indexOf(' ')) + " by age";
            if (clusters.isEmpty()) {
                out.add(Figure.unavailable(SECTION, title, null, "a cluster table with cluster, feh_median"));
                continue;
            }
            Optional<String> x = RunTables.column(clusters.get(), v.columns());
            if (x.isEmpty()) {
                out.add(Figure.unavailable(SECTION, title, null, "column " + v.stage() + " in the cluster table (orbit stage)"));
                continue;
            }
            out.add(figure(clusters.get(), x.get(), v, title, fits, dir, formats));
        }
        return out;
    }

    private static Figure figure(Table clusters, String xColumn, Variable v, String title, Optional<Table> fits, Path dir,
                                 List<String> formats) throws IOException {
        int n = clusters.rowCount();
        double[] x = clusters.doubles(xColumn);
        for (int i = 0; i < n; i++) {
            x[i] *= v.scale();
        }
        double[] y = clusters.doubles(ReportColumns.FEH_MEDIAN);
        double[] yErr = clusters.has(ReportColumns.FEH_MEDIAN_ERR) ? clusters.doubles(ReportColumns.FEH_MEDIAN_ERR) : new double[n];
        double[] age = new double[n];
        boolean hasAge = clusters.has(Columns.LOG_AGE.name());
        double[] logAge = hasAge ? clusters.doubles(Columns.LOG_AGE.name()) : null;
        boolean[] keep = new boolean[n];
        double[] nFlag12 = clusters.has(ReportColumns.N_FLAG12) ? clusters.doubles(ReportColumns.N_FLAG12) : null;
        for (int i = 0; i < n; i++) {
            age[i] = hasAge ? Math.pow(10, logAge[i]) / 1e9 : Double.NaN;
            keep[i] = nFlag12 == null || nFlag12[i] >= 3;
            yErr[i] = Double.isFinite(yErr[i]) ? yErr[i] : 0;
        }
        List<FitLine> lines = fits.map(t -> fitLines(t, v.fitName())).orElse(List.of());
        List<double[]> groups = new ArrayList<>();
        for (FitLine f : lines) {
            if (groups.stream().noneMatch(g -> g[0] == f.ageMin() && g[1] == f.ageMax())) {
                groups.add(new double[] {f.ageMin(), f.ageMax()});
            }
        }
        if (groups.isEmpty()) {
            if (hasAge) {
                for (int k = 0; k + 1 < DEFAULT_AGE_EDGES.length; k++) {
                    groups.add(new double[] {DEFAULT_AGE_EDGES[k], DEFAULT_AGE_EDGES[k + 1]});
                }
            } else {
                groups.add(new double[] {0, Double.POSITIVE_INFINITY});
            }
        }
        XYChart chart = Charts.chart(title, v.axis(), "cluster [Fe/H] (dex)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setErrorBarsColor(Charts.LIGHT_GREY);
        int[] all = Charts.finiteRows(keep, x, y);
        if (all.length == 0) {
            return Figure.unavailable(SECTION, title, null, "clusters with finite " + xColumn + " and feh_median (and >= 3 flag-12 stars)");
        }
        double xLo = Arrays.stream(Charts.pick(x, all)).min().orElse(0);
        double xHi = Arrays.stream(Charts.pick(x, all)).max().orElse(1);
        List<Double> drawnY = new ArrayList<>();
        for (int gIndex = 0; gIndex < groups.size(); gIndex++) {
            double[] g = groups.get(gIndex);
            Color colour = Charts.PALETTE.get(gIndex % Charts.PALETTE.size());
            boolean allAges = g[0] <= 0 && Double.isInfinite(g[1]);
            List<Integer> in = new ArrayList<>();
            for (int i : all) {
                if (allAges || (age[i] >= g[0] && age[i] < g[1])) {
                    in.add(i);
                }
            }
            String label = ageLabel(g);
            if (!in.isEmpty()) {
                int[] r = in.stream().mapToInt(Integer::intValue).toArray();
                XYSeries s = chart.addSeries(label + ": " + r.length + " clusters", Charts.pick(x, r), Charts.pick(y, r), Charts.pick(yErr, r));
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(colour);
            }
            for (FitLine f : lines) {
                if (f.ageMin() != g[0] || f.ageMax() != g[1]) {
                    continue;
                }
                double[] grid = new double[101];
                double[] mid = new double[grid.length];
                double[] lo = new double[grid.length];
                double[] hi = new double[grid.length];
                for (int k = 0; k < grid.length; k++) {
                    grid[k] = xLo + (xHi - xLo) * k / (grid.length - 1);
                    mid[k] = f.model().value(f.p50(), grid[k]);
                    drawnY.add(mid[k]);
                    lo[k] = Double.POSITIVE_INFINITY;
                    hi[k] = Double.NEGATIVE_INFINITY;
                }
                int p = f.p50().length;
                for (int corner = 0; corner < (1 << p); corner++) {
                    double[] q = new double[p];
                    for (int j = 0; j < p; j++) {
                        q[j] = ((corner >> j) & 1) == 0 ? f.p16()[j] : f.p84()[j];
                    }
                    for (int k = 0; k < grid.length; k++) {
                        double val = f.model().value(q, grid[k]);
                        lo[k] = Math.min(lo[k], val);
                        hi[k] = Math.max(hi[k], val);
                    }
                }
                String name = label + " " + f.model().name().toLowerCase(java.util.Locale.ROOT) + " fit" + f.describe();
                Charts.line(chart, name, grid, mid, colour, 2.5f, false);
                Charts.line(chart, name + " 16%", grid, lo, colour, 1.2f, true).setShowInLegend(false);
                Charts.line(chart, name + " 84%", grid, hi, colour, 1.2f, true).setShowInLegend(false);
            }
        }
        double[] ys = Charts.pick(y, all);
        double[] yRange = {Math.min(Arrays.stream(ys).min().orElse(0), drawnY.stream().mapToDouble(Double::doubleValue).min().orElse(Double.POSITIVE_INFINITY)),
            Math.max(Arrays.stream(ys).max().orElse(0), drawnY.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NEGATIVE_INFINITY))};
        ClusterFigures.padAxes(chart, new double[] {xLo, xHi}, yRange, 0.45);
        String base = "feh_vs_" + v.fitName();
        return Figure.drawn(SECTION, title, null, Charts.save(chart, dir, base, formats));
    }

    private static String ageLabel(double[] g) {
        if (g[0] <= 0 && Double.isInfinite(g[1])) {
            return "all ages";
        }
        if (g[0] <= 0) {
            return "age < " + trim(g[1]) + " Gyr";
        }
        if (Double.isInfinite(g[1])) {
            return "age >= " + trim(g[0]) + " Gyr";
        }
        return trim(g[0]) + "-" + trim(g[1]) + " Gyr";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Fitted model shapes of the gradient stage (issue 7, org.ocengine.fit.FitModel). */
    enum Model {
        LINEAR("slope", "intercept"),
        BROKEN("slope_inner", "slope_outer", "value_at_knee", "knee"),
        QUADRATIC("a", "b", "c");

        final List<String> parameters;

        Model(String... parameters) {
            this.parameters = List.of(parameters);
        }

        /** y at x for parameters in {@link #parameters} order (broken: knee last). */
        double value(double[] p, double x) {
            return switch (this) {
                case LINEAR -> p[0] * x + p[1];
                case BROKEN -> p[2] + (x < p[3] ? p[0] : p[1]) * (x - p[3]);
                case QUADRATIC -> p[0] * x * x + p[1] * x + p[2];
            };
        }
    }

    /** One fitted model with its parameter percentiles (knee copied from knee_fixed when not fitted). */
    record FitLine(Model model, double ageMin, double ageMax, double[] p16, double[] p50, double[] p84) {
        String describe() {
            return switch (model) {
                case LINEAR -> ": slope " + Charts.fmt(p50[0], 3);
                case BROKEN -> ": slopes " + Charts.fmt(p50[0], 3) + " / " + Charts.fmt(p50[1], 3) + ", knee " + Charts.fmt(p50[3], 1);
                case QUADRATIC -> "";
            };
        }
    }

    /** The successful [Fe/H] fits against {@code variable} (no look-back snapshots). */
    static List<FitLine> fitLines(Table fits, String variable) {
        int n = fits.rowCount();
        String[] model = fits.strings(ReportColumns.FIT_MODEL);
        String[] var = fits.strings(ReportColumns.FIT_VARIABLE);
        String[] quantity = fits.strings(ReportColumns.FIT_QUANTITY);
        String[] status = fits.has(ReportColumns.FIT_STATUS) ? fits.strings(ReportColumns.FIT_STATUS) : new String[n];
        double[] ageMin = fits.has(ReportColumns.FIT_AGE_MIN) ? fits.doubles(ReportColumns.FIT_AGE_MIN) : new double[n];
        double[] ageMax = fits.has(ReportColumns.FIT_AGE_MAX) ? fits.doubles(ReportColumns.FIT_AGE_MAX) : filled(n, Double.POSITIVE_INFINITY);
        double[] kneeFixed = fits.has(ReportColumns.FIT_KNEE_FIXED) ? fits.doubles(ReportColumns.FIT_KNEE_FIXED) : filled(n, Double.NaN);
        Map<String, double[][]> percentiles = new LinkedHashMap<>();
        for (String p : ReportColumns.FIT_PARAMETERS) {
            if (RunTables.hasAll(fits, p + "_p16", p + "_p50", p + "_p84")) {
                percentiles.put(p, new double[][] {fits.doubles(p + "_p16"), fits.doubles(p + "_p50"), fits.doubles(p + "_p84")});
            }
        }
        List<FitLine> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!"feh".equals(strip(quantity[i])) || !variable.equals(strip(var[i])) || (status[i] != null && !"ok".equals(strip(status[i])))) {
                continue;
            }
            Model m;
            try {
                m = Model.valueOf(strip(model[i]).toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                continue;
            }
            double[][] p = new double[3][m.parameters.size()];
            boolean complete = true;
            for (int j = 0; j < m.parameters.size(); j++) {
                String name = m.parameters.get(j);
                double[][] c = percentiles.get(name);
                for (int q = 0; q < 3; q++) {
                    double val = c == null ? Double.NaN : c[q][i];
                    if (!Double.isFinite(val) && name.equals("knee")) {
                        val = kneeFixed[i];
                    }
                    p[q][j] = val;
                    complete &= Double.isFinite(val);
                }
            }
            if (complete) {
                out.add(new FitLine(m, Double.isFinite(ageMin[i]) ? ageMin[i] : 0, Double.isNaN(ageMax[i]) ? Double.POSITIVE_INFINITY : ageMax[i],
                        p[0], p[1], p[2]));
            }
        }
        return out;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
