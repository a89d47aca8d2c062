package org.ocengine.kernels;

import org.ocengine.compute.GroupStatistics;
import org.ocengine.compute.GroupedSamples;
import org.ocengine.compute.MonteCarloSpec;

/**
 * The host half of the GPU grouped Monte-Carlo (the device half is {@code monte_carlo.cu}): uploads
 * the samples once, then runs chunks of groups whose per-realisation statistics fit in device
 * memory, each in three launches (the pilot realisations 0-15, the rest, the per-group reduction),
 * and copies back five numbers per group. The draws, sums and selections are those of
 * {@code CpuGroupedMonteCarlo}, in the same order, so the statistics are equal to the bit.
 *
 * <p>Work per thread: {@code quadsPerRun} realisation quads of one group, chosen so that there are
 * about {@value #TARGET_THREADS} threads in all (at least 4 and at most 64 quads per thread: fewer
 * threads learn their median windows better, more threads fill the GPU). Memory per group:
 * 24 bytes per realisation plus one scratch column of its stars per thread. Not thread-safe.
 */
final class GpuMonteCarlo {

    /** The median window's half-width in learnt spreads (CpuGroupedMonteCarlo's MedianWindow). */
    static final double WINDOW_SIGMAS = 2.5;
    /** Most draws gathered in a median window (OC_MC_WINDOW_CAP in monte_carlo.cu). */
    static final int WINDOW_CAPACITY = 48;
    /** Realisation quads of the pilot launch: 16 realisations, the medians a window is learnt from. */
    static final int PILOT_QUADS = 4;
    /** Threads the main launch aims for. */
    static final long TARGET_THREADS = 1 << 17;

    private final Kernels kernels;
    private final KernelDevice device;
    private final Kernels.ZigguratTables ziggurat;

    GpuMonteCarlo(Kernels kernels, Kernels.ZigguratTables ziggurat) {
        this.kernels = kernels;
        this.device = kernels.device();
        this.ziggurat = ziggurat;
    }

    GroupStatistics run(GroupedSamples s, MonteCarloSpec spec) {
        int groups = s.groupCount();
        double[][] stats = new double[5][groups];
        if (groups == 0) {
            return new GroupStatistics(stats[0], stats[1], stats[2], stats[3], stats[4]);
        }
        long draws = spec.draws();
        long quads = (draws + 3) / 4;
        long pilotQuads = Math.min(PILOT_QUADS, quads);
        long mainQuads = quads - pilotQuads;
        long quadsPerRun = Math.max(4, Math.min(64, ((long) groups * mainQuads + TARGET_THREADS - 1) / TARGET_THREADS));
        long runsPerGroup = (mainQuads + quadsPerRun - 1) / quadsPerRun;
        long columns = Math.max(1, runsPerGroup);
        int[] offsets = s.groupOffsets();
        int stars = s.starCount();
        try (DeviceBuffer values = device.allocate(8L * stars);
             DeviceBuffer errors = device.allocate(8L * stars);
             DeviceBuffer ordinals = device.allocate(4L * stars);
             DeviceBuffer offsetsOnDevice = device.allocate(4L * (groups + 1));
             DeviceBuffer keys = device.allocate(8L * groups)) {
            device.upload(s.values(), values, 0);
            device.upload(s.errors(), errors, 0);
            device.upload(s.starOrdinals(), ordinals, 0);
            device.upload(offsets, offsetsOnDevice, 0);
            device.upload(s.groupKeys(), keys, 0);
            Kernels.McInputs in = new Kernels.McInputs(values, errors, ordinals, offsetsOnDevice, keys);
            long budget = device.availableBytes() * 7 / 8;
            int g0 = 0;
            while (g0 < groups) {
                int g1 = g0;
                long bytes = 0;
                while (g1 < groups) {
                    long group = 24 * draws + 8 * columns * s.size(g1) + 40;
                    if (bytes + group > budget) {
                        break;
                    }
                    bytes += group;
                    g1++;
                }
                if (g1 == g0) {
                    throw new DeviceFailure("too little device memory for the Monte-Carlo of one group of " + s.size(g0) + " stars x "
                            + draws + " draws", true);
                }
                chunk(in, offsets, g0, g1, draws, pilotQuads, quads, quadsPerRun, runsPerGroup, columns, spec, stats);
                g0 = g1;
            }
        }
        return new GroupStatistics(stats[0], stats[1], stats[2], stats[3], stats[4]);
    }

    private void chunk(Kernels.McInputs in, int[] offsets, int g0, int g1, long draws, long pilotQuads, long quads, long quadsPerRun,
                       long runsPerGroup, long columns, MonteCarloSpec spec, double[][] stats) {
        int groups = g1 - g0;
        long chunkStars = offsets[g1] - offsets[g0];
        try (DeviceBuffer meanJ = device.allocate(8 * draws * groups);
             DeviceBuffer medianJ = device.allocate(8 * draws * groups);
             DeviceBuffer squaresJ = device.allocate(8 * draws * groups);
             DeviceBuffer scratch = device.allocate(8 * columns * Math.max(1, chunkStars));
             DeviceBuffer out = device.allocate(8L * 5 * groups)) {
            Kernels.McWork work = new Kernels.McWork(meanJ, medianJ, squaresJ, scratch);
            kernels.mcDraws(in, ziggurat, work, new Kernels.McLaunch(g0, groups, draws, 0, pilotQuads, pilotQuads, 1, offsets[g0], 0),
                    spec.seed(), spec.stream(), WINDOW_SIGMAS, WINDOW_CAPACITY);
            if (quads > pilotQuads) {
                kernels.mcDraws(in, ziggurat, work, new Kernels.McLaunch(g0, groups, draws, pilotQuads, quads, quadsPerRun, runsPerGroup,
                        offsets[g0], 4 * pilotQuads), spec.seed(), spec.stream(), WINDOW_SIGMAS, WINDOW_CAPACITY);
            }
            kernels.mcReduce(groups, in.offsets(), work, out, g0, draws);
            double[] result = new double[5 * groups];
            device.download(out, 0, result);
            for (int stat = 0; stat < 5; stat++) {
                System.arraycopy(result, stat * groups, stats[stat], g0, groups);
            }
        }
    }
}
