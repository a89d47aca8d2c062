package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ocengine.compute.CpuBackend;
import org.ocengine.compute.GroupStatistics;
import org.ocengine.compute.GroupedSamples;
import org.ocengine.compute.MonteCarloSpec;

/**
 * The GPU grouped Monte-Carlo, its kernels run on the CPU, against the CPU backend: the same
 * statistics to the bit for any group sizes and draw counts (the pilot launch alone, medians from
 * the window and from the exact fallback, empty groups), in chunks of groups when memory is short.
 */
class EmulatedMonteCarloTest {

    private CpuBackend cpu;

    @BeforeEach
    void open() {
        cpu = new CpuBackend(2);
    }

    @AfterEach
    void close() {
        cpu.close();
    }

    private static void assertIdentical(GroupStatistics expected, GroupStatistics got) {
        assertArrayEquals(expected.mean(), got.mean(), 0.0, "mean");
        assertArrayEquals(expected.meanStd(), got.meanStd(), 0.0, "meanStd");
        assertArrayEquals(expected.median(), got.median(), 0.0, "median");
        assertArrayEquals(expected.medianStd(), got.medianStd(), 0.0, "medianStd");
        assertArrayEquals(expected.dispersion(), got.dispersion(), 0.0, "dispersion");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 16, 17, 18, 61, 500})
    void anyNumberOfDraws(int draws) {
        GroupedSamples s = ParityInputs.samples(new SplittableRandom(draws), 25, 0, 45);
        MonteCarloSpec spec = new MonteCarloSpec(77 + draws, 1, draws);
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(64L << 20), null, note -> { })) {
            assertIdentical(cpu.groupedMonteCarlo(s, spec), gpu.groupedMonteCarlo(s, spec));
        }
    }

    @Test
    void largeGroupsOverflowTheMedianWindow() {
        GroupedSamples s = ParityInputs.samples(new SplittableRandom(5), 3, 600, 1200);
        MonteCarloSpec spec = new MonteCarloSpec(5, 0, 240);
        EmulatedDevice device = new EmulatedDevice(64L << 20);
        try (CudaBackend gpu = new CudaBackend(device, null, note -> { })) {
            assertIdentical(cpu.groupedMonteCarlo(s, spec), gpu.groupedMonteCarlo(s, spec));
            assertEquals(2, device.launches("oc_mc_draws"), "the pilot launch, then the rest");
        }
    }

    @Test
    void identicalValuesAndZeroErrors() {
        int[] offsets = {0, 1, 3, 7, 12};
        long[] keys = {1, 2, 3, 4};
        double[] values = new double[12];
        double[] errors = new double[12];
        int[] ordinals = new int[12];
        Arrays.fill(values, 4.25);
        for (int i = 7; i < 12; i++) {
            errors[i] = i % 2 == 0 ? 0.0 : 1.5;
            ordinals[i] = i;
        }
        GroupedSamples s = new GroupedSamples(values, errors, ordinals, offsets, keys);
        MonteCarloSpec spec = new MonteCarloSpec(9, 2, 100);
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(16L << 20), null, note -> { })) {
            GroupStatistics got = gpu.groupedMonteCarlo(s, spec);
            assertIdentical(cpu.groupedMonteCarlo(s, spec), got);
            assertEquals(4.25, got.median()[1], 0.0);
            assertEquals(0.0, got.dispersion()[2], 0.0);
        }
    }

    @Test
    void chunksOfGroupsWhenMemoryIsShort() {
        GroupedSamples s = ParityInputs.samples(new SplittableRandom(6), 40, 1, 30);
        MonteCarloSpec spec = new MonteCarloSpec(6, 0, 300);
        EmulatedDevice device = new EmulatedDevice(150_000);
        try (CudaBackend gpu = new CudaBackend(device, null, note -> { })) {
            assertIdentical(cpu.groupedMonteCarlo(s, spec), gpu.groupedMonteCarlo(s, spec));
            assertTrue(device.launches("oc_mc_reduce") >= 4, "chunks: " + device.launches("oc_mc_reduce"));
        }
    }

    @Test
    void everyMemoryShortageEitherRunsOrFailsWithoutLeaking() {
        GroupedSamples s = ParityInputs.samples(new SplittableRandom(8), 20, 1, 40);
        MonteCarloSpec spec = new MonteCarloSpec(8, 0, 150);
        GroupStatistics expected = cpu.groupedMonteCarlo(s, spec);
        EmulatedDevice device = new EmulatedDevice(64L << 20);
        int ran = 0;
        int failed = 0;
        try (CudaBackend gpu = new CudaBackend(device, null, note -> { })) {
            long tables = device.allocatedBytes();
            for (long cap = 2_000; cap < 400_000; cap = cap * 4 / 3) {
                device.capMemory(cap);
                try {
                    assertIdentical(expected, gpu.groupedMonteCarlo(s, spec));
                    ran++;
                } catch (IllegalStateException e) {
                    assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("memory"), e.getMessage());
                    failed++;
                }
                device.capMemory(Long.MAX_VALUE);
                assertEquals(tables, device.allocatedBytes(), "device memory left allocated with a cap of " + cap + " bytes");
            }
        }
        assertTrue(ran > 3 && failed > 3, ran + " ran, " + failed + " out of memory");
    }

    @Test
    void noGroupsAndTooLittleMemory() {
        GroupedSamples none = new GroupedSamples(new double[0], new double[0], new int[0], new int[] {0}, new long[0]);
        GroupedSamples big = ParityInputs.samples(new SplittableRandom(7), 2, 50, 50);
        MonteCarloSpec spec = new MonteCarloSpec(1, 0, 5000);
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(60_000), null, note -> { })) {
            assertEquals(0, gpu.groupedMonteCarlo(none, spec).groupCount());
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> gpu.groupedMonteCarlo(big, spec));
            assertTrue(e.getMessage().startsWith("CUDA grouped Monte-Carlo failed: "), e.getMessage());
        }
    }
}
