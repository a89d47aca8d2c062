package org.ocengine.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.pipeline.Progress;
import org.ocengine.table.ClusterNames;
import org.ocengine.table.Table;

/**
 * Renders the report of a run folder: reads its tables, draws the catalogue-wide figures and each
 * cluster's figures (clusters in parallel, in normalised-name order; file names from normalised
 * names, so the same run gives the same files whatever the thread count), and writes
 * {@code index.html} last. Every file is written under a temporary name and renamed into place.
 * Stateless; each call is independent.
 */
public final class RunReport {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private RunReport() {
    }

    /**
     * What a report holds.
     *
     * @param index   the index.html written
     * @param figures every figure, drawn or not (with what it needs)
     * @param notes   one-line notes (clusters left out, ...)
     */
    public record Summary(Path index, List<Figure> figures, List<String> notes) {

        /** Figures drawn. */
        public long drawn() {
            return figures.stream().filter(Figure::available).count();
        }
    }

    /**
     * Renders the report of {@code runDir} into {@code reportDir}.
     *
     * @param progress receives one step per cluster drawn
     * @param log      receives one-line notes as they happen
     */
    public static Summary render(Path runDir, Path reportDir, ReportConfig config, Progress progress, Consumer<String> log)
            throws IOException {
        List<String> notes = new ArrayList<>();
        Consumer<String> note = line -> {
            notes.add(line);
            log.accept(line);
        };
        List<Figure> figures = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
             RunTables run = RunTables.read(runDir, allocator)) {
            Path catalogueDir = reportDir.resolve("catalogue");
            figures.addAll(GradientFigures.render(run, catalogueDir, config.formats()));
            figures.addAll(OrbitFigures.render(run, catalogueDir, config.formats()));
            figures.addAll(StarFigures.render(run, catalogueDir, config.formats()));
            java.util.Map<String, ClusterFigures.ClusterValues> values = new java.util.LinkedHashMap<>();
            figures.addAll(clusterFigures(run, reportDir.resolve("clusters"), config, progress, note, values));
            Path index = ReportIndex.write(reportDir, run, figures, values, notes);
            return new Summary(index, figures, List.copyOf(notes));
        }
    }

    private static List<Figure> clusterFigures(RunTables run, Path dir, ReportConfig config, Progress progress, Consumer<String> note,
                                               java.util.Map<String, ClusterFigures.ClusterValues> values) throws IOException {
        Optional<Table> members = run.find("members", ClusterFigures.RV_COLUMNS[0]);
        if (members.isEmpty()) {
            return List.of(Figure.unavailable(ClusterFigures.SECTION, "Per-cluster figures", null,
                    "a members table with cluster, rv, rv_err, flag (teff, logg, feh, gmag, bp_rp for the diagrams)"));
        }
        Table m = run.find("members", ClusterFigures.RV_COLUMNS).orElse(members.get());
        ClusterFigures.Availability what = ClusterFigures.availability(m);
        List<Figure> out = new ArrayList<>();
        missing(out, what.rv(), ClusterFigures.RV, "cluster, rv, rv_err, flag in the members table");
        missing(out, what.kiel(), ClusterFigures.KIEL, "teff, logg in the members table");
        missing(out, what.fehTeff(), ClusterFigures.FEH_TEFF, "teff, feh in the members table");
        missing(out, what.cmd(), ClusterFigures.CMD, "gmag, bp_rp in the members table (photometry, e.g. from a Gaia member list)");
        List<ClusterFigures.Inputs> inputs = ClusterFigures.prepare(m, run.find("clusters", "cluster", ReportColumns.RV_MEAN));
        if (!config.clusters().isEmpty()) {
            Set<String> wanted = config.clusters().stream().map(ClusterNames::normalise).collect(Collectors.toSet());
            inputs = inputs.stream().filter(c -> wanted.contains(c.stem())).toList();
            Set<String> found = inputs.stream().map(ClusterFigures.Inputs::stem).collect(Collectors.toSet());
            for (String w : config.clusters()) {
                if (!found.contains(ClusterNames.normalise(w))) {
                    note.accept("cluster " + w + " is not in the members table; no figures for it");
                }
            }
        }
        if (inputs.size() > config.maxClusters()) {
            note.accept("figures drawn for the first " + config.maxClusters() + " of " + inputs.size()
                    + " clusters (by normalised name); --max-clusters or --clusters chooses others");
            inputs = inputs.subList(0, config.maxClusters());
        }
        inputs.forEach(c -> values.put(c.name(), c.values()));
        int threads = config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, inputs.size())), r -> {
            Thread t = new Thread(r, "ocengine-report");
            t.setDaemon(true);
            return t;
        });
        try (Progress.Task task = progress.start("Figures", inputs.size(), "clusters")) {
            List<Future<List<Figure>>> futures = new ArrayList<>();
            for (ClusterFigures.Inputs c : inputs) {
                futures.add(pool.submit(() -> {
                    List<Figure> f = ClusterFigures.render(c, what, dir, config.formats());
                    task.step(1);
                    return f;
                }));
            }
            for (Future<List<Figure>> f : futures) {
                out.addAll(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing figures", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static void missing(List<Figure> out, boolean available, String title, String needs) {
        if (!available) {
            out.add(Figure.unavailable(ClusterFigures.SECTION, title + " (every cluster)", null, needs));
        }
    }
}
