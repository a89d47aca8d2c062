package org.ocengine.fit;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prior of one parameter: uniform on [lo, hi] (either bound may be infinite: an improper flat
 * prior), optionally times a normal density N(mean, sigma) truncated to the same interval. One form
 * covers every prior the fits use, so a kernel evaluates any of them from four numbers:
 * <pre>
 *   log p(t) = -inf                              if t &lt; lo or t &gt; hi
 *            = -0.5 * ((t - mean) / sigma)^2     if sigma is finite
 *            = 0                                 otherwise
 * </pre>
 * (unnormalised: constants do not change a posterior). Parameters are in the units of the model's
 * parameter. Immutable.
 *
 * @param lo    lower bound (may be {@code -Infinity})
 * @param hi    upper bound (may be {@code +Infinity})
 * @param mean  centre of the normal factor (ignored when sigma is infinite)
 * @param sigma width of the normal factor, positive; {@code +Infinity} for none
 */
public record Prior(double lo, double hi, double mean, double sigma) {

    private static final Pattern CALL = Pattern.compile("\\s*(uniform|normal)\\s*\\(([^)]*)\\)\\s*", Pattern.CASE_INSENSITIVE);

    public Prior {
        if (Double.isNaN(lo) || Double.isNaN(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("a prior needs lo < hi, got [" + lo + ", " + hi + "]");
        }
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("a normal prior needs sigma > 0, got " + sigma);
        }
        if (Double.isFinite(sigma) && !Double.isFinite(mean)) {
            throw new IllegalArgumentException("a normal prior needs a finite mean, got " + mean);
        }
        if (Double.isInfinite(sigma)) {
            mean = 0;
        }
    }

    /** The improper flat prior over the whole real line. */
    public static Prior flat() {
        return new Prior(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY);
    }

    /** Uniform on [lo, hi]. */
    public static Prior uniform(double lo, double hi) {
        return new Prior(lo, hi, 0, Double.POSITIVE_INFINITY);
    }

    /** Normal N(mean, sigma) on the whole real line. */
    public static Prior normal(double mean, double sigma) {
        return new Prior(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, mean, sigma);
    }

    /** Whether a normal factor is present. */
    public boolean hasNormal() {
        return Double.isFinite(sigma);
    }

    /** The unnormalised log density at {@code t} (see the class comment). */
    public double logDensity(double t) {
        if (!(t >= lo && t <= hi)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (Double.isFinite(sigma)) {
            double z = (t - mean) / sigma;
            return -0.5 * z * z;
        }
        return 0;
    }

    /** This prior restricted to [lo, hi] intersected with the given interval. */
    public Prior within(double lower, double upper) {
        return new Prior(Math.max(lo, lower), Math.min(hi, upper), mean, sigma);
    }

    /**
     * Parses {@code flat}, {@code uniform(lo,hi)}, {@code normal(mean,sigma)} or
     * {@code normal(mean,sigma,lo,hi)}; bounds may be {@code -inf}/{@code inf}.
     */
    public static Prior parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("flat")) {
            return flat();
        }
        Matcher m = CALL.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read prior '" + text
                    + "' (expected flat, uniform(lo,hi), normal(mean,sigma) or normal(mean,sigma,lo,hi))");
        }
        String[] args = m.group(2).split(",");
        double[] v = new double[args.length];
        for (int i = 0; i < args.length; i++) {
            v[i] = number(args[i], text);
        }
        String kind = m.group(1).toLowerCase(Locale.ROOT);
        if (kind.equals("uniform") && v.length == 2) {
            return uniform(v[0], v[1]);
        }
        if (kind.equals("normal") && v.length == 2) {
            return normal(v[0], v[1]);
        }
        if (kind.equals("normal") && v.length == 4) {
            return new Prior(v[2], v[3], v[0], v[1]);
        }
        throw new IllegalArgumentException("wrong number of arguments in prior '" + text + "'");
    }

    private static double number(String s, String whole) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "inf", "+inf", "infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number '" + s.strip() + "' in prior '" + whole + "'", e);
                }
            }
        }
    }

    /** The prior in the syntax {@link #parse} reads. */
    public String describe() {
        boolean bounded = Double.isFinite(lo) || Double.isFinite(hi);
        if (!hasNormal()) {
            return bounded ? "uniform(" + num(lo) + "," + num(hi) + ")" : "flat";
        }
        return bounded ? "normal(" + num(mean) + "," + num(sigma) + "," + num(lo) + "," + num(hi) + ")"
                : "normal(" + num(mean) + "," + num(sigma) + ")";
    }

    private static String num(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String toString() {
        return describe();
    }
}
