package org.ocengine.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.cluster.ClusterCatalogue;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.galaxy.GalacticOrbits;
import org.ocengine.galaxy.OrbitConfig;
import org.ocengine.quality.RejectedRows;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/**
 * The run's kinematics and orbit stage (SPEC.md 6): adds {@link GalacticOrbits}' columns to the cluster
 * catalogue. Inputs: the cluster table's position ({@code cat_ra}, {@code cat_dec}; the members' mean
 * position without it), distance or parallax, proper motions and their errors, and the catalogue's
 * cluster RV ({@code rv_median} with {@code rv_median_err}, or {@code rv_dispersion} as the error when
 * the configuration says so). The stage is skipped, with a note, when it is switched off or the
 * catalogue lacks a needed column (no {@code --clusters} table, for instance); clusters it cannot place
 * keep their row, get NaN kinematics and one {@code no orbit} entry in the rejected table. Stateless.
 */
final class ClusterOrbits {

    static final String STAGE = "orbits";

    private ClusterOrbits() {
    }

    /** The catalogue with the orbit columns (a new table the caller closes; {@code clusters} is not changed). */
    static Table add(Table clusters, ClusterRunConfig config, ComputeBackend backend, RejectedRows rejected,
                     Map<String, Long> counts, Consumer<String> note, Progress progress, BufferAllocator alloc) {
        OrbitConfig orbits = config.orbits();
        if (orbits == null) {
            note.accept("orbits: stage switched off");
            return clusters.select(ClusterRun.identity(clusters.rowCount()), alloc, clusters.origin());
        }
        GalacticOrbits.Inputs in = inputs(clusters, orbits);
        List<String> missing = in.missingIn(clusters);
        if (!missing.isEmpty()) {
            note.accept("orbits: skipped, the cluster catalogue has no " + String.join(", ", missing)
                    + " (give a --clusters table with position, distance or parallax and proper motions)");
            return clusters.select(ClusterRun.identity(clusters.rowCount()), alloc, clusters.origin());
        }
        String[] keys = clusters.strings(ClusterCatalogue.CLUSTER_ID.name());
        GalacticOrbits.Result result;
        try (Progress.Task task = progress.start("orbits (" + orbits.model().label() + ")", 1, "stage")) {
            result = GalacticOrbits.run(clusters, in, keys, orbits, backend);
            task.step(1);
        }
        result.notes().forEach(note);
        String source = config.clusters() == null ? "clusters" : config.clusters().toString();
        for (GalacticOrbits.Problem p : result.problems()) {
            rejected.add(source, 0, STAGE, p.object(), p.column(), p.value(), p.reason(), RejectedRows.Action.NO_ORBIT);
        }
        counts.put("clusters_with_orbit", (long) result.computed());
        note.accept(String.format(Locale.ROOT, "orbits: %d of %d clusters integrated back %.0f Myr in %s with %d Monte-Carlo draws each",
                result.computed(), clusters.rowCount(), orbits.lookbackMyr(), orbits.model().label(), orbits.draws()));
        return clusters.extend(alloc, clusters.origin(), result::addTo);
    }

    private static GalacticOrbits.Inputs inputs(Table clusters, OrbitConfig orbits) {
        GalacticOrbits.Inputs in = GalacticOrbits.Inputs.canonical()
                .withRv("rv_median", orbits.rvError() == OrbitConfig.RvError.DISPERSION ? "rv_dispersion" : "rv_median_err");
        if (clusters.has("cat_" + Columns.RA.name()) && clusters.has("cat_" + Columns.DEC.name())) {
            in = in.withPosition("cat_" + Columns.RA.name(), "cat_" + Columns.DEC.name());
        }
        return in;
    }
}
