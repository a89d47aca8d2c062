package org.ocengine.compute;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.ocengine.random.DrawKey;

/**
 * The CPU twin of the grouped Monte-Carlo kernel (SPEC.md 5). Per group it keeps, for every
 * realisation j, mean_j, the exact median_j and the within-realisation sum of squared deviations,
 * then reduces them in realisation order; the pooled dispersion is assembled from these (sum of
 * within-draw squares plus n times the squared deviations of mean_j), so no sums of squares run over
 * the whole sample. Work is split by group, and by fixed chunks of realisations when groups are
 * few, so results are identical for any thread count. Thread-safe; runs on the given pool.
 */
final class CpuGroupedMonteCarlo {

    /** Realisation quads (four draws per Philox block) per task when one group is split across threads. */
    private static final int QUADS_PER_CHUNK = 128;

    private final ForkJoinPool pool;

    CpuGroupedMonteCarlo(ForkJoinPool pool) {
        this.pool = pool;
    }

    GroupStatistics run(GroupedSamples samples, MonteCarloSpec spec) {
        int groups = samples.groupCount();
        double[] mean = new double[groups];
        double[] meanStd = new double[groups];
        double[] median = new double[groups];
        double[] medianStd = new double[groups];
        double[] dispersion = new double[groups];
        boolean splitGroups = groups < 4 * pool.getParallelism();
        IntStream.range(0, groups).parallel().forEach(g -> {
            int n = samples.size(g);
            if (n == 0) {
                mean[g] = meanStd[g] = median[g] = medianStd[g] = dispersion[g] = Double.NaN;
                return;
            }
            int draws = spec.draws();
            double[] meanJ = new double[draws];
            double[] medianJ = new double[draws];
            double[] squaresJ = new double[draws];
            int quads = (draws + 3) / 4;
            int chunks = splitGroups ? (quads + QUADS_PER_CHUNK - 1) / QUADS_PER_CHUNK : 1;
            IntStream stream = IntStream.range(0, chunks);
            (chunks > 1 ? stream.parallel() : stream).forEach(c -> {
                int from = c * QUADS_PER_CHUNK;
                int to = chunks == 1 ? quads : Math.min(quads, from + QUADS_PER_CHUNK);
                drawChunk(samples, spec, g, from, to, meanJ, medianJ, squaresJ);
            });
            reduce(n, meanJ, medianJ, squaresJ, g, mean, meanStd, median, medianStd, dispersion);
        });
        return new GroupStatistics(mean, meanStd, median, medianStd, dispersion);
    }

    /** Fills per-realisation results for realisation quads [fromQuad, toQuad) of group g. */
    private static void drawChunk(GroupedSamples s, MonteCarloSpec spec, int g, int fromQuad, int toQuad,
                                  double[] meanJ, double[] medianJ, double[] squaresJ) {
        int start = s.groupOffsets()[g];
        int n = s.size(g);
        long key = s.groupKeys()[g];
        double[] values = s.values();
        double[] errors = s.errors();
        double shift = 0;
        for (int i = 0; i < n; i++) {
            shift += values[start + i];
        }
        shift /= n;
        DrawKey draws = new DrawKey(spec.seed());
        double[][] z = new double[4][n];
        MedianWindow window = new MedianWindow(n);
        for (int q = fromQuad; q < toQuad; q++) {
            draws.normalQuads(key, spec.stream(), s.starOrdinals(), start, n, q, z);
            for (int lane = 0; lane < 4; lane++) {
                int j = 4 * q + lane;
                if (j < meanJ.length) {
                    summarise(values, errors, start, shift, z[lane], j, meanJ, medianJ, squaresJ, window);
                }
            }
        }
    }

    /**
     * The statistics of one realisation in one pass over its deviates z and draws x = v + e z: the
     * mean and the sum of squared deviations (about {@code shift}, the group's mean value, close to
     * every realisation's mean, so there is no cancellation), and the exact median, for which the
     * pass gathers the draws inside the median window and counts those below it.
     */
    private static void summarise(double[] values, double[] errors, int start, double shift, double[] z, int j,
                                  double[] meanJ, double[] medianJ, double[] squaresJ, MedianWindow window) {
        int n = z.length;
        double lo = window.lo();
        double hi = window.hi();
        double[] gathered = window.gathered;
        double sum = 0;
        double sq = 0;
        int below = 0;
        int inside = 0;
        for (int i = 0; i < n; i++) {
            double x = values[start + i] + errors[start + i] * z[i];
            double d = x - shift;
            sum += d;
            sq += d * d;
            int ltLo = sign(x - lo);
            gathered[inside] = x;
            below += ltLo;
            inside += sign(x - hi) & (1 - ltLo);
        }
        meanJ[j] = shift + sum / n;
        squaresJ[j] = Math.max(0.0, sq - sum * sum / n);
        double median = Selection.medianOfWindow(gathered, inside, below, n, window.scratchA, window.scratchB);
        if (Double.isNaN(median)) {
            // rare: the middle rank fell outside the window; select among all draws
            for (int i = 0; i < n; i++) {
                gathered[i] = values[start + i] + errors[start + i] * z[i];
            }
            median = Selection.median(gathered, n, window.scratchA, window.scratchB);
        }
        medianJ[j] = median;
        window.learn(median);
    }

    /** 1 when x is negative, else 0, branch-free: the sign bit (x finite; a subtraction of equal values gives +0). */
    private static int sign(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 63);
    }

    /**
     * Where to look for the next realisation's median: the medians scatter about their own mean with
     * their own spread, both learnt (Welford) from the realisations already done, so the window is
     * that mean plus and minus {@value #WINDOW_SIGMAS} spreads. When the middle rank falls among the
     * draws gathered inside (almost always), only those few are ordered. Before {@value #LEARN}
     * medians are known, the window is empty and every median comes from a full selection. Exact
     * either way; only the work differs. One per thread.
     */
    private static final class MedianWindow {
        private static final double WINDOW_SIGMAS = 2.5;
        private static final int LEARN = 16;

        final double[] gathered;
        final double[] scratchA;
        final double[] scratchB;
        private long seen;
        private double mean;
        private double m2;

        MedianWindow(int n) {
            gathered = new double[n];
            scratchA = new double[n + 1];
            scratchB = new double[n];
        }

        /** Lower edge; +infinity (nothing inside) while learning. */
        double lo() {
            return seen < LEARN ? Double.POSITIVE_INFINITY : mean - WINDOW_SIGMAS * Math.sqrt(m2 / seen);
        }

        /** Upper edge; +infinity while learning. */
        double hi() {
            return seen < LEARN ? Double.POSITIVE_INFINITY : mean + WINDOW_SIGMAS * Math.sqrt(m2 / seen);
        }

        void learn(double median) {
            seen++;
            double delta = median - mean;
            mean += delta / seen;
            m2 += delta * (median - mean);
        }
    }

    private static void reduce(int n, double[] meanJ, double[] medianJ, double[] squaresJ, int g,
                               double[] mean, double[] meanStd, double[] median, double[] medianStd, double[] dispersion) {
        int draws = meanJ.length;
        double grand = meanOf(meanJ);
        double devMeans = 0;
        double within = 0;
        for (int j = 0; j < draws; j++) {
            double d = meanJ[j] - grand;
            devMeans += d * d;
            within += squaresJ[j];
        }
        mean[g] = grand;
        meanStd[g] = Math.sqrt(devMeans / draws);
        dispersion[g] = Math.sqrt((within + n * devMeans) / ((double) n * draws));
        double medMean = meanOf(medianJ);
        double devMed = 0;
        for (int j = 0; j < draws; j++) {
            double d = medianJ[j] - medMean;
            devMed += d * d;
        }
        medianStd[g] = Math.sqrt(devMed / draws);
        double[] sorted = medianJ.clone();
        Arrays.sort(sorted);
        median[g] = draws % 2 == 1 ? sorted[draws / 2] : 0.5 * (sorted[draws / 2 - 1] + sorted[draws / 2]);
    }

    private static double meanOf(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }
}
