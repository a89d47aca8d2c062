package org.ocengine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.datasets.mock.MockPreset;
import org.ocengine.datasets.mock.MockSurveyFiles;
import org.ocengine.datasets.mock.MockSurveyGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocengine generate}: a mock LAMOST survey with its ground truth. */
@Command(name = "generate",
        header = "Generate a mock LAMOST survey (spectra, member list, clusters, Gaia sources) with its ground truth.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Draws clusters along the Galactic plane (more towards the anticentre) with distances, ages, radii, [Fe/H] on a radial "
                    + "gradient and space velocities; their members and the field stars; what Gaia lists of them and a cluster member "
                    + "list with probabilities; LAMOST-like fibre visits (open-cluster fields with eight visits, time-domain plates with "
                    + "up to 60 exposures); and the spectra with the published error laws, RV zero points, binaries and LAMOST's biases.",
            "",
            "Writes to --out: spectra, members, clusters, gaia_sources (what a survey would publish) and truth_clusters, truth_stars, "
                    + "truth_spectra, truth_binaries, truth_offsets (what was put in), then mock.json (parameters, row counts, "
                    + "checksums). Files appear only when all are written. The same preset and seed give the same bytes whatever --threads. "
                    + "Member and Gaia positions are at epoch 2016.0, fibre (spectra) positions at 2000.0.",
            "",
            "Presets: tiny (a few thousand spectra), default (about 100 clusters and 200,000 spectra), survey (about 10^7 spectra and "
                    + "10^8 Gaia sources, streamed; tens of GB)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ocengine generate --preset tiny --out out/mock-tiny",
            "  ocengine generate --preset default --seed 7 --out out/mock-default",
            "  ocengine run --spectra out/mock-default/spectra.fits --members out/mock-default/members.fits \\",
            "               --clusters out/mock-default/clusters.fits --min-membership 0.7 \\",
            "               --member-epoch 2016.0 --spectra-epoch 2000.0 --out out/run-mock"})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "tiny|default|survey",
            description = "Size of the survey (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of every random number (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--format", defaultValue = "fits", paramLabel = "fits|csv|arrow",
            description = "Table format of every file (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "Worker threads (0: all cores).")
    int threads;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|always|never",
            description = "Progress bar on standard error (auto: when it is a terminal).")
    String progress;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        MockPreset p = MockPreset.named(preset);
        PrintWriter err = spec.commandLine().getErr();
        MockSurveyGenerator.Summary summary;
        try (RootAllocator allocator = new RootAllocator()) {
            summary = MockSurveyGenerator.generate(p, seed, out, format.strip().toLowerCase(Locale.ROOT), threads, allocator,
                    ConsoleProgress.of(progress), line -> report.note(err, line));
        }
        if (!report.quiet) {
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "Generated mock survey '%s' (seed %d, generator version %d) in %.1f s:%n", p.name(), seed,
                    MockSurveyGenerator.VERSION, summary.seconds());
            for (String t : MockSurveyFiles.TABLES) {
                o.printf(Locale.ROOT, "  %-44s %,12d rows%n", summary.files().table(t), summary.rows().get(t));
            }
            o.printf("  %s%n", summary.files().manifest());
        }
        return 0;
    }
}
