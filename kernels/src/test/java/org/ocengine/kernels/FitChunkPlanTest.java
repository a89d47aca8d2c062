package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The device memory plan of the GPU ensemble sampler and its launch shape. */
class FitChunkPlanTest {

    @Test
    void fitsAreTakenInOrderWhileTheyFit() {
        long one = FitChunkPlan.fitBytes(3, 300, 8000, 64);
        assertEquals(8L * 3 * 300 * 8000 + FitChunkPlan.PER_FIT + 3 * FitChunkPlan.perSlot(64), one);
        FitChunkPlan plan = FitChunkPlan.plan(new int[] {3, 3, 3, 3, 3}, 300, 8000, 64, 2 * one);
        assertEquals(3, plan.chunks());
        assertEquals(0, plan.start(0));
        assertEquals(2, plan.end(0));
        assertEquals(4, plan.start(2));
        assertEquals(5, plan.end(2));
        FitChunkPlan all = FitChunkPlan.plan(new int[] {2, 5, 3}, 10, 10, 64, 1L << 40);
        assertEquals(1, all.chunks());
        assertEquals(3, all.end(0));
        assertEquals(0, FitChunkPlan.plan(new int[0], 10, 10, 64, 100).chunks());
    }

    @Test
    void theThousandQuadraticFitsOfTheBenchmarkFitOneChunkOnAnH100() {
        int[] dims = new int[1000];
        java.util.Arrays.fill(dims, 3);
        // 57.6 GB of chains; an 80 GB card has about 79 GB free, 7/8 of it for the chunk; a 40 GB card takes two
        assertEquals(1, FitChunkPlan.plan(dims, 300, 8000, GpuEnsembleFits.ACF_LAGS_PER_LAUNCH, 79_000_000_000L * 7 / 8).chunks());
        assertEquals(2, FitChunkPlan.plan(dims, 300, 8000, GpuEnsembleFits.ACF_LAGS_PER_LAUNCH, 39_000_000_000L * 7 / 8).chunks());
    }

    @Test
    void aFitLargerThanTheBudgetIsAnOutOfMemoryFailure() {
        DeviceFailure e = assertThrows(DeviceFailure.class, () -> FitChunkPlan.plan(new int[] {3}, 300, 8000, 64, 1 << 20));
        assertTrue(e.outOfMemory());
        assertTrue(e.getMessage().contains("thin the chain"), e.getMessage());
    }

    @Test
    void launchShapeAndSharedMemory() {
        assertEquals(160, GpuEnsembleFits.threadsPerBlock(300));
        assertEquals(32, GpuEnsembleFits.threadsPerBlock(8));
        assertEquals(256, GpuEnsembleFits.threadsPerBlock(2000));
        assertEquals(8L * 300 * 11 + 12 * 300 + 16, GpuEnsembleFits.sharedBytes(300));
        assertTrue(GpuEnsembleFits.sharedBytes(300) < 48 * 1024, "300 walkers need no opt-in for more shared memory");
        assertTrue(GpuEnsembleFits.allDone(new double[] {0, 1, 1, 5, 0, 1, 1, 7}));
        assertTrue(!GpuEnsembleFits.allDone(new double[] {0, 1, 1, 5, 0, 1, 0, 7}));
    }
}
