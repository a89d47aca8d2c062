package org.ocengine.datasets.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The physical ingredients of the mock: stellar model, IMF, extinction, King profile, binary orbits, sky geometry. */
class StarModelsTest {

    @Test
    void sunLikeAndMonotonicMainSequence() {
        StellarModel.Star s = new StellarModel.Star();
        StellarModel.evaluate(1.0, 4.6e9, s);
        assertEquals(5772, s.teff, 300);
        assertEquals(4.44, s.logg, 0.1);
        assertEquals(4.7, s.absG, 0.4);
        assertEquals(0.82, s.bpRp0, 0.1);
        double last = Double.POSITIVE_INFINITY;
        for (double m = 0.2; m < 1.5; m += 0.05) {
            StellarModel.evaluate(m, 1e9, s);
            assertTrue(s.absG < last, "brighter with mass on the main sequence at " + m);
            last = s.absG;
        }
        // red clump of an old cluster: logg about 2.4, M_G about 0.5
        double mTo = StellarModel.turnoffMass(3e9);
        StellarModel.evaluate(mTo * (1 + StellarModel.GIANT_SPAN * 0.7), 3e9, s);
        assertTrue(s.evolved);
        assertEquals(2.4, s.logg, 0.2);
        assertEquals(0.5, s.absG, 0.6);
        // the mass seen at a given absolute magnitude
        double m = StellarModel.mainSequenceMassForAbsG(4.0, 1e9);
        StellarModel.evaluate(m, 1e9, s);
        assertEquals(4.0, s.absG, 1e-6);
    }

    @Test
    void imfSamplesItsOwnIntegral() {
        int n = 200_000;
        int below = 0;
        MockRandom.Stream s = new MockRandom(1).stream().at(MockRandom.Domain.LAYOUT, 0, 0, 0);
        for (int i = 0; i < n; i++) {
            below += InitialMassFunction.sample(s.uniform(), 0.1, 5) < 1.0 ? 1 : 0;
        }
        double want = InitialMassFunction.number(0.1, 1.0) / InitialMassFunction.number(0.1, 5);
        assertEquals(want, below / (double) n, 0.005);
        assertEquals(0.5, InitialMassFunction.sample(InitialMassFunction.number(0.1, 0.5) / InitialMassFunction.number(0.1, 5), 0.1, 5), 1e-9);
    }

    @Test
    void extinctionAndDistance() {
        Extinction e = Extinction.DEFAULT;
        assertEquals(0.7, e.ag(1, 0), 1e-12);
        assertTrue(e.ag(10, 30) < 0.7 * 0.1 / Math.sin(Math.toRadians(30)) + 1e-9);
        for (double b : new double[] {0, 2, 15}) {
            double d = e.distanceFor(14.0, 1.0, b);
            assertEquals(13.0, 5 * Math.log10(100 * d) + e.ag(d, b), 1e-9, "latitude " + b);
        }
    }

    @Test
    void kingProfileHasItsHalfNumberRadius() {
        MockCluster c = new MockCluster(0, "x", 0, 0, 0, 0, 0, 1, 8, 0.1, 1.7, 0.9, 0.1 / MockCluster.kingHalfRadius(0.9),
                0.1 / MockCluster.kingHalfRadius(0.9) * Math.pow(10, 0.9), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000, 0.5, 1, 2, 100);
        MockRandom.Stream s = new MockRandom(2).stream().at(MockRandom.Domain.CLUSTER, 5, 0, 0);
        double[] r = new double[20000];
        for (int i = 0; i < r.length; i++) {
            r[i] = c.radiusAt(s.uniform());
        }
        Arrays.sort(r);
        assertEquals(0.1, r[r.length / 2], 0.003);
        assertTrue(r[r.length - 1] <= c.tidalDeg() + 1e-12);
        assertEquals(-0.06 * (10 - 8.2), MockCluster.gradientFeh(10), 1e-12);
        assertEquals(-0.06 * 3.3 - 0.015 * 2, MockCluster.gradientFeh(13.5), 1e-12);
    }

    @Test
    void binaryOrbitSwingsByTwiceKAndAveragesToZero() {
        BinaryOrbit o = new BinaryOrbit(10.0, 0.6, 1.1, 58000.0, 25.0, 1.0, 0.5, 1.0);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double mean = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double v = o.radialVelocity(58000.0 + 10.0 * i / n);
            min = Math.min(min, v);
            max = Math.max(max, v);
            mean += v / n;
        }
        assertEquals(50.0, max - min, 0.01);
        assertEquals(0.0, mean, 1e-3);
        // K from the masses: 1 + 0.5 Msun, edge-on, 10 days, circular
        MockRandom.Stream s = new MockRandom(3).stream().at(MockRandom.Domain.MEMBER, 1, 0, 0);
        BinaryOrbit d = BinaryOrbit.draw(1.0, 58000, s);
        double k = BinaryOrbit.K_CONSTANT * d.secondaryMass() * Math.sin(d.inclinationRad())
                / (Math.pow(d.primaryMass() + d.secondaryMass(), 2.0 / 3) * Math.cbrt(d.periodDays())
                * Math.sqrt(1 - d.eccentricity() * d.eccentricity()));
        assertEquals(k, d.semiAmplitude(), 1e-12);
    }

    @Test
    void skyOffsetsRoundTrip() {
        double[] p = new double[2];
        SkyOffsets.offset(359.9, 45, 1.5, 60, p);
        assertEquals(1.5, SkyOffsets.distance(359.9, 45, p[0], p[1]), 1e-9);
        double[] t = new double[2];
        SkyOffsets.project(359.9, 45, p[0], p[1], t);
        assertEquals(Math.tan(Math.toRadians(1.5)) * 180 / Math.PI, Math.hypot(t[0], t[1]), 1e-9);
        assertEquals(60, Math.toDegrees(Math.atan2(t[0], t[1])), 1e-9);
        assertEquals(0.0, SkyOffsets.wrap(-1e-17), 0.0);
    }
}
