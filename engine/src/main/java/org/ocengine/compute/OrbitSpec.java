package org.ocengine.compute;

/**
 * How to integrate a batch of orbits. Immutable.
 *
 * @param integrator  the scheme
 * @param durationMyr how far to integrate, Myr; negative integrates back in time (look-back)
 * @param stepMyr     step of the symplectic schemes, Myr (positive; the last step is shortened to end
 *                    exactly at the duration); unused by DOP853
 * @param tolerance   DOP853's tolerance: relative tolerance, with absolute tolerances of this many kpc
 *                    and a hundred times this many km/s; unused by the symplectic schemes
 * @param snapshotsMyr times (Myr, with the sign of the duration, within it) at which R and z are recorded
 */
public record OrbitSpec(OrbitIntegrator integrator, double durationMyr, double stepMyr, double tolerance,
                        double[] snapshotsMyr) {

    /** Natural time units per Myr: 1 kpc / (km/s) = 977.79 Myr (the integrators' time unit, on every backend). */
    public static final double NATURAL_TIME_PER_MYR = 1 / 977.7922216807891;

    /** The symplectic schemes' default step: energy is conserved to better than 1e-8 over 500 Myr (OrbitIntegrationTest). */
    public static final double DEFAULT_STEP_MYR = 0.1;
    /** DOP853's default tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-10;

    public OrbitSpec {
        if (integrator == null) {
            throw new IllegalArgumentException("no integrator given");
        }
        if (!Double.isFinite(durationMyr) || durationMyr == 0) {
            throw new IllegalArgumentException("orbit duration must be finite and non-zero, got " + durationMyr);
        }
        if (!(stepMyr > 0) || !(tolerance > 0) || !(tolerance < 1)) {
            throw new IllegalArgumentException("orbit step must be positive and tolerance in (0, 1)");
        }
        snapshotsMyr = snapshotsMyr.clone();
        for (double s : snapshotsMyr) {
            if (!(s * Math.signum(durationMyr) >= 0) || Math.abs(s) > Math.abs(durationMyr)) {
                throw new IllegalArgumentException("snapshot time " + s + " Myr lies outside the integration (0 to " + durationMyr + ")");
            }
        }
    }

    @Override
    public double[] snapshotsMyr() {
        return snapshotsMyr.clone();
    }

    /** Number of snapshot times. */
    public int snapshotCount() {
        return snapshotsMyr.length;
    }

    double snapshot(int k) {
        return snapshotsMyr[k];
    }
}
