package org.ocengine.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.ocengine.galaxy.CompositePotential;
import org.ocengine.galaxy.GalaxyModel;
import org.ocengine.random.Philox4x64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Force evaluation in the Galactic potentials, the inner step of every orbit: (F_R, F_z) at points
 * spread over 0.5 &lt; R &lt; 30 kpc, |z| &lt; 5 kpc (kpc, (km/s)^2/kpc), per evaluation, for
 * MWPotential2014 (analytic) and McMillan (2017) (disc ansatz plus the multipole table).
 */
@Fork(value = 2, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class GalaxyBench {

    static final int POINTS = 1024;

    @Param({"mwpot14", "mcmillan17"})
    public String potential;

    private CompositePotential field;
    private final double[] cylR = new double[POINTS];
    private final double[] z = new double[POINTS];
    private final double[] force = new double[2];

    @Setup
    public void setUp() {
        field = GalaxyModel.parse(potential).potential();
        for (int i = 0; i < POINTS; i++) {
            cylR[i] = 0.5 + 29.5 * Philox4x64.uniformOpen(i * 0x9E3779B97F4A7C15L);
            z[i] = -5 + 10 * Philox4x64.uniformOpen(i * 0xC2B2AE3D27D4EB4FL + 1);
        }
    }

    /** Forces at 1024 points (per evaluation). */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double forces() {
        double sum = 0;
        for (int i = 0; i < POINTS; i++) {
            field.forces(cylR[i], z[i], force);
            sum += force[0] + force[1];
        }
        return sum;
    }
}
