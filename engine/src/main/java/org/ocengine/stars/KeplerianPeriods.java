package org.ocengine.stars;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * The period of an RV series from Keplerian orbit fits at candidate frequencies, for eccentric
 * binaries: a sinusoid periodogram ranks an eccentric orbit's RVs at the wrong period when a few
 * nights sample them (its highest peak falls on a harmonic or an alias), while a Keplerian at the true
 * period fits them better than one at any alias. So the candidates are the periodogram's highest local
 * maxima, and for the highest few the fundamentals of a harmonic and the window's yearly and daily
 * aliases ({@link #candidates}); at each, the Keplerian
 *
 * <pre>  v(t) = gamma + A cos nu(t) + B sin nu(t),   A = K cos omega,  B = -K sin omega,</pre>
 *
 * (nu the true anomaly of frequency f, eccentricity e and periastron phase) is fitted by weighted least
 * squares, linear in (gamma, A, B) at each (f, e, phase): first on a grid of e and phase over three
 * frequencies within a fifth of a peak width; the three candidates with the smallest chi^2 there are
 * polished by Nelder-Mead in (f, e, phase), and the smallest chi^2 gives the period.
 *
 * <p>Instances hold scratch space and are not thread-safe: use one per thread.
 */
final class KeplerianPeriods {

    /** Eccentricities of the coarse grid. */
    private static final double[] ECCENTRICITIES = {0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9};
    /** Periastron phases of the coarse grid (for e &gt; 0). */
    private static final int PHASES = 12;
    /** Candidates (those with the smallest grid chi^2) polished. */
    private static final int POLISHED = 6;
    /** Largest eccentricity of the polished fit. */
    private static final double MAX_ECCENTRICITY = 0.95;
    private static final int POLISH_EVALUATIONS = 250;
    /** Highest peaks whose harmonics' fundamentals and window aliases are candidates too. */
    private static final int ALIASED = 3;
    /** The yearly alias, 1/d (one season a year). */
    private static final double PER_YEAR = 1 / 365.25;
    /** The daily alias, 1/d (one sidereal day). */
    private static final double PER_SIDEREAL_DAY = 1.0027379;

    /** A fitted orbit: frequency 1/d, eccentricity, semi-amplitude K km/s, chi^2. */
    record Orbit(double frequency, double eccentricity, double semiAmplitude, double chi2) {
        double periodDays() {
            return 1.0 / frequency;
        }
    }

    /** Mean anomalies per turn in the grid's true-anomaly tables. */
    private static final int TABLE = 2048;
    /** cos and sin of the true anomaly at mean anomalies 2 pi k / TABLE, k = 0..TABLE, per grid eccentricity. */
    private static final double[][] COS_NU = new double[ECCENTRICITIES.length][TABLE + 1];
    private static final double[][] SIN_NU = new double[ECCENTRICITIES.length][TABLE + 1];

    static {
        for (int j = 0; j < ECCENTRICITIES.length; j++) {
            double e = ECCENTRICITIES[j];
            for (int k = 0; k <= TABLE; k++) {
                double ecc = eccentricAnomaly(2 * Math.PI * k / TABLE, e);
                double denominator = 1 - e * Math.cos(ecc);
                COS_NU[j][k] = (Math.cos(ecc) - e) / denominator;
                SIN_NU[j][k] = Math.sqrt(1 - e * e) * Math.sin(ecc) / denominator;
            }
        }
    }

    private double[] t = new double[0];
    private double[] cosNu = new double[0];
    private double[] sinNu = new double[0];
    private double[] v = new double[0];
    private double[] w = new double[0];
    private int n;
    private double semiAmplitude;

    /**
     * The best Keplerian over the candidates.
     *
     * @param time        times, d
     * @param value       RVs, km/s
     * @param error       RV errors, km/s (positive)
     * @param from        first point of the series
     * @param to          one past its last point
     * @param peaks       the periodogram's highest local maxima, 1/d, highest first (NaN entries ignored)
     * @param peakWidth   the periodogram's frequency resolution 1/T, 1/d
     * @param minimum     lowest frequency allowed, 1/d
     * @param maximum     highest frequency allowed, 1/d
     */
    Orbit best(double[] time, double[] value, double[] error, int from, int to, double[] peaks, double peakWidth,
               double minimum, double maximum) {
        load(time, value, error, from, to);
        double[] candidates = candidates(peaks, peakWidth, minimum, maximum);
        double[][] starts = new double[candidates.length][];
        for (int c = 0; c < candidates.length; c++) {
            starts[c] = gridSearch(candidates[c], peakWidth, minimum, maximum);
        }
        java.util.Arrays.sort(starts, java.util.Comparator.comparingDouble(x -> x[3]));
        Orbit best = null;
        for (int c = 0; c < Math.min(POLISHED, starts.length); c++) {
            Orbit orbit = polish(starts[c], peakWidth, minimum, maximum);
            if (best == null || orbit.chi2() < best.chi2()) {
                best = orbit;
            }
        }
        return best;
    }

    /**
     * The peaks; then, for the {@value #ALIASED} highest, half and a third of each (the fundamental when
     * the peak is a harmonic) and its yearly and daily aliases (f +- 1/yr, f +- 1/sidereal day: a
     * survey observes a field in one season a year, at night); those closer than half a peak width to
     * an earlier candidate, or outside [minimum, maximum], are dropped.
     */
    private static double[] candidates(double[] peaks, double peakWidth, double minimum, double maximum) {
        double[] out = new double[peaks.length * (1 + 6)];
        int m = 0;
        for (double f : peaks) {
            if (!Double.isNaN(f)) {
                m = addDistinct(out, m, f, peakWidth, minimum, maximum);
            }
        }
        for (int j = 0; j < Math.min(ALIASED, peaks.length) && !Double.isNaN(peaks[j]); j++) {
            double f = peaks[j];
            for (double related : new double[] {f / 2, f / 3, f - PER_YEAR, f + PER_YEAR, f - PER_SIDEREAL_DAY, f + PER_SIDEREAL_DAY}) {
                m = addDistinct(out, m, related, peakWidth, minimum, maximum);
            }
        }
        return java.util.Arrays.copyOf(out, m);
    }

    private static int addDistinct(double[] out, int m, double f, double peakWidth, double minimum, double maximum) {
        if (f < minimum || f > maximum) {
            return m;
        }
        for (int j = 0; j < m; j++) {
            if (Math.abs(out[j] - f) < 0.5 * peakWidth) {
                return m;
            }
        }
        out[m] = f;
        return m + 1;
    }

    /** The grid's best (f, e, phase, chi^2) near f0, the frequency within [minimum, maximum]. */
    private double[] gridSearch(double f0, double peakWidth, double minimum, double maximum) {
        double bestChi2 = Double.POSITIVE_INFINITY;
        double[] start = null;
        for (int df = -1; df <= 1; df++) {
            double f = clamp(f0 + 0.2 * df * peakWidth, minimum, maximum);
            for (int j = 0; j < ECCENTRICITIES.length; j++) {
                double e = ECCENTRICITIES[j];
                int phases = e == 0 ? 1 : PHASES;
                for (int p = 0; p < phases; p++) {
                    double phase = (double) p / phases;
                    double chi2 = tabulatedChi2(f, j, phase);
                    if (chi2 < bestChi2) {
                        bestChi2 = chi2;
                        start = new double[] {f, e, phase, chi2};
                    }
                }
            }
        }
        return start;
    }

    /** Nelder-Mead in (f, e, phase) from a grid point; never worse than the grid point. */
    private Orbit polish(double[] start, double peakWidth, double minimum, double maximum) {
        double bestChi2 = start[3];
        double fScale = 0.25 * peakWidth;
        double[] origin = start;
        ObjectiveFunction objective = new ObjectiveFunction(x -> {
            double f = origin[0] + x[0] * fScale;
            double e = origin[1] + x[1];
            if (f < minimum || f > maximum || e < 0 || e > MAX_ECCENTRICITY) {
                return Double.POSITIVE_INFINITY;
            }
            return chi2(f, e, origin[2] + x[2]);
        });
        double[] polished = {0, 0, 0};
        try {
            PointValuePair result = new SimplexOptimizer(1e-10, 1e-10).optimize(new MaxEval(POLISH_EVALUATIONS), objective,
                    GoalType.MINIMIZE, new InitialGuess(new double[] {0, 0, 0}), new NelderMeadSimplex(new double[] {0.5, 0.1, 0.05}));
            if (result.getValue() < bestChi2) {
                bestChi2 = result.getValue();
                polished = result.getPoint();
            }
        } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
            // keep the grid's best: the polish only ever lowers chi^2 from there
        }
        double f = origin[0] + polished[0] * fScale;
        double e = origin[1] + polished[1];
        double chi2 = chi2(f, e, origin[2] + polished[2]);
        return new Orbit(f, e, semiAmplitude, chi2);
    }

    /** The weighted chi^2 of the best (gamma, A, B) at (f, e, periastron phase); sets {@link #semiAmplitude}. */
    private double chi2(double f, double e, double phase) {
        double root = Math.sqrt(1 - e * e);
        for (int i = 0; i < n; i++) {
            double ecc = eccentricAnomaly(meanAnomaly(f, phase, t[i]), e);
            double cosE = Math.cos(ecc);
            double denominator = 1 - e * cosE;
            cosNu[i] = (cosE - e) / denominator;
            sinNu[i] = root * Math.sin(ecc) / denominator;
        }
        return linearChi2();
    }

    /**
     * {@link #chi2} for the grid's eccentricity {@code ECCENTRICITIES[j]}, the true anomaly interpolated
     * linearly in a table of {@value #TABLE} mean anomalies (the grid only ranks starting points; the
     * polish is exact).
     */
    private double tabulatedChi2(double f, int j, double phase) {
        double[] cosTable = COS_NU[j];
        double[] sinTable = SIN_NU[j];
        for (int i = 0; i < n; i++) {
            double x = meanAnomaly(f, phase, t[i]) * (TABLE / (2 * Math.PI));
            int k = Math.min((int) x, TABLE - 1);
            double u = x - k;
            cosNu[i] = cosTable[k] + u * (cosTable[k + 1] - cosTable[k]);
            sinNu[i] = sinTable[k] + u * (sinTable[k + 1] - sinTable[k]);
        }
        return linearChi2();
    }

    /** The mean anomaly in [0, 2 pi) at time t for frequency f and periastron phase. */
    private static double meanAnomaly(double f, double phase, double t) {
        double cycles = f * t - phase;
        return 2 * Math.PI * (cycles - Math.floor(cycles));
    }

    /** The chi^2 of the weighted least-squares (gamma, A, B) for the true anomalies in {@link #cosNu}, {@link #sinNu}. */
    private double linearChi2() {
        double s1 = 0;
        double sc = 0;
        double ss = 0;
        double scc = 0;
        double scs = 0;
        double sss = 0;
        double sv = 0;
        double svc = 0;
        double svs = 0;
        double svv = 0;
        for (int i = 0; i < n; i++) {
            double c = cosNu[i];
            double s = sinNu[i];
            double wi = w[i];
            double vi = v[i];
            s1 += wi;
            sc += wi * c;
            ss += wi * s;
            scc += wi * c * c;
            scs += wi * c * s;
            sss += wi * s * s;
            sv += wi * vi;
            svc += wi * vi * c;
            svs += wi * vi * s;
            svv += wi * vi * vi;
        }
        // normal equations of (gamma, A, B), solved by Cramer's rule
        double a11 = s1, a12 = sc, a13 = ss, a22 = scc, a23 = scs, a33 = sss;
        double det = a11 * (a22 * a33 - a23 * a23) - a12 * (a12 * a33 - a23 * a13) + a13 * (a12 * a23 - a22 * a13);
        if (!(Math.abs(det) > 1e-12 * s1 * s1 * s1)) {
            semiAmplitude = 0;
            return svv - sv * sv / s1;
        }
        double gamma = (sv * (a22 * a33 - a23 * a23) - a12 * (svc * a33 - a23 * svs) + a13 * (svc * a23 - a22 * svs)) / det;
        double a = (a11 * (svc * a33 - a23 * svs) - sv * (a12 * a33 - a23 * a13) + a13 * (a12 * svs - svc * a13)) / det;
        double b = (a11 * (a22 * svs - svc * a23) - a12 * (a12 * svs - svc * a13) + sv * (a12 * a23 - a22 * a13)) / det;
        semiAmplitude = Math.hypot(a, b);
        return Math.max(0, svv - gamma * sv - a * svc - b * svs);
    }

    /** Kepler's equation E - e sin E = M by Newton's method from E = M + e sin M (converges for e &lt;= 0.95). */
    static double eccentricAnomaly(double meanAnomaly, double e) {
        double ecc = e < 0.8 ? meanAnomaly + e * Math.sin(meanAnomaly) : Math.PI;
        for (int k = 0; k < 30; k++) {
            double step = (ecc - e * Math.sin(ecc) - meanAnomaly) / (1 - e * Math.cos(ecc));
            ecc -= step;
            if (Math.abs(step) < 1e-12) {
                break;
            }
        }
        return ecc;
    }

    /** Copies the series with times relative to its first point and values less their weighted mean. */
    private void load(double[] time, double[] value, double[] error, int from, int to) {
        n = to - from;
        if (t.length < n) {
            t = new double[n];
            cosNu = new double[n];
            sinNu = new double[n];
            v = new double[n];
            w = new double[n];
        }
        double sw = 0;
        double swv = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 1.0 / (error[from + i] * error[from + i]);
            sw += w[i];
            swv += w[i] * value[from + i];
        }
        for (int i = 0; i < n; i++) {
            t[i] = time[from + i] - time[from];
            v[i] = value[from + i] - swv / sw;
        }
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
