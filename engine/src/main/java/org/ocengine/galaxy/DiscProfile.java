package org.ocengine.galaxy;

/**
 * A disc of McMillan (2017) and GalPot: rho(R, z) = Sigma(R) h(z) with surface density
 * Sigma(R) = Sigma0 exp(-Rm/R - R/Rd) (no hole when Rm = 0) and a vertical profile normalised to one:
 * exponential h(z) = exp(-|z|/zd) / (2 zd), or isothermal h(z) = sech^2(z / (2 zd)) / (4 zd). The
 * isothermal form is GalPot's (its .Tpot files give -zd for it) and galpy's McMillan17; SPEC.md 6's
 * "sech^2 zd" means this zd. Units: Msun / kpc^2 and kpc. Immutable.
 *
 * @param sigma0   surface density scale, Msun / kpc^2
 * @param rd       scale length, kpc
 * @param zd       scale height, kpc
 * @param rHole    inner hole radius Rm, kpc (0: none)
 * @param vertical vertical profile
 */
public record DiscProfile(double sigma0, double rd, double zd, double rHole, Vertical vertical) {

    /** The vertical profile h(z). */
    public enum Vertical {
        /** exp(-|z|/zd) / (2 zd). */
        EXPONENTIAL,
        /** sech^2(z / (2 zd)) / (4 zd). */
        SECH2
    }

    public DiscProfile {
        if (!(sigma0 > 0) || !(rd > 0) || !(zd > 0) || !(rHole >= 0) || vertical == null) {
            throw new IllegalArgumentException("disc needs Sigma0 > 0, Rd > 0, zd > 0, Rm >= 0 and a vertical profile");
        }
    }

    /** Sigma(R), Msun / kpc^2. */
    public double surfaceDensity(double cylR) {
        if (rHole > 0) {
            return cylR <= 0 ? 0 : sigma0 * Math.exp(-rHole / cylR - cylR / rd);
        }
        return sigma0 * Math.exp(-cylR / rd);
    }

    /** h(z), 1 / kpc. */
    public double vertical(double z) {
        if (vertical == Vertical.EXPONENTIAL) {
            return Math.exp(-Math.abs(z) / zd) / (2 * zd);
        }
        double c = Math.cosh(z / (2 * zd));
        return 1 / (4 * zd * c * c);
    }

    /** The density Sigma(R) h(z), Msun / kpc^3. */
    public double density(double cylR, double z) {
        return surfaceDensity(cylR) * vertical(z);
    }
}
