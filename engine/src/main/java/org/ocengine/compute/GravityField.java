package org.ocengine.compute;

/**
 * An axisymmetric gravitational field as the batched orbit integration sees it (the backend's view of
 * a {@code galaxy} potential): cylindrical R and z in kpc, potential in (km/s)^2 with zero at infinity,
 * forces (accelerations, minus the gradient) in (km/s)^2 / kpc.
 *
 * <p>Implementations are immutable and thread-safe, and their calls allocate nothing, so many threads
 * can integrate orbits in one field at once.
 */
public interface GravityField {

    /** The potential at (R, z), (km/s)^2. */
    double potential(double cylR, double z);

    /** Writes F_R = -dPhi/dR and F_z = -dPhi/dz at (R, z), (km/s)^2 / kpc, into {@code out[0]} and {@code out[1]}. */
    void forces(double cylR, double z, double[] out);
}
