package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.CpuBackend;
import org.ocengine.fit.FitBatch;
import org.ocengine.fit.FitData;
import org.ocengine.fit.FitModel;
import org.ocengine.fit.FitProblem;
import org.ocengine.fit.FitResults;
import org.ocengine.fit.Prior;
import org.ocengine.fit.SamplerSettings;
import org.ocengine.fit.StretchMove;
import org.ocengine.fit.WeightedMove;

/**
 * The GPU ensemble sampler, its kernels run on the CPU, against the CPU backend: for every model
 * (linear, broken at a fixed and a fitted knee, quadratic, with and without scatter, likelihoods
 * from the normal equations and point by point) the same acceptance fractions and percentiles to
 * the bit (the same random words, proposals and decisions), tau to 1e-9 relative (direct lag sums
 * against the CPU's FFTs); the same when device memory is short and the fits run in several
 * chunks; and the CPU's failure messages for fits the sampler refuses or cannot start.
 */
class EmulatedEnsembleFitsTest {

    private static final List<FitModel> ALL_MODELS = List.of(FitModel.linear(false), FitModel.linear(true), FitModel.quadratic(false),
            FitModel.quadratic(true), FitModel.brokenAt(10.5, false), FitModel.brokenAt(10.5, true), FitModel.brokenFittedKnee(false),
            FitModel.brokenFittedKnee(true));

    private CpuBackend cpu;

    @BeforeEach
    void open() {
        cpu = new CpuBackend(2);
    }

    @AfterEach
    void close() {
        cpu.close();
    }

    private static SamplerSettings settings(int walkers, long steps, long discard, int thin, long seed) {
        return SamplerSettings.paper(seed).withWalkers(walkers).withSteps(steps).withDiscard(discard).withThin(thin);
    }

    static void assertSameResults(FitBatch batch, FitResults expected, FitResults got) {
        for (int f = 0; f < batch.size(); f++) {
            String label = batch.problem(f).label();
            assertEquals(expected.failure(f), got.failure(f), label + " failure");
            assertEquals(expected.acceptance(f), got.acceptance(f), 0.0, label + " acceptance");
            assertEquals(expected.keptSteps(f), got.keptSteps(f), label + " kept steps");
            for (int d = 0; d < batch.dimension(f); d++) {
                int slot = batch.paramOffset(f) + d;
                String what = label + " parameter " + d;
                assertEquals(expected.p16(slot), got.p16(slot), 0.0, what + " p16");
                assertEquals(expected.p50(slot), got.p50(slot), 0.0, what + " p50");
                assertEquals(expected.p84(slot), got.p84(slot), 0.0, what + " p84");
                double tau = expected.tau(slot);
                assertEquals(tau, got.tau(slot), Double.isNaN(tau) ? 0.0 : 1e-9 * Math.abs(tau), what + " tau");
            }
        }
    }

    @Test
    void everyModelGivesTheCpuChains() {
        List<FitProblem> problems = ParityInputs.fits(new SplittableRandom(8), 16, 40, ALL_MODELS);
        SamplerSettings s = settings(24, 300, 60, 2, 41);
        for (FitBatch.Likelihood likelihood : FitBatch.Likelihood.values()) {
            FitBatch batch = FitBatch.of(problems).with(likelihood);
            FitResults expected = cpu.sampleEnsembles(batch, s, f -> { });
            EmulatedDevice device = new EmulatedDevice(64L << 20);
            AtomicInteger done = new AtomicInteger();
            try (CudaBackend gpu = new CudaBackend(device, null, note -> { })) {
                FitResults got = gpu.sampleEnsembles(batch, s, f -> done.incrementAndGet());
                assertSameResults(batch, expected, got);
                assertEquals(1, device.launches("oc_fit_sample"), "one launch samples every fit");
                assertTrue(device.launches("oc_fit_acf") >= 1);
            }
            assertEquals(batch.size(), done.get(), "every fit reported done");
            for (int f = 0; f < batch.size(); f++) {
                assertNull(expected.failure(f));
                assertTrue(expected.acceptance(f) > 0.1 && expected.acceptance(f) < 0.9, "a sampler that moves: " + expected.acceptance(f));
            }
        }
    }

    @Test
    void shortMemoryRunsTheFitsInChunks() {
        List<FitProblem> problems = ParityInputs.fits(new SplittableRandom(3), 7, 25, List.of(FitModel.quadratic(false), FitModel.linear(true)));
        FitBatch batch = FitBatch.of(problems);
        SamplerSettings s = settings(16, 400, 100, 1, 5);
        FitResults expected = cpu.sampleEnsembles(batch, s, f -> { });
        EmulatedDevice device = new EmulatedDevice(64L << 20);
        try (CudaBackend gpu = new CudaBackend(device, null, note -> { })) {
            long oneFit = FitChunkPlan.fitBytes(3, 16, s.keptSteps(), GpuEnsembleFits.ACF_LAGS_PER_LAUNCH);
            device.capMemory(20_000 + 3 * oneFit);
            FitResults got;
            try {
                got = gpu.sampleEnsembles(batch, s, f -> { });
            } finally {
                device.capMemory(Long.MAX_VALUE);
            }
            assertSameResults(batch, expected, got);
            assertTrue(device.launches("oc_fit_sample") >= 3, "chunks: " + device.launches("oc_fit_sample"));
        }
    }

    @Test
    void refusedAndUnstartableFitsFailAsOnTheCpu() {
        List<FitProblem> problems = new ArrayList<>(ParityInputs.fits(new SplittableRandom(11), 3, 30, List.of(FitModel.linear(false))));
        // five parameters need ten walkers: refused by the sampler
        problems.addAll(ParityInputs.fits(new SplittableRandom(12), 1, 30, List.of(FitModel.brokenFittedKnee(true))));
        // a prior far narrower than the starting ball: no walker finds a finite log-posterior
        FitData data = problems.get(0).data();
        problems.add(new FitProblem("unstartable", 77, FitModel.linear(false), data,
                List.of(Prior.uniform(-0.06, -0.06 + 1e-13), Prior.flat())));
        FitBatch batch = FitBatch.of(problems);
        SamplerSettings s = settings(8, 120, 20, 1, 9);
        FitResults expected = cpu.sampleEnsembles(batch, s, f -> { });
        assertNotNull(expected.failure(3));
        assertNotNull(expected.failure(4));
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(64L << 20), null, note -> { })) {
            assertSameResults(batch, expected, gpu.sampleEnsembles(batch, s, f -> { }));
        }
    }

    @Test
    void otherMovesRunTheReferenceSampler() {
        FitBatch batch = FitBatch.of(ParityInputs.fits(new SplittableRandom(2), 2, 20, List.of(FitModel.linear(false))));
        SamplerSettings s = settings(12, 100, 10, 1, 3).withMoves(List.of(new WeightedMove(new StretchMove(2.0), 0.5),
                new WeightedMove(new StretchMove(1.5), 0.5)));
        assertTrue(!GpuEnsembleFits.supports(s));
        EmulatedDevice device = new EmulatedDevice(64L << 20);
        try (CudaBackend gpu = new CudaBackend(device, null, note -> { })) {
            assertSameResults(batch, cpu.sampleEnsembles(batch, s, f -> { }), gpu.sampleEnsembles(batch, s, f -> { }));
            assertEquals(0, device.launches("oc_fit_sample"));
        }
    }
}
