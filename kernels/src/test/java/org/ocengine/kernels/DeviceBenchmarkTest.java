package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.CpuBackend;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.SkyPositions;

/** The device benchmark's recipe at a tiny size, its kernels run on the CPU. */
class DeviceBenchmarkTest {

    private static final DeviceBenchmark.Hardware HARDWARE = new DeviceBenchmark.Hardware("test", 132, 1.98e9,
            new DeviceBenchmark.Bandwidth(10e9, 25e9, 25e9, 3e12));

    @Test
    @SuppressWarnings("unchecked")
    void runsBothBackendsAndComputesFloors() {
        List<String> progress = new ArrayList<>();
        Map<String, Object> result;
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(64L << 20), null, note -> { }); CpuBackend cpu = new CpuBackend(2)) {
            result = DeviceBenchmark.run(gpu, cpu, new DeviceBenchmark.Sizes(3000, 20000, 3.5, 12, 20, 101, 2, 1), HARDWARE, 3, progress::add);
        }
        Map<String, Object> sky = (Map<String, Object>) result.get("sky_match");
        assertEquals(true, sky.get("identical_to_cpu"), String.valueOf(sky.get("difference")));
        long pairs = (Long) sky.get("pairs");
        assertTrue(pairs >= 2500 && pairs < 3200, "about 90% of A has its source: " + pairs);
        assertEquals(2, ((double[]) sky.get("gpu_seconds")).length);
        double floor = (Double) sky.get("floor_transfer_pinned_s");
        assertEquals(16.0 * 23000 / 25e9 + (4.0 * 3000 + 12.0 * pairs) / 25e9, floor, 1e-15);
        Map<String, Object> mc = (Map<String, Object>) result.get("monte_carlo");
        assertEquals(0.0, (Double) mc.get("largest_relative_difference_vs_cpu"));
        assertEquals(240L * 26, mc.get("philox_blocks"));
        assertEquals(240.0 * 26 * 10 * 16 / (132 * 64 * 1.98e9), (Double) mc.get("floor_compute_s"), 1e-18);
        assertEquals(5, progress.size(), progress.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void ensembleMcmcAgainstTheCpuWithItsFloors() {
        List<String> progress = new ArrayList<>();
        Map<String, Object> fit;
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(64L << 20), null, note -> { }); CpuBackend cpu = new CpuBackend(2)) {
            fit = DeviceBenchmark.ensembleFits(gpu, cpu, new DeviceBenchmark.FitSizes(5, 16, 250, 30, 3, 1), HARDWARE, 4, progress::add);
        }
        assertEquals(true, fit.get("identical_to_cpu"), String.valueOf(fit.get("difference")));
        assertEquals(3, fit.get("cpu_fits"));
        assertEquals(50L, fit.get("discard"));
        double walkerSteps = 5.0 * 16 * 250;
        assertEquals(walkerSteps * 10 * 16 / (132 * 64 * 1.98e9), (Double) fit.get("floor_integer_s"), 1e-18);
        assertEquals(walkerSteps * 80 / (132 * 64 * 1.98e9), (Double) fit.get("floor_fp64_s"), 1e-18);
        assertEquals(3 * 8.0 * 3 * 16 * 200 * 5 / 3e12, (Double) fit.get("floor_device_memory_s"), 1e-18);
        assertEquals(2, progress.size(), progress.toString());
    }

    @Test
    void orbitsAgainstTheCpuWithTheirFloor() {
        List<String> progress = new ArrayList<>();
        Map<String, Object> orbits;
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(64L << 20), null, note -> { }); CpuBackend cpu = new CpuBackend(2)) {
            orbits = DeviceBenchmark.orbits(gpu, cpu, new DeviceBenchmark.OrbitSizes(12, 120, 1.0,
                    org.ocengine.compute.OrbitIntegrator.LEAPFROG, 5, 1), HARDWARE, 2, progress::add);
        }
        assertEquals(true, orbits.get("agree_with_cpu"), String.valueOf(orbits.get("difference")));
        assertEquals(12 * 121.0, (Double) orbits.get("force_evaluations"), "one evaluation per leapfrog step, plus the first");
        assertEquals(12 * 121.0 * 1600 / (132 * 64 * 1.98e9), (Double) orbits.get("floor_fp64_s"), 1e-18);
        assertEquals(2, progress.size(), progress.toString());
    }

    @Test
    void theMockSurveyIsReproducibleAndMostlyMatched() {
        try (RootAllocator allocator = new RootAllocator(); CpuBackend one = new CpuBackend(1)) {
            Float8Vector[] v = DeviceBenchmark.survey(allocator, 5000, 3_000_000, 9);
            try (Float8Vector aRa = v[0]; Float8Vector aDec = v[1]; Float8Vector bRa = v[2]; Float8Vector bDec = v[3]) {
                Float8Vector[] w = DeviceBenchmark.survey(allocator, 5000, 3_000_000, 9);
                try (Float8Vector aRa2 = w[0]; Float8Vector aDec2 = w[1]; Float8Vector bRa2 = w[2]; Float8Vector bDec2 = w[3]) {
                    for (int i = 0; i < 3_000_000; i += 997) {
                        assertEquals(bRa.get(i), bRa2.get(i), 0.0);
                        assertEquals(bDec.get(i), bDec2.get(i), 0.0);
                    }
                    for (int i = 0; i < 5000; i++) {
                        assertEquals(aRa.get(i), aRa2.get(i), 0.0);
                        assertEquals(aDec.get(i), aDec2.get(i), 0.0);
                        assertTrue(aDec.get(i) >= -10.01 && aDec.get(i) <= 60.01);
                    }
                    MatchPairs p = one.skyMatch(new SkyPositions(aRa, aDec), new SkyPositions(bRa, bDec), 3.5);
                    assertTrue(p.size() > 4400, "pairs: " + p.size());
                }
            }
        }
    }
}
