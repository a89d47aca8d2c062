package org.ocengine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ocengine.pipeline.CompareRun;
import org.ocengine.quality.QualityConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ocengine compare}: our values against another catalogue's. */
@Command(name = "compare",
        header = "Compare our cluster or star values with another catalogue (mean and std of differences, ...).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compares OURS (a run's clusters table, a stars run's stars table, or any table) with THEIRS (e.g. DIAS2021, ZHONG2020, SOUBIRAN2018, HUNT2023, the OCCAM cluster table, or a star catalogue such as APOGEE or Gaia RVs). Clusters are matched by normalised name (NGC_2682 = NGC2682 = NGC 2682), stars by Gaia source_id and then the nearest within --radius. Differences are ours - theirs, summarised per quantity (RV, [Fe/H]; for stars also Teff, logg, [alpha/M], for all, dwarfs with logg >= 3.5 and giants): count, mean, standard deviation, median, 3-sigma-clipped mean and std, a Gaussian fitted to the histogram, and a line fitted to the densest 80% of the pairs.",
            "",
            "Writes the summary to --out and the matched pairs beside it as <name>_pairs.<ext>. Sentinels (9999, -9999, -9999.99, -999, 999999) are read as missing."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ocengine compare out/mrs/clusters.fits ../shared/data/clusters/DIAS2021.csv --out out/mrs-vs-dias.csv",
            "  ocengine compare out/mrs/clusters.fits ../shared/data/clusters/SOUBIRAN2018.csv --map theirs:cluster=ID --out cmp.fits",
            "  ocengine compare out/stars/stars.fits apogee.fits --radius 3.7 --out stars-vs-apogee.csv"})
final class CompareCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OURS", description = "Our table.")
    Path ours;

    @Parameters(index = "1", paramLabel = "THEIRS", description = "The other catalogue.")
    Path theirs;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Summary table; its format follows the extension (.fits, .csv, .csv.gz, .arrow).")
    Path out;

    @Option(names = "--level", defaultValue = "auto", paramLabel = "auto|clusters|stars",
            description = "Compare clusters or stars; auto: clusters when OURS is a cluster catalogue (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--statistic", defaultValue = "median", paramLabel = "median|mean",
            description = "Which of our cluster values to compare (default: ${DEFAULT-VALUE}).")
    String statistic;

    @Option(names = "--radius", defaultValue = "3.7", paramLabel = "ARCSEC",
            description = "Star-level sky match radius after the source_id join (default: ${DEFAULT-VALUE}, Qin et al. 2025).")
    double radius;

    @Option(names = "--map", paramLabel = "[ROLE:]CANONICAL=INPUT",
            description = "Use INPUT as the canonical column (repeatable); ROLE is ours or theirs (default theirs), e.g. theirs:cluster=ID.")
    List<String> maps = new ArrayList<>();

    @Mixin
    BackendOptions backend;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        var columns = ColumnMapOptions.byRole(maps, List.of("theirs", "ours"));
        CompareRun.Level lvl = switch (level) {
            case "auto" -> CompareRun.Level.AUTO;
            case "clusters" -> CompareRun.Level.CLUSTERS;
            case "stars" -> CompareRun.Level.STARS;
            default -> throw new IllegalArgumentException("--level must be auto, clusters or stars, not " + level);
        };
        CompareRun.Config config = new CompareRun.Config(ours, theirs, columns.get("ours"),
                columns.get("theirs"), lvl, statistic.toLowerCase(Locale.ROOT), radius,
                QualityConfig.DEFAULT_SENTINELS, backend.parsed(), backend.threads);
        var err = spec.commandLine().getErr();
        CompareRun.Summary summary = CompareRun.run(config, out, line -> report.note(err, line));
        if (!report.quiet) {
            var o = spec.commandLine().getOut();
            o.print(summary.report());
            o.println("Wrote:");
            o.println("  " + summary.summary());
            o.println("  " + summary.pairs());
        }
        return 0;
    }
}
