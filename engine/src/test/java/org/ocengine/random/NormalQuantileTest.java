package org.ocengine.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class NormalQuantileTest {

    @Test
    void knownQuantiles() {
        assertEquals(0.0, NormalQuantile.inverseCdf(0.5), 0.0);
        assertEquals(1.959963984540054, NormalQuantile.inverseCdf(0.975), 1e-15);
        assertEquals(-1.959963984540054, NormalQuantile.inverseCdf(0.025), 1e-15);
        assertEquals(-3.090232306167813, NormalQuantile.inverseCdf(0.001), 1e-14);
        assertEquals(-8.222082216130435, NormalQuantile.inverseCdf(1e-16), 1e-13);
    }

    /** Phi(inverseCdf(p)) recovers p over the whole range, including both tails. */
    @Test
    void roundTripsThroughTheCdf() {
        SplittableRandom r = new SplittableRandom(7);
        NormalDistribution normal = new NormalDistribution(0, 1);
        for (int i = 0; i < 100_000; i++) {
            double p = i % 3 == 0 ? Math.pow(10, -1 - 15 * r.nextDouble()) : r.nextDouble();
            if (p == 0) {
                continue;
            }
            double z = NormalQuantile.inverseCdf(p);
            double back = z < 0 ? 0.5 * Erf.erfc(-z / Math.sqrt(2)) : 1 - 0.5 * Erf.erfc(z / Math.sqrt(2));
            assertEquals(p, back, 1e-12 * Math.max(p, 1e-3), "p=" + p);
            if (p > 1e-6 && p < 1 - 1e-6) {
                // an independent implementation (commons-math, via erfInv), itself accurate to ~1e-9 here
                assertEquals(normal.inverseCumulativeProbability(p), z, 1e-9, "p=" + p);
            }
        }
    }

    @Test
    void symmetric() {
        for (double p = 0.001; p < 0.5; p += 0.0137) {
            assertEquals(-NormalQuantile.inverseCdf(p), NormalQuantile.inverseCdf(1 - p), 1e-15);
        }
        assertTrue(Double.isNaN(NormalQuantile.inverseCdf(0)));
        assertTrue(Double.isNaN(NormalQuantile.inverseCdf(1)));
    }
}
