package org.ocengine.datasets.mock;

/**
 * The spectroscopic orbit of the primary of a binary: its radial velocity relative to the system's
 * centre of mass, RV(t) = K (cos(nu + omega) + e cos omega), with nu the true anomaly from Kepler's
 * equation. Immutable and thread-safe.
 *
 * @param periodDays     orbital period, days
 * @param eccentricity   e in [0, 1)
 * @param omegaRad       argument of periastron, radians
 * @param periastronMjd  a time of periastron passage, MJD
 * @param semiAmplitude  K of the primary, km/s
 * @param primaryMass    m1, solar masses
 * @param secondaryMass  m2, solar masses
 * @param inclinationRad i, radians
 */
public record BinaryOrbit(double periodDays, double eccentricity, double omegaRad, double periastronMjd,
                          double semiAmplitude, double primaryMass, double secondaryMass, double inclinationRad) {

    /** (2 pi G / 1 day)^(1/3) x 1 solar mass^(1/3) in km/s: K = this m2 sin i / ((m1 + m2)^(2/3) P^(1/3) sqrt(1 - e^2)). */
    public static final double K_CONSTANT = 212.9;

    /**
     * Draws an orbit for a primary of mass {@code m1}: log10 P (days) ~ N(5.03, 2.28) (Raghavan et al.
     * 2010) kept within [0, 5]; e = 0 below 12 days, else uniform on [0, 0.8); mass ratio uniform on
     * [0.1, 1]; isotropic inclination; uniform omega and phase. Uses eight numbers of {@code s}.
     */
    public static BinaryOrbit draw(double m1, double referenceMjd, MockRandom.Stream s) {
        double logP = s.normal(5.03, 2.28);
        double keepLogP = s.uniform(0.0, 5.0);
        if (logP < 0 || logP > 5) {
            logP = keepLogP; // outside the range: a period drawn uniformly in log within it instead
        }
        double period = Math.pow(10, logP);
        double eRaw = s.uniform(0.0, 0.8);
        double e = period < 12 ? 0 : eRaw;
        double q = s.uniform(0.1, 1.0);
        double cosI = s.uniform();
        double omega = s.uniform(0, 2 * Math.PI);
        double phase = s.uniform();
        double m2 = q * m1;
        double incl = Math.acos(cosI);
        double k = K_CONSTANT * m2 * Math.sin(incl) / (Math.pow(m1 + m2, 2.0 / 3) * Math.cbrt(period) * Math.sqrt(1 - e * e));
        return new BinaryOrbit(period, e, omega, referenceMjd - phase * period, k, m1, m2, incl);
    }

    /** The primary's velocity relative to the centre of mass at {@code mjd}, km/s. */
    public double radialVelocity(double mjd) {
        double meanAnomaly = 2 * Math.PI * frac((mjd - periastronMjd) / periodDays);
        double e = eccentricity;
        double ecc = meanAnomaly + e * Math.sin(meanAnomaly);
        for (int i = 0; i < 30; i++) {
            double f = ecc - e * Math.sin(ecc) - meanAnomaly;
            double step = f / (1 - e * Math.cos(ecc));
            ecc -= step;
            if (Math.abs(step) < 1e-13) {
                break;
            }
        }
        double nu = 2 * Math.atan2(Math.sqrt(1 + e) * Math.sin(ecc / 2), Math.sqrt(1 - e) * Math.cos(ecc / 2));
        return semiAmplitude * (Math.cos(nu + omegaRad) + e * Math.cos(omegaRad));
    }

    private static double frac(double x) {
        return x - Math.floor(x);
    }
}
