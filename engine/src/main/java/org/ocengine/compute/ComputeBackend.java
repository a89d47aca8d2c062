package org.ocengine.compute;

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

    @Override
    default void close() {
    }
}
