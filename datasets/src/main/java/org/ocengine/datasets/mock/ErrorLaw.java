package org.ocengine.datasets.mock;

/**
 * A measurement uncertainty as a function of the spectrum's S/N, sigma(S/N) = a (S/N)^b + c
 * (SPEC.md 4, eq. 4 of Zong et al. 2020 and Qin et al. 2025). Immutable and thread-safe.
 *
 * @param quantity what is measured (column name)
 * @param unit     unit of sigma
 * @param a        scale
 * @param b        power of S/N (negative)
 * @param c        floor
 */
public record ErrorLaw(String quantity, String unit, double a, double b, double c) {

    /** Qin et al. 2025, Table 3: Teff, 120 K at S/N 10. */
    public static final ErrorLaw TEFF = new ErrorLaw("teff", "K", 1593, -1.16, 9.5);
    /** Qin et al. 2025, Table 3: logg, 0.18 dex at S/N 10. */
    public static final ErrorLaw LOGG = new ErrorLaw("logg", "dex", 2.32, -1.15, 0.02);
    /** Qin et al. 2025, Table 3: [Fe/H], 0.13 dex at S/N 10. */
    public static final ErrorLaw FEH = new ErrorLaw("feh", "dex", 1.42, -1.07, 0.01);
    /** Qin et al. 2025, Table 3: [alpha/M], 0.08 dex at S/N 10. */
    public static final ErrorLaw ALPHA_M = new ErrorLaw("alpha_m", "dex", 0.56, -0.92, 0.01);
    /** Qin et al. 2025, Table 3: RV, 1.9 km/s at S/N 10. */
    public static final ErrorLaw RV = new ErrorLaw("rv", "km/s", 139.51, -2.08, 0.71);

    /** sigma at this S/N. */
    public double sigma(double snr) {
        return a * Math.pow(snr, b) + c;
    }
}
