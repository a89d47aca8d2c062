package org.ocengine.galaxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Physics invariants over every potential and every component (as galpy's tests do): the forces are
 * minus the numerical gradient of the potential, the numerical Laplacian is 4 pi G times the density
 * (Poisson), the potential vanishes far away, and the circular and escape speeds follow from the
 * forces and the potential.
 */
class PotentialInvariantsTest {

    /** Points spread over the Galaxy, off the axis, on, near and far from the plane (kpc). */
    private static final double[][] POINTS = {
        {0.4, 0.3}, {1.2, -0.05}, {2.5, 0.8}, {4.2, 0.02}, {6.0, -0.4}, {8.2, 0.0208}, {8.2, 1.5},
        {11.0, -0.12}, {15.0, 3.0}, {24.0, -6.0}, {40.0, 10.0},
    };

    static Stream<Arguments> potentials() {
        List<Arguments> all = new ArrayList<>();
        CompositePotential mw = MWPotential2014.create();
        CompositePotential mcm = McMillan17.standard();
        all.add(Arguments.of(mw, 1e-8));
        for (Potential p : mw.components()) {
            all.add(Arguments.of(p, 1e-8));
        }
        // the multipole part is a truncated expansion (l <= 64) of the bulge and the discs' residuals; the residuals
        // have kinks at z = 0, so their rho_l fall off only as l^-2 and the truncated density (the Laplacian of the
        // truncated potential, two derivatives sharper than forces) ripples by up to 6.7e-4 of the local density
        // (measured over R = 0.4-24 kpc, |z| < 3 kpc; 2e-4 at l <= 128), while forces stay within 3e-5
        all.add(Arguments.of(mcm, 1e-3));
        for (Potential p : mcm.components()) {
            all.add(Arguments.of(p, p instanceof MultipoleExpansion ? 1e-3 : 1e-8));
        }
        return all.stream();
    }

    /** Finite-difference step (kpc): with the fourth-order stencils below, exact to 1e-11 even for 45 pc thick discs. */
    private static final double H = 1e-4;

    /** d/dx of f at x, fourth-order central difference. */
    private static double derivative(java.util.function.DoubleUnaryOperator f, double x) {
        return (8 * (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) - (f.applyAsDouble(x + 2 * H) - f.applyAsDouble(x - 2 * H))) / (12 * H);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("potentials")
    void forceIsMinusTheGradient(Potential p, double poissonTolerance) {
        double[] f = new double[2];
        for (double[] pt : POINTS) {
            double cylR = pt[0];
            double z = pt[1];
            p.forces(cylR, z, f);
            double dR = derivative(r -> p.potential(r, z), cylR);
            double dz = derivative(zz -> p.potential(cylR, zz), z);
            double scale = Math.hypot(f[0], f[1]);
            assertEquals(-dR, f[0], 1e-8 * scale, p.name() + " F_R at " + cylR + ", " + z);
            assertEquals(-dz, f[1], 1e-8 * scale, p.name() + " F_z at " + cylR + ", " + z);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("potentials")
    void poisson(Potential p, double tolerance) {
        double[] f = new double[2];
        for (double[] pt : POINTS) {
            double cylR = pt[0];
            double z = pt[1];
            p.forces(cylR, z, f);
            double dFR = derivative(r -> component(p, r, z, 0), cylR);
            double dFz = derivative(zz -> component(p, cylR, zz, 1), z);
            double laplacian = -(dFR + f[0] / cylR + dFz);
            double expected = 4 * Math.PI * Units.G * p.density(cylR, z);
            // judged against the whole model's density there, so that components carrying little of it are judged fairly
            double scale = 4 * Math.PI * Units.G * Math.max(Math.abs(p.density(cylR, z)), totalDensity(p, cylR, z));
            assertEquals(expected, laplacian, tolerance * scale, p.name() + " at " + cylR + ", " + z);
        }
    }

    private static double component(Potential p, double cylR, double z, int k) {
        double[] f = new double[2];
        p.forces(cylR, z, f);
        return f[k];
    }

    /** The density of the model the potential belongs to. */
    private static double totalDensity(Potential p, double cylR, double z) {
        CompositePotential mw = MWPotential2014.create();
        boolean inMw = p.name().equals(mw.name()) || mw.components().stream().anyMatch(c -> c.getClass() == p.getClass());
        return (inMw ? mw : McMillan17.standard()).density(cylR, z);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("potentials")
    void speedsFollowFromPotentialAndForces(Potential p, double unused) {
        double[] f = new double[2];
        for (double cylR : new double[] {1, 4, 8.2, 20}) {
            p.forces(cylR, 0, f);
            assertEquals(Math.sqrt(Math.max(0, -cylR * f[0])), p.circularSpeed(cylR), 1e-12 * (1 + p.circularSpeed(cylR)));
            double phi = p.potential(cylR, 0.1);
            assertEquals(phi < 0 ? Math.sqrt(-2 * phi) : 0, p.escapeSpeed(cylR, 0.1), 1e-9);
        }
        assertTrue(Math.abs(p.potential(1e8, 1e8)) <= 1e-5 * Math.abs(p.potential(8.2, 1)),
                p.name() + " vanishes far away: " + p.potential(1e8, 1e8));
    }
}
