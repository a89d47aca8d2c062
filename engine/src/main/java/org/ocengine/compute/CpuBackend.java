package org.ocengine.compute;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.ocengine.fit.EnsembleFits;
import org.ocengine.fit.FitBatch;
import org.ocengine.fit.FitResults;
import org.ocengine.fit.SamplerSettings;

/**
 * The reference backend: plain Java on a private {@link ForkJoinPool}. Results do not depend on the
 * number of threads (work is split into fixed pieces whose results are combined in a fixed order).
 * Thread-safe; {@link #close()} shuts the pool down.
 */
public final class CpuBackend implements ComputeBackend {

    private final ForkJoinPool pool;
    private final ZoneSkyMatcher skyMatcher;
    private final CpuGroupedMonteCarlo monteCarlo;

    /** @param threads worker threads; 0 means one per available processor */
    public CpuBackend(int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.pool = new ForkJoinPool(n);
        this.skyMatcher = new ZoneSkyMatcher(pool);
        this.monteCarlo = new CpuGroupedMonteCarlo(pool);
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "CPU, " + pool.getParallelism() + " threads, " + System.getProperty("java.vm.name") + " " + Runtime.version();
    }

    /** Number of worker threads. */
    public int threads() {
        return pool.getParallelism();
    }

    @Override
    public MatchPairs skyMatch(SkyPositions a, SkyPositions b, double radiusArcsec) {
        return inPool(() -> skyMatcher.match(a, b, radiusArcsec));
    }

    @Override
    public GroupStatistics groupedMonteCarlo(GroupedSamples samples, MonteCarloSpec spec) {
        return inPool(() -> monteCarlo.run(samples, spec));
    }

    @Override
    public OrbitSummaries integrateOrbits(GravityField field, PhaseSpace starts, OrbitSpec spec) {
        return inPool(() -> CpuOrbitIntegration.run(field, starts, spec));
    }

    @Override
    public PeriodogramPeaks periodograms(TimeSeriesBatch batch, FrequencyGrid grid) {
        return inPool(() -> CpuPeriodograms.peaks(batch, grid));
    }

    /** Samples the fits in parallel over the pool's threads, one fit per task. */
    @Override
    public FitResults sampleEnsembles(FitBatch batch, SamplerSettings settings, IntConsumer fitDone) {
        return EnsembleFits.runParallel(batch, settings, pool, fitDone);
    }

    private <T> T inPool(Supplier<T> work) {
        try {
            return pool.submit(work::get).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // the pool rethrows a copy of a worker's exception wrapping the original: report the original
            while (cause.getCause() != null && cause.getCause().getClass() == cause.getClass()) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
