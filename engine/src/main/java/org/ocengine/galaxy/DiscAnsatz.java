package org.ocengine.galaxy;

/**
 * The analytic part of a disc's potential in the method of Dehnen &amp; Binney (1998) that GalPot
 * uses: Phi_a(R, z) = 4 pi G Sigma(r) H(z), with r the spherical radius and H the double integral
 * of the vertical profile (H'' = h, H(0) = H'(0) = 0). Far from the plane it carries the disc's
 * thin vertical structure exactly; what it misses, the residual density
 * rho - Laplacian(Phi_a) / 4 pi G = [Sigma(R) - Sigma(r)] h(z) - H(z) [Sigma''(r) + 2 Sigma'(r) / r]
 * - 2 Sigma'(r) (z/r) H'(z), is smooth and goes into a {@link MultipoleExpansion}.
 *
 * <p>As a {@link Potential}, {@link #density} is Laplacian(Phi_a) / 4 pi G, so that this part plus the
 * multipole part has the disc's true density. Units of {@link Units}. Immutable and thread-safe.
 */
public final class DiscAnsatz implements Potential {

    private static final double LN2 = Math.log(2);
    /** Smallest radius used in the r-derivatives (the limits at r = 0 are finite or multiplied by zero). */
    private static final double R_FLOOR = 1e-10;

    private final DiscProfile disc;
    private final double fourPiG;

    public DiscAnsatz(DiscProfile disc) {
        this.disc = disc;
        this.fourPiG = 4 * Math.PI * Units.G;
    }

    /** The disc this is the analytic part of. */
    public DiscProfile disc() {
        return disc;
    }

    @Override
    public String name() {
        return "disc (analytic part)";
    }

    @Override
    public double potential(double cylR, double z) {
        double r = Math.max(Math.sqrt(cylR * cylR + z * z), R_FLOOR);
        return fourPiG * disc.surfaceDensity(r) * bigH(z);
    }

    @Override
    public void addForces(double cylR, double z, double[] acc) {
        double r = Math.max(Math.sqrt(cylR * cylR + z * z), R_FLOOR);
        double sigma = disc.surfaceDensity(r);
        if (sigma == 0) {
            return;
        }
        double dSigma = sigma * logSlope(r);
        double zd = disc.zd();
        double bigH;
        double dBigH;
        if (disc.vertical() == DiscProfile.Vertical.EXPONENTIAL) {
            double u = Math.abs(z) / zd;
            double e = Math.exp(-u);
            bigH = 0.5 * zd * (Math.expm1(-u) + u);
            dBigH = Math.copySign(0.5 * (1 - e), z);
        } else {
            double au = Math.abs(z) / (2 * zd);
            double e = Math.exp(-2 * au);
            bigH = zd * (au + Math.log1p(e) - LN2);
            dBigH = Math.copySign(0.5 * (1 - e) / (1 + e), z);
        }
        acc[0] -= fourPiG * dSigma * (cylR / r) * bigH;
        acc[1] -= fourPiG * (dSigma * (z / r) * bigH + sigma * dBigH);
    }

    @Override
    public double density(double cylR, double z) {
        double r = Math.max(Math.sqrt(cylR * cylR + z * z), R_FLOOR);
        double sigma = disc.surfaceDensity(r);
        if (sigma == 0) {
            return 0;
        }
        double g = logSlope(r);
        double dSigma = sigma * g;
        double d2Sigma = sigma * (g * g - 2 * disc.rHole() / (r * r * r));
        return sigma * disc.vertical(z) + bigH(z) * (d2Sigma + 2 * dSigma / r) + 2 * dSigma * (z / r) * dBigH(z);
    }

    /** The residual density rho - Laplacian(Phi_a) / 4 pi G that the multipole expansion must carry, Msun / kpc^3. */
    public double residualDensity(double cylR, double z) {
        return disc.density(cylR, z) - density(cylR, z);
    }

    /** d ln Sigma / dR at R. */
    private double logSlope(double r) {
        return disc.rHole() / (r * r) - 1 / disc.rd();
    }

    /** H(z), kpc. */
    private double bigH(double z) {
        double zd = disc.zd();
        if (disc.vertical() == DiscProfile.Vertical.EXPONENTIAL) {
            double u = Math.abs(z) / zd;
            return 0.5 * zd * (Math.expm1(-u) + u);
        }
        double au = Math.abs(z) / (2 * zd);
        return zd * (au + Math.log1p(Math.exp(-2 * au)) - LN2);
    }

    /** H'(z). */
    private double dBigH(double z) {
        double zd = disc.zd();
        if (disc.vertical() == DiscProfile.Vertical.EXPONENTIAL) {
            return Math.copySign(0.5 * -Math.expm1(-Math.abs(z) / zd), z);
        }
        return 0.5 * Math.tanh(z / (2 * zd));
    }
}
