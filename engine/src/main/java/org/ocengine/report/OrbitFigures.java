package org.ocengine.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.ocengine.table.Table;

/**
 * Orbit figures of the cluster table (orbit stage, issue 6): eccentricity against apocentre, and Z
 * against R_GC coloured by v_phi (five bins at quantiles of v_phi, blue slow to red fast). Stateless.
 */
final class OrbitFigures {

    static final String SECTION = "Orbits";
    static final String ECC_APO = "Eccentricity vs apocentre";
    static final String Z_RGC = "Z vs R_GC coloured by v_phi";

    private static final List<Color> RAMP = List.of(new Color(49, 54, 149), new Color(116, 173, 209), new Color(120, 120, 120),
            new Color(244, 109, 67), new Color(165, 0, 38));

    private OrbitFigures() {
    }

    static List<Figure> render(RunTables run, Path dir, List<String> formats) throws IOException {
        List<Figure> out = new ArrayList<>();
        Optional<Table> ecc = findWith(run, ReportColumns.ECC, ReportColumns.R_APO);
        if (ecc.isEmpty()) {
            out.add(Figure.unavailable(SECTION, ECC_APO, null, "columns ecc, r_apo in the cluster table (orbit stage)"));
        } else {
            Table t = ecc.get();
            double[] x = t.doubles(RunTables.column(t, ReportColumns.R_APO).orElseThrow());
            double[] y = t.doubles(RunTables.column(t, ReportColumns.ECC).orElseThrow());
            int[] rows = Charts.finiteRows(all(t.rowCount()), x, y);
            if (rows.length == 0) {
                out.add(Figure.unavailable(SECTION, ECC_APO, null, "clusters with finite ecc and r_apo"));
            } else {
                XYChart chart = Charts.chart(ECC_APO + " (" + rows.length + " clusters)", "apocentre r_apo (kpc)", "eccentricity");
                chart.getStyler().setLegendVisible(false);
                Charts.scatter(chart, "clusters", Charts.pick(x, rows), Charts.pick(y, rows), Charts.PALETTE.get(0));
                ClusterFigures.padAxes(chart, Charts.pick(x, rows), Charts.pick(y, rows), 0.05);
                out.add(Figure.drawn(SECTION, ECC_APO, null, Charts.save(chart, dir, "ecc_vs_r_apo", formats)));
            }
        }
        Optional<Table> z = findWith(run, ReportColumns.Z_GC, ReportColumns.R_GC, ReportColumns.V_PHI);
        if (z.isEmpty()) {
            out.add(Figure.unavailable(SECTION, Z_RGC, null, "columns z_gc, r_gc, v_phi in the cluster table (orbit stage)"));
        } else {
            Table t = z.get();
            double[] x = t.doubles(RunTables.column(t, ReportColumns.R_GC).orElseThrow());
            double[] y = t.doubles(RunTables.column(t, ReportColumns.Z_GC).orElseThrow());
            double[] c = t.doubles(RunTables.column(t, ReportColumns.V_PHI).orElseThrow());
            int[] rows = Charts.finiteRows(all(t.rowCount()), x, y, c);
            if (rows.length == 0) {
                out.add(Figure.unavailable(SECTION, Z_RGC, null, "clusters with finite z_gc, r_gc and v_phi"));
            } else {
                XYChart chart = Charts.chart("Z vs R_GC (" + rows.length + " clusters)", "R_GC (kpc)", "Z (kpc)");
                chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
                double[] vphi = Charts.pick(c, rows);
                double[] edges = binEdges(vphi, RAMP.size());
                for (int b = 0; b <= edges.length; b++) {
                    List<Integer> in = new ArrayList<>();
                    for (int k = 0; k < rows.length; k++) {
                        if (ClusterFigures.bin(vphi[k], edges) == b) {
                            in.add(rows[k]);
                        }
                    }
                    if (!in.isEmpty()) {
                        int[] r = in.stream().mapToInt(Integer::intValue).toArray();
                        Charts.scatter(chart, ClusterFigures.binLabel("v_phi", edges, b, 0) + " km/s", Charts.pick(x, r), Charts.pick(y, r),
                                RAMP.get(Math.min(b * (RAMP.size() - 1) / Math.max(edges.length, 1), RAMP.size() - 1)));
                    }
                }
                ClusterFigures.padAxes(chart, Charts.pick(x, rows), Charts.pick(y, rows), 0.4);
                out.add(Figure.drawn(SECTION, Z_RGC, null, Charts.save(chart, dir, "z_vs_r_gc", formats)));
            }
        }
        return out;
    }

    /** Quantile edges of v_phi rounded to 1 km/s. */
    private static double[] binEdges(double[] v, int bins) {
        double[] scaled = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            scaled[i] = v[i] / 100;
        }
        double[] e = ClusterFigures.binEdges(scaled, bins);
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.rint(e[i] * 100);
        }
        return e;
    }

    /** The cluster table if it has one spelling of each of the columns, else the first table that does. */
    @SafeVarargs
    static Optional<Table> findWith(RunTables run, List<String>... spellings) {
        List<Table> candidates = new ArrayList<>();
        run.find("clusters").ifPresent(candidates::add);
        candidates.addAll(run.findAll());
        for (Table t : candidates) {
            boolean ok = true;
            for (List<String> names : spellings) {
                ok &= RunTables.column(t, names).isPresent();
            }
            if (ok) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }
}
