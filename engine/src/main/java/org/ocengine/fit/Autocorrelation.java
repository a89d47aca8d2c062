package org.ocengine.fit;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Integrated autocorrelation time exactly as emcee 3 computes it ({@code emcee.autocorr}):
 * <ol>
 *   <li>{@code function_1d}: the normalised autocorrelation function of one series by FFT, zero-padded
 *       to twice the next power of two, {@code acf = ifft(|fft(x - mean)|^2)[:n].real / acf[0]};</li>
 *   <li>the ACFs of all walkers are averaged, {@code taus = 2 cumsum(f) - 1};</li>
 *   <li>Sokal's automatic window: the first lag m with {@code m >= c * taus[m]} (emcee's
 *       {@code auto_window}, default c = 5; like numpy's argmin, lag 0 when no lag qualifies), and
 *       tau = taus[window].</li>
 * </ol>
 * emcee warns (or raises) when the series is shorter than {@code tol * tau} (tol = 50); here
 * {@link #reliable} says so. The arithmetic is rearranged, not the result: two walkers' series share
 * one complex FFT (real and imaginary parts); and since the inverse transform is linear and a
 * walker's lag-0 autocovariance is the mean of its power spectrum (Parseval), the walker average of
 * normalised ACFs is one inverse transform of the sum of normalised power spectra. So a parameter of
 * W walkers costs W/2 + 1 transforms instead of emcee's 2W.
 * A constant series has no defined ACF (emcee divides by zero): its tau is NaN.
 *
 * <p>Series are in chain steps; multiply by the chain's thinning for sampler steps, as emcee's
 * {@code get_autocorr_time(thin=...)} does. Stateless and thread-safe.
 */
public final class Autocorrelation {

    /** emcee's default window constant. */
    public static final double DEFAULT_C = 5.0;
    /** emcee's default: trust tau when the series is at least this many tau long. */
    public static final double DEFAULT_TOL = 50.0;

    private Autocorrelation() {
    }

    /** The smallest power of two at or above n (emcee's {@code next_pow_two}). */
    static int nextPowerOfTwo(int n) {
        int i = 1;
        while (i < n) {
            i <<= 1;
        }
        return i;
    }

    /** The normalised autocorrelation function of one series (emcee's {@code function_1d}). */
    public static double[] function1d(double[] x) {
        int n = x.length;
        double[][] z = new double[2][2 * nextPowerOfTwo(n)];
        spectra(x, null, z);
        java.util.Arrays.fill(z[1], 0.0);
        FastFourierTransformer.transformInPlace(z, DftNormalization.STANDARD, TransformType.INVERSE);
        double[] acf = new double[n];
        for (int t = 0; t < n; t++) {
            acf[t] = z[0][t] / z[0][0];
        }
        return acf;
    }

    /**
     * Integrated autocorrelation time of an ensemble's series in one parameter: {@code series[w]} is
     * walker w's series (all of equal length).
     *
     * @param c the window constant (emcee: 5)
     */
    public static double integratedTime(double[][] series, double c) {
        int walkers = series.length;
        if (walkers == 0) {
            throw new IllegalArgumentException("no series");
        }
        int n = series[0].length;
        if (n == 0) {
            return Double.NaN;
        }
        int m = 2 * nextPowerOfTwo(n);
        // sum over walkers of each walker's power spectrum divided by its lag-0 autocovariance
        double[][] sum = new double[2][m];
        double[][] z = new double[2][m];
        for (int w = 0; w < walkers; w += 2) {
            double[] other = w + 1 < walkers ? series[w + 1] : null;
            if (series[w].length != n || (other != null && other.length != n)) {
                throw new IllegalArgumentException("series differ in length");
            }
            spectra(series[w], other, z);
            double[] px = z[0];
            double[] py = z[1];
            double cx = 0;
            double cy = 0;
            for (int k = 0; k < m; k++) {
                cx += px[k];
                cy += py[k];
            }
            double[] s = sum[0];
            for (int k = 0; k < m; k++) {
                s[k] += px[k] / cx;
            }
            if (other != null) {
                for (int k = 0; k < m; k++) {
                    s[k] += py[k] / cy;
                }
            }
        }
        FastFourierTransformer.transformInPlace(sum, DftNormalization.STANDARD, TransformType.INVERSE);
        double[] f = new double[n];
        double norm = (double) m / walkers;
        for (int t = 0; t < n; t++) {
            f[t] = sum[0][t] * norm;
        }
        return fromAveragedAcf(f, c);
    }

    /** Integrated time of parameter d of a chain, over kept steps discard, discard + thin, ...; in chain steps times thin. */
    public static double integratedTime(Chain chain, int d, int discard, int thin, double c) {
        double[][] series = new double[chain.walkers()][];
        for (int w = 0; w < series.length; w++) {
            series[w] = chain.series(w, d, discard, thin);
        }
        return thin * integratedTime(series, c);
    }

    /** tau from a walker-averaged ACF: cumulative sum and Sokal's window. */
    static double fromAveragedAcf(double[] f, double c) {
        double cumulative = 0;
        for (int m = 0; m < f.length; m++) {
            cumulative += f[m];
            double tau = 2.0 * cumulative - 1.0;
            if (!(m < c * tau)) {
                return tau; // the first lag outside the window: emcee's argmin(m < c * taus)
            }
        }
        return 2.0 * f[0] - 1.0; // every lag inside the window: numpy's argmin of an all-true mask is 0
    }

    /** Whether a series of {@code length} steps is long enough to trust tau (emcee: length &gt;= tol * tau). */
    public static boolean reliable(double tau, long length, double tol) {
        return Double.isFinite(tau) && tol * tau <= length;
    }

    /**
     * The power spectra |X|^2 and |Y|^2 of two real series (the second may be null), mean-subtracted
     * and zero-padded to {@code z[0].length}, from one transform of x + i y:
     * X_k = (Z_k + conj Z_{M-k}) / 2 and Y_k = (Z_k - conj Z_{M-k}) / 2i. Written into z[0] and z[1].
     */
    private static void spectra(double[] x, double[] y, double[][] z) {
        int n = x.length;
        int m = z[0].length;
        java.util.Arrays.fill(z[0], 0.0);
        java.util.Arrays.fill(z[1], 0.0);
        double mx = mean(x);
        for (int t = 0; t < n; t++) {
            z[0][t] = x[t] - mx;
        }
        if (y != null) {
            double my = mean(y);
            for (int t = 0; t < n; t++) {
                z[1][t] = y[t] - my;
            }
        }
        FastFourierTransformer.transformInPlace(z, DftNormalization.STANDARD, TransformType.FORWARD);
        double[] re = z[0];
        double[] im = z[1];
        // the pairs (k, M-k) are read before either is overwritten
        for (int k = 0; k <= m / 2; k++) {
            int j = k == 0 ? 0 : m - k;
            double ar = re[k] + re[j];
            double ai = im[k] - im[j];
            double br = re[k] - re[j];
            double bi = im[k] + im[j];
            double px = 0.25 * (ar * ar + ai * ai);
            double py = 0.25 * (br * br + bi * bi);
            re[k] = px;
            im[k] = py;
            re[j] = px;
            im[j] = py;
        }
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
