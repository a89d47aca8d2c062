package org.ocengine.xmatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.SkyGeometry;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

class EpochPropagationTest {

    /**
     * {ra, dec, pmra, pmdec, from, to, ra', dec'}: written by
     * engine/src/test/scripts/astropy-epoch-reference.py with astropy 5.2.1, SkyCoord(...,
     * distance=1 pc, radial_velocity=0, obstime=Time(from, format='jyear', scale='tdb'))
     * .apply_space_motion(Time(to, ...)); the script says why those settings.
     */
    private static final double[][] ASTROPY = {
        {132.846, 11.814, -10.97, -2.94, 2016.0, 2000.0, 132.8460498106780, 11.8140130666623},
        {269.452, 4.693, -798.6, 600.0, 2016.0, 2000.0, 269.4555612592810, 4.6903333243155},
        {0.0001, -5.0, 900.0, 0.0, 2016.0, 2000.0, 359.9960847206548, -4.9999999877843},
        {250.0, 89.99, 300.0, -200.0, 2016.0, 2000.0, 241.6743496360313, 89.9907918447319},
        {10.0, -89.995, -50.0, 40.0, 2016.0, 2000.0, 12.6384918285125, -89.9951726601656},
        {201.5, 60.25, 35.2, -48.9, 2015.5, 2011.5, 201.4999211812269, 60.2500543333100},
        {83.82, -5.39, 1.3, 0.4, 2016.0, 2025.0, 83.8200032644341, -5.3899990000000},
        {45.0, 30.0, 0.0, 0.0, 2016.0, 2000.0, 45.0000000000000, 30.0000000000000},
    };

    @Test
    void agreesWithAstropyApplySpaceMotionToTenNanoArcsec() {
        double[] out = new double[2];
        for (double[] r : ASTROPY) {
            EpochPropagation p = new EpochPropagation(r[4], r[5]);
            EpochPropagation.move(r[0], r[1], r[2], r[3], p.years(), out);
            double miss = SkyGeometry.separationArcsec(out[0], out[1], r[6], r[7]);
            assertTrue(miss < 1e-8, "row ra=" + r[0] + ": " + miss * 1e6 + " micro-arcsec from astropy");
            assertTrue(out[0] >= 0 && out[0] < 360, "ra wrapped: " + out[0]);
        }
    }

    @Test
    void rowsWithoutMotionStayAndRowsWithoutPositionStayEmpty() {
        double[] out = new double[2];
        EpochPropagation.move(12.5, -30, Double.NaN, 5, -16, out);
        assertArrayEquals(new double[] {12.5, -30}, out, 0.0);
        EpochPropagation.move(12.5, -30, 5, Double.NaN, -16, out);
        assertArrayEquals(new double[] {12.5, -30}, out, 0.0);
        EpochPropagation.move(Double.NaN, -30, 5, 5, -16, out);
        assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]));
        assertThrows(IllegalArgumentException.class, () -> new EpochPropagation(Double.NaN, 2000));
    }

    @Test
    void appliesToTheCanonicalColumnsOfATable() {
        double[] ra = new double[ASTROPY.length + 1];
        double[] dec = new double[ra.length];
        double[] pmra = new double[ra.length];
        double[] pmdec = new double[ra.length];
        for (int i = 0; i < ASTROPY.length; i++) {
            ra[i] = ASTROPY[i][0];
            dec[i] = ASTROPY[i][1];
            pmra[i] = ASTROPY[i][2];
            pmdec[i] = ASTROPY[i][3];
        }
        ra[ASTROPY.length] = Double.NaN;
        dec[ASTROPY.length] = Double.NaN;
        try (BufferAllocator allocator = new RootAllocator();
             Table t = Table.builder(allocator, "gaia", ra.length).addDoubles(Columns.RA, ra).addDoubles(Columns.DEC, dec)
                     .addDoubles(Columns.PMRA, pmra).addDoubles(Columns.PMDEC, pmdec).build()) {
            double[][] moved = new EpochPropagation(EpochPropagation.GAIA_DR3_EPOCH, EpochPropagation.J2000).apply(t);
            for (int i = 0; i < 5; i++) {
                assertEquals(0, SkyGeometry.separationArcsec(moved[0][i], moved[1][i], ASTROPY[i][6], ASTROPY[i][7]), 1e-8);
            }
            assertTrue(Double.isNaN(moved[0][ASTROPY.length]));
        }
    }
}
