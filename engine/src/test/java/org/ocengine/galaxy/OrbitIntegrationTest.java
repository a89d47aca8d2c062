package org.ocengine.galaxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.CpuBackend;
import org.ocengine.compute.OrbitIntegrator;
import org.ocengine.compute.OrbitSpec;
import org.ocengine.compute.OrbitSummaries;
import org.ocengine.compute.PhaseSpace;

/** The batched integrators: invariants, order, agreement with each other, determinism, bad starts. */
class OrbitIntegrationTest {

    private static final double[] SNAPSHOTS = {0, -100, -200, -300, -400, -500};

    /** Twelve of the real clusters of the galpy fixture, plus an eccentric inner-disc orbit and a halo-like one. */
    static PhaseSpace starts() {
        ReferenceCsv c = ReferenceCsv.load("orbits-galpy.csv");
        GalacticFrames frames = GalacticFrames.defaults();
        int n = 14;
        double[] v = new double[6 * n];
        double[] xv = new double[6];
        for (int i = 0; i < 12; i++) {
            int row = i * 8;
            frames.icrsToGalactocentric(c.col("ra")[row], c.col("dec")[row], c.col("distance_kpc")[row], c.col("pmra")[row],
                    c.col("pmdec")[row], c.col("rv")[row], xv);
            System.arraycopy(xv, 0, v, 6 * i, 6);
        }
        System.arraycopy(new double[] {-4.0, 0.5, 0.3, 80, -150, 40}, 0, v, 6 * 12, 6);
        System.arraycopy(new double[] {-8.0, 2.0, 5.0, -150, 60, 180}, 0, v, 6 * 13, 6);
        return new PhaseSpace(v);
    }

    private static OrbitSummaries run(ComputeBackend b, Potential p, PhaseSpace s, OrbitIntegrator i, double step) {
        return b.integrateOrbits(p, s, new OrbitSpec(i, -500, step, OrbitSpec.DEFAULT_TOLERANCE, SNAPSHOTS));
    }

    /**
     * The issue: energy to better than 1e-8 relative over 500 Myr at the default step, L_z to round-off, for
     * the clusters and the eccentric inner-disc orbit. (The halo orbit through the bulge, whose dynamical times
     * fall below a Myr, keeps 1.2e-7 in McMillan17 at this step; DOP853, the default for orbit products, adapts.)
     */
    @Test
    void symplecticConservesEnergyAndAngularMomentum() {
        PhaseSpace s = new PhaseSpace(java.util.Arrays.copyOf(starts().values(), 6 * 13));
        try (CpuBackend b = new CpuBackend(2)) {
            for (Potential p : List.of(McMillan17.standard(), MWPotential2014.create())) {
                OrbitSummaries o = run(b, p, s, OrbitIntegrator.SYMPLECTIC4, OrbitSpec.DEFAULT_STEP_MYR);
                for (int i = 0; i < s.size(); i++) {
                    assertNull(o.failure()[i]);
                    assertTrue(o.energyDrift()[i] < 1e-8, p.name() + " orbit " + i + ": relative energy change " + o.energyDrift()[i]);
                    double lz = s.values()[6 * i + 1] * s.values()[6 * i + 3] - s.values()[6 * i] * s.values()[6 * i + 4];
                    assertTrue(o.lzChange()[i] < 1e-12 * Math.abs(lz) + 1e-13, p.name() + " orbit " + i + ": L_z change " + o.lzChange()[i]);
                    assertEquals(5000, o.steps()[i]);
                }
            }
        }
    }

    /** Halving the step divides the energy error by 4 (leapfrog) and 16 (the fourth-order scheme), on a disc orbit. */
    @Test
    void convergenceOrders() {
        PhaseSpace one = new PhaseSpace(new double[] {-9.0, 1.0, 0.05, 20, -230, 10});
        Potential p = MWPotential2014.create();
        try (CpuBackend b = new CpuBackend(1)) {
            for (OrbitIntegrator i : List.of(OrbitIntegrator.LEAPFROG, OrbitIntegrator.SYMPLECTIC4)) {
                double coarse = run(b, p, one, i, 2.0).energyDrift()[0];
                double fine = run(b, p, one, i, 1.0).energyDrift()[0];
                double order = Math.log(coarse / fine) / Math.log(2);
                assertEquals(i == OrbitIntegrator.LEAPFROG ? 2 : 4, order, 0.3, i + ": errors " + coarse + ", " + fine);
            }
        }
    }

    /** The products do not depend on the integrator (beyond its accuracy) nor on the thread count. */
    @Test
    void integratorsAgreeAndThreadsDoNotMatter() {
        PhaseSpace s = starts();
        Potential p = McMillan17.standard();
        try (CpuBackend one = new CpuBackend(1); CpuBackend two = new CpuBackend(2)) {
            OrbitSummaries dop = run(two, p, s, OrbitIntegrator.DOP853, 0.1);
            OrbitSummaries sym = run(one, p, s, OrbitIntegrator.SYMPLECTIC4, OrbitSpec.DEFAULT_STEP_MYR);
            OrbitSummaries leap = run(two, p, s, OrbitIntegrator.LEAPFROG, 0.01);
            for (int i = 0; i < s.size(); i++) {
                assertEquals(sym.rPeri()[i], dop.rPeri()[i], 1e-6 * sym.rPeri()[i], "r_peri " + i);
                assertEquals(sym.rApo()[i], dop.rApo()[i], 1e-6 * sym.rApo()[i], "r_apo " + i);
                assertEquals(sym.zMax()[i], dop.zMax()[i], 1e-6 * sym.zMax()[i] + 1e-9, "z_max " + i);
                assertEquals(sym.rApo()[i], leap.rApo()[i], 1e-4 * sym.rApo()[i], "r_apo leapfrog " + i);
                for (int k = 0; k < SNAPSHOTS.length; k++) {
                    assertEquals(sym.snapshotR()[i * 6 + k], dop.snapshotR()[i * 6 + k], 1e-5, "R snapshot " + i + "," + k);
                    assertEquals(sym.snapshotZ()[i * 6 + k], dop.snapshotZ()[i * 6 + k], 1e-5, "z snapshot " + i + "," + k);
                }
                assertEquals(Math.hypot(s.values()[6 * i], s.values()[6 * i + 1]), dop.snapshotR()[i * 6], 1e-12, "snapshot at 0");
            }
            OrbitSummaries dop1 = run(one, p, s, OrbitIntegrator.DOP853, 0.1);
            assertArrayEquals(dop.rPeri(), dop1.rPeri());
            assertArrayEquals(dop.snapshotZ(), dop1.snapshotZ());
        }
    }

    /** A circular orbit in the plane stays at its radius. */
    @Test
    void circularOrbitKeepsItsRadius() {
        Potential p = McMillan17.standard();
        double vc = p.circularSpeed(8.0);
        try (CpuBackend b = new CpuBackend(1)) {
            OrbitSummaries o = run(b, p, new PhaseSpace(new double[] {-8.0, 0, 0, 0, vc, 0}), OrbitIntegrator.DOP853, 0.1);
            assertEquals(8.0, o.rPeri()[0], 1e-7);
            assertEquals(8.0, o.rApo()[0], 1e-7);
            assertEquals(0.0, o.zMax()[0], 0.0);
        }
    }

    /** A start that is not a number gives a failure message and NaN products, not an exception. */
    @Test
    void badStartFailsAlone() {
        double[] v = java.util.Arrays.copyOf(starts().values(), 12);
        v[6 + 3] = Double.NaN;
        try (CpuBackend b = new CpuBackend(1)) {
            for (OrbitIntegrator i : OrbitIntegrator.values()) {
                OrbitSummaries o = run(b, MWPotential2014.create(), new PhaseSpace(v), i, 1.0);
                assertNull(o.failure()[0]);
                assertTrue(Double.isFinite(o.rPeri()[0]));
                assertNotNull(o.failure()[1], i.label());
                assertTrue(Double.isNaN(o.rPeri()[1]) && Double.isNaN(o.snapshotR()[6]), i.label());
            }
        }
    }
}
