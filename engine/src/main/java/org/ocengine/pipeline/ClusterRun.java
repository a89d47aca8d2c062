package org.ocengine.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.cluster.ClusterCatalogue;
import org.ocengine.combine.RepeatedMeasurements;
import org.ocengine.combine.StarKeys;
import org.ocengine.compute.BackendUnavailableException;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.gradient.GradientFits;
import org.ocengine.gradient.GradientReport;
import org.ocengine.io.TableIO;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.QualityCuts;
import org.ocengine.quality.RejectedRows;
import org.ocengine.quality.Survey;
import org.ocengine.table.CanonicalTable;
import org.ocengine.table.CanonicalTables;
import org.ocengine.table.ClusterNames;
import org.ocengine.table.ColumnSource;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/**
 * The cluster-catalogue run (SPEC.md 1-5, 7 and 10), stage by stage: read and map the inputs; quality
 * cuts; members and cross-match (when a member list is given); star keys and combination of repeated
 * spectra; the cluster Monte-Carlo with flags; the join of cluster parameters; the metallicity-gradient
 * fits when configured; outputs written all-or-nothing with a manifest. One Arrow root allocator per run and a child per stage, so a leak
 * is reported at the end of the run. Stateless; each call is independent.
 */
public final class ClusterRun {

    private ClusterRun() {
    }

    /**
     * What a finished run reports.
     *
     * @param outputs paths of the files written
     * @param counts  named counts (rows read, kept, clusters, ...)
     * @param notes   one-line notes (cuts not applied, fallbacks, ...)
     * @param report  a short human-readable table of the clusters
     */
    public record Summary(List<Path> outputs, Map<String, Long> counts, List<String> notes, String report) {
    }

    /**
     * Runs the pipeline and writes its outputs into {@code outDir}.
     *
     * @param progress receives progress of the long stages
     * @param log      receives one-line notes as they happen
     * @throws org.ocengine.table.DataException on bad input (no output is left behind)
     * @throws BackendUnavailableException when {@code --device cuda} cannot run
     */
    public static Summary run(ClusterRunConfig config, Path outDir, Progress progress, Consumer<String> log)
            throws IOException, BackendUnavailableException {
        RunManifest manifest = new RunManifest("run");
        manifest.config(config.describe());
        manifest.seed(config.cluster().seed());
        Consumer<String> note = line -> {
            manifest.note(line);
            log.accept(line);
        };
        RejectedRows rejected = new RejectedRows();
        Map<String, Long> counts = new LinkedHashMap<>();
        Stopwatch clock = new Stopwatch(manifest);
        try (RootAllocator root = new RootAllocator();
             ComputeBackend backend = config.device().open(config.threads(), note);
             OutputDirectory out = new OutputDirectory(outDir, config.formats())) {
            manifest.backend(backend.name(), backend.description());
            note.accept("backend: " + backend.description());
            List<Path> written = new ArrayList<>();
            String report;
            try (BufferAllocator alloc = root.newChildAllocator("run", 0, Long.MAX_VALUE);
                 CanonicalTable spectra = read(config.spectra(), "spectra", config.spectraColumns(), manifest, alloc, clock)) {
                counts.put("spectra_rows", (long) spectra.table().rowCount());
                QualityConfig quality = decideSurvey(config, spectra, note);
                CanonicalTables.requireColumns(spectra.table(), Columns.RV, Columns.RV_ERR);
                try (QualityCuts.Result kept = QualityCuts.apply(spectra.table(), inputNames(spectra.sources()), quality, rejected, alloc)) {
                    kept.notes().forEach(note);
                    clock.lap("quality");
                    counts.put("spectra_kept", (long) kept.kept().rowCount());
                    try (Table measured = memberMeasurements(config, kept.kept(), manifest, rejected, counts, note, out, written, backend, alloc, clock);
                         Table keyed = measured.extend(alloc, measured.origin(), b -> b.addLongs(Columns.STAR_KEY,
                                 StarKeys.assign(measured, backend, StarKeys.DEFAULT_LINK_RADIUS_ARCSEC, alloc)));
                         Table stars = RepeatedMeasurements.combine(keyed, config.weighting(), alloc)) {
                        clock.lap("combine");
                        counts.put("member_stars", (long) stars.rowCount());
                        try (var catalogue = runClusterStage(stars, backend, config, rejected, progress, alloc);
                             Table joined = joinClusterParameters(catalogue.clusters(), config, manifest, note, alloc)) {
                            clock.lap("cluster");
                            try (Table clusters = ClusterOrbits.add(joined, config, backend, rejected, counts, note, progress, alloc)) {
                                clock.lap("orbits");
                                counts.put("clusters", (long) clusters.rowCount());
                                counts.put("clusters_high_quality", countTrue(clusters.booleans("high_quality")));
                                written.addAll(record(out, manifest, clusters, "clusters"));
                                written.addAll(record(out, manifest, catalogue.members(), "members"));
                                report = ClusterReport.render(clusters);
                                if (config.gradients() != null) {
                                    report += gradients(clusters, config, backend, progress, note, counts, out, manifest, written, alloc);
                                    clock.lap("gradients");
                                }
                            }
                        }
                    }
                }
                try (Table rejectedTable = rejected.toTable(alloc)) {
                    written.addAll(record(out, manifest, rejectedTable, "rejected"));
                }
                counts.put("rejected_entries", (long) rejected.size());
                clock.lap("write");
            }
            counts.forEach(manifest::count);
            written.add(out.writeText("manifest.json", manifest.toJson()));
            out.commit();
            return new Summary(List.copyOf(written), Map.copyOf(counts), manifest.notes(), report);
        }
    }

    /** Reads and maps an input, recording it in the manifest. */
    static CanonicalTable read(Path path, String role, Map<String, String> overrides, RunManifest manifest,
                               BufferAllocator alloc, Stopwatch clock) throws IOException {
        String format = TableIO.detect(path).name();
        try (Table raw = TableIO.read(path, format, alloc)) {
            CanonicalTable canonical = CanonicalTables.toCanonical(raw, overrides, alloc);
            manifest.input(role, path, format, raw.rowCount(), canonical.sources());
            clock.lap("read " + role);
            return canonical;
        }
    }

    /** The survey (and so the S/N cut) from the options, or from the S/N column's name (LRS: snrg). */
    private static QualityConfig decideSurvey(ClusterRunConfig config, CanonicalTable spectra, Consumer<String> note) {
        return decideSurvey(config.survey(), config.quality(), spectra, note);
    }

    /** As above for any command: {@code survey} null decides from the S/N column; a NaN S/N cut takes the survey's. */
    static QualityConfig decideSurvey(Survey chosen, QualityConfig q, CanonicalTable spectra, Consumer<String> note) {
        Survey survey = chosen;
        if (survey == null) {
            String snrInput = spectra.sources().stream().filter(s -> s.canonical().equals(Columns.SNR.name()))
                    .map(ColumnSource::input).findFirst().orElse("");
            survey = snrInput.equalsIgnoreCase("snrg") || snrInput.equalsIgnoreCase("snr_g") ? Survey.LRS : Survey.MRS;
            note.accept("survey: " + survey + (snrInput.isEmpty() ? " (default; no S/N column)" : " (S/N column " + snrInput + ")")
                    + "; give --survey to choose");
        }
        double minSnr = Double.isNaN(q.minSnr()) ? survey.defaultMinSnr() : q.minSnr();
        return new QualityConfig(survey, minSnr, q.requireRvFlagZero(), q.sentinels(), q.errorLimits(), q.requireRv(), q.missingErrorFails());
    }

    static Map<String, String> inputNames(List<ColumnSource> sources) {
        Map<String, String> m = new HashMap<>();
        for (ColumnSource s : sources) {
            m.put(s.canonical(), s.input());
        }
        return m;
    }

    /**
     * One row per (spectrum, cluster) measurement: the spectra themselves when they carry their
     * cluster, else the spectra matched to the member list.
     */
    private static Table memberMeasurements(ClusterRunConfig config, Table spectra, RunManifest manifest, RejectedRows rejected,
                                            Map<String, Long> counts, Consumer<String> note, OutputDirectory out,
                                            List<Path> written, ComputeBackend backend, BufferAllocator alloc,
                                            Stopwatch clock) throws IOException {
        if (config.members() == null) {
            CanonicalTables.requireColumns(spectra, Columns.CLUSTER);
            note.accept(spectra.origin() + ": clusters taken from the spectra's own cluster column (no --members given)");
            return spectra.select(identity(spectra.rowCount()), alloc, spectra.origin());
        }
        return MemberMatch.measurements(config, spectra, manifest, rejected, counts, note, out, written, backend, alloc, clock);
    }

    /** 0, 1, ..., n - 1: the rows of a whole table, for {@link Table#select}. */
    static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static ClusterCatalogue.Result runClusterStage(Table stars, ComputeBackend backend, ClusterRunConfig config,
                                                           RejectedRows rejected, Progress progress, BufferAllocator alloc) {
        try (Progress.Task task = progress.start("Monte-Carlo RV and [Fe/H]", 1, "stage")) {
            ClusterCatalogue.Result r = ClusterCatalogue.run(stars, backend, config.cluster(), rejected, alloc);
            task.step(1);
            return r;
        }
    }

    /** Adds the cluster table's parameters (joined by normalised name) when one was given. */
    private static Table joinClusterParameters(Table clusters, ClusterRunConfig config, RunManifest manifest,
                                               Consumer<String> note, BufferAllocator alloc) throws IOException {
        if (config.clusters() == null) {
            return clusters.select(identity(clusters.rowCount()), alloc, "clusters");
        }
        try (CanonicalTable params = read(config.clusters(), "clusters", config.clusterColumns(), manifest, alloc, new Stopwatch(null))) {
            Table p = params.table();
            CanonicalTables.requireColumns(p, Columns.CLUSTER);
            Map<String, Integer> rowOf = new HashMap<>();
            String[] names = p.strings(Columns.CLUSTER.name());
            for (int i = 0; i < names.length; i++) {
                rowOf.putIfAbsent(ClusterNames.normalise(names[i]), i);
            }
            String[] ids = clusters.strings(ClusterCatalogue.CLUSTER_ID.name());
            int[] match = new int[ids.length];
            boolean[] found = new boolean[ids.length];
            List<String> missing = new ArrayList<>();
            for (int c = 0; c < ids.length; c++) {
                Integer r = rowOf.get(ids[c]);
                match[c] = r == null ? -1 : r;
                found[c] = r != null;
                if (r == null) {
                    missing.add(ids[c]);
                }
            }
            if (!missing.isEmpty()) {
                note.accept(config.clusters() + ": no row for " + missing.size() + " cluster(s): " + String.join(", ", missing));
            }
            List<ColumnSpec> wanted = List.of(Columns.RA, Columns.DEC, Columns.PMRA, Columns.PMDEC, Columns.PARALLAX,
                    Columns.DISTANCE, Columns.LOG_AGE, Columns.R50, Columns.PMRA_ERR, Columns.PMDEC_ERR, Columns.PARALLAX_ERR,
                    Columns.DISTANCE_ERR);
            return clusters.extend(alloc, "clusters", b -> {
                b.addBooleans(new ColumnSpec("in_cluster_table", ColumnType.BOOL, "", "Found in the --clusters table"), found);
                for (ColumnSpec spec : wanted) {
                    if (!p.has(spec.name())) {
                        continue;
                    }
                    double[] v = p.doubles(spec.name());
                    double[] out = new double[ids.length];
                    for (int c = 0; c < ids.length; c++) {
                        out[c] = match[c] < 0 ? Double.NaN : v[match[c]];
                    }
                    String name = spec == Columns.RA || spec == Columns.DEC ? "cat_" + spec.name() : spec.name();
                    b.addDoubles(new ColumnSpec(name, ColumnType.FLOAT64, spec.unit(), spec.description() + " (cluster table)"), out);
                }
            });
        }
    }

    /**
     * The gradient stage (SPEC.md 7) on the finished cluster table: writes {@code gradients} when any
     * fit could be set up, and returns its report (empty when none).
     */
    private static String gradients(Table clusters, ClusterRunConfig config, ComputeBackend backend, Progress progress,
                                    Consumer<String> note, Map<String, Long> counts, OutputDirectory out, RunManifest manifest,
                                    List<Path> written, BufferAllocator alloc) throws IOException {
        Progress.Task[] task = new Progress.Task[1];
        GradientFits.FitProgress bridge = new GradientFits.FitProgress() {
            @Override
            public void starting(int fits) {
                task[0] = progress.start("Gradient fits", fits, "fits");
            }

            @Override
            public void finished(int fit) {
                task[0].step(1);
            }
        };
        try (GradientFits.Result r = GradientFits.run(clusters, config.gradients(), backend, bridge, note, alloc)) {
            counts.put("gradient_fits_sampled", (long) r.sampled());
            counts.put("gradient_fits_not_sampled", (long) r.skipped());
            counts.put("gradient_fits_left_out", (long) r.omitted());
            if (r.fits().rowCount() == 0) {
                note.accept("gradients: no fit could be set up from the cluster table, so no gradients table was written");
                return "";
            }
            written.addAll(record(out, manifest, r.fits(), "gradients"));
            return System.lineSeparator() + GradientReport.render(r.fits());
        } finally {
            if (task[0] != null) {
                task[0].close();
            }
        }
    }

    static List<Path> record(OutputDirectory out, RunManifest manifest, Table table, String base) throws IOException {
        List<Path> paths = out.write(table, base);
        for (Path p : paths) {
            manifest.output(p, out.staged(p.getFileName().toString()), table.rowCount());
        }
        return paths;
    }

    /** The number of true values. */
    static long countTrue(boolean[] b) {
        long n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    /** Wall-clock laps recorded into the manifest. */
    static final class Stopwatch {
        private final RunManifest manifest;
        private long last = System.nanoTime();

        Stopwatch(RunManifest manifest) {
            this.manifest = manifest;
        }

        void lap(String stage) {
            long now = System.nanoTime();
            if (manifest != null) {
                manifest.timing(stage, (now - last) / 1e9);
            }
            last = now;
        }
    }

    static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
