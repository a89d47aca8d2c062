package org.ocengine.datasets.mock;

/**
 * A simple, age-dependent stellar model: Teff, logg, luminosity, Gaia absolute G and intrinsic BP-RP
 * of a star of given mass and age. Shaped like an isochrone, not fitted to one; good enough to give
 * the mock survey clusters with a main sequence, a turn-off, a giant branch and a red clump, and
 * field stars with a realistic mix of dwarfs and giants.
 *
 * <ul>
 *   <li>Main-sequence lifetime 10 Gyr x m^-2.5, so the turn-off mass is (age / 10 Gyr)^-0.4.</li>
 *   <li>Main sequence (m at or below the turn-off): zero-age L = 0.75 m^4 (m &lt;= 2; 12 (m/2)^3.5
 *       above, 0.75 x 0.43^4 (m/0.43)^2.3 below 0.43), R = 0.9 m^0.8 (m &lt; 1) or 0.9 m^0.6; with the
 *       fraction tau of the lifetime spent, L x (1 + 0.6 tau) and R x (1 + 0.25 tau + 0.5 tau^3).</li>
 *   <li>Evolved stars (turn-off &lt; m &lt;= 1.12 turn-off): the excess mass places the star along
 *       subgiant branch, red-giant branch (logg 3.6 to 1.0), core-helium burning clump (logg about 2.4)
 *       and asymptotic giant branch, with Teff falling from 5000 K to 3700 K; L = m (Teff/Teff_sun)^4
 *       10^(logg_sun - logg). More massive stars are remnants, not modelled.</li>
 *   <li>M_bol = 4.74 - 2.5 log L; M_G = M_bol - BC_G(Teff) with the Gaia DR2 bolometric correction
 *       polynomial of Andrae et al. (2018) (4000-8000 K, extended linearly beyond); intrinsic
 *       BP-RP = 2.7 (5040/Teff) - 1.55.</li>
 * </ul>
 * Masses in solar masses, ages in years, Teff in K, logg in dex (cgs). Stateless and thread-safe.
 */
public final class StellarModel {

    public static final double TEFF_SUN = 5772.0;
    public static final double LOGG_SUN = 4.438;
    public static final double MBOL_SUN = 4.74;
    /** Evolved stars span masses from the turn-off to (1 + GIANT_SPAN) x the turn-off. */
    public static final double GIANT_SPAN = 0.12;

    private StellarModel() {
    }

    /** The evaluated state of one star; reused by callers to avoid allocation. Not thread-safe. */
    public static final class Star {
        /** Effective temperature, K. */
        public double teff;
        /** Surface gravity, dex. */
        public double logg;
        /** Luminosity, solar units. */
        public double luminosity;
        /** Absolute Gaia G magnitude. */
        public double absG;
        /** Intrinsic BP-RP colour, mag. */
        public double bpRp0;
        /** True for stars past the turn-off (subgiants and giants). */
        public boolean evolved;
    }

    /** Main-sequence lifetime, years. */
    public static double lifetimeYr(double mass) {
        return 1e10 * Math.pow(mass, -2.5);
    }

    /** The turn-off mass at an age in years. */
    public static double turnoffMass(double ageYr) {
        return Math.pow(ageYr / 1e10, -0.4);
    }

    /** The largest mass still modelled (the end of the asymptotic giant branch) at an age in years. */
    public static double maxMass(double ageYr) {
        return (1 + GIANT_SPAN) * turnoffMass(ageYr);
    }

    /** Evaluates a star of {@code mass} (at most {@link #maxMass}) and age into {@code out}. */
    public static void evaluate(double mass, double ageYr, Star out) {
        double mTo = turnoffMass(ageYr);
        if (mass <= mTo) {
            mainSequence(mass, Math.min(1.0, ageYr / lifetimeYr(mass)), out);
            out.evolved = false;
        } else {
            evolved(mass, mTo, out);
            out.evolved = true;
        }
        finish(out);
    }

    private static void mainSequence(double m, double tau, Star out) {
        double l0;
        if (m < 0.43) {
            l0 = 0.75 * Math.pow(0.43, 4) * Math.pow(m / 0.43, 2.3);
        } else if (m <= 2) {
            l0 = 0.75 * Math.pow(m, 4);
        } else {
            l0 = 12.0 * Math.pow(m / 2, 3.5);
        }
        double r0 = m < 1 ? 0.9 * Math.pow(m, 0.8) : 0.9 * Math.pow(m, 0.6);
        double lum = l0 * (1 + 0.6 * tau);
        double r = r0 * (1 + 0.25 * tau + 0.5 * tau * tau * tau);
        out.luminosity = lum;
        out.teff = TEFF_SUN * Math.pow(lum / (r * r), 0.25);
        out.logg = LOGG_SUN + Math.log10(m) - 2 * Math.log10(r);
    }

    private static void evolved(double m, double mTo, Star out) {
        double x = Math.min(1.0, (m - mTo) / (GIANT_SPAN * mTo));
        double teff;
        double logg;
        if (x < 0.10) {
            // subgiant branch: from the turn-off to the base of the giant branch
            mainSequence(mTo, 1.0, out);
            double s = x / 0.10;
            teff = out.teff + (5000 - out.teff) * s;
            logg = out.logg + (3.6 - out.logg) * s;
        } else if (x < 0.50) {
            double s = (x - 0.10) / 0.40;
            teff = 5000 - 1000 * s;
            logg = 3.6 - 2.6 * s;
        } else if (x < 0.92) {
            // core-helium burning: the red clump, hotter and brighter for massive stars
            double s = (x - 0.50) / 0.42;
            double heavy = Math.max(0, Math.min(1, (m - 2) / 3));
            teff = 4700 + 600 * heavy + 100 * s;
            logg = 2.55 - 0.3 * s - 0.8 * heavy;
        } else {
            double s = (x - 0.92) / 0.08;
            teff = 4300 - 600 * s;
            logg = 2.0 - 1.5 * s;
        }
        out.teff = teff;
        out.logg = logg;
        out.luminosity = m * Math.pow(teff / TEFF_SUN, 4) * Math.pow(10, LOGG_SUN - logg);
    }

    private static void finish(Star out) {
        double mbol = MBOL_SUN - 2.5 * Math.log10(out.luminosity);
        out.absG = mbol - bolometricCorrectionG(out.teff);
        out.bpRp0 = Math.max(-0.4, 2.7 * (5040.0 / out.teff) - 1.55);
    }

    /** Gaia G bolometric correction (Andrae et al. 2018, 4000-8000 K; linear beyond), mag. */
    public static double bolometricCorrectionG(double teff) {
        if (teff > 8000) {
            return bcPolynomial(8000) - 1.2e-4 * (teff - 8000);
        }
        if (teff < 4000) {
            return bcPolynomial(4000) - 5e-4 * (4000 - teff);
        }
        return bcPolynomial(teff);
    }

    private static double bcPolynomial(double teff) {
        double t = teff - TEFF_SUN;
        return 6.000e-02 + t * (6.731e-05 + t * (-6.647e-08 + t * (2.859e-11 + t * -7.197e-15)));
    }

    /**
     * The mass whose main-sequence star at {@code ageYr} has absolute G equal to {@code absG}
     * (bisection on the monotonic main sequence), clamped to [0.08, turn-off mass].
     */
    public static double mainSequenceMassForAbsG(double absG, double ageYr) {
        double lo = 0.08;
        double hi = turnoffMass(ageYr);
        Star s = new Star();
        evaluate(hi, ageYr, s);
        if (s.absG > absG) {
            return hi; // even the turn-off is fainter
        }
        evaluate(lo, ageYr, s);
        if (s.absG < absG) {
            return lo;
        }
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            evaluate(mid, ageYr, s);
            if (s.absG > absG) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
