package org.ocengine.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.ocengine.fit.EnsembleFits;
import org.ocengine.fit.EnsembleSampler;
import org.ocengine.fit.FitBatch;
import org.ocengine.fit.FitResults;
import org.ocengine.fit.ModelKernel;
import org.ocengine.fit.SamplerSettings;
import org.ocengine.fit.StretchMove;
import org.ocengine.fit.WalkerStreams;

/**
 * The host half of the GPU ensemble sampler (the device half is {@code ensemble_mcmc.cu}), the twin
 * of {@link EnsembleFits} for the stretch move: uploads the batch's flat arrays once, then for each
 * chunk of fits whose chains fit in device memory ({@link FitChunkPlan}) runs one block per fit that
 * takes every step inside the kernel and keeps the post-burn-in samples on the device; then the
 * autocorrelation (direct lag sums, {@value #ACF_LAGS_PER_LAUNCH} lags per launch until every
 * parameter's Sokal window has closed) and the percentiles 16/50/84 (the same selection as
 * {@code Percentiles}) are computed there, and only four numbers per parameter and one per fit come
 * back. Random words, proposals and log-posteriors are the CPU's, operation for operation, so the
 * accept/reject decisions and the chains are the CPU's and the percentiles equal them to the bit;
 * tau agrees to rounding (direct sums against the CPU's FFT: relative 1e-12 or so, unless the window
 * test {@code m >= c tau} is within that of equality at some lag).
 *
 * <p>Fits the sampler would refuse (too few walkers for their parameters) get the CPU's failure
 * message and are not run. Settings with another move than a single stretch move are not handled
 * here ({@link #supports}). Device memory: the chains of one chunk, 8 x parameters x walkers x kept
 * steps bytes per fit, plus the batch's arrays. Not thread-safe.
 */
final class GpuEnsembleFits {

    /** Lags of the autocorrelation per thread (OC_FIT_ACF_LAGS_PER_THREAD). */
    static final int ACF_LAGS_PER_THREAD = 32;
    /** Lags per autocorrelation launch (a multiple of {@link #ACF_LAGS_PER_THREAD}). */
    static final int ACF_LAGS_PER_LAUNCH = 64;
    /** The most parameters of a model (OC_FIT_MAX_DIM). */
    static final int MAX_DIMENSION = 5;
    /** StrictMath.log(2 pi), the constant of the likelihood with scatter as ModelKernel computes it. */
    static final double LOG_2PI = StrictMath.log(2 * Math.PI);

    private final Kernels kernels;
    private final KernelDevice device;
    private final Kernels.ZigguratTables ziggurat;

    GpuEnsembleFits(Kernels kernels, Kernels.ZigguratTables ziggurat) {
        this.kernels = kernels;
        this.device = kernels.device();
        this.ziggurat = ziggurat;
    }

    /** Whether the kernel samples with these settings: a single move, the stretch move. */
    static boolean supports(SamplerSettings settings) {
        return settings.moves().size() == 1 && settings.moves().get(0).move() instanceof StretchMove;
    }

    /** Shared memory of one block (oc_fit_sample_shared_bytes). */
    static long sharedBytes(int walkers) {
        return 8L * walkers * (MAX_DIMENSION + 6) + 12L * walkers + 16;
    }

    /** Threads per block: one per walker of a half-ensemble, in whole warps, 32 to 256. */
    static int threadsPerBlock(int walkers) {
        int half = (walkers + 1) / 2;
        return Math.min(256, Math.max(32, (half + 31) / 32 * 32));
    }

    FitResults run(FitBatch batch, SamplerSettings settings, IntConsumer fitDone) {
        if (!supports(settings)) {
            throw new IllegalArgumentException("the GPU sampler runs the stretch move alone, not " + settings.moves());
        }
        FitResults results = new FitResults(batch);
        int walkers = settings.walkers();
        long kept = settings.keptSteps();
        List<Integer> runnable = new ArrayList<>();
        for (int f = 0; f < batch.size(); f++) {
            String refusal = refusal(batch, f, settings);
            if (refusal != null) {
                results.setFailure(f, refusal);
                fitDone.accept(f);
            } else {
                runnable.add(f);
            }
        }
        if (runnable.isEmpty()) {
            return results;
        }
        FitBatch.Flat flat = batch.flat();
        List<DeviceBuffer> inputs = new ArrayList<>();
        try {
            Kernels.FitInputs in = new Kernels.FitInputs(up(inputs, flat.code()), up(inputs, flat.knee()), up(inputs, flat.key()),
                    up(inputs, flat.logNorm()), up(inputs, flat.paramOffset()), up(inputs, flat.pointOffset()), up(inputs, flat.priorLo()),
                    up(inputs, flat.priorHi()), up(inputs, flat.priorMean()), up(inputs, flat.priorInvSigma()),
                    up(inputs, flat.startCentre()), up(inputs, flat.startError()), up(inputs, flat.x()), up(inputs, flat.y()),
                    up(inputs, flat.invVar()), up(inputs, flat.var()), up(inputs, flat.sumsOffset()), up(inputs, flat.sums()));
            int[] dims = new int[runnable.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = batch.dimension(runnable.get(i));
            }
            FitChunkPlan plan = FitChunkPlan.plan(dims, walkers, kept, ACF_LAGS_PER_LAUNCH, device.availableBytes() * 7 / 8);
            Kernels.FitSampling sampling = new Kernels.FitSampling(walkers, settings.steps(), settings.discard(), settings.thin(), kept,
                    settings.seed(), ((StretchMove) settings.moves().get(0).move()).a(), settings.startScale(), EnsembleFits.START_ATTEMPTS,
                    LOG_2PI);
            for (int c = 0; c < plan.chunks(); c++) {
                chunk(batch, runnable.subList(plan.start(c), plan.end(c)), in, sampling, settings, results);
                for (int f : runnable.subList(plan.start(c), plan.end(c))) {
                    fitDone.accept(f);
                }
            }
        } finally {
            for (DeviceBuffer b : inputs) {
                b.close();
            }
        }
        return results;
    }

    /** The CPU sampler's refusal of a fit (too few walkers for its parameters), or null. */
    static String refusal(FitBatch batch, int fit, SamplerSettings settings) {
        if (batch.dimension(fit) > MAX_DIMENSION) {
            return batch.dimension(fit) + " parameters: the GPU sampler takes at most " + MAX_DIMENSION;
        }
        try {
            new EnsembleSampler(settings.walkers(), ModelKernel.of(batch, fit), settings.moves(),
                    new WalkerStreams(settings.seed(), batch.problem(fit).key()));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private void chunk(FitBatch batch, List<Integer> fits, Kernels.FitInputs in, Kernels.FitSampling s, SamplerSettings settings,
                       FitResults results) {
        int n = fits.size();
        int walkers = (int) s.walkers();
        long kept = s.kept();
        long[] fitIndex = new long[n];
        long[] chainOffset = new long[n];
        long doubles = 0;
        for (int i = 0; i < n; i++) {
            fitIndex[i] = fits.get(i);
            chainOffset[i] = doubles;
            doubles += (long) batch.dimension(fits.get(i)) * walkers * kept;
        }
        try (DeviceBuffer dFitIndex = device.allocate(8L * n);
             DeviceBuffer dChainOffset = device.allocate(8L * n);
             DeviceBuffer chain = device.allocate(8L * doubles);
             DeviceBuffer acceptance = device.allocate(8L * n);
             DeviceBuffer status = device.allocate(8L * n)) {
            device.upload(fitIndex, dFitIndex, 0);
            device.upload(chainOffset, dChainOffset, 0);
            Kernels.FitChunk sampleChunk = new Kernels.FitChunk(n, dFitIndex, dChainOffset, chain, acceptance, status, 0, null, null);
            kernels.fitSample(in, ziggurat, sampleChunk, s, threadsPerBlock(walkers), sharedBytes(walkers));
            double[] accepted = new double[n];
            long[] failed = new long[n];
            device.download(acceptance, 0, accepted);
            device.download(status, 0, failed);
            List<Integer> slotFit = new ArrayList<>();
            List<Integer> slotDim = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int f = fits.get(i);
                if (failed[i] != 0) {
                    results.setFailure(f, "no starting position with a finite log-posterior after " + EnsembleFits.START_ATTEMPTS
                            + " attempts per walker");
                    continue;
                }
                results.setFit(f, accepted[i], kept);
                for (int d = 0; d < batch.dimension(f); d++) {
                    slotFit.add(i);
                    slotDim.add(d);
                }
            }
            int slots = slotFit.size();
            if (slots == 0) {
                return;
            }
            double[][] summary = summarise(sampleChunk, slotFit, slotDim, walkers, kept, settings.windowC());
            for (int k = 0; k < slots; k++) {
                int f = fits.get(slotFit.get(k));
                int slot = batch.paramOffset(f) + slotDim.get(k);
                results.setParameter(slot, summary[0][3 * k], summary[0][3 * k + 1], summary[0][3 * k + 2], summary[1][k] * settings.thin());
            }
        }
    }

    /** Percentiles (3 per slot) and tau in kept steps (1 per slot) of the sampled chains of a chunk. */
    private double[][] summarise(Kernels.FitChunk sampled, List<Integer> slotFit, List<Integer> slotDim, int walkers, long kept,
                                 double windowC) {
        int slots = slotFit.size();
        long[] fitOf = new long[slots];
        long[] dimOf = new long[slots];
        for (int k = 0; k < slots; k++) {
            fitOf[k] = slotFit.get(k);
            dimOf[k] = slotDim.get(k);
        }
        try (DeviceBuffer dSlotFit = device.allocate(8L * slots);
             DeviceBuffer dSlotDim = device.allocate(8L * slots);
             DeviceBuffer acfSum = device.allocate(8L * slots * ACF_LAGS_PER_LAUNCH);
             DeviceBuffer state = device.allocate(8L * 4 * slots);
             DeviceBuffer out = device.allocate(8L * 3 * slots)) {
            device.upload(fitOf, dSlotFit, 0);
            device.upload(dimOf, dSlotDim, 0);
            Kernels.FitChunk c = new Kernels.FitChunk(sampled.fits(), sampled.fitIndex(), sampled.chainOffset(), sampled.chain(),
                    sampled.acceptance(), sampled.status(), slots, dSlotFit, dSlotDim);
            double[] st = new double[4 * slots];
            for (long lag0 = 0; ; lag0 += ACF_LAGS_PER_LAUNCH) {
                kernels.fitAcf(c, acfSum, walkers, kept, lag0, ACF_LAGS_PER_LAUNCH);
                kernels.fitTau(slots, acfSum, state, walkers, kept, lag0, ACF_LAGS_PER_LAUNCH, windowC);
                device.download(state, 0, st);
                if (allDone(st) || lag0 + ACF_LAGS_PER_LAUNCH >= kept) {
                    break;
                }
            }
            kernels.fitPercentiles(c, out, walkers, kept);
            double[] q = new double[3 * slots];
            device.download(out, 0, q);
            double[] tau = new double[slots];
            for (int k = 0; k < slots; k++) {
                tau[k] = st[4 * k + 3];
            }
            return new double[][] {q, tau};
        }
    }

    /** Whether every slot's window has closed (state: cumulative, f[0], done, tau). */
    static boolean allDone(double[] state) {
        for (int k = 2; k < state.length; k += 4) {
            if (state[k] == 0.0) {
                return false;
            }
        }
        return true;
    }

    private DeviceBuffer up(List<DeviceBuffer> owned, int[] a) {
        DeviceBuffer b = device.allocate(4L * Math.max(1, a.length));
        owned.add(b);
        if (a.length > 0) {
            device.upload(a, b, 0);
        }
        return b;
    }

    private DeviceBuffer up(List<DeviceBuffer> owned, long[] a) {
        DeviceBuffer b = device.allocate(8L * Math.max(1, a.length));
        owned.add(b);
        if (a.length > 0) {
            device.upload(a, b, 0);
        }
        return b;
    }

    private DeviceBuffer up(List<DeviceBuffer> owned, double[] a) {
        DeviceBuffer b = device.allocate(8L * Math.max(1, a.length));
        owned.add(b);
        if (a.length > 0) {
            device.upload(a, b, 0);
        }
        return b;
    }
}
