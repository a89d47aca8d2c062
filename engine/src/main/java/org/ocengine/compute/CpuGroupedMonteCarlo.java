package org.ocengine.compute;

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
            summariseQuad(values, errors, start, shift, z, 4 * q, meanJ, medianJ, squaresJ, window);
        }
    }

    /**
     * The statistics of the four realisations j0 .. j0+3 (those below the draw count) in one pass
     * over their deviates z[lane] and draws x = v + e z: per realisation the mean and the sum of
     * squared deviations (about {@code shift}, the group's mean value, close to every realisation's
     * mean, so there is no cancellation), each summed over the stars in order, and the exact median,
     * for which the pass gathers the draws inside the median window and counts those below it. The
     * four realisations' sums are independent chains in one loop, so they run side by side.
     */
    private static void summariseQuad(double[] values, double[] errors, int start, double shift, double[][] z, int j0,
                                      double[] meanJ, double[] medianJ, double[] squaresJ, MedianWindow window) {
        double[] z0 = z[0];
        double[] z1 = z[1];
        double[] z2 = z[2];
        double[] z3 = z[3];
        int n = z0.length;
        double lo = window.lo();
        double hi = window.hi();
        // the window's width as bits (positive, or NaN while learning, when nothing is inside anyway)
        long width = Double.doubleToRawLongBits(hi - lo);
        double[] g0 = window.gathered[0];
        double[] g1 = window.gathered[1];
        double[] g2 = window.gathered[2];
        double[] g3 = window.gathered[3];
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        double sq0 = 0;
        double sq1 = 0;
        double sq2 = 0;
        double sq3 = 0;
        int in0 = 0;
        int in1 = 0;
        int in2 = 0;
        int in3 = 0;
        int below0 = 0;
        int below1 = 0;
        int below2 = 0;
        int below3 = 0;
        for (int i = 0; i < n; i++) {
            double v = values[start + i];
            double e = errors[start + i];
            double x0 = v + e * z0[i];
            double x1 = v + e * z1[i];
            double x2 = v + e * z2[i];
            double x3 = v + e * z3[i];
            double d0 = x0 - shift;
            double d1 = x1 - shift;
            double d2 = x2 - shift;
            double d3 = x3 - shift;
            sum0 += d0;
            sum1 += d1;
            sum2 += d2;
            sum3 += d3;
            sq0 += d0 * d0;
            sq1 += d1 * d1;
            sq2 += d2 * d2;
            sq3 += d3 * d3;
            // t = x - lo as bits: negative (sign bit) below the window; inside while 0 <= t < hi - lo
            long t0 = Double.doubleToRawLongBits(x0 - lo);
            long t1 = Double.doubleToRawLongBits(x1 - lo);
            long t2 = Double.doubleToRawLongBits(x2 - lo);
            long t3 = Double.doubleToRawLongBits(x3 - lo);
            g0[in0] = x0;
            g1[in1] = x1;
            g2[in2] = x2;
            g3[in3] = x3;
            below0 += (int) (t0 >>> 63);
            below1 += (int) (t1 >>> 63);
            below2 += (int) (t2 >>> 63);
            below3 += (int) (t3 >>> 63);
            in0 += (int) ((t0 - width & ~t0) >>> 63);
            in1 += (int) ((t1 - width & ~t1) >>> 63);
            in2 += (int) ((t2 - width & ~t2) >>> 63);
            in3 += (int) ((t3 - width & ~t3) >>> 63);
        }
        int lanes = Math.min(4, meanJ.length - j0);
        finish(values, errors, start, shift, z0, j0, sum0, sq0, lo, hi, g0, in0, below0, meanJ, medianJ, squaresJ, window);
        if (lanes > 1) {
            finish(values, errors, start, shift, z1, j0 + 1, sum1, sq1, lo, hi, g1, in1, below1, meanJ, medianJ, squaresJ, window);
        }
        if (lanes > 2) {
            finish(values, errors, start, shift, z2, j0 + 2, sum2, sq2, lo, hi, g2, in2, below2, meanJ, medianJ, squaresJ, window);
        }
        if (lanes > 3) {
            finish(values, errors, start, shift, z3, j0 + 3, sum3, sq3, lo, hi, g3, in3, below3, meanJ, medianJ, squaresJ, window);
        }
        // the window moves once per quad, after its four realisations (it only steers the work)
        for (int j = j0; j < j0 + lanes; j++) {
            window.learn(medianJ[j]);
        }
    }

    /** Realisation j's mean, squares and median from its pass: its sums and the draws gathered inside the window. */
    private static void finish(double[] values, double[] errors, int start, double shift, double[] z, int j,
                               double sum, double sq, double lo, double hi, double[] gathered, int inside, int below,
                               double[] meanJ, double[] medianJ, double[] squaresJ, MedianWindow window) {
        int n = z.length;
        meanJ[j] = shift + sum / n;
        squaresJ[j] = Math.max(0.0, sq - sum * sum / n);
        double median = Selection.medianOfWindow(gathered, inside, below, n, lo, hi, window.bucketOf, window.counts,
                window.scratchA, window.scratchB);
        if (Double.isNaN(median)) {
            // rare: the middle rank fell outside the window; select among all draws
            for (int i = 0; i < n; i++) {
                gathered[i] = values[start + i] + errors[start + i] * z[i];
            }
            median = Selection.median(gathered, n, window.scratchA, window.scratchB);
        }
        medianJ[j] = median;
    }

    /**
     * Where to look for the next quad's medians: the medians scatter about their own mean with their
     * own spread, both learnt (Welford) from the quads of realisations already done, so the window is
     * that mean plus and minus {@value #WINDOW_SIGMAS} spreads. When the middle rank falls among the
     * draws gathered inside (almost always), only those few are looked at (counted into value buckets,
     * see {@link Selection#medianOfWindow}). Before {@value #LEARN}
     * medians are known, the window is empty and every median comes from a full selection. Exact
     * either way; only the work differs. One per thread.
     */
    private static final class MedianWindow {
        private static final double WINDOW_SIGMAS = 2.5;
        private static final int LEARN = 16;

        /** Per lane (realisation of a quad), the draws inside the window. */
        final double[][] gathered;
        final int[] bucketOf;
        final int[] counts = new int[Selection.BUCKETS];
        final double[] scratchA;
        final double[] scratchB;
        private long seen;
        private double mean;
        private double m2;

        MedianWindow(int n) {
            gathered = new double[4][n];
            bucketOf = new int[n];
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
        // the median of the medians by selection (the same value a sort gives, in linear time)
        median[g] = Selection.median(medianJ, draws, new double[draws + 1], new double[draws]);
    }

    private static double meanOf(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }
}
