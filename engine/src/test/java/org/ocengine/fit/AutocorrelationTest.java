package org.ocengine.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ocengine.random.Philox4x64;

/**
 * emcee's own autocorrelation tests (tests/unit/test_autocorr.py): an AR(1) series x_i = 0.9 x_{i-1} +
 * u_i with uniform u has tau = (1 + 0.9) / (1 - 0.9) = 19, found within 20%; the FFT ACF equals the
 * direct sum; and the window rule on hand-made ACFs.
 */
class AutocorrelationTest {

    static double[] ar1(int n, long seed, int stream) {
        WalkerStreams s = new WalkerStreams(seed, stream);
        double[] x = new double[n];
        for (int i = 1; i < n; i++) {
            x[i] = 0.9 * x[i - 1] + Philox4x64.uniformOpen(s.word(i, 0, 0));
        }
        return x;
    }

    @Test
    void anAr1SeriesHasTauNineteen() {
        double tau = Autocorrelation.integratedTime(new double[][] {ar1(250_000, 1234, 0)}, 5);
        assertEquals(19.0, tau, 0.2 * 19.0);
        double[][] three = {ar1(150_000, 1234, 1), ar1(150_000, 1234, 2), ar1(150_000, 1234, 3)};
        for (double[] one : three) {
            assertEquals(19.0, Autocorrelation.integratedTime(new double[][] {one}, 5), 0.2 * 19.0);
        }
    }

    @Test
    void theFftAcfIsTheDirectSum() {
        double[] x = ar1(1000, 7, 0);
        double[] y = ar1(1000, 7, 1);
        double[] acf = Autocorrelation.function1d(x);
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double c0 = 0;
        for (double v : x) {
            c0 += (v - mean) * (v - mean);
        }
        for (int lag : new int[] {0, 1, 5, 50, 999}) {
            double c = 0;
            for (int t = 0; t + lag < x.length; t++) {
                c += (x[t] - mean) * (x[t + lag] - mean);
            }
            assertEquals(c / c0, acf[lag], 1e-12, "lag " + lag);
        }
        // two series sharing one transform give the same average as each alone
        double pair = Autocorrelation.integratedTime(new double[][] {x, y}, 5);
        double[] fx = Autocorrelation.function1d(x);
        double[] fy = Autocorrelation.function1d(y);
        double[] f = new double[x.length];
        for (int t = 0; t < f.length; t++) {
            f[t] = (fx[t] + fy[t]) / 2;
        }
        assertEquals(Autocorrelation.fromAveragedAcf(f, 5), pair, 1e-12);
    }

    @Test
    void theWindowIsTheFirstLagBeyondCTimesTau() {
        // f = 1, 0.5, 0.25, 0, 0, ...: taus = 1, 2, 2.5, 2.5, ...; with c = 1 the first m >= taus[m] is m = 3
        double[] f = {1, 0.5, 0.25, 0, 0, 0, 0, 0};
        assertEquals(2.5, Autocorrelation.fromAveragedAcf(f, 1), 0);
        // when every lag is inside the window emcee's argmin returns lag 0: tau = 1
        assertEquals(1.0, Autocorrelation.fromAveragedAcf(new double[] {1, 1, 1}, 5), 0);
        assertTrue(Double.isNaN(Autocorrelation.integratedTime(new double[][] {{2, 2, 2, 2}}, 5)), "constant series");
        assertTrue(Autocorrelation.reliable(19, 1000, 50));
        assertFalse(Autocorrelation.reliable(21, 1000, 50));
    }
}
