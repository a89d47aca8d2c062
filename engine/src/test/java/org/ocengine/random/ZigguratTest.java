package org.ocengine.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class ZigguratTest {

    private static double[] draws(long seed, int n) {
        DrawKey key = new DrawKey(seed);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = key.normal(DrawKey.groupKey("test"), 0, i % 97, i / 97);
        }
        return z;
    }

    /** The deviates are standard normal: KS test, moments, and tail frequencies beyond the base layer. */
    @Test
    void deviatesAreStandardNormal() {
        double[] z = draws(42, 1_000_000);
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, 1), Arrays.copyOf(z, 200_000));
        assertTrue(p > 0.001, "KS p-value " + p);
        double mean = Arrays.stream(z).average().orElseThrow();
        double var = Arrays.stream(z).map(v -> (v - mean) * (v - mean)).sum() / z.length;
        double kurt = Arrays.stream(z).map(v -> Math.pow(v - mean, 4)).sum() / z.length / (var * var);
        assertEquals(0, mean, 5 * 1e-3);
        assertEquals(1, var, 5 * Math.sqrt(2.0 / z.length));
        assertEquals(3, kurt, 0.03);
        // beyond R (the tail branch) and beyond 4.5 sigma: counts within 5 sigma of the binomial expectation
        long tail = Arrays.stream(z).filter(v -> Math.abs(v) > Ziggurat.R).count();
        double expected = z.length * 2 * (1 - new NormalDistribution(0, 1).cumulativeProbability(Ziggurat.R));
        assertEquals(expected, tail, 5 * Math.sqrt(expected));
        long far = Arrays.stream(z).filter(v -> Math.abs(v) > 4.5).count();
        double expectedFar = z.length * 2 * (1 - new NormalDistribution(0, 1).cumulativeProbability(4.5));
        assertEquals(expectedFar, far, 5 * Math.sqrt(expectedFar) + 1);
    }

    /** Words from any source give the same deviate as the fast path when it accepts. */
    @Test
    void fastPathAgreesWithTheFullMethod() {
        SplittableRandom r = new SplittableRandom(3);
        int rejected = 0;
        for (int i = 0; i < 200_000; i++) {
            long w = r.nextLong();
            double fast = Ziggurat.fast(w);
            long[] more = {w, r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong()};
            double full = Ziggurat.deviate(m -> more[m % more.length]);
            if (Double.isNaN(fast)) {
                rejected++;
            } else {
                assertEquals(full, fast, 0.0);
            }
        }
        // 256 layers: about 1.5% of first words fall outside the rectangles
        assertEquals(0.015, rejected / 200_000.0, 0.003);
    }

    @Test
    void layersHaveEqualArea() {
        // every layer i >= 1 is a rectangle of width x_i and height F[i-1] - F[i] with area V; the top
        // layer closes the recursion from the published R and V, which hold to about 1e-9 relative
        for (int i = 1; i < Ziggurat.LAYERS; i++) {
            double x = Ziggurat.W[i] * 0x1.0p52;
            assertEquals(Ziggurat.V, x * (Ziggurat.F[i - 1] - Ziggurat.F[i]), i == 1 ? 1e-9 * Ziggurat.V : 1e-14, "layer " + i);
        }
    }

    /** The wedge test with the exp, as the squeeze must decide it. */
    private static boolean underDensityByExp(double x, double y) {
        return y < StrictMath.exp(-0.5 * x * x);
    }

    /**
     * The squeezed wedge test decides as the exp does: on millions of wedge points as the ziggurat
     * makes them (every layer, random rejected magnitudes and uniforms), at the ends of every wedge,
     * and on points placed where a wrong bound would show, within a few ulps of the density and of
     * the band's edges. And the band is thin: almost every wedge point is decided without exp.
     */
    @Test
    void squeezedWedgeTestDecidesAsTheExpDoes() {
        SplittableRandom r = new SplittableRandom(11);
        long points = 0;
        long inBand = 0;
        for (int l = 1; l < Ziggurat.LAYERS; l++) {
            int layer = l;
            long lowest = Ziggurat.K[layer];
            long[] ends = {lowest, lowest + 1, (1L << 52) - 2, (1L << 52) - 1};
            for (int i = 0; i < 12_000; i++) {
                long magnitude = i < ends.length ? ends[i] : lowest + r.nextLong((1L << 52) - lowest);
                double x = magnitude * Ziggurat.W[layer];
                double u = Philox4x64.uniformOpen(r.nextLong());
                double y = (Ziggurat.F[layer - 1] - Ziggurat.F[layer]) * u + Ziggurat.F[layer];
                assertEquals(underDensityByExp(x, y), Ziggurat.underDensity(layer, x, y), () -> "layer " + layer + " x " + x + " y " + y);
                points++;
                double t = x - Ziggurat.SQUEEZE_CENTRE[layer];
                double p = Ziggurat.SQUEEZE_C0[layer] + t * (Ziggurat.SQUEEZE_C1[layer] + t * Ziggurat.SQUEEZE_C2[layer]);
                double bound = Ziggurat.SQUEEZE_BOUND[layer];
                inBand += y >= p - bound && y < p + bound ? 1 : 0;
                // near the density and the band's edges (any y there, not only the ziggurat's own)
                double density = StrictMath.exp(-0.5 * x * x);
                double[] centres = {density, p - bound, p + bound, p};
                for (double centre : centres) {
                    double near = centre;
                    for (int k = 0; k < 4; k++) {
                        near = Math.nextDown(near);
                    }
                    for (int k = 0; k < 8; k++, near = Math.nextUp(near)) {
                        double yy = near;
                        assertEquals(underDensityByExp(x, yy), Ziggurat.underDensity(layer, x, yy), () -> "layer " + layer + " x " + x + " y " + yy);
                    }
                }
            }
        }
        assertTrue(points > 3_000_000);
        assertTrue(inBand < points / 200, "wedge points in the squeeze band: " + inBand + " of " + points);
    }

    /** The squeeze's polynomial is within its bound of the density, with room to spare, on a fine grid of every wedge. */
    @Test
    void squeezeBoundHoldsOnEveryWedge() {
        for (int layer = 1; layer < Ziggurat.LAYERS; layer++) {
            double a = Ziggurat.K[layer] * Ziggurat.W[layer];
            double b = ((1L << 52) - 1) * Ziggurat.W[layer];
            double worst = 0;
            for (int i = 0; i <= 2000; i++) {
                double x = a + (b - a) * i / 2000;
                double t = x - Ziggurat.SQUEEZE_CENTRE[layer];
                double p = Ziggurat.SQUEEZE_C0[layer] + t * (Ziggurat.SQUEEZE_C1[layer] + t * Ziggurat.SQUEEZE_C2[layer]);
                worst = Math.max(worst, Math.abs(p - StrictMath.exp(-0.5 * x * x)));
            }
            assertTrue(worst < 0.999 * Ziggurat.SQUEEZE_BOUND[layer], "layer " + layer + ": " + worst + " vs bound " + Ziggurat.SQUEEZE_BOUND[layer]);
        }
    }
}
