package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ocengine.compute.CpuBackend;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.SkyPositions;

/**
 * The GPU sky match, its kernels run on the CPU, against the CPU backend: identical pairs and
 * separations at any radius, across RA 0/360 and the poles, when B is cut into declination bands, A
 * into chunks and pairs into runs; the same errors for bad declinations; and the fallback to the CPU.
 */
class EmulatedSkyMatchTest {

    private RootAllocator allocator;
    private CpuBackend cpu;
    private final List<Float8Vector> vectors = new ArrayList<>();

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        cpu = new CpuBackend(2);
    }

    @AfterEach
    void close() {
        vectors.forEach(Float8Vector::close);
        cpu.close();
        allocator.close();
    }

    private SkyPositions positions(long seed, int n, double radius, ParityInputs.Sky sky) {
        Float8Vector[] v = ParityInputs.positions(allocator, new SplittableRandom(seed), n, radius, sky);
        vectors.add(v[0]);
        vectors.add(v[1]);
        return new SkyPositions(v[0], v[1]);
    }

    private SkyPositions positions(double[] ra, double[] dec) {
        Float8Vector r = new Float8Vector("ra", allocator);
        Float8Vector d = new Float8Vector("dec", allocator);
        vectors.add(r);
        vectors.add(d);
        r.allocateNew(ra.length);
        d.allocateNew(dec.length);
        for (int i = 0; i < ra.length; i++) {
            r.set(i, ra[i]);
            d.set(i, dec[i]);
        }
        r.setValueCount(ra.length);
        d.setValueCount(dec.length);
        return new SkyPositions(r, d);
    }

    private static void assertSamePairs(MatchPairs expected, MatchPairs got) {
        assertNull(ParityCheck.difference(expected, got));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.7, 3.5, 60.0, 3600.0, 40000.0, 648000.0})
    void hardCasesAtAnyRadius(double radius) {
        int n = radius > 10000 ? 120 : 600;
        SkyPositions a = positions(1, n, radius, ParityInputs.Sky.HARD);
        SkyPositions b = positions(2, n + 77, radius, ParityInputs.Sky.HARD);
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(64L << 20), null, note -> { })) {
            MatchPairs expected = cpu.skyMatch(a, b, radius);
            assertTrue(expected.size() > (radius == 0 ? 10 : 100), "pairs: " + expected.size());
            assertSamePairs(expected, gpu.skyMatch(a, b, radius));
            assertSamePairs(cpu.skyMatch(b, b, radius), gpu.skyMatch(b, b, radius));
        }
    }

    @Test
    void bandsChunksAndRunsWhenMemoryIsShort() {
        SkyPositions a = positions(3, 3000, 30, ParityInputs.Sky.HARD);
        SkyPositions b = positions(4, 5000, 30, ParityInputs.Sky.HARD);
        EmulatedDevice device = new EmulatedDevice(300_000);
        try (CudaBackend gpu = new CudaBackend(device, null, note -> { })) {
            assertSamePairs(cpu.skyMatch(a, b, 30), gpu.skyMatch(a, b, 30));
            int bands = device.launches("oc_sky_gather");
            assertEquals(1, device.launches("oc_sky_zone_histogram") > 0 ? 1 : 0, "B was cut into bands from a zone histogram");
            assertTrue(bands >= 3, "bands: " + bands);
            assertTrue(device.launches("oc_sky_count") > bands, "A chunks per band: " + device.launches("oc_sky_count"));
            assertTrue(device.launches("oc_sky_band_count") > device.launches("oc_sky_zone_histogram"), "upload chunks per band");
        }
    }

    @Test
    void pairsAreCopiedBackInRunsOfRows() {
        SkyPositions a = positions(5, 800, 7200, ParityInputs.Sky.HARD);
        SkyPositions b = positions(6, 800, 7200, ParityInputs.Sky.HARD);
        EmulatedDevice device = new EmulatedDevice(4 << 20);
        try (CudaBackend gpu = new CudaBackend(device, null, note -> { })) {
            MatchPairs expected = cpu.skyMatch(a, b, 7200);
            assertTrue(expected.size() > 10_000, "pairs: " + expected.size());
            device.capMemory(130_000);
            assertSamePairs(expected, gpu.skyMatch(a, b, 7200));
            assertTrue(device.launches("oc_sky_write") > device.launches("oc_sky_count"),
                    "write runs " + device.launches("oc_sky_write") + " for " + device.launches("oc_sky_count") + " counts");
        }
    }

    @Test
    void everyMemoryShortageEitherMatchesOrFailsWithoutLeaking() {
        SkyPositions a = positions(12, 1500, 7200, ParityInputs.Sky.HARD);
        SkyPositions b = positions(13, 1500, 7200, ParityInputs.Sky.HARD);
        MatchPairs expected = cpu.skyMatch(a, b, 7200);
        EmulatedDevice device = new EmulatedDevice(64L << 20);
        int matched = 0;
        int failed = 0;
        try (CudaBackend gpu = new CudaBackend(device, null, note -> { })) {
            long tables = device.allocatedBytes();
            for (long cap = 20_000; cap < 1_000_000; cap = cap * 5 / 4) {
                device.capMemory(cap);
                try {
                    assertSamePairs(expected, gpu.skyMatch(a, b, 7200));
                    matched++;
                } catch (IllegalStateException e) {
                    assertTrue(e.getMessage().startsWith("CUDA sky match failed: ") && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("memory"), e.getMessage());
                    failed++;
                }
                device.capMemory(Long.MAX_VALUE);
                assertEquals(tables, device.allocatedBytes(), "device memory left allocated with a cap of " + cap + " bytes");
            }
        }
        assertTrue(matched > 3 && failed > 3, matched + " matched, " + failed + " out of memory");
    }

    @Test
    void fieldAcrossRaZeroWithManyCandidates() {
        SkyPositions a = positions(7, 4000, 300, ParityInputs.Sky.FIELD);
        SkyPositions b = positions(8, 6000, 300, ParityInputs.Sky.FIELD);
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(64L << 20), null, note -> { })) {
            assertSamePairs(cpu.skyMatch(a, b, 300), gpu.skyMatch(a, b, 300));
        }
    }

    @Test
    void emptyAndPositionlessInputs() {
        SkyPositions none = positions(new double[0], new double[0]);
        SkyPositions some = positions(9, 200, 3.5, ParityInputs.Sky.HARD);
        SkyPositions nan = positions(new double[] {Double.NaN, 1.0, Double.POSITIVE_INFINITY}, new double[] {1.0, Double.NaN, 2.0});
        SkyPositions badA = positions(new double[] {10, 20}, new double[] {0, 95});
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(16L << 20), null, note -> { })) {
            assertEquals(0, gpu.skyMatch(none, some, 3.5).size());
            assertEquals(0, gpu.skyMatch(some, none, 3.5).size());
            assertEquals(0, gpu.skyMatch(nan, nan, 3.5).size());
            // as on the CPU, A's declinations are not looked at when B has no positions
            assertEquals(cpu.skyMatch(badA, nan, 3.5).size(), gpu.skyMatch(badA, nan, 3.5).size());
        }
    }

    @Test
    void badDeclinationsFailWithTheCpuMessage() {
        SkyPositions good = positions(new double[] {10, 20, 30}, new double[] {0, 1, 2});
        SkyPositions badB = positions(new double[] {10, 20, 30, 40}, new double[] {0, 1, -90.5, 91});
        SkyPositions badA = positions(new double[] {10, 20, 30}, new double[] {0, 1e6, Double.NaN});
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(16L << 20), null, note -> { })) {
            for (SkyPositions[] pair : new SkyPositions[][] {{good, badB}, {badA, good}, {badA, badB}}) {
                Throwable expected = assertThrows(IllegalArgumentException.class, () -> cpu.skyMatch(pair[0], pair[1], 3.5));
                // the CPU backend's pool rethrows a copy whose message is the original's toString(): compare with the original
                while (expected.getCause() instanceof IllegalArgumentException) {
                    expected = expected.getCause();
                }
                String got = assertThrows(IllegalArgumentException.class, () -> gpu.skyMatch(pair[0], pair[1], 3.5)).getMessage();
                assertEquals(expected.getMessage(), got);
            }
        }
    }

    @Test
    void deviceFailureFallsBackToTheCpuWithOneNote() {
        SkyPositions a = positions(10, 500, 3.5, ParityInputs.Sky.HARD);
        SkyPositions b = positions(11, 500, 3.5, ParityInputs.Sky.HARD);
        List<String> notes = new ArrayList<>();
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(8_000), () -> new CpuBackend(1), notes::add)) {
            assertSamePairs(cpu.skyMatch(a, b, 3.5), gpu.skyMatch(a, b, 3.5));
            assertSamePairs(cpu.skyMatch(b, a, 3.5), gpu.skyMatch(b, a, 3.5));
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).startsWith("device auto: the sky match and everything after it runs on the CPU ("), notes.get(0));
            assertTrue(notes.get(0).contains("OUT_OF_MEMORY") || notes.get(0).contains("memory"), notes.get(0));
            assertTrue(gpu.description().startsWith("CPU after a CUDA failure"), gpu.description());
        }
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(8_000), null, notes::add)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> gpu.skyMatch(a, b, 3.5));
            assertTrue(e.getMessage().startsWith("CUDA sky match failed: "), e.getMessage());
        }
    }
}
