package org.ocengine.galaxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** MWPotential2014 against galpy's (fixture from src/test/scripts/galaxy-galpy-reference.py): 1e-6. */
class MWPotential2014Test {

    @Test
    void agreesWithGalpy() {
        ReferenceCsv galpy = ReferenceCsv.load("potentials-galpy.csv");
        CompositePotential mw = MWPotential2014.create();
        double[] f = new double[2];
        for (int i = 0; i < galpy.rows(); i++) {
            double cylR = galpy.col("R")[i];
            double z = galpy.col("z")[i];
            String at = " at R = " + cylR + ", z = " + z;
            double phi = galpy.col("mw_phi")[i];
            assertEquals(phi, mw.potential(cylR, z), 1e-6 * Math.abs(phi), "potential" + at);
            mw.forces(cylR, z, f);
            double fr = galpy.col("mw_fr")[i];
            double fz = galpy.col("mw_fz")[i];
            double scale = Math.hypot(fr, fz);
            assertEquals(fr, f[0], 1e-6 * scale, "F_R" + at);
            assertEquals(fz, f[1], 1e-6 * scale, "F_z" + at);
            assertEquals(galpy.col("mw_rho")[i], mw.density(cylR, z), 1e-6 * galpy.col("mw_rho")[i], "density" + at);
            assertEquals(galpy.col("mw_vc_at_R")[i], mw.circularSpeed(cylR), 1e-6 * galpy.col("mw_vc_at_R")[i], "v_c" + at);
        }
    }

    @Test
    void circularSpeedAtR0() {
        assertEquals(220.0, MWPotential2014.create().circularSpeed(8.0), 1e-9);
    }
}
