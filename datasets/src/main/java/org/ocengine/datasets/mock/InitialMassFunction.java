package org.ocengine.datasets.mock;

/**
 * The Kroupa (2001) initial mass function, dN/dm proportional to m^-1.3 below 0.5 solar masses and
 * m^-2.3 above (continuous at 0.5): sampling within a mass range and its number and mass integrals.
 * Masses in solar masses. Stateless and thread-safe.
 */
public final class InitialMassFunction {

    private static final double BREAK = 0.5;
    private static final double ALPHA_LOW = 1.3;
    private static final double ALPHA_HIGH = 2.3;

    private InitialMassFunction() {
    }

    /** The number of stars between {@code lo} and {@code hi}, in the IMF's arbitrary normalisation. */
    public static double number(double lo, double hi) {
        return integral(lo, hi, 0);
    }

    /** The mass in stars between {@code lo} and {@code hi}, in the same normalisation as {@link #number}. */
    public static double mass(double lo, double hi) {
        return integral(lo, hi, 1);
    }

    /** The mass at quantile {@code u} in (0, 1) of the IMF restricted to [lo, hi]. */
    public static double sample(double u, double lo, double hi) {
        double lowPart = lo < BREAK ? segment(lo, Math.min(hi, BREAK), ALPHA_LOW, 0) : 0;
        double highPart = hi > BREAK ? segment(Math.max(lo, BREAK), hi, ALPHA_HIGH, 0) : 0;
        double target = u * (lowPart + highPart);
        if (target < lowPart) {
            return invert(lo, target, ALPHA_LOW);
        }
        return invert(Math.max(lo, BREAK), target - lowPart, ALPHA_HIGH);
    }

    private static double integral(double lo, double hi, int momentPower) {
        if (!(hi > lo)) {
            return 0;
        }
        double s = 0;
        if (lo < BREAK) {
            s += segment(lo, Math.min(hi, BREAK), ALPHA_LOW, momentPower);
        }
        if (hi > BREAK) {
            s += segment(Math.max(lo, BREAK), hi, ALPHA_HIGH, momentPower);
        }
        return s;
    }

    /** Integral of m^p (m / 0.5)^-alpha dm from a to b. */
    private static double segment(double a, double b, double alpha, int p) {
        if (!(b > a)) {
            return 0;
        }
        double e = p + 1 - alpha;
        double scale = Math.pow(BREAK, alpha);
        return scale * (Math.pow(b, e) - Math.pow(a, e)) / e;
    }

    /** The mass m above {@code a} with the number integral from a to m equal to {@code n}. */
    private static double invert(double a, double n, double alpha) {
        double e = 1 - alpha;
        double scale = Math.pow(BREAK, alpha);
        return Math.pow(Math.pow(a, e) + n * e / scale, 1 / e);
    }
}
