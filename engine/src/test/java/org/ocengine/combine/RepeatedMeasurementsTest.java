package org.ocengine.combine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

class RepeatedMeasurementsTest {

    @Test
    void weightedMeanAndSigmaFollowEquationsOneAndTwo() {
        try (var alloc = new RootAllocator();
             Table t = Table.builder(alloc, "s", 5)
                     .addLongs(Columns.STAR_KEY, new long[] {7, 3, 7, 7, 3})
                     .addDoubles(Columns.RA, new double[] {359.9999, 10, 0.0001, 0.0, 10})
                     .addDoubles(Columns.DEC, new double[] {0, 5, 0, 0, 5})
                     .addDoubles(Columns.SNR, new double[] {10, 20, 20, 40, Double.NaN})
                     .addDoubles(Columns.RV, new double[] {1.0, 5.0, 2.0, 4.0, 6.0})
                     .addDoubles(Columns.RV_ERR, new double[] {2.0, 0.5, 1.0, 0.5, 1.0})
                     .build();
             Table c = RepeatedMeasurements.combine(t, Weighting.SNR_SQUARED, alloc)) {
            assertEquals(2, c.rowCount());
            assertArrayEquals(new long[] {3, 7}, c.longs(Columns.STAR_KEY.name()));
            // star 7: S/N^2 weights 100, 400, 1600 on RV 1, 2, 4
            double w = 100 + 400 + 1600;
            double mean = (100 * 1.0 + 400 * 2.0 + 1600 * 4.0) / w;
            double ss = 100 * sq(1 - mean) + 400 * sq(2 - mean) + 1600 * sq(4 - mean);
            double sigma = Math.sqrt(3.0 / 2.0 * ss / w);
            assertEquals(mean, c.doubles("rv")[1], 1e-12);
            assertEquals(sigma, c.doubles("rv_err")[1], 1e-12);
            // star 3: one spectrum lacks S/N, so both are weighted by 1/err^2: weights 4 and 1 on RV 5 and 6
            double m3 = (4 * 5.0 + 1 * 6.0) / 5;
            assertEquals(m3, c.doubles("rv")[0], 1e-12);
            assertEquals(Math.sqrt(2.0 * (4 * sq(5 - m3) + sq(6 - m3)) / 5), c.doubles("rv_err")[0], 1e-12);
            assertArrayEquals(new int[] {2, 3}, c.ints("n_spectra"));
            assertArrayEquals(new int[] {2, 3}, c.ints("rv_n"));
            // the mean position of star 7 straddles RA 0/360 and stays near 0
            double ra = c.doubles("ra")[1];
            assertEquals(0.0, Math.min(ra, 360 - ra), 1e-4);
        }
    }

    @Test
    void singleSpectrumKeepsItsPipelineError() {
        try (var alloc = new RootAllocator();
             Table t = Table.builder(alloc, "s", 2)
                     .addLongs(Columns.STAR_KEY, new long[] {1, 2})
                     .addDoubles(Columns.RV, new double[] {3.0, Double.NaN})
                     .addDoubles(Columns.RV_ERR, new double[] {0.7, 1.0})
                     .build();
             Table c = RepeatedMeasurements.combine(t, Weighting.INVERSE_VARIANCE, alloc)) {
            assertEquals(3.0, c.doubles("rv")[0]);
            assertEquals(0.7, c.doubles("rv_err")[0]);
            assertEquals(Double.NaN, c.doubles("rv")[1]);
            assertArrayEquals(new int[] {1, 0}, c.ints("rv_n"));
        }
    }

    /**
     * The uncertainty of the weighted mean (rv_wmean_err): the propagated errors for spectra that agree
     * within them, even when two agree by chance so closely that sigma_w is near zero; shrinking as
     * 1/sqrt(N) for a constant star where sigma_w does not; inflated by the Birge ratio for a star whose
     * spectra scatter more than their errors (a binary).
     */
    @Test
    void uncertaintyOfTheWeightedMean() {
        int n = 2 + 9 + 3;
        long[] key = new long[n];
        double[] rv = new double[n];
        double[] err = new double[n];
        key[0] = 1;
        key[1] = 1;
        rv[0] = 10.00;
        rv[1] = 10.01;
        err[0] = 1;
        err[1] = 1;
        double[] steps = {-1, 1, -1, 1, -1, 1, -1, 1, 0};
        for (int k = 0; k < 9; k++) {
            key[2 + k] = 2;
            rv[2 + k] = 5 + steps[k];
            err[2 + k] = 1;
        }
        double[] binary = {-20, 0, 20};
        for (int k = 0; k < 3; k++) {
            key[11 + k] = 3;
            rv[11 + k] = binary[k];
            err[11 + k] = 1;
        }
        try (var alloc = new RootAllocator();
             Table t = Table.builder(alloc, "s", n).addLongs(Columns.STAR_KEY, key).addDoubles(Columns.RV, rv)
                     .addDoubles(Columns.RV_ERR, err).build();
             Table c = RepeatedMeasurements.combine(t, Weighting.INVERSE_VARIANCE, alloc)) {
            double[] sigmaW = c.doubles("rv_err");
            double[] meanErr = c.doubles("rv_wmean_err");
            // two spectra 0.01 km/s apart: sigma_w = 0.01 / sqrt(2), yet the mean is known only to 1/sqrt(2) km/s
            assertEquals(0.01 / Math.sqrt(2), sigmaW[0], 1e-9);
            assertEquals(1 / Math.sqrt(2), meanErr[0], 1e-12);
            // nine spectra scattering by their errors (chi2 / (N-1) = 1): 1/3 km/s; sigma_w stays near 1
            assertEquals(1.0 / 3, meanErr[1], 1e-12);
            assertEquals(1.0, sigmaW[1], 1e-12);
            // a binary: chi2 = 800 over 2 degrees of freedom, so the propagated 1/sqrt(3) grows by sqrt(400)
            assertEquals(20 / Math.sqrt(3), meanErr[2], 1e-9);
        }
    }

    private static double sq(double x) {
        return x * x;
    }
}
