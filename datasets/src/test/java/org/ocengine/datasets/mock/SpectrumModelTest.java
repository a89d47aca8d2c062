package org.ocengine.datasets.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.fitting.SimpleCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

/**
 * The generated measurement errors and biases, fitted back: sigma(S/N) = a (S/N)^b + c from the scatter
 * of (measured - truth) in S/N bins (Commons Math's least squares), against Qin et al. 2025 Table 3;
 * the cool-dwarf biases and the hot stars' unreported scatter against their specification.
 */
class SpectrumModelTest {

    private static final double[] SNR_GRID = {8, 10, 12, 15, 20, 25, 30, 40, 50, 70, 100, 150};
    private static final int PER_BIN = 4000;

    /** a x^b + c with parameters (a, b, c). */
    private static final ParametricUnivariateFunction LAW = new ParametricUnivariateFunction() {
        @Override
        public double value(double x, double... p) {
            return p[0] * Math.pow(x, p[1]) + p[2];
        }

        @Override
        public double[] gradient(double x, double... p) {
            double xb = Math.pow(x, p[1]);
            return new double[] {xb, p[0] * xb * Math.log(x), 1};
        }
    };

    /** Residuals (measured - truth - bias) per S/N bin of one quantity for a solar-type star. */
    private static List<double[]> residuals(int quantity) {
        MockRandom.Stream s = new MockRandom(3).stream();
        SpectrumModel.Truth t = new SpectrumModel.Truth();
        SpectrumModel.Measurement m = new SpectrumModel.Measurement();
        t.rv = 12.3;
        t.rvOffset = 0;
        t.teff = 5800;
        t.logg = 4.3;
        t.feh = -0.1;
        t.alphaM = 0.05;
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < SNR_GRID.length; k++) {
            double[] r = new double[PER_BIN];
            t.snr = SNR_GRID[k];
            int n = 0;
            for (int i = 0; i < PER_BIN; i++) {
                SpectrumModel.DEFAULT.measure(t, s.at(MockRandom.Domain.SPECTRUM, 0, i, k), m);
                if (quantity == 0 && m.rvFlag != 0) {
                    continue; // failed RVs are flagged; the law describes the good ones
                }
                r[n++] = switch (quantity) {
                    case 0 -> m.rv - t.rv;
                    case 1 -> m.teff - t.teff;
                    case 2 -> m.logg - t.logg;
                    default -> m.feh - t.feh;
                };
            }
            out.add(java.util.Arrays.copyOf(r, n));
        }
        return out;
    }

    private static double[] fitBack(int quantity, ErrorLaw law) {
        WeightedObservedPoints points = new WeightedObservedPoints();
        List<double[]> res = residuals(quantity);
        for (int k = 0; k < SNR_GRID.length; k++) {
            DescriptiveStatistics d = new DescriptiveStatistics(res.get(k));
            points.add(1 / Math.pow(d.getStandardDeviation(), 2), SNR_GRID[k], d.getStandardDeviation());
        }
        return SimpleCurveFitter.create(LAW, new double[] {law.a() * 0.8, law.b() * 0.9, law.c() * 1.2}).withMaxIterations(2000)
                .fit(points.toList());
    }

    @Test
    void errorLawsFitBackToTable3() {
        ErrorLaw[] laws = {ErrorLaw.RV, ErrorLaw.TEFF, ErrorLaw.LOGG, ErrorLaw.FEH};
        for (int q = 0; q < laws.length; q++) {
            double[] p = fitBack(q, laws[q]);
            for (double snr : new double[] {10, 20, 50}) {
                double want = laws[q].sigma(snr);
                double got = LAW.value(snr, p);
                assertEquals(want, got, 0.03 * want, laws[q].quantity() + " sigma at S/N " + snr + " (fit a, b, c = "
                        + java.util.Arrays.toString(p) + ")");
            }
            assertEquals(laws[q].b(), p[1], 0.15, laws[q].quantity() + " power b");
        }
    }

    @Test
    void reportedErrorsAreTheLaw() {
        SpectrumModel.Truth t = new SpectrumModel.Truth();
        SpectrumModel.Measurement m = new SpectrumModel.Measurement();
        t.teff = 5800;
        t.logg = 4.3;
        t.snr = 17;
        SpectrumModel.DEFAULT.measure(t, new MockRandom(1).stream().at(MockRandom.Domain.SPECTRUM, 0, 1, 1), m);
        assertEquals(139.51 * Math.pow(17, -2.08) + 0.71, m.rvErr, 1e-12);
        assertEquals(1593 * Math.pow(17, -1.16) + 9.5, m.teffErr, 1e-12);
        assertEquals(2.32 * Math.pow(17, -1.15) + 0.02, m.loggErr, 1e-12);
        assertEquals(1.42 * Math.pow(17, -1.07) + 0.01, m.fehErr, 1e-12);
        assertEquals(0.56 * Math.pow(17, -0.92) + 0.01, m.alphaMErr, 1e-12);
        // about 1.9 km/s at S/N 10 (Qin et al. 2025) and S/N 10 at G = 15 for a co-add
        assertEquals(1.87, ErrorLaw.RV.sigma(10), 0.01);
        assertEquals(10.0, SpectrumModel.DEFAULT.baseSnr(15, true), 1e-12);
        assertTrue(SpectrumModel.DEFAULT.baseSnr(12, true) > 40);
    }

    /** Mean (measured - truth) and extra scatter fitted back per Teff bin, for dwarfs and giants. */
    @Test
    void biasesFitBack() {
        MockRandom.Stream s = new MockRandom(4).stream();
        SpectrumModel.Truth t = new SpectrumModel.Truth();
        SpectrumModel.Measurement m = new SpectrumModel.Measurement();
        SpectrumModel sm = SpectrumModel.DEFAULT;
        t.snr = 100;
        int n = 6000;
        for (double teff : new double[] {4000, 4500, 4900, 5500}) {
            for (double logg : new double[] {4.6, 2.5}) {
                t.teff = teff;
                t.logg = logg;
                double dLogg = 0;
                double dFeh = 0;
                for (int i = 0; i < n; i++) {
                    sm.measure(t, s.at(MockRandom.Domain.SPECTRUM, 1, i, (long) teff * 10 + (long) logg), m);
                    dLogg += (m.logg - t.logg) / n;
                    dFeh += (m.feh - t.feh) / n;
                }
                double w = logg >= 4 ? Math.min(1, Math.max(0, (5000 - teff) / 1000)) : 0;
                assertEquals(-0.30 * w, dLogg, 0.005, "logg bias at " + teff + " K, logg " + logg);
                assertEquals(-0.25 * w, dFeh, 0.005, "[Fe/H] bias at " + teff + " K, logg " + logg);
            }
        }
        // hot stars: [Fe/H] scatter beyond the reported error, none below 7000 K, 0.25 dex from 8500 K
        for (double teff : new double[] {6500, 7750, 8800}) {
            t.teff = teff;
            t.logg = 4.0;
            DescriptiveStatistics d = new DescriptiveStatistics();
            for (int i = 0; i < n; i++) {
                sm.measure(t, s.at(MockRandom.Domain.SPECTRUM, 2, i, (long) teff), m);
                d.addValue(m.feh - t.feh);
            }
            double extra = Math.sqrt(Math.max(0, d.getVariance() - Math.pow(ErrorLaw.FEH.sigma(100), 2)));
            double want = 0.25 * Math.min(1, Math.max(0, (teff - 7000) / 1500));
            assertEquals(want, extra, 0.01 + 0.03 * want, "unreported [Fe/H] scatter at " + teff + " K");
        }
    }

    @Test
    void failuresAndSentinels() {
        MockRandom.Stream s = new MockRandom(5).stream();
        SpectrumModel.Truth t = new SpectrumModel.Truth();
        SpectrumModel.Measurement m = new SpectrumModel.Measurement();
        t.teff = 5800;
        t.logg = 4.3;
        t.snr = 30;
        int failed = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            SpectrumModel.DEFAULT.measure(t, s.at(MockRandom.Domain.SPECTRUM, 3, i, 0), m);
            failed += m.rvFlag;
        }
        assertEquals(0.02, failed / (double) n, 0.004);
        t.snr = 6;
        SpectrumModel.DEFAULT.measure(t, s.at(MockRandom.Domain.SPECTRUM, 3, 0, 1), m);
        assertEquals(SpectrumModel.SENTINEL, m.feh);
        assertEquals(SpectrumModel.SENTINEL, m.fehErr);
        assertTrue(m.rvErr > 0 && m.rvErr < 10);
        t.snr = 30;
        t.teff = 12000;
        SpectrumModel.DEFAULT.measure(t, s.at(MockRandom.Domain.SPECTRUM, 3, 0, 2), m);
        assertEquals(SpectrumModel.SENTINEL, m.teff);
    }
}
