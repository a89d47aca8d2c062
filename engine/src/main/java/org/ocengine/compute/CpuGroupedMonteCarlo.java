package org.ocengine.compute;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.ocengine.random.DrawKey;

/**
 * The CPU twin of the grouped Monte-Carlo kernel (SPEC.md 5). Per group it keeps, for every
 * realisation j, mean_j, the exact median_j and the within-realisation sum of squared deviations,
 * then reduces them in realisation order; the pooled dispersion is assembled from these exactly
 * (sum of within-draw squares plus n times the squared deviations of mean_j), so no running sums of
 * squares lose precision. Work is split by group, and by fixed chunks of realisations when groups are
 * few, so results are identical for any thread count. Thread-safe; runs on the given pool.
 */
final class CpuGroupedMonteCarlo {

    /** Realisation pairs per task when one group is split across threads. */
    private static final int PAIRS_PER_CHUNK = 256;

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
            int pairs = (draws + 1) / 2;
            int chunks = splitGroups ? (pairs + PAIRS_PER_CHUNK - 1) / PAIRS_PER_CHUNK : 1;
            IntStream stream = IntStream.range(0, chunks);
            (chunks > 1 ? stream.parallel() : stream).forEach(c -> {
                int from = c * PAIRS_PER_CHUNK;
                int to = chunks == 1 ? pairs : Math.min(pairs, from + PAIRS_PER_CHUNK);
                drawChunk(samples, spec, g, from, to, meanJ, medianJ, squaresJ);
            });
            reduce(n, meanJ, medianJ, squaresJ, g, mean, meanStd, median, medianStd, dispersion);
        });
        return new GroupStatistics(mean, meanStd, median, medianStd, dispersion);
    }

    /** Fills per-realisation results for realisation pairs [fromPair, toPair) of group g. */
    private static void drawChunk(GroupedSamples s, MonteCarloSpec spec, int g, int fromPair, int toPair,
                                  double[] meanJ, double[] medianJ, double[] squaresJ) {
        int start = s.groupOffsets()[g];
        int n = s.size(g);
        long key = s.groupKeys()[g];
        double[] values = s.values();
        double[] errors = s.errors();
        int[] ordinals = s.starOrdinals();
        DrawKey draws = new DrawKey(spec.seed());
        double[] even = new double[n];
        double[] odd = new double[n];
        double[] scratch = new double[n];
        for (int p = fromPair; p < toPair; p++) {
            draws.normalPairs(key, spec.stream(), ordinals, start, n, p, even, odd);
            for (int i = 0; i < n; i++) {
                double v = values[start + i];
                double e = errors[start + i];
                even[i] = v + e * even[i];
                odd[i] = v + e * odd[i];
            }
            int j = 2 * p;
            summarise(even, scratch, j, meanJ, medianJ, squaresJ);
            if (j + 1 < meanJ.length) {
                summarise(odd, scratch, j + 1, meanJ, medianJ, squaresJ);
            }
        }
    }

    private static void summarise(double[] x, double[] scratch, int j, double[] meanJ, double[] medianJ, double[] squaresJ) {
        int n = x.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[i];
        }
        double m = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - m;
            ss += d * d;
        }
        meanJ[j] = m;
        squaresJ[j] = ss;
        System.arraycopy(x, 0, scratch, 0, n);
        medianJ[j] = Selection.median(scratch, n);
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
