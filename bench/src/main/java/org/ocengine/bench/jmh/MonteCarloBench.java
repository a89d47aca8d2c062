package org.ocengine.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ocengine.compute.CpuBackend;
import org.ocengine.compute.GroupedSamples;
import org.ocengine.compute.MonteCarloSpec;
import org.ocengine.compute.Selection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Monte-Carlo reductions: the exact median of 100 values (fresh data each call, as realisations
 * are), and the grouped Monte-Carlo of SPEC.md 5 on 20 clusters x 100 stars x 5000 draws through the
 * CPU backend (per normal draw).
 */
@Fork(value = 2, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class MonteCarloBench {

    static final int STARS = 100;
    static final int SETS = 4096;
    static final int GROUPS = 20;
    static final int DRAWS = 5000;

    private double[][] sets;
    private double[] scratchA;
    private double[] scratchB;
    private int next;
    private GroupedSamples samples;
    private CpuBackend backend;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(7);
        sets = new double[SETS][STARS];
        for (double[] s : sets) {
            for (int i = 0; i < STARS; i++) {
                s[i] = 30 + 5 * r.nextGaussian();
            }
        }
        scratchA = new double[STARS + 1];
        scratchB = new double[STARS];
        int n = GROUPS * STARS;
        double[] v = new double[n];
        double[] e = new double[n];
        int[] ordinals = new int[n];
        int[] offsets = new int[GROUPS + 1];
        long[] keys = new long[GROUPS];
        for (int g = 0; g < GROUPS; g++) {
            offsets[g + 1] = offsets[g] + STARS;
            keys[g] = g;
            double centre = 30 * r.nextGaussian();
            for (int i = 0; i < STARS; i++) {
                v[g * STARS + i] = centre + 3 * r.nextGaussian();
                e[g * STARS + i] = 0.5 + 4.5 * r.nextDouble();
                ordinals[g * STARS + i] = i;
            }
        }
        samples = new GroupedSamples(v, e, ordinals, offsets, keys);
        backend = new CpuBackend(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    /** Exact median of 100 values by branch-free selection (per value). */
    @Benchmark
    @OperationsPerInvocation(STARS)
    public double median100() {
        double[] x = sets[next++ & (SETS - 1)];
        return Selection.median(x, STARS, scratchA, scratchB);
    }

    /** Grouped Monte-Carlo, one thread (per normal draw: 20 x 100 x 5000 per invocation). */
    @Benchmark
    @OperationsPerInvocation(GROUPS * STARS * DRAWS)
    public double groupedMonteCarlo() {
        return backend.groupedMonteCarlo(samples, new MonteCarloSpec(1, 0, DRAWS)).median()[0];
    }
}
