package org.ocengine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.OrbitIntegrator;
import org.ocengine.galaxy.GalacticOrbits;
import org.ocengine.galaxy.GalaxyModel;
import org.ocengine.galaxy.OrbitConfig;
import org.ocengine.io.TableIO;
import org.ocengine.table.CanonicalTable;
import org.ocengine.table.CanonicalTables;
import org.ocengine.table.ClusterNames;
import org.ocengine.table.ColumnAliases;
import org.ocengine.table.Columns;
import org.ocengine.table.DataException;
import org.ocengine.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocengine orbits}: Galactic kinematics and orbits of a table of clusters (or stars). */
@Command(name = "orbits",
        header = "Galactic kinematics and 500 Myr orbits of clusters, with Monte-Carlo uncertainties.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Puts every row (ra, dec, distance or parallax, pmra, pmdec, rv; Gaia / Hunt & Reffert / Cantat-Gaudin names are recognised) in the Galactocentric frame of SPEC.md 6 (R0 = 8.2 kpc, v_c = 232.8 km/s, (U,V,W)sun = (11.1, 12.24, 7.25) km/s, z_sun = 20.8 pc) and integrates its orbit back in the chosen Milky Way potential.",
            "",
            "Adds x_gc, y_gc, z_gc, r_gc, u_lsr, v_lsr, w_lsr, v_r, v_phi, v_z, v_gc, v_esc, lz, energy, r_peri, r_apo, ecc, z_max, r_gc_100 ... z_gc_500 (look-back snapshots), each orbit product with an _err (Monte-Carlo standard deviation over the distance, proper-motion and RV errors), orbit_draws, speed_class (normal, bound > 0.7 v_esc, unbound > v_esc) and orbit_status.",
            "",
            "Rows that cannot be placed (no distance or parallax, parallax <= 0, missing pm or RV) keep their place with empty kinematics, and each gets a one-line message naming the column."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ocengine orbits --clusters HUNT2023.csv --out orbits.fits",
            "  ocengine orbits --clusters clusters.csv --potential mwpot14 --mc 0 --out orbits.csv",
            "  ocengine orbits --clusters clusters.fits --integrator symplectic4 --step 0.1 --out orbits.arrow"})
final class OrbitsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--clusters", required = true, paramLabel = "FILE", description = "Table of clusters (FITS, CSV, CSV.gz or Arrow).")
    Path clusters;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output table; its format follows the extension unless --format is given.")
    Path out;

    @Option(names = "--format", paramLabel = "FMT", description = "Output format: fits, csv or arrow.")
    String format;

    @Option(names = "--potential", defaultValue = "mcmillan17", paramLabel = "mcmillan17|mwpot14",
            description = "Milky Way potential (default: ${DEFAULT-VALUE}).")
    String potential;

    @Option(names = "--mc", defaultValue = "100", paramLabel = "N", description = "Monte-Carlo realisations per row for the _err columns; 0: none (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the counter-based draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--integrator", defaultValue = "dop853", paramLabel = "dop853|symplectic4|leapfrog",
            description = "Orbit integrator (default: ${DEFAULT-VALUE}).")
    String integrator;

    @Option(names = "--step", paramLabel = "MYR", description = "Step of the symplectic integrators, Myr (default: 0.1).")
    Double step;

    @Option(names = "--lookback", defaultValue = "500", paramLabel = "MYR", description = "How far back to integrate, Myr (default: ${DEFAULT-VALUE}).")
    double lookback;

    @Option(names = "--map", paramLabel = "CANONICAL=INPUT", description = "Use INPUT as the canonical column (repeatable), e.g. distance=dist50.")
    List<String> maps = new ArrayList<>();

    @Mixin
    BackendOptions backendOptions;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        OrbitConfig base = OrbitConfig.defaults(seed);
        OrbitConfig config = new OrbitConfig(GalaxyModel.parse(potential), base.sun(), OrbitIntegrator.parse(integrator),
                step == null ? base.stepMyr() : step, base.tolerance(), lookback,
                Math.min(base.snapshotMyr(), lookback), draws, seed, base.rvError());
        var err = spec.commandLine().getErr();
        long start = System.nanoTime();
        try (RootAllocator alloc = new RootAllocator();
             ComputeBackend backend = backendOptions.open(report, err);
             CanonicalTable canonical = read(alloc)) {
            Table table = canonical.table();
            GalacticOrbits.Inputs in = GalacticOrbits.Inputs.canonical();
            CanonicalTables.requireColumns(table, Columns.RA, Columns.DEC, Columns.PMRA, Columns.PMDEC, Columns.RV);
            if (!in.missingIn(table).isEmpty()) {
                throw new DataException(clusters.toString(), Columns.DISTANCE.name(), 0, "no distance or parallax column (tried "
                        + String.join(", ", ColumnAliases.aliasesOf(Columns.DISTANCE.name())) + ", "
                        + String.join(", ", ColumnAliases.aliasesOf(Columns.PARALLAX.name())) + "; name one with --map distance=<column>)");
            }
            String[] keys = keys(table);
            long t0 = System.nanoTime();
            GalacticOrbits.Result result = GalacticOrbits.run(table, in, keys, config, backend);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, String> inputName = new java.util.HashMap<>();
            canonical.sources().forEach(src -> inputName.put(src.canonical(), src.input()));
            for (GalacticOrbits.Problem p : result.problems()) {
                report.note(err, String.format(Locale.ROOT, "%s: row %d (%s), column '%s'%s: %s; no orbit", clusters, p.row() + 1,
                        p.object(), inputName.getOrDefault(p.column(), p.column()), p.value().isEmpty() ? "" : " = " + p.value(), p.reason()));
            }
            result.notes().forEach(line -> report.note(err, line));
            try (Table written = table.extend(alloc, table.origin(), result::addTo)) {
                TableIO.write(written, out, format);
            }
            if (!report.quiet) {
                int orbits = result.computed() * (1 + draws);
                spec.commandLine().getOut().printf(Locale.ROOT,
                        "%d of %d rows got kinematics and orbits (%s, %s, %.0f Myr back, %d draws each); wrote %s%n"
                                + "(%d orbits in %.2f s on %s; %.2f s in all)%n",
                        result.computed(), table.rowCount(), config.model().label(), config.integrator().label(), lookback, draws, out,
                        orbits, seconds, backend.name(), (System.nanoTime() - start) / 1e9);
            }
        }
        return 0;
    }

    private CanonicalTable read(RootAllocator alloc) throws java.io.IOException {
        Map<String, String> overrides = CanonicalTables.parseOverrides(maps);
        try (Table raw = TableIO.read(clusters, alloc)) {
            return CanonicalTables.toCanonical(raw, overrides, alloc);
        }
    }

    /** Each row's name (the normalised cluster name when there is one, else "row N"): the key of its draws. */
    private static String[] keys(Table t) {
        String[] keys = new String[t.rowCount()];
        String[] names = t.has(Columns.CLUSTER.name()) ? t.strings(Columns.CLUSTER.name()) : null;
        for (int i = 0; i < keys.length; i++) {
            keys[i] = names != null && names[i] != null && !names[i].isBlank() ? ClusterNames.normalise(names[i]) : "row " + (i + 1);
        }
        return keys;
    }
}
