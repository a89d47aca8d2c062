package org.ocengine.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.ocengine.random.DrawKey;
import org.ocengine.random.Philox4x64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The random draws: one Philox4x64-10 block (four 64-bit words), and standard normal deviates as the
 * Monte-Carlo makes them (the hot loop of {@link DrawKey#normalQuads}: Philox plus the ziggurat,
 * four deviates per star and block).
 */
@Fork(value = 2, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class DrawBench {

    static final int STARS = 100;

    private final long[] block = new long[4];
    private final double[][] quads = new double[4][STARS];
    private final int[] ordinals = new int[STARS];
    private DrawKey key;
    private long counter;

    @Setup
    public void setUp() {
        key = new DrawKey(20261121L);
        for (int i = 0; i < STARS; i++) {
            ordinals[i] = i;
        }
    }

    /** One Philox4x64-10 block (per block). */
    @Benchmark
    public long philoxBlock() {
        Philox4x64.block(counter++, 0, 7, 11, 20261121L, DrawKey.KEY1, block);
        return block[0] ^ block[3];
    }

    /** Normal deviates of four draws of 100 stars (per deviate). */
    @Benchmark
    @OperationsPerInvocation(4 * STARS)
    public double normalDeviates() {
        key.normalQuads(DrawKey.groupKey("NGC2682"), 0, ordinals, 0, STARS, counter++, quads);
        return quads[0][0] + quads[3][STARS - 1];
    }
}
