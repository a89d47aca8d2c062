package org.ocengine.datasets.mock;

/**
 * Interstellar extinction in Gaia G along a line of sight through an exponential dust layer:
 * A_G(d) = k h / |sin b| (1 - exp(-d |sin b| / h)), i.e. {@code k} magnitudes per kpc in the plane
 * falling off with height above it (scale height h). Reddening E(BP-RP) = A_G / 1.9. Distances in
 * kpc, latitudes in degrees. Immutable and thread-safe.
 *
 * @param magPerKpc {@code k}: A_G per kpc in the plane (mag/kpc)
 * @param heightKpc {@code h}: scale height of the dust (kpc)
 */
public record Extinction(double magPerKpc, double heightKpc) {

    /** 0.7 mag/kpc in the plane, 100 pc scale height. */
    public static final Extinction DEFAULT = new Extinction(0.7, 0.1);

    /** E(BP-RP) per magnitude of A_G. */
    public static final double REDDENING_PER_AG = 1 / 1.9;

    /** A_G (mag) at distance {@code dKpc} towards latitude {@code bDeg}. */
    public double ag(double dKpc, double bDeg) {
        double s = Math.abs(Math.sin(Math.toRadians(bDeg)));
        if (s * dKpc < 1e-9 * heightKpc) {
            return magPerKpc * dKpc;
        }
        return magPerKpc * heightKpc / s * -Math.expm1(-dKpc * s / heightKpc);
    }

    /**
     * The distance (kpc) at which a star of absolute magnitude {@code absG} appears at {@code g}
     * towards latitude {@code bDeg}: the root of 5 log10(100 d) + A_G(d) = g - absG (the left side
     * grows with d), by Newton's method in ln d from the distance without extinction, kept within a
     * bisection bracket, between 1 pc and 100 kpc.
     */
    public double distanceFor(double g, double absG, double bDeg) {
        double target = g - absG;
        double s = Math.abs(Math.sin(Math.toRadians(bDeg)));
        double lo = Math.log(0.001);
        double hi = Math.log(100);
        double t = Math.max(lo, Math.min(hi, Math.log(Math.pow(10, target / 5) / 100)));
        for (int i = 0; i < 60; i++) {
            double d = Math.exp(t);
            double f = 5 * Math.log10(100 * d) + ag(d, bDeg) - target;
            if (f < 0) {
                lo = t;
            } else {
                hi = t;
            }
            double slope = 5 / Math.log(10) + magPerKpc * d * Math.exp(-d * s / heightKpc);
            double next = t - f / slope;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - t) < 1e-12) {
                return Math.exp(next);
            }
            t = next;
        }
        return Math.exp(t);
    }
}
