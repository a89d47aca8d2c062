package org.ocengine.stars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ocengine.compute.CpuPeriodograms;
import org.ocengine.compute.FrequencyGrid;
import org.ocengine.compute.PeriodogramPeaks;
import org.ocengine.compute.TimeSeriesBatch;
import org.ocengine.random.DrawKey;

class KeplerianPeriodsTest {

    /** Eleven nights over five seasons, five exposures 25 minutes apart on each: the LK-MRS kind of sampling. */
    private static double[] sparseNights() {
        double[] nights = {12.3, 40.2, 377.8, 401.1, 745.6, 770.4, 1109.9, 1136.2, 1480.7, 1502.3, 1530.1};
        double[] t = new double[nights.length * 5];
        for (int i = 0; i < nights.length; i++) {
            for (int j = 0; j < 5; j++) {
                t[5 * i + j] = nights[i] + j * 25.0 / 1440;
            }
        }
        return t;
    }

    /** The primary's RV of an orbit (period d, e, omega rad, periastron time d, K km/s) at t, through Kepler's equation. */
    private static double orbitRv(double t, double period, double e, double omega, double periastron, double k) {
        double cycles = (t - periastron) / period;
        double meanAnomaly = 2 * Math.PI * (cycles - Math.floor(cycles));
        double ecc = KeplerianPeriods.eccentricAnomaly(meanAnomaly, e);
        double nu = 2 * Math.atan2(Math.sqrt(1 + e) * Math.sin(ecc / 2), Math.sqrt(1 - e) * Math.cos(ecc / 2));
        return k * (Math.cos(nu + omega) + e * Math.cos(omega));
    }

    private static KeplerianPeriods.Orbit fit(double[] t, double[] v, double[] err) {
        double span = t[t.length - 1] - t[0];
        FrequencyGrid grid = FrequencyGrid.covering(1.0 / span, 2.0, span, 5.0);
        PeriodogramPeaks peaks = CpuPeriodograms.peaks(new TimeSeriesBatch(t, v, err, new int[] {0, t.length}), grid);
        return new KeplerianPeriods().best(t, v, err, 0, t.length, peaks.peaks(0), 1.0 / span, grid.minimum(), grid.maximum());
    }

    @Test
    void eccentricOrbitsOnSparseNightsGiveTheirPeriodAndShape() {
        double[] t = sparseNights();
        double[] err = new double[t.length];
        java.util.Arrays.fill(err, 1.0);
        DrawKey noise = new DrawKey(11);
        double[][] orbits = {{37.3, 0.6, 1.1, 5.0, 20}, {143.0, 0.45, 4.0, 30.0, 12}, {8.7, 0.0, 0.0, 1.0, 8}, {61.2, 0.75, 2.5, 17.0, 25}};
        for (int o = 0; o < orbits.length; o++) {
            double[] p = orbits[o];
            double[] v = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                v[i] = 30 + orbitRv(t[i], p[0], p[1], p[2], p[3], p[4]) + noise.normal(o, 0, i, 0);
            }
            KeplerianPeriods.Orbit orbit = fit(t, v, err);
            String what = String.format(java.util.Locale.ROOT, "orbit %d: P %.3f e %.2f K %.2f chi2 %.1f", o, orbit.periodDays(),
                    orbit.eccentricity(), orbit.semiAmplitude(), orbit.chi2());
            assertEquals(p[0], orbit.periodDays(), 0.01 * p[0], what);
            if (o < 3) {
                // the e = 0.75 orbit's eleven nights miss its periastron swing, which alone pins e and K down: its
                // period is found, its shape is not constrained by these RVs
                assertEquals(p[1], orbit.eccentricity(), 0.1, what);
                assertEquals(p[4], orbit.semiAmplitude(), 0.1 * p[4], what);
            }
            // 55 points, six parameters: a chi^2 near 49 +- 10 for unit-variance noise
            assertTrue(orbit.chi2() < 49 + 4 * Math.sqrt(2 * 49), what);
        }
    }

    @Test
    void noiseFreeOrbitIsFittedExactly() {
        double[] t = sparseNights();
        double[] err = new double[t.length];
        java.util.Arrays.fill(err, 0.5);
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            v[i] = -12 + orbitRv(t[i], 23.45, 0.5, 0.7, 3.0, 15);
        }
        KeplerianPeriods.Orbit orbit = fit(t, v, err);
        assertEquals(23.45, orbit.periodDays(), 1e-4 * 23.45);
        assertEquals(0.5, orbit.eccentricity(), 1e-3);
        assertEquals(15, orbit.semiAmplitude(), 1e-2);
        assertTrue(orbit.chi2() < 1e-2, "chi2 " + orbit.chi2());
    }

    @Test
    void keplersEquationIsSolved() {
        for (double e : new double[] {0, 0.3, 0.8, 0.95}) {
            for (double m = 0; m < 2 * Math.PI; m += 0.01) {
                double ecc = KeplerianPeriods.eccentricAnomaly(m, e);
                assertEquals(m, ecc - e * Math.sin(ecc), 1e-11, "e " + e + " M " + m);
            }
        }
    }
}
