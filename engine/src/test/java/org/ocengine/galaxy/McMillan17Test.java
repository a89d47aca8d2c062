package org.ocengine.galaxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** McMillan (2017) against its published numbers, a direct integration over its density, and galpy. */
class McMillan17Test {

    private final CompositePotential model = McMillan17.standard();

    /** McMillan (2017): v_c = 233.1 km/s at R0 = 8.21 kpc for the best-fit model. */
    @Test
    void circularSpeedAtTheSun() {
        assertEquals(233.1, model.circularSpeed(8.21), 0.1);
    }

    /**
     * The issue: potential and forces within 1e-4 of a direct numerical integration over the density
     * (discs and bulge, the parts the expansion approximates; the NFW halo is analytic in both). The
     * reference integration is converged to 1e-9 at step 1/16 (halving it changes nothing at that level).
     */
    @Test
    void agreesWithDirectIntegrationOverTheDensity() {
        McMillan17.Parameters p = McMillan17.defaults();
        List<DirectIntegral.Component> density = new ArrayList<>();
        for (DiscProfile d : p.discs()) {
            density.add(new DirectIntegral.Component(d::density, 400, 40 * d.zd()));
        }
        SpheroidProfile bulge = p.bulge();
        density.add(new DirectIntegral.Component(bulge::density, 6 * bulge.rCut(), 3 * bulge.rCut()));
        List<Potential> approximated = model.components().subList(0, model.components().size() - 1);
        assertTrue(model.components().get(model.components().size() - 1) instanceof NfwHalo);
        DirectIntegral direct = new DirectIntegral(1.0 / 16);
        double[][] points = {{8.2, 0.02}, {6, 0.05}, {4.5, 0.01}, {1, 0.1}, {15, 2}, {0.5, 0.5}, {25, 4}};
        double[] f = new double[2];
        for (double[] pt : points) {
            double[] ref = direct.evaluate(density, pt[0], pt[1]);
            double phi = 0;
            f[0] = 0;
            f[1] = 0;
            for (Potential c : approximated) {
                phi += c.potential(pt[0], pt[1]);
                c.addForces(pt[0], pt[1], f);
            }
            String at = " at R = " + pt[0] + ", z = " + pt[1];
            assertEquals(ref[0], phi, 1e-4 * Math.abs(ref[0]), "potential" + at);
            double err = Math.hypot(f[0] - ref[1], f[1] - ref[2]) / Math.hypot(ref[1], ref[2]);
            assertTrue(err < 1e-4, "relative force error " + err + at);
        }
    }

    /** The direct integration itself reproduces an analytic potential (a spherical cusp with a cut-off). */
    @Test
    void directIntegrationReproducesAnAnalyticPotential() {
        PowerLawCutoffBulge b = new PowerLawCutoffBulge(1e5, 1.8, 1.9);
        double[] ref = new DirectIntegral(1.0 / 16).evaluate(List.of(new DirectIntegral.Component(b::density, 20, 20)), 3, 0.7);
        double[] f = new double[2];
        b.forces(3, 0.7, f);
        assertEquals(b.potential(3, 0.7), ref[0], 1e-9 * Math.abs(ref[0]));
        assertEquals(f[0], ref[1], 1e-9 * Math.abs(f[0]));
        assertEquals(f[1], ref[2], 1e-9 * Math.abs(f[0]));
    }

    /** galpy's McMillan17, with its own (rounded, SPEC.md 6) parameters: within 1e-2 for 0.5 &lt; R &lt; 30, |z| &lt; 5 kpc. */
    @Test
    void agreesWithGalpy() {
        ReferenceCsv galpy = ReferenceCsv.load("potentials-galpy.csv");
        Potential rounded = asGalpyDefinesIt();
        double[] f = new double[2];
        double worstPhi = 0;
        double worstF = 0;
        for (int i = 0; i < galpy.rows(); i++) {
            double cylR = galpy.col("R")[i];
            double z = galpy.col("z")[i];
            double phi = galpy.col("mcm_phi")[i];
            worstPhi = Math.max(worstPhi, Math.abs(rounded.potential(cylR, z) / phi - 1));
            rounded.forces(cylR, z, f);
            double fr = galpy.col("mcm_fr")[i];
            double fz = galpy.col("mcm_fz")[i];
            worstF = Math.max(worstF, Math.hypot(f[0] - fr, f[1] - fz) / Math.hypot(fr, fz));
            assertEquals(galpy.col("mcm_vc_at_R")[i], rounded.circularSpeed(cylR), 1e-2 * galpy.col("mcm_vc_at_R")[i]);
        }
        assertTrue(worstPhi < 1e-2, "worst relative potential difference " + worstPhi);
        assertTrue(worstF < 1e-2, "worst relative force difference " + worstF);
    }

    /** McMillan (2017) with the rounded parameters of SPEC.md 6, as galpy's {@code McMillan17} defines it. */
    static Potential asGalpyDefinesIt() {
        return Rounded.INSTANCE;
    }

    private static final class Rounded {
        static final Potential INSTANCE = McMillan17.create(new McMillan17.Parameters(List.of(
                new DiscProfile(896e6, 2.5, 0.3, 0, DiscProfile.Vertical.EXPONENTIAL),
                new DiscProfile(183e6, 3.02, 0.9, 0, DiscProfile.Vertical.EXPONENTIAL),
                new DiscProfile(53.1e6, 7, 0.085, 4, DiscProfile.Vertical.SECH2),
                new DiscProfile(2180e6, 1.5, 0.045, 12, DiscProfile.Vertical.SECH2)),
                new SpheroidProfile(98.4e9, 0.5, 0, 1.8, 0.075, 2.1), 0.00854e9, 19.6, McMillan17.DEFAULT_GRID));
    }
}
