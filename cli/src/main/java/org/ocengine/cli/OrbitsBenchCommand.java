package org.ocengine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.OrbitIntegrator;
import org.ocengine.compute.OrbitSpec;
import org.ocengine.compute.OrbitSummaries;
import org.ocengine.compute.PhaseSpace;
import org.ocengine.galaxy.GalacticFrames;
import org.ocengine.galaxy.GalaxyModel;
import org.ocengine.galaxy.Potential;
import org.ocengine.io.TableIO;
import org.ocengine.table.CanonicalTable;
import org.ocengine.table.CanonicalTables;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ocengine bench orbits --clusters F}: times {@link ComputeBackend#integrateOrbits} on the
 * orbits of a cluster table, the same orbits {@code bench/peers/orbits_galpy.py} integrates with galpy's
 * dop853_c, so orbits per second per core can be compared in one session.
 */
@Command(name = "orbits", mixinStandardHelpOptions = true,
        description = {
            "Time the batched orbit integration: the rows of a cluster table with ra, dec, distance (pc; or parallax), pmra, "
                    + "pmdec and rv (the first --limit of them) put in the Galactocentric frame of SPEC.md 6 and integrated "
                    + "back --lookback Myr; building the potential is timed separately (read_s).",
            "Per-core throughput: run with --threads 1, or divide by the threads reported. The galpy peer: "
                    + "/usr/bin/python3 bench/peers/orbits_galpy.py --clusters F --limit N (same rows, same orbits)."},
        footerHeading = "%nExample:%n",
        footer = "  ocengine bench orbits --clusters HUNT2023.csv --limit 500 --threads 1 --json bench/results/orbits.json")
final class OrbitsBenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchCommand.Common common;

    @Option(names = "--clusters", required = true, paramLabel = "FILE", description = "Cluster table (rows without a full phase-space position are skipped).")
    Path clusters;

    @Option(names = "--limit", defaultValue = "500", paramLabel = "N", description = "Orbits: the first N usable rows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--potential", defaultValue = "mcmillan17", paramLabel = "mcmillan17|mwpot14", description = "Potential (default: ${DEFAULT-VALUE}).")
    String potential;

    @Option(names = "--integrator", defaultValue = "dop853", paramLabel = "dop853|symplectic4|leapfrog", description = "Integrator (default: ${DEFAULT-VALUE}).")
    String integrator;

    @Option(names = "--lookback", defaultValue = "500", paramLabel = "MYR", description = "Integration time back, Myr (default: ${DEFAULT-VALUE}).")
    double lookback;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        double[] starts = starts();
        GalaxyModel model = GalaxyModel.parse(potential);
        Potential field = model.potential();
        double read = (System.nanoTime() - t0) / 1e9;
        int n = starts.length / 6;
        OrbitIntegrator scheme = OrbitIntegrator.parse(integrator);
        OrbitSpec orbitSpec = new OrbitSpec(scheme, -lookback, OrbitSpec.DEFAULT_STEP_MYR, OrbitSpec.DEFAULT_TOLERANCE, new double[] {0});
        try (ComputeBackend backend = common.backend.open(common.report, err)) {
            OrbitSummaries[] last = new OrbitSummaries[1];
            double[] seconds = BenchCommand.time(common.repeat, () -> {
                last[0] = backend.integrateOrbits(field, new PhaseSpace(starts), orbitSpec);
                return last[0].size();
            }, common.report, err);
            long failed = Arrays.stream(last[0].failure()).filter(f -> f != null).count();
            int threads = common.backend.threads > 0 ? common.backend.threads : Runtime.getRuntime().availableProcessors();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("clusters", clusters.toString());
            extra.put("orbits", n);
            extra.put("failed", failed);
            extra.put("potential", model.label());
            extra.put("integrator", scheme.label());
            extra.put("tolerance", scheme == OrbitIntegrator.DOP853 ? OrbitSpec.DEFAULT_TOLERANCE : Double.NaN);
            extra.put("step_myr", scheme == OrbitIntegrator.DOP853 ? Double.NaN : OrbitSpec.DEFAULT_STEP_MYR);
            extra.put("lookback_myr", lookback);
            extra.put("force_evaluations", last[0].forceEvaluations());
            extra.put("threads", threads);
            Map<String, Object> result = BenchCommand.summary("orbit integration", backend, seconds, n, "orbits", read, extra);
            result.put("orbits_per_s_per_thread", n / (double) result.get("median_s") / threads);
            BenchCommand.report(result, common.json, spec.commandLine().getOut());
        }
        return 0;
    }

    /** Galactocentric starts of the first {@code limit} rows with a full phase-space position. */
    private double[] starts() throws java.io.IOException {
        try (RootAllocator alloc = new RootAllocator(); Table raw = TableIO.read(clusters, alloc);
             CanonicalTable c = CanonicalTables.toCanonical(raw, Map.of(), alloc)) {
            Table t = c.table();
            CanonicalTables.requireColumns(t, Columns.RA, Columns.DEC, Columns.PMRA, Columns.PMDEC, Columns.RV);
            double[] ra = t.doubles(Columns.RA.name());
            double[] dec = t.doubles(Columns.DEC.name());
            double[] dist = t.has(Columns.DISTANCE.name()) ? t.doubles(Columns.DISTANCE.name()) : null;
            double[] plx = t.has(Columns.PARALLAX.name()) ? t.doubles(Columns.PARALLAX.name()) : null;
            double[] pmra = t.doubles(Columns.PMRA.name());
            double[] pmdec = t.doubles(Columns.PMDEC.name());
            double[] rv = t.doubles(Columns.RV.name());
            GalacticFrames frames = GalacticFrames.defaults();
            double[] out = new double[6 * Math.max(0, limit)];
            double[] xv = new double[6];
            int m = 0;
            for (int i = 0; i < ra.length && m < limit; i++) {
                double dKpc = dist != null && dist[i] > 0 ? dist[i] / 1000 : plx != null && plx[i] > 0 ? 1 / plx[i] : Double.NaN;
                if (!Double.isFinite(dKpc) || !Double.isFinite(ra[i] + dec[i] + pmra[i] + pmdec[i] + rv[i])) {
                    continue;
                }
                frames.icrsToGalactocentric(ra[i], dec[i], dKpc, pmra[i], pmdec[i], rv[i], xv);
                System.arraycopy(xv, 0, out, 6 * m++, 6);
            }
            return Arrays.copyOf(out, 6 * m);
        }
    }
}
