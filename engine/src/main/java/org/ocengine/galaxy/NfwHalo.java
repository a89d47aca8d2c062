package org.ocengine.galaxy;

/**
 * The Navarro-Frenk-White halo rho = rho0 / ((r/rs) (1 + r/rs)^2), analytic: Phi = -GM ln(1 + r/rs) / r
 * with GM = 4 pi G rho0 rs^3. Spherical; units of {@link Units}. Immutable and thread-safe.
 */
public final class NfwHalo implements Potential {

    private final double gm;
    private final double rs;

    /**
     * @param gm 4 pi G rho0 rs^3, kpc (km/s)^2 (the amplitude of galpy's {@code NFWPotential})
     * @param rs scale radius, kpc
     */
    public NfwHalo(double gm, double rs) {
        if (!(gm > 0) || !(rs > 0)) {
            throw new IllegalArgumentException("NFW halo needs a positive amplitude and scale radius");
        }
        this.gm = gm;
        this.rs = rs;
    }

    /** The halo of central density scale {@code rho0} (Msun / kpc^3) and scale radius {@code rs} (kpc). */
    public static NfwHalo ofDensity(double rho0, double rs) {
        return new NfwHalo(4 * Math.PI * Units.G * rho0 * rs * rs * rs, rs);
    }

    @Override
    public String name() {
        return "NFW halo";
    }

    /** The amplitude 4 pi G rho0 rs^3, kpc (km/s)^2 (for a device that evaluates the same formulas). */
    public double gm() {
        return gm;
    }

    /** Scale radius, kpc. */
    public double rs() {
        return rs;
    }

    @Override
    public double potential(double cylR, double z) {
        double r = Math.sqrt(cylR * cylR + z * z);
        double x = r / rs;
        if (x < 1e-6) {
            return -gm / rs * (1 - x / 2 + x * x / 3);
        }
        return -gm * Math.log1p(x) / r;
    }

    @Override
    public void addForces(double cylR, double z, double[] acc) {
        double r = Math.sqrt(cylR * cylR + z * z);
        if (r == 0) {
            return;
        }
        double x = r / rs;
        // ln(1 + x) - x / (1 + x), by its series where the difference cancels
        double m = x < 1e-3 ? x * x * (0.5 - x * (2.0 / 3 - x * (0.75 - 0.8 * x))) : Math.log1p(x) - x / (1 + x);
        double fr = -gm * m / (r * r * r);
        acc[0] += fr * cylR;
        acc[1] += fr * z;
    }

    @Override
    public double density(double cylR, double z) {
        double x = Math.sqrt(cylR * cylR + z * z) / rs;
        double rho0 = gm / (4 * Math.PI * Units.G * rs * rs * rs);
        return rho0 / (x * (1 + x) * (1 + x));
    }
}
