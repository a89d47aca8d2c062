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

    /** The method as first written (one loop from word 0), the reference for the restructured rare path. */
    private static double referenceDeviate(Ziggurat.WordSource words) {
        int used = 0;
        long word = 0;
        while (used < Ziggurat.MAX_WORDS) {
            word = words.word(used++);
            int layer = (int) word & 0xFF;
            boolean negative = (word & 0x100) != 0;
            long magnitude = word >>> 12;
            double x = magnitude * Ziggurat.W[layer];
            if (magnitude < Ziggurat.K[layer]) {
                return negative ? -x : x;
            }
            if (layer == 0) {
                while (used + 1 < Ziggurat.MAX_WORDS) {
                    double xx = -StrictMath.log1p(-Philox4x64.uniformOpen(words.word(used++))) / Ziggurat.R;
                    double yy = -StrictMath.log1p(-Philox4x64.uniformOpen(words.word(used++)));
                    if (yy + yy > xx * xx) {
                        return negative ? -(Ziggurat.R + xx) : Ziggurat.R + xx;
                    }
                }
                break;
            }
            if (used >= Ziggurat.MAX_WORDS) {
                break;
            }
            double u = Philox4x64.uniformOpen(words.word(used++));
            if ((Ziggurat.F[layer - 1] - Ziggurat.F[layer]) * u + Ziggurat.F[layer] < StrictMath.exp(-0.5 * x * x)) {
                return negative ? -x : x;
            }
        }
        return NormalQuantile.inverseCdf(Philox4x64.uniformOpen(word));
    }

    /**
     * The rare path gives the deviate of the method as first written, bit for bit: random sequences
     * whose first word is rejected (wedges and tail), and sequences that exhaust the word budget
     * (every word in the top layer with a uniform near 1, or in the base layer's tail with tail tries
     * that fail), which end in the inverse-CDF fallback.
     */
    @Test
    void rarePathEqualsTheMethodAsFirstWritten() {
        SplittableRandom r = new SplittableRandom(17);
        int checked = 0;
        while (checked < 300_000) {
            long[] seq = new long[Ziggurat.MAX_WORDS];
            for (int i = 0; i < seq.length; i++) {
                seq[i] = r.nextLong();
            }
            if (checked % 1000 == 0) {
                // top layer (always a wedge test), magnitude at its right end, uniforms near 1: rejected every time
                for (int i = 0; i < seq.length; i++) {
                    seq[i] = i % 2 == 0 ? (-1L << 12) | 0x01 | (checked & 0x100) : -1L;
                }
            } else if (checked % 1000 == 1) {
                // base layer beyond its rectangle, then tail tries whose second uniform is tiny: never accepted
                for (int i = 0; i < seq.length; i++) {
                    seq[i] = i == 0 ? -1L << 8 : i % 2 == 1 ? -1L : 0L;
                }
            }
            if (!Double.isNaN(Ziggurat.fast(seq[0]))) {
                continue;
            }
            Ziggurat.WordSource words = m -> seq[m];
            double expected = referenceDeviate(words);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Ziggurat.deviateAfterRejection(seq[0], words)));
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Ziggurat.deviate(words)));
            checked++;
        }
    }
}
