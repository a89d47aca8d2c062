package org.ocengine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ocengine.cluster.ClusterConfig;
import org.ocengine.combine.Weighting;
import org.ocengine.fit.SamplerSettings;
import org.ocengine.galaxy.GalaxyModel;
import org.ocengine.galaxy.OrbitConfig;
import org.ocengine.gradient.GradientConfig;
import org.ocengine.pipeline.ClusterRun;
import org.ocengine.pipeline.ClusterRunConfig;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.Survey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocengine run}: the cluster catalogue from spectra and members. */
@Command(name = "run",
        header = "Build the cluster catalogue (RV, [Fe/H], member flags) from spectra and members.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Build the cluster catalogue: quality cuts, cross-match of spectra with cluster members (or the spectra's own cluster column), combination of repeated spectra, and each cluster's RV and [Fe/H] by 5000-draw (--draws) Monte-Carlo with member flags 1 and 12 (Fu et al. 2022).",
            "",
            "Writes to --out: clusters, members (with flag and flag_reason), rejected (every row or value set aside, with the reason), gradients (metallicity-gradient fits, when the cluster table has the variables they need; --no-gradients to skip) and manifest.json (inputs with checksums, configuration, versions, timings). Outputs appear only when the whole run succeeds."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ocengine run --spectra ../shared/data/spectra/lamost_mrs_oc_members.csv --out out/mrs",
            "  ocengine run --spectra lamost_lrs.csv --survey lrs --out out/lrs --format fits,csv",
            "  ocengine run --spectra mrs.fits --members cg18_members.csv.gz --min-membership 0.7 \\",
            "               --clusters CANTAT2020.csv --map spectra:source_id=gaia_dr2_id --out out/run1"})
final class RunCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--spectra", required = true, paramLabel = "FILE",
            description = "Spectra table (FITS, CSV, CSV.gz or Arrow), one row per spectrum or per star.")
    Path spectra;

    @Option(names = "--members", paramLabel = "FILE",
            description = "Cluster member list (cluster, Gaia source_id, ra, dec, membership probability). "
                    + "Without it the spectra must carry a cluster column.")
    Path members;

    @Option(names = "--clusters", paramLabel = "FILE",
            description = "Cluster parameter table (e.g. CANTAT2020.csv) whose position, pm, parallax, distance, age and r50 are joined by cluster name.")
    Path clusters;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--radius", defaultValue = "3.5", paramLabel = "ARCSEC",
            description = "Sky cross-match radius in arcsec (default: ${DEFAULT-VALUE}).")
    double radius;

    @Option(names = "--member-epoch", paramLabel = "YEAR",
            description = "Epoch of the member positions (Gaia DR2: 2015.5, DR3: 2016.0); with --spectra-epoch, members are "
                    + "moved by their proper motions before matching.")
    Double memberEpoch;

    @Option(names = "--spectra-epoch", paramLabel = "YEAR", description = "Epoch of the spectra positions (LAMOST: 2000.0).")
    Double spectraEpoch;

    @Option(names = "--draws", defaultValue = "5000", paramLabel = "N",
            description = "Monte-Carlo realisations per cluster (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the counter-based random draws; same seed, same output bytes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--survey", paramLabel = "mrs|lrs",
            description = "LAMOST survey, for the S/N cut (MRS: S/N > 10; LRS: S/N > 6). Default: LRS when the S/N column is snrg, else MRS.")
    String survey;

    @Option(names = "--min-snr", paramLabel = "S/N", description = "Override the S/N cut (rows at or below it are dropped).")
    Double minSnr;

    @Option(names = "--min-membership", paramLabel = "P",
            description = "Drop members with probability at or below P (CG18/CG20: 0.7; Hunt: 0.5). Default: keep all.")
    Double minMembership;

    @Option(names = "--weighting", defaultValue = "snr", paramLabel = "snr|ivar",
            description = "Weights for repeated spectra of a star: (S/N)^2 or 1/err^2 (default: ${DEFAULT-VALUE}).")
    String weighting;

    @Option(names = "--missing-errors", defaultValue = "fail", paramLabel = "fail|reject",
            description = "An RV or [Fe/H] without uncertainty: stop with an error naming file, column and row (fail), "
                    + "or set it missing and record it in the rejected table (reject). Default: ${DEFAULT-VALUE}.")
    String missingErrors;

    @Option(names = "--map", paramLabel = "[ROLE:]CANONICAL=INPUT",
            description = "Use INPUT as the canonical column (repeatable), e.g. source_id=dr2_source_id; ROLE is spectra "
                    + "(default), members or clusters.")
    List<String> maps = new ArrayList<>();

    @Option(names = "--format", defaultValue = "fits", split = ",", paramLabel = "FMT",
            description = "Output table formats, comma-separated: fits, csv, arrow (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--no-orbits", description = "Leave out the kinematics and orbit columns (SPEC.md 6), added by default when the --clusters table gives position, distance or parallax and proper motions.")
    boolean noOrbits;

    @Option(names = "--potential", defaultValue = "mcmillan17", paramLabel = "mcmillan17|mwpot14",
            description = "Milky Way potential of the orbits (default: ${DEFAULT-VALUE}).")
    String potential;

    @Option(names = "--orbit-draws", defaultValue = "100", paramLabel = "N",
            description = "Monte-Carlo realisations per cluster for the orbit uncertainties (default: ${DEFAULT-VALUE}).")
    int orbitDraws;

    @Option(names = "--no-gradients", description = "Do not fit metallicity gradients.")
    boolean noGradients;

    @Option(names = "--gradient-sweep", paramLabel = "FILE",
            description = "Fit this sweep (see 'ocengine help gradients') instead of the papers' fits: Fu et al. 2022 Table 6 "
                    + "(quadratic [Fe/H] against R_GC, L_z, E and R_GC 100-500 Myr ago per age group) and the thesis's straight "
                    + "and broken (11.5 kpc) lines over 5-18 kpc and against |Z|. Fits need the orbit columns of the cluster table; "
                    + "those it lacks are left out with a note.")
    Path gradientSweep;

    @Option(names = "--gradient-walkers", paramLabel = "N", description = "Walkers per gradient fit (default: 300, or the sweep file's).")
    Integer gradientWalkers;

    @Option(names = "--gradient-steps", paramLabel = "N",
            description = "Steps per walker of each gradient fit, a fifth discarded (default: 10000, or the sweep file's).")
    Long gradientSteps;

    @Mixin
    BackendOptions backend;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|always|never",
            description = "Progress bars on standard error (auto: when it is a terminal).")
    String progress;

    @Option(names = {"--report", "--figures"},
            description = "After the run, draw its figures and index.html into OUT/report (as 'ocengine report OUT' does).")
    boolean figures;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        ColumnMaps columns = ColumnMaps.parse(maps);
        QualityConfig quality = QualityConfig.defaults(Survey.MRS)
                .withMinSnr(minSnr == null ? Double.NaN : minSnr)
                .withMissingErrorFails(switch (missingErrors) {
                    case "fail" -> true;
                    case "reject" -> false;
                    default -> throw new IllegalArgumentException("--missing-errors must be fail or reject, not " + missingErrors);
                });
        ClusterRunConfig config = new ClusterRunConfig(spectra, members, clusters, columns.spectra(), columns.members(),
                columns.clusters(), survey == null ? null : Survey.parse(survey), quality,
                minMembership == null ? Double.NaN : minMembership, radius,
                memberEpoch == null ? Double.NaN : memberEpoch, spectraEpoch == null ? Double.NaN : spectraEpoch,
                switch (weighting) {
                    case "snr" -> Weighting.SNR_SQUARED;
                    case "ivar" -> Weighting.INVERSE_VARIANCE;
                    default -> throw new IllegalArgumentException("--weighting must be snr or ivar, not " + weighting);
                },
                ClusterConfig.defaults(seed).withDraws(draws), backend.parsed(), backend.threads, formats)
                .withOrbits(noOrbits ? null : OrbitConfig.defaults(seed).withModel(GalaxyModel.parse(potential)).withDraws(orbitDraws))
                .withGradients(noGradients ? null : gradients());
        var err = spec.commandLine().getErr();
        var outw = spec.commandLine().getOut();
        ClusterRun.Summary summary = ClusterRun.run(config, out, ConsoleProgress.of(progress), line -> report.note(err, line));
        if (!report.quiet) {
            outw.print(summary.report());
            outw.println();
            outw.printf("%d clusters (%d with >= 3 flag-12 stars) from %d member stars; %d rejected entries.%n",
                    summary.counts().get("clusters"), summary.counts().get("clusters_high_quality"),
                    summary.counts().get("member_stars"), summary.counts().get("rejected_entries"));
            outw.println("Wrote:");
            for (Path p : summary.outputs()) {
                outw.println("  " + p);
            }
        }
        if (figures) {
            org.ocengine.report.RunReport.Summary drawn = org.ocengine.report.RunReport.render(out, out.resolve("report"),
                    org.ocengine.report.ReportConfig.defaults(), ConsoleProgress.of(progress), line -> report.note(err, line));
            ReportCommand.print(drawn, report, outw);
        }
        return 0;
    }

    /** The gradient fits of the run: the papers' or the sweep file's, with the run's seed and any walker and step counts given. */
    private GradientConfig gradients() throws java.io.IOException {
        GradientConfig g = gradientSweep == null ? GradientConfig.paper(seed)
                : GradientConfig.parse(GradientConfig.readSweepFile(gradientSweep), seed);
        SamplerSettings s = g.sampler();
        if (gradientWalkers != null) {
            s = s.withWalkers(gradientWalkers);
        }
        if (gradientSteps != null) {
            s = s.withSteps(gradientSteps).withDiscard(gradientSteps / 5);
        }
        return g.withSampler(s);
    }

    /** {@code --map} assignments split by role. */
    record ColumnMaps(java.util.Map<String, String> spectra, java.util.Map<String, String> members,
                      java.util.Map<String, String> clusters) {
        static ColumnMaps parse(List<String> maps) {
            var byRole = ColumnMapOptions.byRole(maps, List.of("spectra", "members", "clusters"));
            return new ColumnMaps(byRole.get("spectra"), byRole.get("members"), byRole.get("clusters"));
        }
    }
}
