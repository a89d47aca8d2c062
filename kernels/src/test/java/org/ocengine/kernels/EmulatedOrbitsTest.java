package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.CpuBackend;
import org.ocengine.compute.GravityField;
import org.ocengine.compute.OrbitIntegrator;
import org.ocengine.compute.OrbitSpec;
import org.ocengine.compute.OrbitSummaries;
import org.ocengine.compute.PhaseSpace;
import org.ocengine.galaxy.MWPotential2014;
import org.ocengine.galaxy.McMillan17;
import org.ocengine.galaxy.Potential;

/**
 * The GPU orbit integration, its kernels run on the CPU, against the CPU backend: the fields of
 * MWPotential2014 and McMillan17 (inside and outside the multipole grid, at the centre and in the
 * plane) to 1e-12 relative, and orbits with both symplectic schemes and DOP853, forwards and back,
 * with snapshots, to the bar (energy 1e-9 relative, peri/apo/Z_max and snapshots 1e-6; over
 * these short integrations they agree far better); DOP853 with the same step control as far as it
 * was ported (most orbits take exactly the CPU's number of steps, the rest a step or two more or fewer: the
 * cause was not found, see bench/gpu/NOTES.md), its total steps within 2% of the CPU's;
 * the CPU's failure for a non-finite start; unknown fields left to the CPU reference.
 */
class EmulatedOrbitsTest {

    private CpuBackend cpu;

    @BeforeEach
    void open() {
        cpu = new CpuBackend(2);
    }

    @AfterEach
    void close() {
        cpu.close();
    }

    @Test
    void fieldsMatchJava() {
        SplittableRandom rng = new SplittableRandom(6);
        int n = 400;
        double[] cylR = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            cylR[i] = i % 7 == 0 ? 0 : Math.pow(10, rng.nextDouble(-5, 3.5));
            z[i] = i % 5 == 0 ? 0 : (rng.nextBoolean() ? 1 : -1) * Math.pow(10, rng.nextDouble(-5, 3.5));
        }
        for (Potential p : new Potential[] {MWPotential2014.create(), McMillan17.standard()}) {
            try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(64L << 20), null, note -> { })) {
                double[] got = new GpuOrbits(gpu.kernels()).field(p, cylR, z);
                double[] f = new double[2];
                for (int i = 0; i < n; i++) {
                    double phi = p.potential(cylR[i], z[i]);
                    p.forces(cylR[i], z[i], f);
                    String where = p.name() + " at R " + cylR[i] + ", z " + z[i];
                    assertEquals(phi, got[3 * i], 1e-12 * Math.abs(phi), where + ": potential");
                    double scale = Math.hypot(f[0], f[1]);
                    assertEquals(f[0], got[3 * i + 1], 1e-12 * scale, where + ": F_R");
                    assertEquals(f[1], got[3 * i + 2], 1e-12 * scale, where + ": F_z");
                }
            }
        }
    }

    static void assertAgree(OrbitSummaries expected, OrbitSummaries got) {
        assertEquals(expected.forceEvaluations(), got.forceEvaluations(), "force evaluations");
        assertAgreeButEvaluations(expected, got);
    }

    static void assertAgreeButEvaluations(OrbitSummaries expected, OrbitSummaries got) {
        assertAgreeButEvaluations(expected, got, 0);
    }

    /** @param stepSlack steps an orbit may take more or fewer than on the CPU */
    static void assertAgreeButEvaluations(OrbitSummaries expected, OrbitSummaries got, int stepSlack) {
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) {
            String o = "orbit " + i;
            assertEquals(expected.failure()[i], got.failure()[i], o);
            assertEquals(expected.steps()[i], got.steps()[i], stepSlack, o + " steps");
            relative(expected.energy()[i], got.energy()[i], 1e-9, o + " energy");
            relative(expected.rPeri()[i], got.rPeri()[i], 1e-6, o + " pericentre");
            relative(expected.rApo()[i], got.rApo()[i], 1e-6, o + " apocentre");
            relative(expected.zMax()[i], got.zMax()[i], 1e-6, o + " Z_max");
            double drift = expected.energyDrift()[i];
            assertEquals(drift, got.energyDrift()[i], Double.isNaN(drift) ? 0 : 1e-10 + 1e-3 * drift, o + " energy drift");
            for (int k = 0; k < expected.snapshots(); k++) {
                int s = i * expected.snapshots() + k;
                relative(expected.snapshotR()[s], got.snapshotR()[s], 1e-6, o + " snapshot R " + k);
                assertEquals(expected.snapshotZ()[s], got.snapshotZ()[s], Double.isNaN(expected.snapshotZ()[s]) ? 0 : 1e-6,
                        o + " snapshot z " + k);
            }
        }
    }

    private static void relative(double expected, double got, double tolerance, String what) {
        assertEquals(expected, got, Double.isNaN(expected) ? 0 : tolerance * Math.abs(expected), what);
    }

    @Test
    void orbitsAgreeWithTheCpu() {
        double[] starts = ParityInputs.orbits(new SplittableRandom(4), 24);
        starts[6 * 7 + 4] = Double.NaN;
        PhaseSpace ps = new PhaseSpace(starts);
        Object[][] cases = {
            {MWPotential2014.create(), new OrbitSpec(OrbitIntegrator.LEAPFROG, 100, 0.3, 1e-10, new double[] {0, 40, 100})},
            {McMillan17.standard(), new OrbitSpec(OrbitIntegrator.SYMPLECTIC4, -80, 0.5, 1e-10, new double[] {-80, -10.25, 0})},
        };
        for (Object[] c : cases) {
            GravityField field = (GravityField) c[0];
            OrbitSpec spec = (OrbitSpec) c[1];
            OrbitSummaries expected = cpu.integrateOrbits(field, ps, spec);
            EmulatedDevice device = new EmulatedDevice(64L << 20);
            try (CudaBackend gpu = new CudaBackend(device, null, note -> { })) {
                assertAgree(expected, gpu.integrateOrbits(field, ps, spec));
                assertEquals(1, device.launches("oc_orbit_integrate"));
            }
            assertTrue(expected.failure()[7] != null);
            assertNull(expected.failure()[5]);
        }
    }

    @Test
    void dop853AgreesWithTheCpu() {
        double[] starts = ParityInputs.orbits(new SplittableRandom(9), 12);
        starts[6 * 3] = Double.POSITIVE_INFINITY;
        PhaseSpace ps = new PhaseSpace(starts);
        for (double duration : new double[] {-150, 60}) {
            OrbitSpec dop = new OrbitSpec(OrbitIntegrator.DOP853, duration, 0.1, OrbitSpec.DEFAULT_TOLERANCE,
                    new double[] {0, duration / 7, duration});
            OrbitSummaries expected = cpu.integrateOrbits(McMillan17.standard(), ps, dop);
            OrbitSummaries got;
            try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(64L << 20), null, note -> { })) {
                got = gpu.integrateOrbits(McMillan17.standard(), ps, dop);
            }
            assertAgreeButEvaluations(expected, got, 5);
            long steps = 0;
            long cpuSteps = 0;
            int sameSteps = 0;
            for (int i = 0; i < got.size(); i++) {
                steps += got.steps()[i];
                cpuSteps += expected.steps()[i];
                sameSteps += got.steps()[i] == expected.steps()[i] ? 1 : 0;
            }
            System.out.printf("DOP853 %s Myr: %d of %d orbits in the CPU's number of steps (%d steps on the device, %d on the CPU)%n", duration,
                    sameSteps, got.size(), steps, cpuSteps);
            assertTrue(steps > 12 * 10, "adaptive steps: " + steps);
            assertTrue(sameSteps >= got.size() / 2, "the same step control: " + sameSteps + " of " + got.size() + " orbits in the CPU's steps");
            assertEquals(cpuSteps, steps, 0.02 * cpuSteps, "total steps");
        }
    }

    @Test
    void otherFieldsRunOnTheCpu() {
        PhaseSpace ps = new PhaseSpace(ParityInputs.orbits(new SplittableRandom(1), 3));
        GravityField kepler = new GravityField() {
            @Override
            public double potential(double cylR, double z) {
                return -1e6 / Math.hypot(cylR, z);
            }

            @Override
            public void forces(double cylR, double z, double[] out) {
                double r = Math.hypot(cylR, z);
                out[0] = -1e6 * cylR / (r * r * r);
                out[1] = -1e6 * z / (r * r * r);
            }
        };
        OrbitSpec leap = new OrbitSpec(OrbitIntegrator.LEAPFROG, 20, 0.5, 1e-8, new double[0]);
        EmulatedDevice device = new EmulatedDevice(64L << 20);
        try (CudaBackend gpu = new CudaBackend(device, null, note -> { })) {
            assertAgree(cpu.integrateOrbits(kepler, ps, leap), gpu.integrateOrbits(kepler, ps, leap));
            assertEquals(0, device.launches("oc_orbit_integrate"));
        }
        assertTrue(!GpuOrbits.supports(kepler) && GpuOrbits.supports(MWPotential2014.create()));
    }
}
