package org.ocengine.kernels;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.GroupStatistics;
import org.ocengine.compute.GroupedSamples;
import org.ocengine.compute.OrbitIntegrator;
import org.ocengine.compute.OrbitSpec;
import org.ocengine.compute.OrbitSummaries;
import org.ocengine.compute.PhaseSpace;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.MonteCarloSpec;
import org.ocengine.compute.SkyPositions;
import org.ocengine.fit.FitBatch;
import org.ocengine.fit.FitModel;
import org.ocengine.fit.FitProblem;
import org.ocengine.fit.FitResults;
import org.ocengine.fit.Percentiles;
import org.ocengine.fit.SamplerSettings;
import org.ocengine.galaxy.McMillan17;

/**
 * The GPU benchmarks of issue 5 ({@code ocengine bench device}), each run on the GPU and on the CPU
 * backend in the same process, on inputs generated here:
 *
 * <ul>
 *   <li>sky match of a mock survey: B sources uniform over a 70-degree declination band (about
 *       17,000 square degrees, LAMOST's footprint in size), A spectra of which 90% are B sources
 *       seen again 0.2 arcsec (rms) away and 10% fall anywhere; timed as whole backend calls, so the
 *       copies to and from the device and the assembly of the pairs are included;</li>
 *   <li>grouped Monte-Carlo: groups of stars with random values and errors, with exact medians;</li>
 *   <li>ensemble MCMC ({@link #ensembleFits}, issue 8): quadratic gradient fits with the published
 *       sampler set-up (300 walkers x 10,000 steps, 2,000 discarded), the CPU backend on the first
 *       {@code cpuFits} of them (each fit's result is independent of the others in the batch, so
 *       they are compared one to one and the CPU time is also given per fit);</li>
 *   <li>orbits ({@link #orbits}, issue 8): 10^6 disc and halo orbits integrated 500 Myr back in
 *       McMillan17 with a symplectic scheme, snapshots every 100 Myr, the CPU backend on the first
 *       {@code cpuOrbits} (compared one to one, time extrapolated per orbit).</li>
 * </ul>
 *
 * Each GPU measurement is a warm-up run then the median of {@code gpuRepeat} runs; the CPU gets a
 * warm-up on a tenth of the input, then {@code cpuRepeat} runs. The results of the two backends are
 * compared (the pairs must be identical, the statistics within 1e-12). The floors follow the lent
 * machine's method notes: the fewest bytes that must cross PCIe and device memory over the measured
 * bandwidths, and for the Monte-Carlo the Philox multiplications over the integer units' rate.
 * Not thread-safe.
 */
public final class DeviceBenchmark {

    /** Copy bandwidths in bytes per second (device to device counts bytes read plus bytes written). */
    public record Bandwidth(double hostToDevicePageable, double hostToDevicePinned, double deviceToHost, double deviceToDevice) {
    }

    /** The GPU: its description, multiprocessors, peak clock (Hz) and measured bandwidths. */
    public record Hardware(String description, int multiprocessors, double clockHz, Bandwidth bandwidth) {
    }

    /**
     * What to run.
     *
     * @param aRows          sky match: rows of A (spectra)
     * @param bRows          sky match: rows of B (sources)
     * @param radiusArcsec   match radius
     * @param groups         Monte-Carlo groups
     * @param starsPerGroup  stars per group
     * @param draws          realisations per group
     * @param gpuRepeat      timed GPU runs (after one warm-up)
     * @param cpuRepeat      timed CPU runs (after a warm-up on a tenth of the input)
     */
    public record Sizes(int aRows, int bRows, double radiusArcsec, int groups, int starsPerGroup, int draws, int gpuRepeat, int cpuRepeat) {

        /** The issue's sizes: 10^7 x 10^8 at 3.5 arcsec; 2000 clusters x 100 stars x 5000 draws. */
        public static Sizes issue() {
            return new Sizes(10_000_000, 100_000_000, 3.5, 2000, 100, 5000, 3, 1);
        }
    }

    /**
     * The ensemble-MCMC benchmark's size.
     *
     * @param fits      quadratic fits in the batch
     * @param walkers   walkers per fit
     * @param steps     steps per walker (a fifth discarded, as the published set-up)
     * @param points    stars per fit
     * @param cpuFits   the first this many fits also run on the CPU backend
     * @param gpuRepeat timed GPU runs (after a warm-up on a small batch)
     */
    public record FitSizes(int fits, int walkers, int steps, int points, int cpuFits, int gpuRepeat) {

        /** The issue's size: 1,000 quadratic fits, 300 walkers x 10,000 steps, 400 points each; 50 fits on the CPU. */
        public static FitSizes issue() {
            return new FitSizes(1000, 300, 10_000, 400, 50, 1);
        }
    }

    /**
     * Double-precision operations per walker step assumed for the floor (stretch proposal 12, the
     * quadratic log-posterior from the normal equations about 45, the Hastings factor's and the
     * acceptance test's fdlibm logarithms about 25): an estimate to check against the SASS.
     */
    static final int FLOPS_PER_WALKER_STEP = 80;
    /** Double-precision operations per clock per multiprocessor without fused multiply-adds (Hopper: 64 FP64 lanes). */
    static final int FLOPS_PER_CLOCK_PER_SM = 64;
    /** Times each kept sample crosses device memory at least: written by the sampler, read by the autocorrelation and by the selection. */
    static final int CHAIN_PASSES = 3;

    /**
     * The orbit benchmark's size.
     *
     * @param orbits      orbits in the batch
     * @param durationMyr how far back, Myr
     * @param stepMyr     symplectic step, Myr
     * @param integrator  LEAPFROG, SYMPLECTIC4 or DOP853
     * @param cpuOrbits   the first this many orbits also run on the CPU backend
     * @param gpuRepeat   timed GPU runs (after a warm-up on a small batch)
     */
    public record OrbitSizes(int orbits, double durationMyr, double stepMyr, OrbitIntegrator integrator, int cpuOrbits, int gpuRepeat) {

        /** The issue's size: 10^6 orbits x 500 Myr in McMillan17, 4th-order symplectic at 0.1 Myr; 2,000 on the CPU. */
        public static OrbitSizes issue() {
            return new OrbitSizes(1_000_000, 500, OrbitSpec.DEFAULT_STEP_MYR, OrbitIntegrator.SYMPLECTIC4, 2000, 1);
        }
    }

    /**
     * Double-precision operations per McMillan17 force evaluation assumed for the floor: the multipole
     * expansion to l = 64 (33 orders x about 36 for the quintic, its derivative and the Legendre
     * recurrence), four disc ansatz terms (about 75 each with their exp, expm1 and log1p), the NFW
     * halo and the coordinates (about 100): an estimate to check against the SASS.
     */
    static final int FLOPS_PER_MCMILLAN_FORCE = 1600;

    /** Rows per generation task (a multiple of 8, so tasks never share a validity byte). */
    private static final int GENERATION_CHUNK = 1 << 20;
    /** Integer multiply-adds per Philox4x64 round assumed for the floor: four 64-bit products, two of them high halves. */
    static final int IMADS_PER_PHILOX_ROUND = 16;
    /** Integer multiply-adds per clock per multiprocessor (Hopper; Volta to Ada alike). */
    static final int IMADS_PER_CLOCK_PER_SM = 64;

    private DeviceBenchmark() {
    }

    /**
     * Runs both benchmarks.
     *
     * @param progress receives a line per step
     * @return the results, as nested maps ready for JSON
     */
    public static Map<String, Object> run(CudaBackend gpu, ComputeBackend cpu, Sizes sizes, Hardware hardware, long seed,
                                          Consumer<String> progress) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gpu", gpu.description());
        out.put("cpu", cpu.description());
        out.put("hardware", hardware);
        out.put("seed", seed);
        out.put("sizes", sizes);
        out.put("sky_match", skyMatch(gpu, cpu, sizes, hardware, seed, progress));
        out.put("monte_carlo", monteCarlo(gpu, cpu, sizes, hardware, seed, progress));
        return out;
    }

    private static double[] time(int repeat, Runnable run) {
        double[] t = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            run.run();
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        return t;
    }

    static double median(double[] t) {
        return Percentiles.ofInPlace(t.clone(), 50)[0];
    }

    /** Mock survey positions: B uniform in area over RA [0, 360), dec [-10, 60]; A mostly B seen again. */
    static Float8Vector[] survey(RootAllocator allocator, int aRows, int bRows, long seed) {
        Float8Vector bRa = new Float8Vector("ra", allocator);
        Float8Vector bDec = new Float8Vector("dec", allocator);
        Float8Vector aRa = new Float8Vector("ra", allocator);
        Float8Vector aDec = new Float8Vector("dec", allocator);
        bRa.allocateNew(bRows);
        bDec.allocateNew(bRows);
        aRa.allocateNew(aRows);
        aDec.allocateNew(aRows);
        double sinLo = Math.sin(Math.toRadians(-10));
        double sinHi = Math.sin(Math.toRadians(60));
        IntStream.range(0, (bRows + GENERATION_CHUNK - 1) / GENERATION_CHUNK).parallel().forEach(c -> {
            SplittableRandom rng = new SplittableRandom(seed * 31 + c);
            for (int i = c * GENERATION_CHUNK; i < Math.min(bRows, (c + 1) * GENERATION_CHUNK); i++) {
                bRa.set(i, rng.nextDouble(0, 360));
                bDec.set(i, Math.toDegrees(Math.asin(rng.nextDouble(sinLo, sinHi))));
            }
        });
        double jitter = 0.2 / 3600;
        IntStream.range(0, (aRows + GENERATION_CHUNK - 1) / GENERATION_CHUNK).parallel().forEach(c -> {
            SplittableRandom rng = new SplittableRandom(seed * 37 + c + 1_000_003);
            for (int i = c * GENERATION_CHUNK; i < Math.min(aRows, (c + 1) * GENERATION_CHUNK); i++) {
                if (bRows > 0 && rng.nextDouble() < 0.9) {
                    int j = rng.nextInt(bRows);
                    double d = Math.max(-90, Math.min(90, bDec.get(j) + jitter * rng.nextGaussian()));
                    aDec.set(i, d);
                    aRa.set(i, bRa.get(j) + jitter * rng.nextGaussian() / Math.max(1e-6, Math.cos(Math.toRadians(d))));
                } else {
                    aRa.set(i, rng.nextDouble(0, 360));
                    aDec.set(i, Math.toDegrees(Math.asin(rng.nextDouble(sinLo, sinHi))));
                }
            }
        });
        for (Float8Vector v : new Float8Vector[] {aRa, aDec}) {
            v.setValueCount(aRows);
        }
        for (Float8Vector v : new Float8Vector[] {bRa, bDec}) {
            v.setValueCount(bRows);
        }
        return new Float8Vector[] {aRa, aDec, bRa, bDec};
    }

    private static Map<String, Object> skyMatch(CudaBackend gpu, ComputeBackend cpu, Sizes sizes, Hardware hw, long seed,
                                                Consumer<String> progress) {
        Map<String, Object> m = new LinkedHashMap<>();
        try (RootAllocator allocator = new RootAllocator()) {
            long t0 = System.nanoTime();
            Float8Vector[] v = survey(allocator, sizes.aRows(), sizes.bRows(), seed);
            try (Float8Vector aRa = v[0]; Float8Vector aDec = v[1]; Float8Vector bRa = v[2]; Float8Vector bDec = v[3]) {
                progress.accept(String.format(Locale.ROOT, "sky match: generated %d x %d positions in %.1f s", sizes.aRows(), sizes.bRows(),
                        (System.nanoTime() - t0) / 1e9));
                SkyPositions a = new SkyPositions(aRa, aDec);
                SkyPositions b = new SkyPositions(bRa, bDec);
                double r = sizes.radiusArcsec();
                MatchPairs[] last = new MatchPairs[1];
                gpu.skyMatch(a, b, r);
                double[] gpuTimes = time(sizes.gpuRepeat(), () -> last[0] = gpu.skyMatch(a, b, r));
                progress.accept(String.format(Locale.ROOT, "sky match on the GPU: %s s (median %.3f s), %d pairs", fmt(gpuTimes),
                        median(gpuTimes), last[0].size()));
                MatchPairs gpuPairs = last[0];
                warmUpCpu(cpu, a, b, r, allocator);
                double[] cpuTimes = time(sizes.cpuRepeat(), () -> last[0] = cpu.skyMatch(a, b, r));
                progress.accept(String.format(Locale.ROOT, "sky match on the CPU: %s s (median %.3f s)", fmt(cpuTimes), median(cpuTimes)));
                String difference = ParityCheck.difference(last[0], gpuPairs);
                long pairs = gpuPairs.size();
                double h2d = 16.0 * (sizes.aRows() + (double) sizes.bRows());
                double d2h = 4.0 * sizes.aRows() + 12.0 * pairs;
                Bandwidth bw = hw.bandwidth();
                double pinnedFloor = h2d / bw.hostToDevicePinned() + d2h / bw.deviceToHost();
                double pageableFloor = h2d / bw.hostToDevicePageable() + d2h / bw.deviceToHost();
                double deviceFloor = (h2d + 12.0 * pairs) / bw.deviceToDevice();
                double gpuMedian = median(gpuTimes);
                m.put("a_rows", sizes.aRows());
                m.put("b_rows", sizes.bRows());
                m.put("radius_arcsec", r);
                m.put("pairs", pairs);
                m.put("identical_to_cpu", difference == null);
                m.put("difference", difference);
                m.put("gpu_seconds", gpuTimes);
                m.put("gpu_median_s", gpuMedian);
                m.put("cpu_seconds", cpuTimes);
                m.put("cpu_median_s", median(cpuTimes));
                m.put("speedup_vs_cpu", median(cpuTimes) / gpuMedian);
                m.put("bytes_to_device", h2d);
                m.put("bytes_from_device", d2h);
                m.put("floor_note", "fewest bytes: A and B positions to the device once (16 B/row), per A row a pair count and per pair "
                        + "a B row and squared chord back (4 B/row + 12 B/pair); the floor is those bytes over the measured copy "
                        + "bandwidths (pinned host memory; the backend copies from Arrow's pageable buffers, so the pageable floor is "
                        + "also given), and the device-memory floor is the same bytes over the device-to-device bandwidth");
                m.put("floor_transfer_pinned_s", pinnedFloor);
                m.put("floor_transfer_pageable_s", pageableFloor);
                m.put("floor_device_memory_s", deviceFloor);
                m.put("measured_over_floor", gpuMedian / Math.max(pinnedFloor, deviceFloor));
            }
        }
        return m;
    }

    /** Warms the CPU backend up on the first tenth of A and B. */
    private static void warmUpCpu(ComputeBackend cpu, SkyPositions a, SkyPositions b, double radius, RootAllocator allocator) {
        Float8Vector[] v = new Float8Vector[4];
        SkyPositions[] sides = {a, b};
        for (int s = 0; s < 2; s++) {
            int n = sides[s].size() / 10;
            v[2 * s] = new Float8Vector("ra", allocator);
            v[2 * s + 1] = new Float8Vector("dec", allocator);
            v[2 * s].allocateNew(n);
            v[2 * s + 1].allocateNew(n);
            for (int i = 0; i < n; i++) {
                v[2 * s].set(i, sides[s].ra().get(i));
                v[2 * s + 1].set(i, sides[s].dec().get(i));
            }
            v[2 * s].setValueCount(n);
            v[2 * s + 1].setValueCount(n);
        }
        try (Float8Vector aRa = v[0]; Float8Vector aDec = v[1]; Float8Vector bRa = v[2]; Float8Vector bDec = v[3]) {
            cpu.skyMatch(new SkyPositions(aRa, aDec), new SkyPositions(bRa, bDec), radius);
        }
    }

    private static String fmt(double[] t) {
        StringBuilder sb = new StringBuilder();
        for (double x : t) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", x));
        }
        return sb.toString();
    }

    private static Map<String, Object> monteCarlo(CudaBackend gpu, ComputeBackend cpu, Sizes sizes, Hardware hw, long seed,
                                                  Consumer<String> progress) {
        Map<String, Object> m = new LinkedHashMap<>();
        SplittableRandom rng = new SplittableRandom(seed);
        GroupedSamples samples = ParityInputs.samples(rng, sizes.groups(), sizes.starsPerGroup(), sizes.starsPerGroup());
        GroupedSamples warmUp = ParityInputs.samples(rng, Math.max(1, sizes.groups() / 10), sizes.starsPerGroup(), sizes.starsPerGroup());
        MonteCarloSpec spec = new MonteCarloSpec(seed, 0, sizes.draws());
        GroupStatistics[] last = new GroupStatistics[1];
        gpu.groupedMonteCarlo(samples, spec);
        double[] gpuTimes = time(sizes.gpuRepeat(), () -> last[0] = gpu.groupedMonteCarlo(samples, spec));
        GroupStatistics gpuStats = last[0];
        progress.accept(String.format(Locale.ROOT, "Monte-Carlo on the GPU: %s s (median %.3f s)", fmt(gpuTimes), median(gpuTimes)));
        Supplier<GroupStatistics> onCpu = () -> cpu.groupedMonteCarlo(samples, spec);
        cpu.groupedMonteCarlo(warmUp, spec);
        double[] cpuTimes = time(sizes.cpuRepeat(), () -> last[0] = onCpu.get());
        progress.accept(String.format(Locale.ROOT, "Monte-Carlo on the CPU: %s s (median %.3f s)", fmt(cpuTimes), median(cpuTimes)));
        double worst = 0;
        double[][] e = {last[0].mean(), last[0].meanStd(), last[0].median(), last[0].medianStd(), last[0].dispersion()};
        double[][] g = {gpuStats.mean(), gpuStats.meanStd(), gpuStats.median(), gpuStats.medianStd(), gpuStats.dispersion()};
        for (int s = 0; s < 5; s++) {
            for (int i = 0; i < e[s].length; i++) {
                if (!ParityCheck.sameBits(e[s][i], g[s][i])) {
                    worst = Math.max(worst, Math.abs(e[s][i] - g[s][i]) / Math.max(Math.abs(e[s][i]), Double.MIN_NORMAL));
                }
            }
        }
        long stars = samples.starCount();
        long blocks = stars * ((sizes.draws() + 3L) / 4);
        double imads = (double) blocks * 10 * IMADS_PER_PHILOX_ROUND;
        double computeFloor = imads / ((double) hw.multiprocessors() * IMADS_PER_CLOCK_PER_SM * hw.clockHz());
        double bytes = 20.0 * stars + 12.0 * sizes.groups() + 40.0 * sizes.groups();
        double gpuMedian = median(gpuTimes);
        m.put("groups", sizes.groups());
        m.put("stars", stars);
        m.put("draws", sizes.draws());
        m.put("normal_draws", (double) stars * sizes.draws());
        m.put("largest_relative_difference_vs_cpu", worst);
        m.put("gpu_seconds", gpuTimes);
        m.put("gpu_median_s", gpuMedian);
        m.put("cpu_seconds", cpuTimes);
        m.put("cpu_median_s", median(cpuTimes));
        m.put("speedup_vs_cpu", median(cpuTimes) / gpuMedian);
        m.put("philox_blocks", blocks);
        m.put("floor_note", "compute-bound: one Philox4x64-10 block per star per four draws, counted as " + IMADS_PER_PHILOX_ROUND
                + " 32-bit integer multiply-adds per round at " + IMADS_PER_CLOCK_PER_SM + " per clock per multiprocessor "
                + "(an assumption to check against the SASS); ziggurat, sums and medians come on top. Bytes: the samples in, five "
                + "numbers per group out.");
        m.put("floor_compute_s", computeFloor);
        m.put("floor_bytes_s", bytes / hw.bandwidth().hostToDevicePinned());
        m.put("measured_over_floor", gpuMedian / Math.max(computeFloor, bytes / hw.bandwidth().hostToDevicePinned()));
        return m;
    }

    /**
     * The ensemble-MCMC benchmark: quadratic fits sampled on the GPU (the median of {@code gpuRepeat}
     * runs after a warm-up) and the first {@code cpuFits} on the CPU backend, compared fit by fit
     * ({@link ParityCheck#fitDifference}), with the floors: the Philox words (one block per walker
     * step) over the integer units, the double-precision work over the FP64 units, and the chains
     * written once and read twice over the measured device-to-device bandwidth.
     */
    public static Map<String, Object> ensembleFits(CudaBackend gpu, ComputeBackend cpu, FitSizes z, Hardware hw, long seed,
                                                   Consumer<String> progress) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<FitProblem> problems = ParityInputs.fits(new SplittableRandom(seed), z.fits(), z.points(), List.of(FitModel.quadratic(false)));
        FitBatch batch = FitBatch.of(problems);
        SamplerSettings settings = SamplerSettings.paper(seed).withWalkers(z.walkers()).withSteps(z.steps());
        SamplerSettings warmSettings = settings.withSteps(Math.min(z.steps(), 200));
        FitBatch warm = FitBatch.of(problems.subList(0, Math.min(problems.size(), 8)));
        gpu.sampleEnsembles(warm, warmSettings, f -> { });
        FitResults[] last = new FitResults[1];
        double[] gpuTimes = time(z.gpuRepeat(), () -> last[0] = gpu.sampleEnsembles(batch, settings, f -> { }));
        FitResults gpuResults = last[0];
        progress.accept(String.format(Locale.ROOT, "ensemble MCMC on the GPU: %s s (median %.3f s)", fmt(gpuTimes), median(gpuTimes)));
        int cpuFits = Math.min(z.cpuFits(), z.fits());
        FitBatch cpuBatch = FitBatch.of(problems.subList(0, cpuFits));
        cpu.sampleEnsembles(FitBatch.of(problems.subList(0, Math.min(cpuFits, 2))), warmSettings, f -> { });
        double[] cpuTimes = time(1, () -> last[0] = cpu.sampleEnsembles(cpuBatch, settings, f -> { }));
        progress.accept(String.format(Locale.ROOT, "ensemble MCMC on the CPU, %d fits: %.3f s", cpuFits, cpuTimes[0]));
        FitResults gpuFirst = new FitResults(cpuBatch);
        for (int f = 0; f < cpuFits; f++) {
            gpuFirst.setFit(f, gpuResults.acceptance(f), gpuResults.keptSteps(f));
            gpuFirst.setFailure(f, gpuResults.failure(f));
            for (int d = 0; d < batch.dimension(f); d++) {
                int slot = batch.paramOffset(f) + d;
                gpuFirst.setParameter(cpuBatch.paramOffset(f) + d, gpuResults.p16(slot), gpuResults.p50(slot), gpuResults.p84(slot),
                        gpuResults.tau(slot));
            }
        }
        String difference = ParityCheck.fitDifference(cpuBatch, last[0], gpuFirst);
        double walkerSteps = (double) z.fits() * z.walkers() * z.steps();
        double imads = walkerSteps * 10 * IMADS_PER_PHILOX_ROUND;
        double integerFloor = imads / ((double) hw.multiprocessors() * IMADS_PER_CLOCK_PER_SM * hw.clockHz());
        double flopFloor = walkerSteps * FLOPS_PER_WALKER_STEP / ((double) hw.multiprocessors() * FLOPS_PER_CLOCK_PER_SM * hw.clockHz());
        double chainBytes = 8.0 * 3 * z.walkers() * settings.keptSteps() * z.fits();
        double byteFloor = CHAIN_PASSES * chainBytes / hw.bandwidth().deviceToDevice();
        double floor = Math.max(integerFloor, Math.max(flopFloor, byteFloor));
        double gpuMedian = median(gpuTimes);
        double cpuPerFit = cpuTimes[0] / Math.max(1, cpuFits);
        m.put("fits", z.fits());
        m.put("walkers", z.walkers());
        m.put("steps", z.steps());
        m.put("discard", settings.discard());
        m.put("points", z.points());
        m.put("model", "quadratic, likelihood from the normal equations");
        m.put("walker_steps", walkerSteps);
        m.put("cpu_fits", cpuFits);
        m.put("identical_to_cpu", difference == null);
        m.put("difference", difference == null ? "percentiles and acceptance identical, tau within " + ParityCheck.TAU_TOLERANCE : difference);
        m.put("gpu_seconds", gpuTimes);
        m.put("gpu_median_s", gpuMedian);
        m.put("cpu_seconds_for_cpu_fits", cpuTimes[0]);
        m.put("cpu_seconds_per_fit", cpuPerFit);
        m.put("cpu_seconds_all_fits_extrapolated", cpuPerFit * z.fits());
        m.put("speedup_vs_cpu", cpuPerFit * z.fits() / gpuMedian);
        m.put("floor_note", "three floors: one Philox4x64-10 block per walker step at " + IMADS_PER_PHILOX_ROUND + " integer multiply-adds "
                + "per round and " + IMADS_PER_CLOCK_PER_SM + " per clock per multiprocessor; " + FLOPS_PER_WALKER_STEP + " double-precision "
                + "operations per walker step (an estimate) at " + FLOPS_PER_CLOCK_PER_SM + " per clock per multiprocessor; the kept chains "
                + "(8 B x 3 parameters x walkers x kept steps x fits) crossing device memory " + CHAIN_PASSES + " times at the measured "
                + "device-to-device bandwidth. Transfers are negligible (the points in, four numbers per parameter out).");
        m.put("floor_integer_s", integerFloor);
        m.put("floor_fp64_s", flopFloor);
        m.put("floor_device_memory_s", byteFloor);
        m.put("chain_bytes", chainBytes);
        m.put("measured_over_floor", gpuMedian / floor);
        return m;
    }

    /**
     * The orbit benchmark: orbits in McMillan17 on the GPU (the median of {@code gpuRepeat} runs
     * after a warm-up) and the first {@code cpuOrbits} on the CPU backend, compared orbit by orbit
     * ({@link ParityCheck#orbitDifference}), with the floor: the force evaluations' double-precision
     * work over the FP64 units (bytes are negligible: 48 in and 64 + 16 per snapshot out per orbit).
     */
    public static Map<String, Object> orbits(CudaBackend gpu, ComputeBackend cpu, OrbitSizes z, Hardware hw, long seed,
                                             Consumer<String> progress) {
        Map<String, Object> m = new LinkedHashMap<>();
        double[] all = ParityInputs.orbits(new SplittableRandom(seed), z.orbits());
        PhaseSpace starts = new PhaseSpace(all);
        double d = -Math.abs(z.durationMyr());
        int snapshots = (int) Math.floor(Math.abs(d) / 100);
        double[] snapTimes = new double[snapshots + 1];
        for (int k = 0; k <= snapshots; k++) {
            snapTimes[k] = -100.0 * k;
        }
        OrbitSpec spec = new OrbitSpec(z.integrator(), d, z.stepMyr(), OrbitSpec.DEFAULT_TOLERANCE, snapTimes);
        var field = McMillan17.standard();
        gpu.integrateOrbits(field, new PhaseSpace(Arrays.copyOf(all, 6 * Math.min(z.orbits(), 1000))), spec);
        OrbitSummaries[] last = new OrbitSummaries[1];
        double[] gpuTimes = time(z.gpuRepeat(), () -> last[0] = gpu.integrateOrbits(field, starts, spec));
        OrbitSummaries gpuResult = last[0];
        progress.accept(String.format(Locale.ROOT, "orbits on the GPU: %s s (median %.3f s)", fmt(gpuTimes), median(gpuTimes)));
        int cpuOrbits = Math.min(z.cpuOrbits(), z.orbits());
        PhaseSpace cpuStarts = new PhaseSpace(Arrays.copyOf(all, 6 * cpuOrbits));
        cpu.integrateOrbits(field, new PhaseSpace(Arrays.copyOf(all, 6 * Math.min(cpuOrbits, 16))), spec);
        double[] cpuTimes = time(1, () -> last[0] = cpu.integrateOrbits(field, cpuStarts, spec));
        progress.accept(String.format(Locale.ROOT, "orbits on the CPU, %d orbits: %.3f s", cpuOrbits, cpuTimes[0]));
        int s = spec.snapshotCount();
        OrbitSummaries gpuFirst = new OrbitSummaries(Arrays.copyOf(gpuResult.rPeri(), cpuOrbits), Arrays.copyOf(gpuResult.rApo(), cpuOrbits),
                Arrays.copyOf(gpuResult.zMax(), cpuOrbits), Arrays.copyOf(gpuResult.energy(), cpuOrbits),
                Arrays.copyOf(gpuResult.energyDrift(), cpuOrbits), Arrays.copyOf(gpuResult.lzChange(), cpuOrbits),
                Arrays.copyOf(gpuResult.snapshotR(), cpuOrbits * s), Arrays.copyOf(gpuResult.snapshotZ(), cpuOrbits * s), s,
                Arrays.copyOf(gpuResult.steps(), cpuOrbits), Arrays.copyOf(gpuResult.failure(), cpuOrbits), 0);
        String difference = ParityCheck.orbitDifference(last[0], gpuFirst, z.integrator() != OrbitIntegrator.DOP853);
        double evaluations = gpuResult.forceEvaluations();
        double floor = evaluations * FLOPS_PER_MCMILLAN_FORCE / ((double) hw.multiprocessors() * FLOPS_PER_CLOCK_PER_SM * hw.clockHz());
        double gpuMedian = median(gpuTimes);
        double cpuPerOrbit = cpuTimes[0] / Math.max(1, cpuOrbits);
        double worstDrift = 0;
        for (double e : gpuResult.energyDrift()) {
            worstDrift = Double.isNaN(e) ? worstDrift : Math.max(worstDrift, e);
        }
        m.put("orbits", z.orbits());
        m.put("potential", "McMillan17");
        m.put("integrator", z.integrator().label());
        m.put("duration_myr", d);
        m.put("step_myr", z.stepMyr());
        m.put("force_evaluations", evaluations);
        m.put("largest_energy_drift_gpu", worstDrift);
        m.put("cpu_orbits", cpuOrbits);
        m.put("agree_with_cpu", difference == null);
        m.put("difference", difference == null ? "energy within " + ParityCheck.ORBIT_ENERGY_TOLERANCE + ", peri/apo, Z_max, snapshots within "
                + ParityCheck.ORBIT_TOLERANCE : difference);
        m.put("gpu_seconds", gpuTimes);
        m.put("gpu_median_s", gpuMedian);
        m.put("cpu_seconds_for_cpu_orbits", cpuTimes[0]);
        m.put("cpu_seconds_per_orbit", cpuPerOrbit);
        m.put("cpu_seconds_all_orbits_extrapolated", cpuPerOrbit * z.orbits());
        m.put("speedup_vs_cpu", cpuPerOrbit * z.orbits() / gpuMedian);
        m.put("floor_note", "compute-bound: " + FLOPS_PER_MCMILLAN_FORCE + " double-precision operations per McMillan17 force evaluation (an "
                + "estimate) at " + FLOPS_PER_CLOCK_PER_SM + " per clock per multiprocessor (no fused multiply-adds: the kernels are built with "
                + "-fmad=false); energy checks and turning points come on top. Bytes: 48 per orbit in, 64 + 16 per snapshot out.");
        m.put("floor_fp64_s", floor);
        m.put("measured_over_floor", gpuMedian / floor);
        return m;
    }
}
