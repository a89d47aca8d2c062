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
        DrawKey draws = new DrawKey(spec.seed());
        double shift = 0;
        for (int i = 0; i < n; i++) {
            shift += s.values()[start + i];
        }
        shift /= n;
        double[][] z = new double[4][n];
        MedianFinder medians = new MedianFinder(n);
        for (int q = fromQuad; q < toQuad; q++) {
            draws.normalQuads(key, spec.stream(), s.starOrdinals(), start, n, q, z);
            for (int lane = 0; lane < 4; lane++) {
                int j = 4 * q + lane;
                if (j < meanJ.length) {
                    summarise(s.values(), s.errors(), start, shift, z[lane], j, meanJ, squaresJ);
                    medianJ[j] = medians.median(z[lane]);
                }
            }
        }
    }

    /**
     * Turns deviates z into draws x = v + e z in place, and stores the realisation's mean and sum of
     * squared deviations. The sums are taken about {@code shift} (the group's mean value, close to
     * every realisation's mean), so one pass gives both without cancellation.
     */
    private static void summarise(double[] values, double[] errors, int start, double shift, double[] x, int j,
                                  double[] meanJ, double[] squaresJ) {
        int n = x.length;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double xi = values[start + i] + errors[start + i] * x[i];
            x[i] = xi;
            double d = xi - shift;
            sum += d;
            squares += d * d;
        }
        meanJ[j] = shift + sum / n;
        squaresJ[j] = Math.max(0.0, squares - sum * sum / n);
    }

    /**
     * Exact medians of successive realisations of one group. Each realisation's median lies close to
     * the previous one, so it is first sought in a window around it ({@link Selection#medianInWindow});
     * the window's half-width adapts so that about a dozen values fall inside, and doubles after a miss,
     * which falls back to full selection. The values are exact either way; only the work differs.
     */
    private static final class MedianFinder {
        private static final int TARGET_INSIDE = 12;

        private final double[] window;
        private final double[] scratchA;
        private final double[] scratchB;
        private double centre = Double.NaN;
        private double halfWidth = Double.NaN;

        MedianFinder(int n) {
            window = new double[n + 1];
            scratchA = new double[n + 1];
            scratchB = new double[n];
        }

        double median(double[] x) {
            int n = x.length;
            if (n > 4 * TARGET_INSIDE && !Double.isNaN(centre)) {
                double m = Selection.medianInWindow(x, n, centre - halfWidth, centre + halfWidth, window);
                int inside = (int) window[n];
                if (!Double.isNaN(m)) {
                    // steer the window towards TARGET_INSIDE values
                    halfWidth *= inside > 2 * TARGET_INSIDE ? 0.8 : inside < TARGET_INSIDE / 2 ? 1.25 : 1.0;
                    centre = m;
                    return m;
                }
                halfWidth *= 2;
            }
            double m = Selection.median(x, n, scratchA, scratchB);
            if (Double.isNaN(centre)) {
                // first realisation: a window that would hold about TARGET_INSIDE of these values
                double lo = Selection.select(x, n, Math.max(0, n / 2 - TARGET_INSIDE / 2), scratchA, scratchB);
                double hi = Selection.select(x, n, Math.min(n - 1, n / 2 + TARGET_INSIDE / 2), scratchA, scratchB);
                halfWidth = Math.max(0.5 * (hi - lo), Math.ulp(m) * 16);
            }
            centre = m;
            return m;
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
