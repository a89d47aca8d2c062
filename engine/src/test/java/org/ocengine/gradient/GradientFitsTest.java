package org.ocengine.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.CpuBackend;
import org.ocengine.io.SharedData;
import org.ocengine.io.TableIO;
import org.ocengine.random.Philox4x64;
import org.ocengine.fit.WalkerStreams;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.DataException;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * The gradient stage on a synthetic cluster table (selection by flag-12 count, age bin and range;
 * skipped fits; missing variables) and on the real clusters of Zhong et al. 2020. Short chains
 * (64 walkers x 1,500 steps): these tests check selection and bookkeeping, the sampler's accuracy is
 * tested in the fit package.
 */
class GradientFitsTest {

    static Map<String, List<String>> keys(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new ArrayList<>()).add(kv[i + 1]);
        }
        if (!m.containsKey("walkers")) {
            m.put("walkers", List.of("64"));
        }
        if (!m.containsKey("steps")) {
            m.put("steps", List.of("1500"));
        }
        return m;
    }

    /**
     * 200 clusters: R_GC uniform 6-18 kpc, [Fe/H] = -0.06 (R - 8) + 0.05 with errors 0.03-0.1 dex, n_flag12 = 1..8,
     * log_age 7-10 (0.01-10 Gyr).
     */
    static Table clusters(RootAllocator alloc) {
        int n = 200;
        WalkerStreams s = new WalkerStreams(11, 11);
        String[] name = new String[n];
        double[] r = new double[n];
        double[] feh = new double[n];
        double[] err = new double[n];
        int[] n12 = new int[n];
        double[] logAge = new double[n];
        for (int i = 0; i < n; i++) {
            name[i] = "C" + i;
            r[i] = 6 + 12 * Philox4x64.uniformOpen(s.word(0, i, 0));
            err[i] = 0.03 + 0.07 * Philox4x64.uniformOpen(s.word(0, i, 1));
            feh[i] = -0.06 * (r[i] - 8) + 0.05 + err[i] * s.normal(1, i, 0);
            n12[i] = 1 + (i % 8);
            logAge[i] = 7 + 3 * Philox4x64.uniformOpen(s.word(0, i, 2));
        }
        try (TableBuilder b = Table.builder(alloc, "synthetic clusters", n)) {
            b.addStrings(new ColumnSpec("cluster", ColumnType.STRING, "", ""), name);
            b.addDoubles(new ColumnSpec("r_gc", ColumnType.FLOAT64, "kpc", ""), r);
            b.addDoubles(new ColumnSpec("feh_median", ColumnType.FLOAT64, "", ""), feh);
            b.addDoubles(new ColumnSpec("feh_median_err", ColumnType.FLOAT64, "", ""), err);
            b.addInts(new ColumnSpec("n_flag12", ColumnType.INT32, "", ""), n12);
            b.addDoubles(new ColumnSpec("log_age", ColumnType.FLOAT64, "", ""), logAge);
            return b.build();
        }
    }

    @Test
    void clustersAreSelectedByFlag12CountAgeAndRange() {
        List<String> notes = new ArrayList<>();
        try (RootAllocator alloc = new RootAllocator(); Table t = clusters(alloc); CpuBackend cpu = new CpuBackend(2);
             GradientFits.Result r = GradientFits.run(t, GradientConfig.parse(keys("model", "linear", "age_bins", "all, 0-1, 1-",
                     "min_flag12", "3, 8", "range", "r_gc:7-17"), 5), cpu, GradientFits.FitProgress.NONE, notes::add, alloc)) {
            Table f = r.fits();
            assertEquals(6, f.rowCount());
            double[] rgc = t.doubles("r_gc");
            int[] n12 = t.ints("n_flag12");
            double[] age = t.doubles("log_age");
            int[] n = f.ints("n");
            double[] ageMin = f.doubles("age_min");
            double[] ageMax = f.doubles("age_max");
            int[] min12 = f.ints("min_flag12");
            for (int row = 0; row < 6; row++) {
                int expected = 0;
                for (int i = 0; i < t.rowCount(); i++) {
                    double gyr = Math.pow(10, age[i] - 9);
                    boolean inBin = ageMin[row] == 0 && Double.isInfinite(ageMax[row]) || gyr >= ageMin[row] && gyr < ageMax[row];
                    expected += n12[i] >= min12[row] && inBin && rgc[i] >= 7 && rgc[i] <= 17 ? 1 : 0;
                }
                assertEquals(expected, n[row], "row " + row);
            }
            String[] status = f.strings("status");
            double[] slope = f.doubles("slope_p50");
            double[] lo = f.doubles("slope_p16");
            double[] hi = f.doubles("slope_p84");
            for (int row = 0; row < 6; row++) {
                if (n[row] >= 5) {
                    assertEquals("ok", status[row]);
                    assertTrue(Math.abs(slope[row] + 0.06) < 3 * (hi[row] - lo[row]) / 2, "slope " + slope[row]);
                } else {
                    assertTrue(status[row].contains("fewer than 5"), status[row]);
                    assertTrue(Double.isNaN(slope[row]));
                }
            }
            assertEquals(r.sampled() + r.skipped(), 6);
            assertTrue(notes.isEmpty(), notes.toString());
            assertEquals("r_gc", f.strings("x_source")[0]);
            assertEquals("feh_median +- feh_median_err", f.strings("y_source")[0]);
        }
    }

    @Test
    void missingVariablesAreLeftOutWithANote() {
        List<String> notes = new ArrayList<>();
        try (RootAllocator alloc = new RootAllocator(); Table t = clusters(alloc); CpuBackend cpu = new CpuBackend(1);
             GradientFits.Result r = GradientFits.run(t, GradientConfig.parse(keys("model", "quadratic, broken", "knee", "11.5, 30",
                     "variable", "r_gc, l_z, energy, r_gc@100"), 5), cpu, GradientFits.FitProgress.NONE, notes::add, alloc)) {
            assertEquals(3, r.fits().rowCount(), "quadratic, broken at 11.5 and broken at 30 against r_gc");
            assertEquals(9, r.omitted());
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).contains("9 gradient fit(s) left out") && notes.get(0).contains("l_z (3), energy (3), r_gc@100 (3)")
                    && notes.get(0).contains("orbit stage"), notes.get(0));
            String[] status = r.fits().strings("status");
            assertEquals("ok", status[0]);
            assertEquals("ok", status[1]);
            assertTrue(status[2].contains("outside the knee at 30.0"), status[2]);
            assertEquals(2, r.sampled());
        }
    }

    @Test
    void withoutAFlag12CountTheMinimumIsNotAppliedAndTheRowsSaySo() {
        List<String> notes = new ArrayList<>();
        try (RootAllocator alloc = new RootAllocator(); Table all = clusters(alloc);
             Table t = withoutFlag12(all, alloc); CpuBackend cpu = new CpuBackend(1);
             GradientFits.Result r = GradientFits.run(t, GradientConfig.parse(keys("model", "linear", "min_flag12", "3, 8"), 5), cpu,
                     GradientFits.FitProgress.NONE, notes::add, alloc)) {
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).contains("no n_flag12 column"), notes.get(0));
            assertArrayEquals(new int[] {200, 200}, r.fits().ints("n"));
            assertArrayEquals(new int[] {0, 0}, r.fits().ints("min_flag12"), "a minimum that was not applied is written as 0");
        }
    }

    private static Table withoutFlag12(Table t, RootAllocator alloc) {
        try (TableBuilder b = Table.builder(alloc, "synthetic clusters without n_flag12", t.rowCount())) {
            b.addStrings(new ColumnSpec("cluster", ColumnType.STRING, "", ""), t.strings("cluster"));
            for (String c : List.of("r_gc", "feh_median", "feh_median_err", "log_age")) {
                b.addDoubles(new ColumnSpec(c, ColumnType.FLOAT64, c.equals("r_gc") ? "kpc" : "", ""), t.doubles(c));
            }
            return b.build();
        }
    }

    @Test
    void aFitsResultDoesNotDependOnTheRestOfTheSweep() {
        try (RootAllocator alloc = new RootAllocator(); Table t = clusters(alloc); CpuBackend cpu = new CpuBackend(2);
             GradientFits.Result alone = GradientFits.run(t, GradientConfig.parse(keys("model", "linear"), 9), cpu,
                     GradientFits.FitProgress.NONE, s -> { }, alloc);
             GradientFits.Result sweep = GradientFits.run(t, GradientConfig.parse(keys("model", "quadratic, linear", "min_flag12", "1, 3"), 9), cpu,
                     GradientFits.FitProgress.NONE, s -> { }, alloc)) {
            String label = alone.fits().strings("label")[0];
            int row = List.of(sweep.fits().strings("label")).indexOf(label);
            assertTrue(row >= 0, label);
            for (String c : List.of("slope_p16", "slope_p50", "slope_p84", "slope_tau", "acceptance")) {
                assertEquals(alone.fits().doubles(c)[0], sweep.fits().doubles(c)[row], 0.0, c);
            }
        }
    }

    @Test
    void aLengthInPcIsCaughtAndConvertedWhenSaidSo() {
        try (RootAllocator alloc = new RootAllocator(); Table t = clusters(alloc);
             Table pc = t.extend(alloc, "clusters in pc", b -> {
                 double[] r = t.doubles("r_gc");
                 double[] out = new double[r.length];
                 for (int i = 0; i < r.length; i++) {
                     out[i] = 1000 * r[i];
                 }
                 b.addDoubles(new ColumnSpec("RGC", ColumnType.FLOAT64, "", ""), out);
             });
             CpuBackend cpu = new CpuBackend(1)) {
            DataException e = assertThrows(DataException.class, () -> GradientFits.run(pc, GradientConfig.parse(keys("map", "r_gc=RGC"), 1),
                    cpu, GradientFits.FitProgress.NONE, s -> { }, alloc).close());
            assertTrue(e.getMessage().contains("RGC") && e.getMessage().contains("[pc]"), e.getMessage());
            try (GradientFits.Result asKpc = GradientFits.run(t, GradientConfig.parse(keys("model", "linear"), 1), cpu,
                    GradientFits.FitProgress.NONE, s -> { }, alloc);
                 GradientFits.Result asPc = GradientFits.run(pc, GradientConfig.parse(keys("model", "linear", "map", "r_gc=RGC[pc]"), 1), cpu,
                         GradientFits.FitProgress.NONE, s -> { }, alloc)) {
                assertEquals(asKpc.fits().doubles("slope_wls")[0], asPc.fits().doubles("slope_wls")[0], 1e-12);
                assertEquals("RGC x 0.001", asPc.fits().strings("x_source")[0]);
            }
        }
    }

    /**
     * Zhong et al. (2020)'s LAMOST clusters (../shared/data/clusters/ZHONG2020.csv): [Fe/H] against R_GC
     * (their RGC, in pc) for clusters with at least 3 [Fe/H] stars (their o_[Fe/H]); a straight line, a
     * broken line at 11.5 kpc and a quadratic, 100 walkers x 3,000 steps.
     */
    @Test
    void realClustersOfZhong2020() throws Exception {
        Path file = SharedData.file("clusters/ZHONG2020.csv");
        List<String> notes = new ArrayList<>();
        try (RootAllocator alloc = new RootAllocator(); Table t = TableIO.read(file, alloc); CpuBackend cpu = new CpuBackend(2);
             GradientFits.Result r = GradientFits.run(t, GradientConfig.parse(keys("model", "linear, broken, quadratic", "map", "r_gc=RGC[pc]",
                     "map", "n_flag12=o_[Fe/H]", "walkers", "100", "steps", "3000"), 3), cpu, GradientFits.FitProgress.NONE, notes::add, alloc)) {
            Table f = r.fits();
            assertEquals(3, f.rowCount());
            assertEquals(3, r.sampled());
            assertTrue(notes.isEmpty(), notes.toString());
            int[] n = f.ints("n");
            assertEquals(152, n[0], "clusters with >= 3 [Fe/H] stars and a positive error");
            double slope = f.doubles("slope_p50")[0];
            double width = f.doubles("slope_p84")[0] - f.doubles("slope_p16")[0];
            assertTrue(slope < -0.03 && slope > -0.09, "a negative radial gradient: " + slope);
            assertEquals(f.doubles("slope_wls")[0], slope, 0.1 * width, "flat priors: the median is the least-squares slope");
            assertEquals(f.doubles("slope_wls_err")[0], width / 2, 0.1 * width / 2);
            assertTrue(f.booleans("converged")[0]);
            assertFalse(Double.isNaN(f.doubles("a_p50")[2]));
            assertEquals("[Fe/H] +- e_[Fe/H]", f.strings("y_source")[0]);
        }
    }
}
