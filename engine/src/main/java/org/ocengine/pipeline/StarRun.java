package org.ocengine.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.combine.RepeatedMeasurements;
import org.ocengine.combine.StarKeys;
import org.ocengine.compute.BackendUnavailableException;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.QualityCuts;
import org.ocengine.quality.RejectedRows;
import org.ocengine.stars.Completeness;
import org.ocengine.stars.HighVelocityClassifier;
import org.ocengine.stars.RvZeroPoints;
import org.ocengine.stars.StarCatalogue;
import org.ocengine.stars.UncertaintyTables;
import org.ocengine.stars.ZeroPointConfig;
import org.ocengine.table.CanonicalTable;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.CanonicalTables;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * The star-level run ({@code ocengine stars}; SPEC.md 4, 8, 9): read and map the spectra; quality
 * cuts (RV not required, so every star with usable spectra is catalogued; rows that measured nothing
 * are dropped and recorded); star keys; the RV
 * zero-point correction of time-domain plates (when the spectra carry plates); the star catalogue
 * with labels, periodograms and internal uncertainties; the completeness per G bin when a member list
 * is given; outputs all-or-nothing with a manifest. Stateless; each call is independent.
 */
public final class StarRun {

    private StarRun() {
    }

    /**
     * What a finished run reports.
     *
     * @param outputs paths of the files written
     * @param counts  named counts
     * @param notes   one-line notes
     * @param report  the coefficient table, label counts and completeness, as text
     */
    public record Summary(List<Path> outputs, Map<String, Long> counts, List<String> notes, String report) {
    }

    /**
     * Runs and writes into {@code outDir}: {@code stars}, {@code spectra}, {@code uncertainty_fit},
     * {@code uncertainty_windows}, {@code rv_zero_points} (when corrected), {@code completeness} (with
     * members), {@code rejected} and {@code manifest.json}.
     *
     * @param velocity labels high-velocity candidates
     * @throws org.ocengine.table.DataException on bad input (no output is left behind)
     */
    public static Summary run(StarRunConfig config, HighVelocityClassifier velocity, Path outDir, Progress progress, Consumer<String> log)
            throws IOException, BackendUnavailableException {
        RunManifest manifest = new RunManifest("stars");
        manifest.config(config.describe());
        Consumer<String> note = line -> {
            manifest.note(line);
            log.accept(line);
        };
        RejectedRows rejected = new RejectedRows();
        Map<String, Long> counts = new LinkedHashMap<>();
        ClusterRun.Stopwatch clock = new ClusterRun.Stopwatch(manifest);
        StringBuilder report = new StringBuilder();
        try (RootAllocator root = new RootAllocator();
             ComputeBackend backend = config.device().open(config.threads(), note);
             OutputDirectory out = new OutputDirectory(outDir, config.formats())) {
            manifest.backend(backend.name(), backend.description());
            note.accept("backend: " + backend.description());
            List<Path> written = new ArrayList<>();
            try (BufferAllocator alloc = root.newChildAllocator("stars", 0, Long.MAX_VALUE);
                 CanonicalTable spectra = ClusterRun.read(config.spectra(), "spectra", config.spectraColumns(), manifest, alloc, clock)) {
                counts.put("spectra_rows", (long) spectra.table().rowCount());
                QualityConfig q = ClusterRun.decideSurvey(config.survey(), config.quality(), spectra, note);
                QualityConfig quality = new QualityConfig(q.survey(), q.minSnr(), q.requireRvFlagZero(), q.sentinels(), q.errorLimits(),
                        false, q.missingErrorFails());
                try (QualityCuts.Result kept = QualityCuts.apply(spectra.table(), ClusterRun.inputNames(spectra.sources()), quality,
                        rejected, alloc)) {
                    kept.notes().forEach(note);
                    clock.lap("quality");
                    try (Table measured = measured(kept.kept(), rejected, note, alloc);
                         Table keyed = measured.extend(alloc, measured.origin(), b -> b.addLongs(Columns.STAR_KEY,
                                 StarKeys.assign(measured, backend, StarKeys.DEFAULT_LINK_RADIUS_ARCSEC, alloc)));
                         Table corrected = zeroPoints(keyed, config, manifest, out, written, counts, note, alloc)) {
                        counts.put("spectra_kept", (long) measured.rowCount());
                        clock.lap("zero points");
                        try (Progress.Task task = progress.start("star catalogue", 1, "stage");
                             StarCatalogue.Result result = StarCatalogue.build(corrected, config.stars(), backend, velocity, alloc)) {
                            task.step(1);
                            result.notes().forEach(note);
                            clock.lap("stars");
                            counts.put("stars", (long) result.stars().rowCount());
                            counts.put("rv_variable", ClusterRun.countTrue(result.stars().booleans(StarCatalogue.RV_VARIABLE.name())));
                            counts.put("metal_poor", ClusterRun.countTrue(result.stars().booleans(StarCatalogue.METAL_POOR.name())));
                            counts.put("very_metal_poor", ClusterRun.countTrue(result.stars().booleans(StarCatalogue.VERY_METAL_POOR.name())));
                            long periods = 0;
                            for (double p : result.stars().doubles(StarCatalogue.PERIOD.name())) {
                                periods += Double.isNaN(p) ? 0 : 1;
                            }
                            counts.put("periodograms", periods);
                            written.addAll(ClusterRun.record(out, manifest, result.stars(), "stars"));
                            written.addAll(ClusterRun.record(out, manifest, result.spectra(), "spectra"));
                            try (Table coefficients = UncertaintyTables.coefficients(result.fits(), alloc);
                                 Table windows = UncertaintyTables.windows(result.fits(), alloc)) {
                                written.addAll(ClusterRun.record(out, manifest, coefficients, "uncertainty_fit"));
                                written.addAll(ClusterRun.record(out, manifest, windows, "uncertainty_windows"));
                                if (coefficients.rowCount() > 0) {
                                    report.append(UncertaintyTables.render(coefficients)).append('\n');
                                }
                            }
                            report.append(String.format(Locale.ROOT,
                                    "%d stars from %d spectra: %d RV-variable candidates (RVV), %d with a periodogram, %d MP, %d VMP candidates%n",
                                    counts.get("stars"), counts.get("spectra_kept"), counts.get("rv_variable"), periods,
                                    counts.get("metal_poor"), counts.get("very_metal_poor")));
                        }
                        if (config.members() != null) {
                            completeness(config, corrected, manifest, out, written, counts, note, report, rejected, backend, alloc, clock);
                        }
                    }
                }
                try (Table rejectedTable = rejected.toTable(alloc)) {
                    written.addAll(ClusterRun.record(out, manifest, rejectedTable, "rejected"));
                }
                counts.put("rejected_entries", (long) rejected.size());
                clock.lap("write");
            }
            counts.forEach(manifest::count);
            written.add(out.writeText("manifest.json", manifest.toJson()));
            out.commit();
            return new Summary(List.copyOf(written), Map.copyOf(counts), manifest.notes(), report.toString());
        }
    }

    /** The spectra with zero-point-corrected RVs (and rv_measured, rv_correction), or a copy when not corrected. */
    private static Table zeroPoints(Table keyed, StarRunConfig config, RunManifest manifest, OutputDirectory out, List<Path> written,
                                    Map<String, Long> counts, Consumer<String> note, BufferAllocator alloc) throws IOException {
        if (config.zeroPoints() == null || !keyed.has(Columns.RV.name())) {
            if (config.zeroPoints() == null) {
                note.accept("RV zero points: not corrected (switched off)");
            }
            return keyed.extend(alloc, keyed.origin(), b -> { });
        }
        RvZeroPoints.Result zp = RvZeroPoints.correct(keyed, config.zeroPoints());
        zp.notes().forEach(note);
        boolean changed = false;
        for (double c : zp.correction()) {
            changed |= c != 0;
        }
        if (zp.cells().isEmpty() && !changed) {
            return keyed.extend(alloc, keyed.origin(), b -> { });
        }
        if (!zp.cells().isEmpty()) {
            long cells = zp.cells().stream().filter(c -> c.status().equals("corrected")).count();
            counts.put("zero_point_cells", cells);
            note.accept(String.format(Locale.ROOT, "RV zero points: %d of %d (plate, spectrograph, exposure) cells corrected (%s)", cells,
                    zp.cells().size(), config.zeroPoints().solution() == ZeroPointConfig.Solution.PUBLISHED_MEANS ? "published rule"
                            : "joint least squares, an extension"));
            try (Table cellTable = zp.cellTable(alloc)) {
                written.addAll(ClusterRun.record(out, manifest, cellTable, "rv_zero_points"));
            }
        }
        try (TableBuilder b = Table.builder(alloc, keyed.origin(), keyed.rowCount())) {
            for (String name : keyed.columnNames()) {
                if (name.equals(Columns.RV.name())) {
                    b.addDoubles(Columns.RV, zp.rv());
                    b.addCopy(keyed, name, RvZeroPoints.RV_MEASURED.name());
                    b.addDoubles(RvZeroPoints.RV_CORRECTION, zp.correction());
                } else {
                    b.addCopy(keyed, name, name);
                }
            }
            return b.build();
        }
    }

    /**
     * The spectra that measured something: rows whose catalogued quantities ({@link RepeatedMeasurements#quantities()})
     * are all missing are dropped and recorded (a Gaia row without an RV is no observation of the star). A new table the
     * caller closes.
     */
    private static Table measured(Table kept, RejectedRows rejected, Consumer<String> note, BufferAllocator alloc) {
        List<double[]> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ColumnSpec[] q : RepeatedMeasurements.quantities()) {
            if (kept.has(q[0].name())) {
                values.add(kept.doubles(q[0].name()));
                names.add(q[0].name());
            }
        }
        long[] sourceRow = kept.longs(Columns.SOURCE_ROW.name());
        int[] rows = new int[kept.rowCount()];
        int n = 0;
        for (int i = 0; i < rows.length; i++) {
            boolean any = false;
            for (double[] v : values) {
                any |= !Double.isNaN(v[i]);
            }
            if (any) {
                rows[n++] = i;
            } else {
                rejected.add(kept.origin(), sourceRow[i], "stars", null, String.join(",", names), "", "no measured quantity",
                        RejectedRows.Action.ROW_DROPPED);
            }
        }
        if (n < rows.length) {
            note.accept(kept.origin() + ": " + (rows.length - n) + " rows with no measured quantity ("
                    + (names.isEmpty() ? "none of rv, teff, logg, feh, ... present" : String.join(", ", names)) + ") left out");
        }
        return kept.select(java.util.Arrays.copyOf(rows, n), alloc, kept.origin());
    }

    /** The completeness table of the members against the usable spectra. */
    private static void completeness(StarRunConfig config, Table spectra, RunManifest manifest, OutputDirectory out, List<Path> written,
                                     Map<String, Long> counts, Consumer<String> note, StringBuilder report, RejectedRows rejected,
                                     ComputeBackend backend, BufferAllocator alloc, ClusterRun.Stopwatch clock) throws IOException {
        try (CanonicalTable read = ClusterRun.read(config.members(), "members", config.memberColumns(), manifest, alloc, clock);
             Table named = namedCluster(read.table(), config.memberCluster(), note, alloc);
             Table members = MemberMatch.membershipCut(named == null ? read.table() : named, config.minMembership(), rejected, note, alloc)) {
            CanonicalTables.requireColumns(members, Columns.CLUSTER, Columns.GMAG);
            boolean[] observed = Completeness.observed(members, spectra, config.radiusArcsec(), backend, alloc);
            double[] g = members.doubles(Columns.GMAG.name());
            long noG = 0;
            long seen = 0;
            for (int i = 0; i < g.length; i++) {
                noG += Double.isNaN(g[i]) ? 1 : 0;
                seen += observed[i] ? 1 : 0;
            }
            if (noG > 0) {
                note.accept(members.origin() + ": " + noG + " members without G are left out of the completeness table");
            }
            counts.put("members", (long) members.rowCount());
            counts.put("members_observed", seen);
            try (Table table = Completeness.perMagnitudeBin(members.strings(Columns.CLUSTER.name()), g, observed, config.gBinWidth(), alloc)) {
                written.addAll(ClusterRun.record(out, manifest, table, "completeness"));
                report.append(renderOverall(table));
            }
            clock.lap("completeness");
        }
    }

    /**
     * The members of a one-cluster list without a cluster column, each given {@code cluster} (a new
     * table the caller closes); null when no name is given or the list has its own cluster column
     * (then the list is used as it is).
     */
    private static Table namedCluster(Table members, String cluster, Consumer<String> note, BufferAllocator alloc) {
        if (cluster == null) {
            return null;
        }
        if (members.has(Columns.CLUSTER.name())) {
            note.accept(members.origin() + ": has a cluster column, so --cluster " + cluster + " was not used");
            return null;
        }
        String[] names = new String[members.rowCount()];
        java.util.Arrays.fill(names, cluster);
        return members.extend(alloc, members.origin(), b -> b.addStrings(Columns.CLUSTER, names));
    }

    /** The overall completeness rows as text. */
    private static String renderOverall(Table completeness) {
        StringBuilder s = new StringBuilder("Completeness over the clusters with observed members (members observed per G bin):\n");
        String[] cluster = completeness.strings(Columns.CLUSTER.name());
        double[] lo = completeness.doubles(Completeness.G_MIN.name());
        double[] hi = completeness.doubles(Completeness.G_MAX.name());
        int[] n = completeness.ints(Completeness.N_MEMBERS.name());
        int[] o = completeness.ints(Completeness.N_OBSERVED.name());
        for (int k = 0; k < cluster.length; k++) {
            if (cluster[k].equals(Completeness.ALL)) {
                s.append(String.format(Locale.ROOT, "  G %5.1f-%5.1f  %6d members  %6d observed  %5.1f%%%n", lo[k], hi[k], n[k], o[k],
                        100.0 * o[k] / n[k]));
            }
        }
        return s.toString();
    }
}
