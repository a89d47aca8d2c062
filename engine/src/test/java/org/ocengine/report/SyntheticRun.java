package org.ocengine.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.io.TableIO;
import org.ocengine.random.DrawKey;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * A run folder with every table the report can draw from, in the layouts the stages write (main's
 * run: clusters, members; the orbit columns of issue 6; gradients of issue 7; uncertainty_windows,
 * uncertainty_fit, completeness and a comparison of issue 9). Values are drawn from the
 * counter-based generator, so the folder is the same on every machine.
 */
final class SyntheticRun {

    static final List<String> CLUSTERS = List.of("NGC 2682", "Stock_2", "Berkeley 17", "IC 4665", "NGC 752", "Melotte 22");

    private SyntheticRun() {
    }

    private static ColumnSpec d(String name, String unit) {
        return new ColumnSpec(name, ColumnType.FLOAT64, unit, name);
    }

    private static ColumnSpec s(String name) {
        return new ColumnSpec(name, ColumnType.STRING, "", name);
    }

    /**
     * Writes the run folder.
     *
     * @param full false: only what today's main run writes (clusters and members, no photometry colour,
     *             no orbit columns, no star products)
     */
    static Path write(Path dir, boolean full) throws IOException {
        Files.createDirectories(dir);
        DrawKey rng = new DrawKey(42);
        int nc = CLUSTERS.size();
        int perCluster = 40;
        int n = nc * perCluster;
        try (BufferAllocator alloc = new RootAllocator()) {
            String[] cl = new String[n];
            double[] rv = new double[n];
            double[] rvErr = new double[n];
            double[] teff = new double[n];
            double[] logg = new double[n];
            double[] feh = new double[n];
            double[] fehErr = new double[n];
            double[] g = new double[n];
            double[] bpRp = new double[n];
            int[] flag = new int[n];
            double[] cRv = new double[nc];
            double[] cFeh = new double[nc];
            for (int c = 0; c < nc; c++) {
                cRv[c] = -20 + 12 * c;
                cFeh[c] = -0.3 + 0.1 * c;
                for (int k = 0; k < perCluster; k++) {
                    int i = c * perCluster + k;
                    long key = DrawKey.groupKey(CLUSTERS.get(c));
                    cl[i] = CLUSTERS.get(c);
                    boolean outlier = k % 10 == 9;
                    rvErr[i] = 0.3 + Math.abs(rng.normal(key, 0, k, 0));
                    rv[i] = cRv[c] + 2.0 * rng.normal(key, 1, k, 0) + (outlier ? 25 : 0);
                    double mass = k / (double) perCluster;
                    teff[i] = 4500 + 2500 * mass + 80 * rng.normal(key, 2, k, 0);
                    logg[i] = k < 8 ? 2.5 + 0.1 * k : 4.6 - 0.5 * mass + 0.05 * rng.normal(key, 3, k, 0);
                    feh[i] = cFeh[c] + 0.08 * rng.normal(key, 4, k, 0);
                    fehErr[i] = 0.03 + 0.01 * Math.abs(rng.normal(key, 5, k, 0));
                    g[i] = 10 + 6 * (1 - mass) + 0.1 * rng.normal(key, 6, k, 0);
                    bpRp[i] = 0.5 + 1.2 * (1 - mass) + 0.03 * rng.normal(key, 7, k, 0);
                    flag[i] = outlier ? 0 : (teff[i] < 7500 ? 12 : 1);
                }
            }
            try (TableBuilder b = Table.builder(alloc, "members", n)) {
                b.addStrings(Columns.CLUSTER, cl).addDoubles(Columns.RV, rv).addDoubles(Columns.RV_ERR, rvErr).addDoubles(Columns.TEFF, teff)
                        .addDoubles(Columns.LOGG, logg).addDoubles(Columns.FEH, feh).addDoubles(Columns.FEH_ERR, fehErr)
                        .addDoubles(Columns.GMAG, g);
                if (full) {
                    b.addDoubles(Columns.BP_RP, bpRp);
                }
                b.addInts(new ColumnSpec("flag", ColumnType.INT32, "", "flag"), flag);
                try (Table t = b.build()) {
                    TableIO.write(t, dir.resolve("members.fits"), "fits");
                }
            }
            double[] nAll = new double[nc];
            double[] nFlag1 = new double[nc];
            double[] rvMeanErr = new double[nc];
            double[] disp = new double[nc];
            double[] dispAll = new double[nc];
            double[] fehErrC = new double[nc];
            double[] logAge = new double[nc];
            double[] rgc = new double[nc];
            double[] z = new double[nc];
            double[] vphi = new double[nc];
            double[] lz = new double[nc];
            double[] energy = new double[nc];
            double[] ecc = new double[nc];
            double[] rApo = new double[nc];
            double[] nFlag12 = new double[nc];
            for (int c = 0; c < nc; c++) {
                nAll[c] = perCluster;
                nFlag1[c] = perCluster - 4;
                nFlag12[c] = perCluster - 4;
                rvMeanErr[c] = 0.3;
                disp[c] = 2.0;
                dispAll[c] = 6.0;
                fehErrC[c] = 0.01;
                logAge[c] = 7.5 + 0.5 * c;
                rgc[c] = 12 - 1.0 * c;
                cFeh[c] = -0.06 * (rgc[c] - 8.2) + 0.02 * rng.normal(7, 8, c, 0);
                z[c] = 0.1 * rng.normal(7, 9, c, 0);
                vphi[c] = 220 + 10 * rng.normal(7, 10, c, 0);
                lz[c] = rgc[c] * vphi[c];
                energy[c] = -1.6e5 + 5e3 * rgc[c];
                ecc[c] = 0.05 + 0.02 * c;
                rApo[c] = rgc[c] * (1 + ecc[c]);
            }
            try (TableBuilder b = Table.builder(alloc, "clusters", nc)) {
                b.addStrings(Columns.CLUSTER, CLUSTERS.toArray(String[]::new)).addDoubles(d("n_all", ""), nAll).addDoubles(d("n_flag1", ""), nFlag1)
                        .addDoubles(d("rv_mean_all", "km/s"), cRv).addDoubles(d("rv_dispersion_all", "km/s"), dispAll)
                        .addDoubles(d("rv_mean", "km/s"), cRv).addDoubles(d("rv_mean_err", "km/s"), rvMeanErr)
                        .addDoubles(d("rv_median", "km/s"), cRv).addDoubles(d("rv_median_err", "km/s"), rvMeanErr)
                        .addDoubles(d("rv_dispersion", "km/s"), disp).addDoubles(d("n_flag12", ""), nFlag12)
                        .addDoubles(d("feh_median", ""), cFeh).addDoubles(d("feh_median_err", ""), fehErrC);
                if (full) {
                    b.addDoubles(Columns.LOG_AGE, logAge).addDoubles(d("r_gc", "kpc"), rgc).addDoubles(d("z_gc", "kpc"), z)
                            .addDoubles(d("v_phi", "km/s"), vphi).addDoubles(d("lz", "kpc.km/s"), lz).addDoubles(d("energy", "km2/s2"), energy)
                            .addDoubles(d("ecc", ""), ecc).addDoubles(d("r_apo", "kpc"), rApo);
                }
                try (Table t = b.build()) {
                    TableIO.write(t, dir.resolve("clusters.fits"), "fits");
                    TableIO.write(t, dir.resolve("clusters.csv"), "csv");
                }
            }
            Files.writeString(dir.resolve("manifest.json"), "{\"command\": \"run\"}\n");
            if (!full) {
                return dir;
            }
            // gradient fits: a linear fit over all ages and a broken fit of the young clusters, against R_GC
            try (TableBuilder b = Table.builder(alloc, "gradients", 2)) {
                b.addStrings(s("model"), new String[] {"linear", "broken"}).addStrings(s("variable"), new String[] {"r_gc", "r_gc"})
                        .addStrings(s("quantity"), new String[] {"feh", "feh"}).addStrings(s("status"), new String[] {"ok", "ok"})
                        .addDoubles(d("age_min", "Gyr"), new double[] {0, 0}).addDoubles(d("age_max", "Gyr"), new double[] {Double.POSITIVE_INFINITY, 0.5})
                        .addDoubles(d("knee_fixed", ""), new double[] {Double.NaN, 10})
                        .addDoubles(d("slope_p16", ""), new double[] {-0.065, Double.NaN}).addDoubles(d("slope_p50", ""), new double[] {-0.06, Double.NaN})
                        .addDoubles(d("slope_p84", ""), new double[] {-0.055, Double.NaN})
                        .addDoubles(d("intercept_p16", ""), new double[] {0.46, Double.NaN}).addDoubles(d("intercept_p50", ""), new double[] {0.49, Double.NaN})
                        .addDoubles(d("intercept_p84", ""), new double[] {0.52, Double.NaN})
                        .addDoubles(d("slope_inner_p16", ""), new double[] {Double.NaN, -0.08}).addDoubles(d("slope_inner_p50", ""), new double[] {Double.NaN, -0.07})
                        .addDoubles(d("slope_inner_p84", ""), new double[] {Double.NaN, -0.06})
                        .addDoubles(d("slope_outer_p16", ""), new double[] {Double.NaN, -0.05}).addDoubles(d("slope_outer_p50", ""), new double[] {Double.NaN, -0.04})
                        .addDoubles(d("slope_outer_p84", ""), new double[] {Double.NaN, -0.03})
                        .addDoubles(d("value_at_knee_p16", ""), new double[] {Double.NaN, -0.13})
                        .addDoubles(d("value_at_knee_p50", ""), new double[] {Double.NaN, -0.11})
                        .addDoubles(d("value_at_knee_p84", ""), new double[] {Double.NaN, -0.09});
                try (Table t = b.build()) {
                    TableIO.write(t, dir.resolve("gradients.fits"), "fits");
                }
            }
            String[] q = {"rv", "rv", "rv", "rv", "feh", "feh", "feh", "feh"};
            double[] snr = {10, 20, 40, 80, 10, 20, 40, 80};
            double[] sigma = new double[q.length];
            for (int i = 0; i < q.length; i++) {
                sigma[i] = (i < 4 ? 8.0 : 0.4) * Math.pow(snr[i], -0.9) + (i < 4 ? 0.3 : 0.02);
            }
            try (TableBuilder b = Table.builder(alloc, "uncertainty_windows", q.length)) {
                b.addStrings(s("quantity"), q).addDoubles(d("snr", ""), snr).addDoubles(d("sigma", ""), sigma);
                try (Table t = b.build()) {
                    TableIO.write(t, dir.resolve("uncertainty_windows.fits"), "fits");
                }
            }
            try (TableBuilder b = Table.builder(alloc, "uncertainty_fit", 2)) {
                b.addStrings(s("quantity"), new String[] {"rv", "feh"}).addStrings(s("unit"), new String[] {"km/s", "dex"})
                        .addDoubles(d("a", ""), new double[] {8.0, 0.4}).addDoubles(d("b", ""), new double[] {-0.9, -0.9})
                        .addDoubles(d("c", ""), new double[] {0.3, 0.02});
                try (Table t = b.build()) {
                    TableIO.write(t, dir.resolve("uncertainty_fit.fits"), "fits");
                }
            }
            int bins = 12;
            String[] who = new String[bins];
            double[] gMin = new double[bins];
            double[] gMax = new double[bins];
            double[] fraction = new double[bins];
            for (int k = 0; k < bins; k++) {
                who[k] = "all";
                gMin[k] = 9 + 0.5 * k;
                gMax[k] = gMin[k] + 0.5;
                fraction[k] = 0.9 / (1 + Math.exp((gMin[k] - 13.5) / 0.6));
            }
            try (TableBuilder b = Table.builder(alloc, "completeness", bins)) {
                b.addStrings(Columns.CLUSTER, who).addDoubles(d("g_min", "mag"), gMin).addDoubles(d("g_max", "mag"), gMax)
                        .addDoubles(d("fraction", ""), fraction);
                try (Table t = b.build()) {
                    TableIO.write(t, dir.resolve("completeness.fits"), "fits");
                }
            }
            double[] ours = new double[nc];
            double[] theirs = new double[nc];
            for (int c = 0; c < nc; c++) {
                theirs[c] = cRv[c] + 4.5 + rng.normal(9, 0, c, 0);
                ours[c] = cRv[c];
            }
            try (TableBuilder b = Table.builder(alloc, "compare_apogee", nc)) {
                b.addStrings(Columns.CLUSTER, CLUSTERS.toArray(String[]::new)).addDoubles(d("rv_ours", "km/s"), ours)
                        .addDoubles(d("rv_theirs", "km/s"), theirs);
                try (Table t = b.build()) {
                    TableIO.write(t, dir.resolve("compare_apogee.csv"), "csv");
                }
            }
        }
        return dir;
    }
}
