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

    private static double sq(double x) {
        return x * x;
    }
}
