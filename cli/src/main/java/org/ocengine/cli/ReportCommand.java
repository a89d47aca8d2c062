package org.ocengine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ocengine.report.Figure;
import org.ocengine.report.ReportConfig;
import org.ocengine.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ocengine report}: figures and an index.html of a run folder. */
@Command(name = "report",
        header = "Draw the figures of a run folder (RV selection, Kiel, [Fe/H]-Teff, CMD, gradients, orbits, ...) and an index.html.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Reads the tables of a run folder (clusters, members, rejected, and any tables later stages wrote there: orbit columns, "
                    + "gradients, uncertainty_windows/uncertainty_fit, completeness, comparisons) and draws, per cluster, the RV selection "
                    + "(Fu et al. 2022, Fig. 2), the Kiel diagram, [Fe/H] vs Teff and the colour-magnitude diagram, and catalogue-wide "
                    + "figures. A figure whose columns are absent is listed in index.html as not available, with what it needs.",
            "",
            "Writes into --out (default DIR/report): index.html (offline, relative links to every figure and every file of the run), "
                    + "catalogue/*.png and clusters/<NAME>_{rv,kiel,feh_teff,cmd}.png, with NAME the normalised cluster name."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ocengine report out/mrs",
            "  ocengine report out/mrs --clusters NGC2682,Stock2 --format png,svg --out /tmp/m67"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Run folder written by 'ocengine run'.")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: DIR/report).")
    Path out;

    @Option(names = "--format", defaultValue = "png", split = ",", paramLabel = "FMT",
            description = "Figure formats, comma-separated: png, svg (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--clusters", split = ",", paramLabel = "NAME",
            description = "Draw only these clusters (any spelling: NGC_2682, NGC 2682, ngc2682).")
    List<String> clusters = new ArrayList<>();

    @Option(names = "--max-clusters", defaultValue = "" + ReportConfig.DEFAULT_MAX_CLUSTERS, paramLabel = "N",
            description = "Draw at most N clusters, in name order (default: ${DEFAULT-VALUE}); the index notes the rest.")
    int maxClusters;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Threads drawing figures (default: one per processor).")
    int threads;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|always|never",
            description = "Progress bar on standard error (auto: when it is a terminal).")
    String progress;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        Path target = out != null ? out : dir.resolve("report");
        RunReport.Summary summary = RunReport.render(dir, target, new ReportConfig(formats, clusters, maxClusters, threads), ConsoleProgress.of(progress), line -> report.note(err, line));
        print(summary, report, spec.commandLine().getOut());
        return 0;
    }

    /** The report's summary on standard output (also used by {@code run --report}). */
    static void print(RunReport.Summary summary, ReportOptions report, java.io.PrintWriter out) {
        if (report.quiet) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (Figure f : summary.figures()) {
            if (!f.available() && f.cluster() == null) {
                missing.add(f.title() + " (needs " + f.needs() + ")");
            }
        }
        long clusters = summary.figures().stream().filter(f -> f.cluster() != null).map(Figure::cluster).distinct().count();
        out.printf("Drew %d figures (%d clusters); index: %s%n", summary.drawn(), clusters, summary.index());
        if (!missing.isEmpty()) {
            out.println("Not available:");
            missing.forEach(m -> out.println("  " + m));
        }
    }
}
