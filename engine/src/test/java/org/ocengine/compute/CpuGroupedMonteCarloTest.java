package org.ocengine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ocengine.random.DrawKey;

class CpuGroupedMonteCarloTest {

    /** Random groups of 0..40 stars with random values, errors and non-contiguous ordinals. */
    private static GroupedSamples randomSamples(long seed, int groups) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] offsets = new int[groups + 1];
        long[] keys = new long[groups];
        for (int g = 0; g < groups; g++) {
            offsets[g + 1] = offsets[g] + (g == 0 ? 0 : r.nextInt(41));
            keys[g] = r.nextLong();
        }
        int n = offsets[groups];
        double[] values = new double[n];
        double[] errors = new double[n];
        int[] ordinals = new int[n];
        for (int g = 0; g < groups; g++) {
            int ordinal = 0;
            for (int i = offsets[g]; i < offsets[g + 1]; i++) {
                values[i] = 30 * r.nextGaussian();
                errors[i] = i % 7 == 0 ? 0.0 : 0.1 + 5 * r.nextDouble();
                ordinal += 1 + r.nextInt(3);
                ordinals[i] = ordinal;
            }
        }
        return new GroupedSamples(values, errors, ordinals, offsets, keys);
    }

    /** A direct, slow restatement of SPEC.md 5: store every draw, sort for medians, two-pass moments. */
    private static GroupStatistics reference(GroupedSamples s, MonteCarloSpec spec) {
        int groups = s.groupCount();
        double[][] out = new double[5][groups];
        DrawKey key = new DrawKey(spec.seed());
        for (int g = 0; g < groups; g++) {
            int n = s.size(g);
            if (n == 0) {
                for (double[] o : out) {
                    o[g] = Double.NaN;
                }
                continue;
            }
            int d = spec.draws();
            double[] means = new double[d];
            double[] medians = new double[d];
            double[] pooled = new double[n * d];
            for (int j = 0; j < d; j++) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    int row = s.groupOffsets()[g] + i;
                    x[i] = s.values()[row] + s.errors()[row] * key.normal(s.groupKeys()[g], spec.stream(), s.starOrdinals()[row], j);
                    pooled[j * n + i] = x[i];
                }
                means[j] = Arrays.stream(x).sum() / n;
                Arrays.sort(x);
                medians[j] = n % 2 == 1 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
            }
            out[0][g] = mean(means);
            out[1][g] = std(means);
            double[] sortedMedians = medians.clone();
            Arrays.sort(sortedMedians);
            out[2][g] = d % 2 == 1 ? sortedMedians[d / 2] : 0.5 * (sortedMedians[d / 2 - 1] + sortedMedians[d / 2]);
            out[3][g] = std(medians);
            out[4][g] = std(pooled);
        }
        return new GroupStatistics(out[0], out[1], out[2], out[3], out[4]);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double std(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / x.length);
    }

    private static void assertClose(double[] expected, double[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length);
        for (int g = 0; g < expected.length; g++) {
            if (Double.isNaN(expected[g])) {
                assertTrue(Double.isNaN(actual[g]), what + " group " + g);
            } else {
                assertEquals(expected[g], actual[g], relative * Math.max(1.0, Math.abs(expected[g])), what + " group " + g);
            }
        }
    }

    @Test
    void equalsTheDirectRestatementOfTheMethod() {
        GroupedSamples s = randomSamples(5, 25);
        for (int draws : new int[] {1, 2, 7, 500, 1001}) {
            MonteCarloSpec spec = new MonteCarloSpec(42 + draws, 3, draws);
            GroupStatistics expected = reference(s, spec);
            GroupStatistics actual;
            try (CpuBackend cpu = new CpuBackend(2)) {
                actual = cpu.groupedMonteCarlo(s, spec);
            }
            assertClose(expected.mean(), actual.mean(), 1e-12, "mean, draws " + draws);
            assertClose(expected.meanStd(), actual.meanStd(), 1e-9, "meanStd, draws " + draws);
            assertClose(expected.median(), actual.median(), 0.0, "median, draws " + draws);
            assertClose(expected.medianStd(), actual.medianStd(), 1e-9, "medianStd, draws " + draws);
            assertClose(expected.dispersion(), actual.dispersion(), 1e-9, "dispersion, draws " + draws);
        }
    }

    /** Large cluster-like groups (many stars near the median), where the median window does the work. */
    @Test
    void largeClusterLikeGroupsEqualTheRestatement() {
        SplittableRandom r = new SplittableRandom(99);
        int[] sizes = {120, 101, 64};
        int n = 0;
        int[] offsets = new int[sizes.length + 1];
        for (int g = 0; g < sizes.length; g++) {
            offsets[g + 1] = offsets[g] + sizes[g];
        }
        n = offsets[sizes.length];
        double[] v = new double[n];
        double[] e = new double[n];
        int[] o = new int[n];
        for (int g = 0; g < sizes.length; g++) {
            double centre = 30 * r.nextGaussian();
            for (int i = offsets[g]; i < offsets[g + 1]; i++) {
                v[i] = centre + 3 * r.nextGaussian();
                e[i] = 0.5 + 4.5 * r.nextDouble();
                o[i] = i - offsets[g];
            }
        }
        GroupedSamples s = new GroupedSamples(v, e, o, offsets, new long[] {1, 2, 3});
        MonteCarloSpec spec = new MonteCarloSpec(5, 0, 3000);
        GroupStatistics expected = reference(s, spec);
        try (CpuBackend cpu = new CpuBackend(2)) {
            GroupStatistics actual = cpu.groupedMonteCarlo(s, spec);
            assertClose(expected.median(), actual.median(), 0.0, "median");
            assertClose(expected.medianStd(), actual.medianStd(), 1e-9, "medianStd");
            assertClose(expected.mean(), actual.mean(), 1e-12, "mean");
            assertClose(expected.dispersion(), actual.dispersion(), 1e-9, "dispersion");
        }
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        for (int groups : new int[] {3, 60}) {
            GroupedSamples s = randomSamples(groups, groups);
            MonteCarloSpec spec = new MonteCarloSpec(7, 0, 1500);
            GroupStatistics one;
            try (CpuBackend cpu = new CpuBackend(1)) {
                one = cpu.groupedMonteCarlo(s, spec);
            }
            for (int threads : new int[] {2, 5}) {
                try (CpuBackend cpu = new CpuBackend(threads)) {
                    GroupStatistics many = cpu.groupedMonteCarlo(s, spec);
                    assertArrayEquals(one.mean(), many.mean());
                    assertArrayEquals(one.meanStd(), many.meanStd());
                    assertArrayEquals(one.median(), many.median());
                    assertArrayEquals(one.medianStd(), many.medianStd());
                    assertArrayEquals(one.dispersion(), many.dispersion());
                }
            }
        }
    }

    /** SPEC.md 5: a one-star cluster gets median = x and +- = e (up to sampling noise of 5000 draws). */
    @Test
    void oneStarGroupGivesItsValueAndError() {
        GroupedSamples s = new GroupedSamples(new double[] {33.4}, new double[] {1.7}, new int[] {0}, new int[] {0, 1}, new long[] {DrawKey.groupKey("NGC2682")});
        try (CpuBackend cpu = new CpuBackend(1)) {
            GroupStatistics st = cpu.groupedMonteCarlo(s, new MonteCarloSpec(1, 0, 5000));
            double se = 1.7 / Math.sqrt(5000);
            assertEquals(33.4, st.median()[0], 4 * 1.25 * se);
            assertEquals(33.4, st.mean()[0], 4 * se);
            assertEquals(1.7, st.medianStd()[0], 4 * 1.7 / Math.sqrt(2 * 5000.0));
            assertEquals(1.7, st.dispersion()[0], 4 * 1.7 / Math.sqrt(2 * 5000.0));
            assertEquals(st.meanStd()[0], st.dispersion()[0], 1e-12);
        }
    }

    /** Moments of the sampling distributions match their analytic values for identical stars. */
    @Test
    void samplingMomentsMatchTheory() {
        int n = 50;
        double[] v = new double[n];
        double[] e = new double[n];
        int[] ord = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = 10;
            e[i] = 2;
            ord[i] = i;
        }
        GroupedSamples s = new GroupedSamples(v, e, ord, new int[] {0, n}, new long[] {99});
        try (CpuBackend cpu = new CpuBackend(2)) {
            GroupStatistics st = cpu.groupedMonteCarlo(s, new MonteCarloSpec(2026, 1, 20000));
            double sigmaMean = 2 / Math.sqrt(n);
            assertEquals(10, st.mean()[0], 5 * sigmaMean / Math.sqrt(20000));
            assertEquals(sigmaMean, st.meanStd()[0], 0.03 * sigmaMean);
            // the sample median of n normals has standard deviation ~ sqrt(pi/2) sigma / sqrt(n)
            assertEquals(Math.sqrt(Math.PI / 2) * sigmaMean, st.medianStd()[0], 0.05 * sigmaMean);
            assertEquals(2, st.dispersion()[0], 0.01);
        }
    }

    /** Leaving stars out keeps the draws of the others (they are keyed by ordinal, not position). */
    @Test
    void subsetKeepsDrawsOfRemainingStars() {
        GroupedSamples all = randomSamples(77, 4);
        int g = 3;
        int from = all.groupOffsets()[g];
        int to = all.groupOffsets()[g + 1];
        int m = (to - from) / 2;
        double[] v = new double[m];
        double[] e = new double[m];
        int[] o = new int[m];
        for (int i = 0; i < m; i++) {
            v[i] = all.values()[from + 2 * i];
            e[i] = all.errors()[from + 2 * i];
            o[i] = all.starOrdinals()[from + 2 * i];
        }
        GroupedSamples subset = new GroupedSamples(v, e, o, new int[] {0, m}, new long[] {all.groupKeys()[g]});
        MonteCarloSpec spec = new MonteCarloSpec(3, 0, 301);
        try (CpuBackend cpu = new CpuBackend(1)) {
            assertEquals(reference(subset, spec).mean()[0], cpu.groupedMonteCarlo(subset, spec).mean()[0], 1e-12);
        }
    }
}
