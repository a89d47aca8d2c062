package org.ocengine.compute;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import org.ocengine.fit.EnsembleFits;
import org.ocengine.fit.FitBatch;
import org.ocengine.fit.FitResults;
import org.ocengine.fit.SamplerSettings;

/**
 * The few heavy, data-parallel operations of the pipeline. Stages call these and never know which
 * implementation runs: {@link CpuBackend} (multi-threaded, the reference) or the CUDA backend of the
 * kernels module, found at run time through {@link BackendProvider}. Every implementation returns the
 * same results for the same inputs (pair sets identical; Monte-Carlo statistics from the same
 * counter-based draws, equal to floating-point summation order).
 *
 * <p>Implementations are thread-safe; a backend owns native resources (threads, a GPU context)
 * until {@link #close()}.
 */
public interface ComputeBackend extends AutoCloseable {

    /** Short name: {@code cpu} or {@code cuda}. */
    String name();

    /** One line for logs and manifests: device, threads, driver. */
    String description();

    /**
     * All pairs (a, b) whose angular separation is at most the radius, with the separation, exact
     * (no pairs lost across RA 0/360, at the poles or at internal partition edges). Rows with a
     * missing position match nothing.
     */
    MatchPairs skyMatch(SkyPositions a, SkyPositions b, double radiusArcsec);

    /**
     * Grouped Monte-Carlo sampling (SPEC.md 5): for each group, {@code spec.draws()} realisations of
     * every star's value drawn from Normal(value, error) with the counter-based stream of
     * {@link org.ocengine.random.DrawKey}, reduced to the mean/median statistics of
     * {@link GroupStatistics}.
     */
    GroupStatistics groupedMonteCarlo(GroupedSamples samples, MonteCarloSpec spec);

    /**
     * Batched orbit integration (SPEC.md 6): every orbit of {@code starts} integrated in {@code field}
     * as {@code spec} says, reduced to its pericentre, apocentre, Z_max, energy checks and snapshots
     * ({@link OrbitSummaries}). Orbits are independent, so results do not depend on how they are
     * spread over threads or devices. Backends without an orbit kernel of their own inherit this CPU
     * reference, which runs on the calling thread's fork-join pool.
     */
    default OrbitSummaries integrateOrbits(GravityField field, PhaseSpace starts, OrbitSpec spec) {
        return CpuOrbitIntegration.run(field, starts, spec);
    }

    /**
     * Batched periodograms (SPEC.md 8): each series' generalised Lomb-Scargle periodogram (floating
     * mean, weights 1/err^2; Zechmeister &amp; Kürster 2009) over the grid, reduced to its highest peak
     * and that peak's false-alarm probability ({@link GeneralisedLombScargle}). The default runs the
     * CPU reference ({@link CpuPeriodograms}) in the common fork-join pool; a backend with its own
     * threads or a device overrides it.
     */
    default PeriodogramPeaks periodograms(TimeSeriesBatch batch, FrequencyGrid grid) {
        return CpuPeriodograms.peaks(batch, grid);
    }

    /**
     * Batched ensemble MCMC (SPEC.md 7): samples every fit of the batch with its own affine-invariant
     * ensemble (walkers, steps, discard, thin, moves and seed from {@code settings}) and reduces each
     * to percentiles 16/50/84, integrated autocorrelation times and the acceptance fraction. Random
     * numbers are keyed by (seed, fit key, walker, step) ({@link org.ocengine.fit.WalkerStreams}), so a
     * fit's result does not depend on the other fits of the batch or on the backend's parallelism.
     * This default runs the reference implementation on the JVM's common pool (one fit per task), for
     * backends that have no kernel of their own yet, such as the CUDA backend today.
     *
     * @param fitDone hears the index of each finished fit, from any thread
     */
    default FitResults sampleEnsembles(FitBatch batch, SamplerSettings settings, IntConsumer fitDone) {
        return EnsembleFits.runParallel(batch, settings, ForkJoinPool.commonPool(), fitDone);
    }

    @Override
    default void close() {
    }
}
