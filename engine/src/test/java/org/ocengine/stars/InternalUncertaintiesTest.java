package org.ocengine.stars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.ocengine.combine.RepeatedMeasurements;
import org.ocengine.combine.StarGroups;
import org.ocengine.combine.Weighting;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

class InternalUncertaintiesTest {

    /** 1600 constant stars x 20 exposures, no zero-point offsets: only the injected laws. */
    static final SyntheticTimeDomainSurvey.Shape CONSTANT_STARS = new SyntheticTimeDomainSurvey.Shape(
            20261122L, 1, 16, 100, 4, 5, 1500, 0.0, 1, 1, 1, 1, 0.0, 0.0, 6.5);

    @Test
    void noiselessPointsGiveBackTheLawAndQinTableThree() {
        double[] x = new double[40];
        double[] y = new double[40];
        double[] e = new double[40];
        for (int j = 0; j < x.length; j++) {
            x[j] = 8 + 2 * j;
            y[j] = 1593 * Math.pow(x[j], -1.16) + 9.5;
            e[j] = 0.01 * y[j];
        }
        PowerLawFit fit = PowerLawFit.fit(x, y, e);
        assertEquals(1593, fit.a(), 1e-3);
        assertEquals(-1.16, fit.b(), 1e-8);
        assertEquals(9.5, fit.c(), 1e-5);
        // Qin et al. 2025 Table 3 prints 120, 59 and 27 K at S/N 10, 20, 50
        assertEquals(120, fit.sigma(10), 0.5);
        assertEquals(59, fit.sigma(20), 0.5);
        assertEquals(27, fit.sigma(50), 0.5);
        assertTrue(fit.aErr() < 1e-3 && fit.bErr() < 1e-6, fit.toString());
        assertFalse(PowerLawFit.fit(new double[] {10, 20, 30}, new double[] {3, 2, 1}, new double[] {1, 1, 1}).valid());
    }

    /**
     * The mock-survey acceptance check of issue 9 on a stand-in generator: the fitted sigma(S/N)
     * reproduces each injected law within 10% at S/N 10, 20 and 50.
     */
    @Test
    void fittedLawReproducesTheInjectedLawWithinTenPercent() {
        SyntheticTimeDomainSurvey survey = new SyntheticTimeDomainSurvey(CONSTANT_STARS);
        try (var alloc = new RootAllocator();
             Table spectra = survey.spectra(alloc);
             Table keyed = spectra.extend(alloc, "k", b -> b.addLongs(Columns.STAR_KEY, spectra.longs(Columns.SOURCE_ID.name())));
             Table stars = RepeatedMeasurements.combine(keyed, Weighting.SNR_SQUARED, alloc)) {
            StarGroups groups = StarGroups.of(keyed);
            double[] snr = keyed.doubles(Columns.SNR.name());
            for (String q : SyntheticTimeDomainSurvey.LAWS.keySet()) {
                double[] dp = InternalUncertainties.differences(keyed.doubles(q), keyed.doubles(q + "_err"), groups,
                        stars.doubles(q), stars.ints(q + "_n"));
                InternalUncertainties.Result r = InternalUncertainties.fit(snr, dp, null, UncertaintyConfig.defaults());
                assertTrue(r.fit().valid(), q);
                for (double s : new double[] {10, 20, 50}) {
                    double injected = SyntheticTimeDomainSurvey.law(q, s);
                    double fitted = r.fit().sigma(s);
                    assertEquals(injected, fitted, 0.10 * injected, q + " at S/N " + s + ": " + r.fit());
                }
                // Gaussian noise: clipping removes well under 2% and final 6-sigma outliers are rare
                assertTrue(r.clippedCount() < 0.02 * r.differences(), q + " clipped " + r.clippedCount());
                assertTrue(r.outlierCount() < 1e-3 * r.differences(), q + " outliers " + r.outlierCount());
            }
        }
    }

    @Test
    void aWildValueIsClippedAndFlaggedAsFinalOutlier() {
        int n = 4000;
        double[] snr = new double[n];
        double[] dp = new double[n];
        var key = new org.ocengine.random.DrawKey(5);
        for (int i = 0; i < n; i++) {
            snr[i] = 10 + (i % 100);
            dp[i] = (2.0 / snr[i] * 10 + 0.1) * key.normal(1, 0, i, 0);
        }
        dp[17] = 40.0; // S/N 27: sigma about 0.84, so this is ~50 sigma
        boolean[] exclude = new boolean[n];
        exclude[18] = true;
        dp[18] = 40.0;
        InternalUncertainties.Result r = InternalUncertainties.fit(snr, dp, exclude, UncertaintyConfig.defaults());
        assertTrue(r.clipped()[17]);
        assertTrue(r.outlier()[17]);
        assertFalse(r.clipped()[18], "excluded spectra are not clipped ...");
        assertTrue(r.outlier()[18], "... but are still tested as final outliers");
        assertEquals(1, r.excluded());
        assertEquals(20.0 / 27 + 0.1, r.fit().sigma(27), 0.05 * 0.84);
    }
}
