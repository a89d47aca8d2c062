package org.ocengine.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.ocengine.compute.CpuBackend;
import org.ocengine.compute.SkyGeometry;
import org.ocengine.compute.SkyPositions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sky match: the exact predicate and separation per candidate pair (the inner loop of every
 * matcher), and a whole 10^5 x 10^5 match over 20 deg^2 at 3.5 arcsec through the CPU backend.
 */
@Fork(value = 2, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class SkyMatchBench {

    /** Candidate pairs per invocation of {@link #predicatePerCandidate}. */
    static final int CANDIDATES = 4096;

    @Param({"100000"})
    int rows;

    private double[] a;
    private double[] b;
    private double limit2;
    private RootAllocator allocator;
    private Float8Vector raA;
    private Float8Vector decA;
    private Float8Vector raB;
    private Float8Vector decB;
    private CpuBackend backend;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(2026);
        // candidate pairs: neighbours within a few arcsec, as the zone scan yields them
        a = new double[3 * CANDIDATES];
        b = new double[3 * CANDIDATES];
        for (int k = 0; k < CANDIDATES; k++) {
            double ra = 180 + r.nextDouble();
            double dec = 30 + r.nextDouble();
            SkyGeometry.unitVector(ra, dec, a, 3 * k);
            SkyGeometry.unitVector(ra + (r.nextDouble() - 0.5) * 0.004, dec + (r.nextDouble() - 0.5) * 0.004, b, 3 * k);
        }
        limit2 = SkyGeometry.chordSquaredLimit(3.5);
        allocator = new RootAllocator();
        raA = positions("ra", r, rows, 180, Math.sqrt(20));
        decA = positions("dec", r, rows, 28, Math.sqrt(20));
        raB = positions("ra", r, rows, 180, Math.sqrt(20));
        decB = positions("dec", r, rows, 28, Math.sqrt(20));
        backend = new CpuBackend(0);
    }

    private Float8Vector positions(String name, SplittableRandom r, int n, double from, double width) {
        Float8Vector v = new Float8Vector(name, allocator);
        v.allocateNew(n);
        for (int i = 0; i < n; i++) {
            v.set(i, from + width * r.nextDouble());
        }
        v.setValueCount(n);
        return v;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
        raA.close();
        decA.close();
        raB.close();
        decB.close();
        allocator.close();
    }

    /** The exact predicate plus the separation of the accepted pairs, per candidate. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(CANDIDATES)
    public double predicatePerCandidate() {
        double acc = 0;
        for (int k = 0; k < CANDIDATES; k++) {
            int o = 3 * k;
            double c2 = SkyGeometry.chordSquared(a[o], a[o + 1], a[o + 2], b[o], b[o + 1], b[o + 2]);
            if (c2 <= limit2) {
                acc += SkyGeometry.separationArcsec(c2);
            }
        }
        return acc;
    }

    /** A whole all-pairs match of two catalogues of {@code rows} rows (index build included). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int wholeMatch() {
        return backend.skyMatch(new SkyPositions(raA, decA), new SkyPositions(raB, decB), 3.5).size();
    }
}
