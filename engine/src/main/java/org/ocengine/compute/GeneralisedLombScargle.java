package org.ocengine.compute;

import org.apache.commons.math3.special.Gamma;

/**
 * The generalised Lomb-Scargle periodogram of one series (Zechmeister &amp; Kürster 2009): a sinusoid
 * plus a floating mean fitted with weights {@code 1/err^2} at every frequency, power in the standard
 * normalisation {@code p = (chi2_0 - chi2(f)) / chi2_0} where chi2_0 is that of the weighted mean.
 * This is astropy's {@code LombScargle(t, y, dy, fit_mean=True, center_data=True,
 * normalization='standard')}. The false-alarm probability of a peak is Baluev's (2008, eq. 6)
 * alias-free approximation, astropy's {@code method='baluev'}.
 *
 * <p>The sums run over the grid with the angle-addition recurrence for the sines and cosines,
 * restarted from exact values every {@value #RESTART} frequencies, so the rounding error stays near
 * 1e-13. Instances hold scratch space and are not thread-safe: use one per thread.
 */
public final class GeneralisedLombScargle {

    /** Frequencies between exact recomputations of the sines and cosines. */
    static final int RESTART = 256;

    private double[] w = new double[0];
    private double[] y = new double[0];
    private double[] t = new double[0];
    private double[] cos = new double[0];
    private double[] sin = new double[0];
    private double[] cosStep = new double[0];
    private double[] sinStep = new double[0];

    /**
     * The power at every frequency of the grid for points {@code [from, to)} of the arrays.
     *
     * @param out receives {@code grid.count()} powers; a frequency where the sinusoid is degenerate
     *            (all phases equal) gets 0
     */
    public void power(double[] time, double[] value, double[] error, int from, int to, FrequencyGrid grid, double[] out) {
        int n = prepare(time, value, error, from, to);
        double yy = 0;
        for (int i = 0; i < n; i++) {
            yy += w[i] * y[i] * y[i];
        }
        int count = grid.count();
        for (int k = 0; k < count; k++) {
            if (k % RESTART == 0) {
                double omega = 2 * Math.PI * grid.frequency(k);
                double delta = 2 * Math.PI * grid.step();
                for (int i = 0; i < n; i++) {
                    cos[i] = Math.cos(omega * t[i]);
                    sin[i] = Math.sin(omega * t[i]);
                    cosStep[i] = Math.cos(delta * t[i]);
                    sinStep[i] = Math.sin(delta * t[i]);
                }
            }
            double c = 0;
            double s = 0;
            double yc = 0;
            double ys = 0;
            double cc = 0;
            double cs = 0;
            for (int i = 0; i < n; i++) {
                double wc = w[i] * cos[i];
                double ws = w[i] * sin[i];
                c += wc;
                s += ws;
                yc += wc * y[i];
                ys += ws * y[i];
                cc += wc * cos[i];
                cs += wc * sin[i];
            }
            double ccc = cc - c * c;
            double ssc = (1 - cc) - s * s;
            double csc = cs - c * s;
            double d = ccc * ssc - csc * csc;
            double p = (ssc * yc * yc + ccc * ys * ys - 2 * csc * yc * ys) / (yy * d);
            out[k] = d > 1e-14 && yy > 0 && p >= 0 ? p : 0.0;
            for (int i = 0; i < n; i++) {
                double cNext = cos[i] * cosStep[i] - sin[i] * sinStep[i];
                sin[i] = sin[i] * cosStep[i] + cos[i] * sinStep[i];
                cos[i] = cNext;
            }
        }
    }

    /**
     * Baluev's (2008) false-alarm probability of a peak of standard-normalised power z found on a grid
     * reaching {@code maxFrequency}, for points {@code [from, to)}: astropy's {@code fap_baluev} with
     * one parameter under the null hypothesis and three with the sinusoid. NaN with fewer than 4 points.
     */
    public static double falseAlarmProbability(double z, double maxFrequency, double[] time, double[] error, int from, int to) {
        int n = to - from;
        if (n < 4 || Double.isNaN(z)) {
            return Double.NaN;
        }
        double sw = 0;
        double swt = 0;
        double swtt = 0;
        double t0 = time[from];
        for (int i = from; i < to; i++) {
            double wi = 1.0 / (error[i] * error[i]);
            double ti = time[i] - t0;
            sw += wi;
            swt += wi * ti;
            swtt += wi * ti * ti;
        }
        double dt = swtt / sw - (swt / sw) * (swt / sw);
        double effectiveBaseline = Math.sqrt(4 * Math.PI * Math.max(dt, 0));
        double bandwidth = maxFrequency * effectiveBaseline;
        int nh = n - 1;
        int nk = n - 3;
        double single = Math.pow(1 - z, 0.5 * nk);
        double gamma = Math.sqrt(2.0 / nh) * Math.exp(Gamma.logGamma(nh / 2.0) - Gamma.logGamma((nh - 1) / 2.0));
        double tau = gamma * bandwidth * Math.pow(1 - z, 0.5 * (nk - 1)) * Math.sqrt(0.5 * nh * z);
        return -Math.expm1(-tau) + single * Math.exp(-tau);
    }

    /** Normalised weights, weighted-mean-centred values and centred times into scratch; returns n. */
    private int prepare(double[] time, double[] value, double[] error, int from, int to) {
        int n = to - from;
        if (w.length < n) {
            w = new double[n];
            y = new double[n];
            t = new double[n];
            cos = new double[n];
            sin = new double[n];
            cosStep = new double[n];
            sinStep = new double[n];
        }
        double sw = 0;
        double tMin = Double.POSITIVE_INFINITY;
        double tMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            w[i] = 1.0 / (error[from + i] * error[from + i]);
            sw += w[i];
            tMin = Math.min(tMin, time[from + i]);
            tMax = Math.max(tMax, time[from + i]);
        }
        double mid = 0.5 * (tMin + tMax);
        double mean = 0;
        for (int i = 0; i < n; i++) {
            w[i] /= sw;
            mean += w[i] * value[from + i];
            t[i] = time[from + i] - mid;
        }
        for (int i = 0; i < n; i++) {
            y[i] = value[from + i] - mean;
        }
        return n;
    }
}
