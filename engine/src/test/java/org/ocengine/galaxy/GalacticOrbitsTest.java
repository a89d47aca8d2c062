package org.ocengine.galaxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.CpuBackend;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * The orbit stage on a small table: real clusters against galpy (through the whole chain: frames,
 * potential, integrator, reduction), bad rows reported one by one with no orbit, Monte-Carlo spreads
 * that do not depend on the thread count, and the high-velocity classes.
 */
class GalacticOrbitsTest {

    private static final ReferenceCsv GALPY = ReferenceCsv.load("orbits-galpy.csv");
    private static final double NAN = Double.NaN;
    private static final String[] KEYS = {"a", "b", "c", "d", "e", "f", "g"};

    /** Rows: 0 and 1 are galpy's first two clusters (1 by its parallax), 2-5 bad, 6 a runaway. */
    private static Table table(RootAllocator alloc) {
        double[] ra = {g("ra", 0), g("ra", 1), 10, 10, 10, 10, g("ra", 0)};
        double[] dec = {g("dec", 0), g("dec", 1), 20, 20, 20, 20, g("dec", 0)};
        double[] dist = {1000 * g("distance_kpc", 0), NAN, NAN, NAN, 500, 500, 1000};
        double[] distErr = {5, NAN, NAN, NAN, 5, 5, 5};
        double[] plx = {NAN, 1 / g("distance_kpc", 1), -0.2, NAN, 2, 2, NAN};
        double[] plxErr = {NAN, 0.02, 0.02, NAN, 0.02, 0.02, NAN};
        double[] pmra = {g("pmra", 0), g("pmra", 1), 1, 1, NAN, 1, g("pmra", 0)};
        double[] pmdec = {g("pmdec", 0), g("pmdec", 1), 1, 1, 1, 1, g("pmdec", 0)};
        double[] pmErr = {0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05};
        double[] rv = {g("rv", 0), g("rv", 1), 5, 5, 5, NAN, 700};
        double[] rvErr = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        return Table.builder(alloc, "clusters.csv", ra.length).addDoubles(Columns.RA, ra).addDoubles(Columns.DEC, dec)
                .addDoubles(Columns.DISTANCE, dist).addDoubles(Columns.DISTANCE_ERR, distErr)
                .addDoubles(Columns.PARALLAX, plx).addDoubles(Columns.PARALLAX_ERR, plxErr)
                .addDoubles(Columns.PMRA, pmra).addDoubles(Columns.PMRA_ERR, pmErr)
                .addDoubles(Columns.PMDEC, pmdec).addDoubles(Columns.PMDEC_ERR, pmErr)
                .addDoubles(Columns.RV, rv).addDoubles(Columns.RV_ERR, rvErr).build();
    }

    private static double g(String column, int row) {
        return GALPY.col(column)[row];
    }

    private static Table run(RootAllocator alloc, Table in, OrbitConfig config, int threads) {
        GalacticOrbits.Result r;
        try (CpuBackend backend = new CpuBackend(threads)) {
            r = GalacticOrbits.run(in, GalacticOrbits.Inputs.canonical(), KEYS, config, backend);
        }
        try (TableBuilder b = Table.builder(alloc, "orbits", in.rowCount())) {
            r.addTo(b);
            return b.build();
        }
    }

    private static OrbitConfig config(int draws) {
        return OrbitConfig.defaults(7).withModel(GalaxyModel.MWPOTENTIAL2014).withDraws(draws);
    }

    @Test
    void placedRowsMatchGalpyAndBadRowsGetNoOrbit() {
        try (RootAllocator alloc = new RootAllocator(); Table in = table(alloc)) {
            GalacticOrbits.Result result;
            try (CpuBackend backend = new CpuBackend(2)) {
                result = GalacticOrbits.run(in, GalacticOrbits.Inputs.canonical(), KEYS, config(0), backend);
            }
            List<GalacticOrbits.Problem> problems = result.problems();
            assertEquals(4, problems.size(), problems.toString());
            assertEquals(List.of(2, 3, 4, 5), problems.stream().map(GalacticOrbits.Problem::row).toList());
            assertEquals(List.of("parallax", "distance", "pmra", "rv"), problems.stream().map(GalacticOrbits.Problem::column).toList());
            assertEquals("-0.200000", problems.get(0).value());
            assertEquals("c", problems.get(0).object());
            assertEquals(3, result.computed());
            try (TableBuilder b = Table.builder(alloc, "orbits", in.rowCount())) {
                result.addTo(b);
                try (Table t = b.build()) {
                    for (int row = 0; row < 2; row++) {
                        String who = GALPY.text("name")[row];
                        for (String q : new String[] {"rperi", "rapo", "ecc", "zmax"}) {
                            String col = switch (q) {
                                case "rperi" -> "r_peri";
                                case "rapo" -> "r_apo";
                                case "zmax" -> "z_max";
                                default -> q;
                            };
                            double expected = g("mw_" + q, row);
                            assertEquals(expected, t.doubles(col)[row], 1e-3 * Math.abs(expected), who + " " + col);
                        }
                        assertEquals(g("mw_energy", row), t.doubles("energy")[row], 1e-6 * Math.abs(g("mw_energy", row)), who);
                        assertEquals(g("mw_lz", row), t.doubles("lz")[row], 1e-6 * Math.abs(g("mw_lz", row)), who);
                        assertEquals(g("mw_R300", row), t.doubles("r_gc_300")[row], 0.01, who);
                        assertEquals(g("mw_z300", row), t.doubles("z_gc_300")[row], 0.01, who);
                        assertEquals("normal", t.strings("speed_class")[row]);
                        assertEquals("", nullToEmpty(t.strings("orbit_status")[row]));
                        assertTrue(Double.isNaN(t.doubles("r_peri_err")[row]), "no draws, no spread");
                    }
                    for (int row = 2; row <= 5; row++) {
                        assertTrue(Double.isNaN(t.doubles("r_peri")[row]) && Double.isNaN(t.doubles("x_gc")[row])
                                && Double.isNaN(t.doubles("energy")[row]), "row " + row + " has no kinematics");
                        assertNull(t.strings("speed_class")[row]);
                        assertTrue(t.strings("orbit_status")[row].startsWith(problems.get(row - 2).column() + ": "));
                    }
                    // 700 km/s towards us at 1 kpc: faster than the escape speed there
                    assertTrue(t.doubles("v_gc")[6] > t.doubles("v_esc")[6]);
                    assertEquals("unbound", t.strings("speed_class")[6]);
                }
            }
        }
    }

    @Test
    void monteCarloSpreadsAreKeyedDrawsNotThreads() {
        try (RootAllocator alloc = new RootAllocator(); Table in = table(alloc);
             Table one = run(alloc, in, config(12), 1); Table two = run(alloc, in, config(12), 2)) {
            for (String c : List.of("r_peri_err", "r_apo_err", "ecc_err", "z_max_err", "energy_err", "lz_err", "r_gc_500_err", "z_gc_500_err")) {
                assertArrayEquals(one.doubles(c), two.doubles(c), c);
                double v = one.doubles(c)[0];
                assertTrue(v > 0 && Double.isFinite(v), c + " = " + v);
            }
            assertEquals(12, one.ints("orbit_draws")[0]);
            assertEquals(12, one.ints("orbit_draws")[1]);
            assertEquals(0, one.ints("orbit_draws")[2]);
            // the catalogue values are those of the catalogue orbit, whatever the draws
            try (Table none = run(alloc, in, config(0), 2)) {
                assertEquals(none.doubles("r_peri")[0], one.doubles("r_peri")[0]);
            }
            // a 0.5 km/s RV error and 2.5% distance error move a disc orbit's pericentre by a few pc to ~0.1 kpc
            double periErr = one.doubles("r_peri_err")[0];
            assertTrue(periErr > 1e-3 && periErr < 0.3, "r_peri_err " + periErr);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
