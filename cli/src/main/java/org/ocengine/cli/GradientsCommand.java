package org.ocengine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.gradient.GradientConfig;
import org.ocengine.gradient.GradientFits;
import org.ocengine.gradient.GradientReport;
import org.ocengine.io.TableIO;
import org.ocengine.pipeline.OutputDirectory;
import org.ocengine.pipeline.Progress;
import org.ocengine.pipeline.RunManifest;
import org.ocengine.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocengine gradients}: metallicity-gradient fits of a cluster table, many at once. */
@Command(name = "gradients",
        header = "Fit metallicity gradients of a cluster table: least squares and ensemble MCMC, many fits at once.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fits [Fe/H] (or another quantity) of the clusters against R_GC, L_z/10^3, E/10^5, |Z| or their values at look-back "
                    + "times, per age bin, with a straight line, a broken line (knee fixed or fitted) or a quadratic, by weighted "
                    + "least squares and an affine-invariant ensemble MCMC (emcee's stretch move, a = 2; Fu et al. 2022: 300 walkers "
                    + "x 10,000 steps). Every combination of the sweep's values is one fit; all fits run in one batch.",
            "",
            "Writes to --out: gradients (one row per fit: model, selection, N, percentiles 16/50/84 and autocorrelation time of each "
                    + "parameter, acceptance, least-squares values, status) and manifest.json. The sweep may come from a --sweep file "
                    + "of 'key = value' lines with the keys of the flags below (model, knee, variable, quantity, age_bins, min_flag12, "
                    + "scatter, range, prior, min_points, walkers, steps, discard, thin, seed, moves, likelihood, map); flags override it.",
            "",
            "Columns are found by name (r_gc/rgc, l_z, energy, abs_z/z, feh_median and feh_median_err or [Fe/H] and e_[Fe/H], "
                    + "n_flag12, log_age/AgeNN/logAge); --map ROLE=COLUMN[unit] chooses others. Fits whose variable the table lacks "
                    + "are left out with a note."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ocengine gradients --clusters out/run/clusters.fits --out out/grad",
            "  ocengine gradients --clusters ../shared/data/clusters/ZHONG2020.csv --map r_gc=RGC[pc] --map n_flag12='o_[Fe/H]' \\",
            "                     --model linear,broken,quadratic --knee 11.5,fit --out out/zhong",
            "  ocengine gradients --clusters clusters.fits --sweep table6.txt --steps 20000 --out out/table6"})
final class GradientsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--clusters", required = true, paramLabel = "FILE",
            description = "Cluster table (the clusters output of 'ocengine run', or a catalogue) in FITS, CSV or Arrow.")
    Path clusters;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--sweep", paramLabel = "FILE", description = "Sweep file: 'key = value' lines, '#' comments.")
    Path sweep;

    @Option(names = "--model", paramLabel = "M[,M...]", description = "linear, broken, quadratic (default: quadratic).")
    String model;

    @Option(names = "--knee", paramLabel = "K[,K...]", description = "Knees of the broken model in the variable's unit, or 'fit' (default: 11.5).")
    String knee;

    @Option(names = "--variable", paramLabel = "V[,V...]",
            description = "r_gc, l_z, energy, abs_z, or a look-back snapshot such as r_gc@100 (Myr) (default: r_gc).")
    String variable;

    @Option(names = "--quantity", paramLabel = "Q[,Q...]", description = "feh, mh, alpha_m or an [X/Fe] such as mg_fe (default: feh).")
    String quantity;

    @Option(names = "--age-bins", paramLabel = "BINS",
            description = "Age bins in Gyr: all, fu2022, thesis, or lo-hi ranges such as 0-0.1,0.1-0.5,4- (default: all).")
    String ageBins;

    @Option(names = "--min-flag12", paramLabel = "N[,N...]", description = "Minimum flag-12 stars per cluster (default: 3).")
    String minFlag12;

    @Option(names = "--scatter", paramLabel = "no|yes[,...]", description = "Fit an intrinsic scatter (default: no).")
    String scatter;

    @Option(names = "--range", paramLabel = "VAR:LO-HI", description = "Keep clusters with the variable in this range (repeatable), e.g. r_gc:5-18.")
    List<String> range;

    @Option(names = "--prior", paramLabel = "SET",
            description = "A prior set (repeatable; each is one sweep value): 'default' or name=prior; name=prior, with priors "
                    + "uniform(lo,hi), normal(mean,sigma), normal(mean,sigma,lo,hi) or flat.")
    List<String> prior;

    @Option(names = "--min-points", paramLabel = "N", description = "Skip fits with fewer clusters (default: 5).")
    String minPoints;

    @Option(names = "--walkers", paramLabel = "N", description = "Walkers per fit (default: 300).")
    String walkers;

    @Option(names = "--steps", paramLabel = "N", description = "Steps per walker (default: 10000).")
    String steps;

    @Option(names = "--discard", paramLabel = "N", description = "Burn-in steps dropped (default: a fifth of the steps).")
    String discard;

    @Option(names = "--thin", paramLabel = "N", description = "Keep every N-th step after the burn-in (default: 1).")
    String thin;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random streams; same seed, same output (default: 1).")
    String seed;

    @Option(names = "--moves", paramLabel = "MOVES", description = "stretch[:a], de[:gamma0], weighted as stretch:2@0.8,de@0.2 (default: stretch:2).")
    String moves;

    @Option(names = "--likelihood", paramLabel = "sums|points",
            description = "Linear models' chi^2 from normal equations (sums, exact and independent of N) or point by point (default: sums).")
    String likelihood;

    @Option(names = "--map", paramLabel = "ROLE=COLUMN[unit]",
            description = "Use COLUMN for a role (repeatable): a variable (r_gc, l_z, ...), a quantity and its error (feh, feh_err), "
                    + "n_flag12 or log_age; e.g. r_gc=RGC[pc].")
    List<String> map;

    @Option(names = "--format", defaultValue = "fits", split = ",", paramLabel = "FMT",
            description = "Output table formats, comma-separated: fits, csv, arrow (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|always|never",
            description = "Progress bar on standard error (auto: when it is a terminal).")
    String progress;

    @Mixin
    ReportOptions report;

    /** The flags given, as sweep keys. */
    Map<String, List<String>> flags() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        put(m, "model", model);
        put(m, "knee", knee);
        put(m, "variable", variable);
        put(m, "quantity", quantity);
        put(m, "age_bins", ageBins);
        put(m, "min_flag12", minFlag12);
        put(m, "scatter", scatter);
        put(m, "min_points", minPoints);
        put(m, "walkers", walkers);
        put(m, "steps", steps);
        put(m, "discard", discard);
        put(m, "thin", thin);
        put(m, "seed", seed);
        put(m, "moves", moves);
        put(m, "likelihood", likelihood);
        if (range != null) {
            m.put("range", List.copyOf(range));
        }
        if (prior != null) {
            m.put("prior", List.copyOf(prior));
        }
        if (map != null) {
            m.put("map", List.copyOf(map));
        }
        return m;
    }

    private static void put(Map<String, List<String>> m, String key, String value) {
        if (value != null) {
            m.put(key, List.of(value));
        }
    }

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        var outw = spec.commandLine().getOut();
        Map<String, List<String>> values = GradientConfig.merge(sweep == null ? Map.of() : GradientConfig.readSweepFile(sweep), flags());
        GradientConfig config = GradientConfig.parse(values, 1);
        RunManifest manifest = new RunManifest("gradients");
        Map<String, Object> described = new LinkedHashMap<>(config.describe());
        described.put("sweep_file", sweep == null ? null : sweep.toAbsolutePath().toString());
        described.put("formats", formats);
        manifest.config(described);
        manifest.seed(config.sampler().seed());
        List<Path> written = new ArrayList<>();
        Progress bars = ConsoleProgress.of(progress);
        try (RootAllocator root = new RootAllocator();
             ComputeBackend backend = backendOptions.open(report, err);
             OutputDirectory dir = new OutputDirectory(out, formats)) {
            manifest.backend(backend.name(), backend.description());
            long t0 = System.nanoTime();
            String format = TableIO.detect(clusters).name();
            try (BufferAllocator alloc = root.newChildAllocator("gradients", 0, Long.MAX_VALUE);
                 Table table = TableIO.read(clusters, format, alloc)) {
                manifest.input("clusters", clusters, format, table.rowCount(), List.of());
                manifest.timing("read", (System.nanoTime() - t0) / 1e9);
                long t1 = System.nanoTime();
                try (ProgressBridge bridge = new ProgressBridge(bars);
                     GradientFits.Result result = GradientFits.run(table, config, backend, bridge, line -> {
                    manifest.note(line);
                    report.note(err, line);
                }, alloc)) {
                    bridge.close();
                    manifest.timing("fits", (System.nanoTime() - t1) / 1e9);
                    manifest.count("fits", result.fits().rowCount());
                    manifest.count("fits_sampled", result.sampled());
                    manifest.count("fits_skipped", result.skipped());
                    manifest.count("fits_left_out", result.omitted());
                    for (Path p : dir.write(result.fits(), "gradients")) {
                        manifest.output(p, dir.staged(p.getFileName().toString()), result.fits().rowCount());
                        written.add(p);
                    }
                    written.add(dir.writeText("manifest.json", manifest.toJson()));
                    dir.commit();
                    if (!report.quiet) {
                        outw.print(GradientReport.render(result.fits()));
                        outw.printf("%n%d fits sampled (%d walkers x %d steps, %d discarded), %d not sampled, %d left out for missing columns.%n",
                                result.sampled(), config.sampler().walkers(), config.sampler().steps(), config.sampler().discard(),
                                result.skipped(), result.omitted());
                        outw.println("Wrote:");
                        for (Path p : written) {
                            outw.println("  " + p);
                        }
                    }
                }
            }
        }
        return 0;
    }

    /** Shows the stage's fit progress as a console bar. */
    static final class ProgressBridge implements GradientFits.FitProgress, AutoCloseable {
        private final Progress progress;
        private Progress.Task task;

        ProgressBridge(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void starting(int fits) {
            task = progress.start("Gradient fits", fits, "fits");
        }

        @Override
        public void finished(int fit) {
            task.step(1);
        }

        @Override
        public void close() {
            if (task != null) {
                task.close();
                task = null;
            }
        }
    }
}
