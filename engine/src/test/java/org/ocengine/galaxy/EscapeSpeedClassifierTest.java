package org.ocengine.galaxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.ocengine.stars.HighVelocityClassifier;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/** High-velocity labels of stars against MWPotential2014's escape speed (about 530 km/s near the Sun). */
class EscapeSpeedClassifierTest {

    @Test
    void labelsFollowTheEscapeSpeed() {
        // all at the north Galactic pole, 100 pc away, no proper motion: speed = |v_sun + RV along z|
        double raNgp = 192.85948;
        double decNgp = 27.12825;
        double[] rv = {0, 600, 300, 2000, Double.NaN, 10};
        double[] parallax = {10, 10, 10, 10, 10, -1};
        EscapeSpeedClassifier c = new EscapeSpeedClassifier(GalaxyModel.MWPOTENTIAL2014, SolarParameters.defaults());
        double vEsc = MWPotential2014.create().escapeSpeed(8.2, 0.12);
        assertTrue(vEsc > 450 && vEsc < 600, "v_esc " + vEsc);
        try (RootAllocator alloc = new RootAllocator();
             Table t = Table.builder(alloc, "stars", rv.length).addDoubles(Columns.RA, fill(raNgp, rv.length))
                     .addDoubles(Columns.DEC, fill(decNgp, rv.length)).addDoubles(Columns.PARALLAX, parallax)
                     .addDoubles(Columns.PMRA, fill(0, rv.length)).addDoubles(Columns.PMDEC, fill(0, rv.length))
                     .addDoubles(Columns.RV, rv).build()) {
            // speeds: 245 (normal), about 650 (unbound), about 390 (bound: above 0.7 v_esc), 2000+ (unbound)
            assertArrayEquals(new String[] {null, HighVelocityClassifier.UNBOUND, HighVelocityClassifier.BOUND,
                HighVelocityClassifier.UNBOUND, null, null}, c.classify(t));
            assertEquals("high_velocity: 4 of 6 stars placed (distance or 1/parallax, pm, RV); 2 unbound, 1 bound against v_esc of mwpot14",
                    c.description());
        }
    }

    @Test
    void tablesWithoutProperMotionsGetNoLabelsAndSaySo() {
        EscapeSpeedClassifier c = new EscapeSpeedClassifier(GalaxyModel.MCMILLAN17, SolarParameters.defaults());
        try (RootAllocator alloc = new RootAllocator();
             Table t = Table.builder(alloc, "mrs.csv", 2).addDoubles(Columns.RA, fill(1, 2)).addDoubles(Columns.DEC, fill(2, 2))
                     .addDoubles(Columns.PARALLAX, fill(1, 2)).addDoubles(Columns.RV, fill(900, 2)).build()) {
            assertArrayEquals(new String[2], c.classify(t));
            assertEquals("high_velocity left empty: mrs.csv has no pmra, pmdec (the escape-speed test needs position, distance or "
                    + "parallax, proper motions and RV)", c.description());
        }
    }

    private static double[] fill(double v, int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
