package org.ocengine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ocengine.datasets.mock.MockPreset;
import org.ocengine.datasets.recovery.MockDemo;
import org.ocengine.report.ReportConfig;
import org.ocengine.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocengine demo}: the whole pipeline on a mock survey, and how well it recovers the truth. */
@Command(name = "demo",
        header = "Run the pipeline on a mock LAMOST survey and report how well it recovers the injected truth.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Generates the mock survey (ocengine generate; about 100 clusters and 200,000 spectra for the default preset), or reuses "
                    + "it from the cache folder --data-dir (default out/demo-data, relative to the current folder; one sub-folder "
                    + "<preset>-seed<N>-v<generator version> per mock, so a new generator version never reuses old data). Then runs "
                    + "the cluster catalogue by the member route: spectra matched to the Gaia-like member list (probability > 0.7), "
                    + "repeated spectra combined, cluster RV and [Fe/H] by 5000-draw Monte-Carlo with flags 1 and 12.",
            "",
            "Prints a recovery report against the truth: cluster RV and [Fe/H] bias and pull distributions (clusters with >= 10 "
                    + "flag-1 / flag-12 members; pulls with the published Monte-Carlo errors and with the errors from the stars' "
                    + "scatter), completeness and purity of flags 1 and 12, how many binaries and non-members were flagged out. "
                    + "The run's outputs and recovery.txt, recovery.json and recovery_clusters.fits go to --out (default out/demo), its figures "
                    + "and an offline index.html to OUT/report (ocengine report)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ocengine demo",
            "  ocengine demo --preset tiny --out out/demo-tiny",
            "  ocengine demo --seed 7 --regenerate"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "tiny|default|survey",
            description = "Mock survey size (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the mock survey and of the run's Monte-Carlo (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", defaultValue = "out/demo-data", paramLabel = "DIR",
            description = "Cache of generated mock surveys (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--out", defaultValue = "out/demo", paramLabel = "DIR",
            description = "Output folder of the run and the recovery report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--regenerate", description = "Generate the mock survey even when the cache holds it.")
    boolean regenerate;

    @Option(names = "--draws", defaultValue = "5000", paramLabel = "N",
            description = "Monte-Carlo realisations per cluster (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--no-figures", description = "Skip drawing the run's figures and index.html into OUT/report.")
    boolean noFigures;

    @Mixin
    BackendOptions backend;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|always|never",
            description = "Progress bars on standard error (auto: when it is a terminal).")
    String progress;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        MockDemo.Outcome o = MockDemo.run(new MockDemo.Config(MockPreset.named(preset), seed, dataDir, out, regenerate, draws,
                backend.parsed(), backend.threads), ConsoleProgress.of(progress), line -> report.note(err, line));
        double total = (System.nanoTime() - t0) / 1e9;
        if (!report.quiet) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(o.report().render());
            w.println();
            w.printf(Locale.ROOT, "Mock survey: %s (%s); cluster run: %d clusters from %d member stars.%n", o.mock().dir(),
                    o.reused() ? "reused" : String.format(Locale.ROOT, "generated in %.1f s", o.generateSeconds()),
                    o.run().counts().get("clusters"), o.run().counts().get("member_stars"));
            w.printf(Locale.ROOT, "Times: generate %.1f s, run %.1f s, report %.1f s; total %.1f s.%n", o.generateSeconds(), o.runSeconds(),
                    o.reportSeconds(), total);
            w.println("Wrote:");
            for (Path p : o.run().outputs()) {
                w.println("  " + p);
            }
            for (Path p : o.files()) {
                w.println("  " + p);
            }
        }
        if (!noFigures) {
            RunReport.Summary drawn = RunReport.render(out, out.resolve("report"), ReportConfig.defaults(), ConsoleProgress.of(progress),
                    line -> report.note(err, line));
            ReportCommand.print(drawn, report, spec.commandLine().getOut());
        }
        return 0;
    }
}
