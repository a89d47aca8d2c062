package org.ocengine.galaxy;

import org.ocengine.compute.GravityField;

/**
 * An axisymmetric (and z-symmetric) Galactic potential: potential, forces, density, circular speed
 * and escape speed, in the units of {@link Units} (kpc, km/s; potential (km/s)^2 with zero at
 * infinity, forces (km/s)^2 / kpc, density Msun / kpc^3). Potentials add up: a
 * {@link CompositePotential} is the sum of its components, and every component's {@link #density}
 * is the density whose potential it is (Laplacian / 4 pi G), so densities add up as well.
 *
 * <p>Implementations are immutable and thread-safe; {@link #potential}, {@link #addForces} and
 * {@link #density} allocate nothing.
 */
public interface Potential extends GravityField {

    /** A short name for logs and outputs. */
    String name();

    /** Adds F_R = -dPhi/dR and F_z = -dPhi/dz at (R, z) to {@code acc[0]} and {@code acc[1]}. */
    void addForces(double cylR, double z, double[] acc);

    /** The mass density at (R, z), Msun / kpc^3. */
    double density(double cylR, double z);

    @Override
    default void forces(double cylR, double z, double[] out) {
        out[0] = 0;
        out[1] = 0;
        addForces(cylR, z, out);
    }

    /**
     * The circular speed sqrt(R dPhi/dR) in the plane at radius R (kpc), km/s; 0 where the radial force
     * points outwards (inside a central hole).
     */
    default double circularSpeed(double cylR) {
        double[] f = new double[2];
        forces(cylR, 0, f);
        return Math.sqrt(Math.max(0, -cylR * f[0]));
    }

    /** The escape speed sqrt(-2 Phi) at (R, z), km/s. */
    default double escapeSpeed(double cylR, double z) {
        return Math.sqrt(Math.max(0, -2 * potential(cylR, z)));
    }
}
