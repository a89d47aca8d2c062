package org.ocengine.galaxy;

/**
 * A flattened spheroid of McMillan (2017) and GalPot: rho = rho0 (m/r0)^-gamma (1 + m/r0)^(gamma - beta)
 * exp(-(m/rcut)^2) with m^2 = R^2 + (z/q)^2 (no cut-off when rcut is infinite). The McMillan (2017)
 * bulge has gamma = 0, beta = 1.8. Units: Msun / kpc^3 and kpc. Immutable.
 *
 * @param rho0  density scale, Msun / kpc^3
 * @param q     axis ratio
 * @param gamma inner slope
 * @param beta  outer slope
 * @param r0    scale radius, kpc
 * @param rCut  cut-off radius, kpc ({@code Double.POSITIVE_INFINITY}: none)
 */
public record SpheroidProfile(double rho0, double q, double gamma, double beta, double r0, double rCut) {

    public SpheroidProfile {
        if (!(rho0 > 0) || !(q > 0) || !(gamma >= 0 && gamma < 3) || !(beta >= gamma) || !(r0 > 0) || !(rCut > 0)) {
            throw new IllegalArgumentException("spheroid needs rho0 > 0, q > 0, 0 <= gamma < 3, beta >= gamma, r0 > 0, rcut > 0");
        }
    }

    /** The density at (R, z), Msun / kpc^3. */
    public double density(double cylR, double z) {
        double zq = z / q;
        double m = Math.sqrt(cylR * cylR + zq * zq);
        double s = m / r0;
        double rho = rho0 * Math.pow(1 + s, gamma - beta);
        if (gamma != 0) {
            rho *= Math.pow(s, -gamma);
        }
        if (Double.isFinite(rCut)) {
            double c = m / rCut;
            rho *= Math.exp(-c * c);
        }
        return rho;
    }
}
