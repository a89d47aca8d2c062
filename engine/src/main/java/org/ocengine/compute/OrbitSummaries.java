package org.ocengine.compute;

/**
 * What {@link ComputeBackend#integrateOrbits} returns per orbit, over the integrated interval (its
 * ends included): pericentre and apocentre (spherical radius, kpc), the largest |z| (kpc), the energy
 * at the start ((km/s)^2), the largest relative energy change and the largest change of L_z (kpc km/s)
 * seen at the step ends, R and z (kpc) at the snapshot times ({@code snapshotR[i * snapshots + k]}),
 * the steps taken, and a failure message ({@code null} when the orbit was integrated; its numbers are
 * NaN otherwise). Arrays are owned by this object; treat them as read-only.
 */
public record OrbitSummaries(double[] rPeri, double[] rApo, double[] zMax, double[] energy, double[] energyDrift,
                             double[] lzChange, double[] snapshotR, double[] snapshotZ, int snapshots, long[] steps,
                             String[] failure, long forceEvaluations) {

    /** Number of orbits. */
    public int size() {
        return rPeri.length;
    }
}
