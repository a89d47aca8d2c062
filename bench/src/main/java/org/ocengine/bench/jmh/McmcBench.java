package org.ocengine.bench.jmh;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ocengine.fit.EnsembleFits;
import org.ocengine.fit.FitBatch;
import org.ocengine.fit.FitData;
import org.ocengine.fit.FitModel;
import org.ocengine.fit.FitProblem;
import org.ocengine.fit.FitResults;
import org.ocengine.fit.SamplerSettings;
import org.ocengine.random.DrawKey;
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
 * Ensemble-MCMC steps: one quadratic fit on 400 points (300 walkers, 500 steps, a fifth discarded,
 * percentiles and autocorrelation included), reported per walker step (one proposal and one
 * log-probability), with the likelihood from normal equations ({@code SUMS}) or point by point
 * ({@code POINTS}, emcee's arithmetic).
 */
@Fork(value = 2, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class McmcBench {

    static final int WALKERS = 300;
    static final int STEPS = 500;
    static final int POINTS = 400;

    @Param({"SUMS", "POINTS"})
    public FitBatch.Likelihood likelihood;

    private FitBatch batch;
    private SamplerSettings settings;

    @Setup
    public void setUp() {
        double[] x = new double[POINTS];
        double[] y = new double[POINTS];
        double[] err = new double[POINTS];
        DrawKey noise = new DrawKey(7);
        for (int i = 0; i < POINTS; i++) {
            x[i] = 6 + 12.0 * i / (POINTS - 1);
            err[i] = 0.05;
            y[i] = -0.002 * x[i] * x[i] - 0.02 * x[i] + 0.4 + err[i] * noise.normal(1, 0, i, 0);
        }
        FitModel model = FitModel.quadratic(false);
        FitData data = new FitData(x, y, err);
        FitProblem problem = new FitProblem("bench", 1, model, data, FitProblem.priors(model, data, Map.of()));
        batch = FitBatch.of(List.of(problem)).with(likelihood);
        settings = SamplerSettings.paper(1).withWalkers(WALKERS).withSteps(STEPS).withDiscard(STEPS / 5);
    }

    /** One fit of 300 walkers x 500 steps (per walker step). */
    @Benchmark
    @OperationsPerInvocation(WALKERS * STEPS)
    public double fit() {
        FitResults r = EnsembleFits.runSequential(batch, settings, f -> { });
        return r.p50(0);
    }
}
