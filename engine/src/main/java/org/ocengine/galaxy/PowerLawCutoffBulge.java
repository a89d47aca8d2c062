package org.ocengine.galaxy;

import org.apache.commons.math3.special.Gamma;

/**
 * A spherical power law with an exponential cut-off, rho = rho_c (r/rc)^-alpha exp(-(r/rc)^2) (galpy's
 * {@code PowerSphericalPotentialwCutoff}, the bulge of MWPotential2014), analytic through incomplete
 * gamma functions: with A = 2 pi G rho_c rc^3 and x = r/rc, G M(r) = A gamma(3/2 - alpha/2, x^2) and
 * Phi = -A [gamma(3/2 - alpha/2, x^2) / r + Gamma(1 - alpha/2, x^2) / rc]. The potential is zero at
 * infinity; galpy's is zero at the centre instead, so the two differ by the constant A Gamma(1 - alpha/2) / rc.
 * Needs 0 &lt;= alpha &lt; 2. Units of {@link Units}. Immutable and thread-safe.
 */
public final class PowerLawCutoffBulge implements Potential {

    private static final double EPS = 1e-16;
    private static final int MAX_ITERATIONS = 10_000;

    private final double amplitude;
    private final double alpha;
    private final double rc;
    /** Gamma(3/2 - alpha/2) and Gamma(1 - alpha/2). */
    private final double gammaInner;
    private final double gammaOuter;

    /**
     * @param amplitude A = 2 pi G rho_c rc^3, kpc (km/s)^2
     * @param alpha     inner power-law slope, 0 &lt;= alpha &lt; 2
     * @param rc        cut-off radius, kpc
     */
    public PowerLawCutoffBulge(double amplitude, double alpha, double rc) {
        if (!(amplitude > 0) || !(alpha >= 0 && alpha < 2) || !(rc > 0)) {
            throw new IllegalArgumentException("power-law bulge needs A > 0, 0 <= alpha < 2, rc > 0");
        }
        this.amplitude = amplitude;
        this.alpha = alpha;
        this.rc = rc;
        this.gammaInner = Gamma.gamma(1.5 - alpha / 2);
        this.gammaOuter = Gamma.gamma(1 - alpha / 2);
    }

    @Override
    public String name() {
        return "power-law bulge with cut-off";
    }

    /** The amplitude A = 2 pi G rho_c rc^3, kpc (km/s)^2 (for a device that evaluates the same formulas). */
    public double amplitude() {
        return amplitude;
    }

    /** Inner power-law slope. */
    public double alpha() {
        return alpha;
    }

    /** Cut-off radius, kpc. */
    public double rc() {
        return rc;
    }

    /** G M(<r) in kpc (km/s)^2. */
    private double enclosed(double r) {
        double x2 = (r / rc) * (r / rc);
        return amplitude * gammaInner * Gamma.regularizedGammaP(1.5 - alpha / 2, x2, EPS, MAX_ITERATIONS);
    }

    @Override
    public double potential(double cylR, double z) {
        double r = Math.sqrt(cylR * cylR + z * z);
        double x2 = (r / rc) * (r / rc);
        double outer = amplitude / rc * gammaOuter * Gamma.regularizedGammaQ(1 - alpha / 2, x2, EPS, MAX_ITERATIONS);
        return r == 0 ? -outer : -(enclosed(r) / r + outer);
    }

    @Override
    public void addForces(double cylR, double z, double[] acc) {
        double r = Math.sqrt(cylR * cylR + z * z);
        if (r == 0) {
            return;
        }
        double fr = -enclosed(r) / (r * r * r);
        acc[0] += fr * cylR;
        acc[1] += fr * z;
    }

    @Override
    public double density(double cylR, double z) {
        double x = Math.sqrt(cylR * cylR + z * z) / rc;
        double rhoC = amplitude / (2 * Math.PI * Units.G * rc * rc * rc);
        return rhoC * Math.pow(x, -alpha) * Math.exp(-x * x);
    }
}
