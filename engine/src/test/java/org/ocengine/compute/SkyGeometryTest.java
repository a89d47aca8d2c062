package org.ocengine.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SkyGeometryTest {

    @Test
    void sinAndCosAgreeWithMathWithinRounding() {
        SplittableRandom rng = new SplittableRandom(11L);
        for (int i = 0; i < 200_000; i++) {
            double x = i < 1000 ? i * 0.5 - 250 : rng.nextDouble(-720, 720);
            double rad = Math.toRadians(x);
            // Math's argument carries the rounding of toRadians (up to 0.5 ulp of |rad| <= 4 pi)
            assertEquals(Math.sin(rad), SkyGeometry.sinDegrees(x), 2e-15, "sin " + x);
            assertEquals(Math.cos(rad), SkyGeometry.cosDegrees(x), 2e-15, "cos " + x);
        }
    }

    @Test
    void exactAtMultiplesOfNinetyAndSymmetric() {
        for (int k = -8; k <= 8; k++) {
            double x = 90.0 * k;
            assertEquals(new double[] {0, 1, 0, -1}[Math.floorMod(k, 4)], SkyGeometry.sinDegrees(x), 0.0, "sin " + x);
            assertEquals(new double[] {1, 0, -1, 0}[Math.floorMod(k, 4)], SkyGeometry.cosDegrees(x), 0.0, "cos " + x);
        }
        assertEquals(0.5, SkyGeometry.sinDegrees(30), 1e-16);
        assertEquals(0.5, SkyGeometry.cosDegrees(60), 1e-16);
        SplittableRandom rng = new SplittableRandom(12L);
        for (int i = 0; i < 1000; i++) {
            double x = rng.nextDouble(0, 90);
            assertEquals(-SkyGeometry.sinDegrees(x), SkyGeometry.sinDegrees(-x), 0.0);
            assertEquals(SkyGeometry.cosDegrees(x), SkyGeometry.cosDegrees(-x), 0.0);
        }
    }

    @Test
    void unitVectorsAreUnitAndPolesIgnoreRa() {
        SplittableRandom rng = new SplittableRandom(13L);
        double[] v = new double[3];
        for (int i = 0; i < 10_000; i++) {
            SkyGeometry.unitVector(rng.nextDouble(-400, 800), rng.nextDouble(-90, 90), v, 0);
            assertEquals(1.0, v[0] * v[0] + v[1] * v[1] + v[2] * v[2], 1e-15);
        }
        for (double ra : new double[] {0, 33.3, 180, 359.99, -5}) {
            SkyGeometry.unitVector(ra, 90, v, 0);
            assertEquals(0.0, Math.abs(v[0]) + Math.abs(v[1]), 0.0);
            assertEquals(1.0, v[2], 0.0);
        }
    }

    @Test
    void separationsOfKnownPairs() {
        assertEquals(3600.0, SkyGeometry.separationArcsec(10, 20, 10, 21), 1e-9);
        assertEquals(3.5, SkyGeometry.separationArcsec(200, -30, 200, -30 + 3.5 / 3600), 1e-9);
        // along the equator RA difference is the separation, also across RA 0
        assertEquals(2.0, SkyGeometry.separationArcsec(359.99972222222222, 0, 0.00027777777778, 0), 1e-6);
        assertEquals(180.0 * 3600, SkyGeometry.separationArcsec(0, 0, 180, 0), 1e-6);
        assertEquals(90.0 * 3600, SkyGeometry.separationArcsec(0, 90, 123, 0), 1e-6);
        assertEquals(0.0, SkyGeometry.separationArcsec(12, 90, 250, 90), 0.0);
        assertEquals(Double.NaN, SkyGeometry.separationArcsec(Double.NaN, 0, 0, 0));
    }

    @Test
    void separationSeriesJoinsTheArcsineSmoothly() {
        for (double x : new double[] {1e-3 * (1 - 1e-12), 1e-3, 1e-3 * (1 + 1e-12), 5e-4, 2e-3}) {
            double chord = 2 * x;
            double expected = 2 * Math.asin(x) * SkyGeometry.ARCSEC_PER_RADIAN;
            assertEquals(expected, SkyGeometry.separationArcsec(chord * chord), expected * 3e-16, "x " + x);
        }
    }

    @Test
    void predicateLimitAndRadiusChecks() {
        double limit = SkyGeometry.chordSquaredLimit(3600);
        double chord = 2 * Math.sin(Math.toRadians(0.5));
        assertEquals(chord * chord, limit, 1e-18);
        assertEquals(0.0, SkyGeometry.chordSquaredLimit(0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> SkyGeometry.chordSquaredLimit(-0.1));
        assertThrows(IllegalArgumentException.class, () -> SkyGeometry.chordSquaredLimit(SkyGeometry.MAX_RADIUS_ARCSEC * 1.01));
    }

    @Test
    void normaliseRaWrapsIntoRange() {
        assertEquals(0.0, SkyGeometry.normaliseRa(360.0), 0.0);
        assertEquals(359.0, SkyGeometry.normaliseRa(-1.0), 0.0);
        assertEquals(5.0, SkyGeometry.normaliseRa(725.0), 0.0);
        assertEquals(0.0, SkyGeometry.normaliseRa(-1e-300), 0.0);
    }
}
