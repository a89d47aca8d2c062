package org.ocengine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ocengine.combine.Weighting;
import org.ocengine.galaxy.EscapeSpeedClassifier;
import org.ocengine.galaxy.GalaxyModel;
import org.ocengine.galaxy.SolarParameters;
import org.ocengine.pipeline.StarRun;
import org.ocengine.pipeline.StarRunConfig;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.Survey;
import org.ocengine.stars.PeriodogramConfig;
import org.ocengine.stars.StarCatalogueConfig;
import org.ocengine.stars.ZeroPointConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocengine stars}: the star-level time-domain products. */
@Command(name = "stars",
        header = "Star catalogue from repeated spectra: weighted means, sigma(S/N), RV zero points, RV variables, periods.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Star-level products of the time-domain surveys (Zong et al. 2020, Qin et al. 2025): quality cuts; repeated spectra of a star grouped by Gaia source_id, survey star id or position; RV zero points of time-domain plates corrected from common constant stars per (spectrograph, exposure) (plates of 540 spectra or more; --arc-lamp-shift for spectra flagged arc_lamp_alt; the published rule by default, --zero-point-solution joint for our least-squares extension on plates of many exposures); S/N^2-weighted means of Teff, logg, [Fe/H], [M/H], [alpha/M], [X/Fe], RV and vsini with sigma_w and counts; labels RVV (RV std > 3 x mean error), MP, VMP (high-velocity labels need the Galactic potential and are left empty); generalised Lomb-Scargle periodograms of the RVV candidates' RV series; internal uncertainties sigma(S/N) = a (S/N)^b + c with the published clipping; with --members, the observed fraction of members per 0.5-mag G bin.",
            "",
            "Writes to --out: stars, spectra (with d_<q>, <q>_clipped, <q>_outlier), uncertainty_fit (the coefficient table), uncertainty_windows, rv_zero_points (when corrected), completeness (with --members), rejected and manifest.json."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ocengine stars --spectra lamost_mrs_td.fits --out out/stars",
            "  ocengine stars --spectra lamost_mrs_td.fits --zero-point-solution joint --zero-point-coverage 0.8 --out out/stars-joint",
            "  ocengine stars --spectra ../shared/data/spectra/lamost_mrs_oc_members.csv --out out/mrs-stars",
            "  ocengine stars --spectra mrs.fits --members cg18_members.csv.gz --min-membership 0.7 --map members:source_id=dr2_source_id --out out/s",
            "  ocengine stars --spectra ../shared/data/spectra/pleiades_gaia_dr3_rv.csv --members ../shared/data/members/hr23_melotte22_members.csv --cluster \"Melotte 22\" --out out/pleiades"})
final class StarsCommand implements Callable<Integer> {

    /** --zero-point-coverage of the joint solution when none is given. */
    static final double DEFAULT_JOINT_COVERAGE = 0.8;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--spectra", required = true, paramLabel = "FILE", description = "Spectra table (FITS, CSV, CSV.gz or Arrow), one row per spectrum.")
    Path spectra;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--members", paramLabel = "FILE", description = "Member list (cluster, G, position and/or source_id) for the completeness table.")
    Path members;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "The cluster of every member when --members lists one cluster and has no cluster column (e.g. Hunt & Reffert 2023's Melotte 22).")
    String memberCluster;

    @Option(names = "--min-membership", paramLabel = "P", description = "Leave members at or below probability P out of the completeness.")
    Double minMembership;

    @Option(names = "--radius", defaultValue = "3.5", paramLabel = "ARCSEC",
            description = "Sky radius at which a member counts as observed, after the source_id join (default: ${DEFAULT-VALUE}).")
    double radius;

    @Option(names = "--survey", paramLabel = "mrs|lrs", description = "LAMOST survey, for the S/N cut. Default: LRS when the S/N column is snrg, else MRS.")
    String survey;

    @Option(names = "--min-snr", paramLabel = "S/N", description = "Override the S/N cut (rows at or below it are dropped).")
    Double minSnr;

    @Option(names = "--weighting", defaultValue = "snr", paramLabel = "snr|ivar",
            description = "Weights of the per-star means: (S/N)^2 or 1/err^2 (default: ${DEFAULT-VALUE}).")
    String weighting;

    @Option(names = "--missing-errors", defaultValue = "fail", paramLabel = "fail|reject",
            description = "An RV or [Fe/H] without uncertainty: stop (fail) or set it missing and record it (reject). Default: ${DEFAULT-VALUE}.")
    String missingErrors;

    @Option(names = "--no-zero-points", description = "Leave the RVs as measured (no zero-point correction, no arc-lamp shift).")
    boolean noZeroPoints;

    @Option(names = "--arc-lamp-shift", defaultValue = "6.5", paramLabel = "KM/S",
            description = "Added to the RV of spectra flagged arc_lamp_alt (default: ${DEFAULT-VALUE}).")
    double arcLampShift;

    @Option(names = "--min-plate-spectra", defaultValue = "540", paramLabel = "N",
            description = "Plates with fewer usable RVs are not zero-point corrected (default: ${DEFAULT-VALUE}).")
    int minPlateSpectra;

    @Option(names = "--zero-point-solution", defaultValue = "published", paramLabel = "published|joint",
            description = "How the (spectrograph, exposure) offsets come from the common constant stars: published (default; Zong et al."
                    + " 2020: stars with a usable RV in every exposure of the plate and scatter < 1 km/s, each offset the weighted mean of"
                    + " (RV - star mean), one pass) or joint (our extension, not in the papers: star means and offsets solved together by"
                    + " weighted least squares, so stars missing some exposures count; see --zero-point-coverage).")
    String zeroPointSolution;

    @Option(names = "--zero-point-coverage", paramLabel = "F",
            description = "With --zero-point-solution joint: constant stars need a usable RV in at least this fraction of the plate's"
                    + " exposures (default 0.8; 1 keeps the published stars). The published rule needs 1.")
    Double zeroPointCoverage;

    @Option(names = "--rv-chi2-p", defaultValue = "0.001", paramLabel = "P",
            description = "The chi^2 RV-variable test (rv_variable_chi2, beside the published rv_variable) flags a star when a constant"
                    + " star would give its RVs' chi^2 with probability below P (default: ${DEFAULT-VALUE}).")
    double rvChi2P;

    @Option(names = "--min-period", defaultValue = "0.5", paramLabel = "DAYS", description = "Shortest period searched (default: ${DEFAULT-VALUE}).")
    double minPeriod;

    @Option(names = "--max-period", paramLabel = "DAYS", description = "Longest period searched (default: the longest RV time span).")
    Double maxPeriod;

    @Option(names = "--map", paramLabel = "[ROLE:]CANONICAL=INPUT",
            description = "Use INPUT as the canonical column (repeatable); ROLE is spectra (default) or members.")
    List<String> maps = new ArrayList<>();

    @Option(names = "--format", defaultValue = "fits", split = ",", paramLabel = "FMT",
            description = "Output table formats, comma-separated: fits, csv, arrow (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Mixin
    BackendOptions backend;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|always|never", description = "Progress bars on standard error.")
    String progress;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        RunCommand.ColumnMaps columns = RunCommand.ColumnMaps.parse(maps);
        if (!columns.clusters().isEmpty()) {
            throw new IllegalArgumentException("--map role must be spectra or members for the stars command");
        }
        QualityConfig quality = QualityConfig.defaults(Survey.MRS).withMinSnr(minSnr == null ? Double.NaN : minSnr)
                .withMissingErrorFails(switch (missingErrors) {
                    case "fail" -> true;
                    case "reject" -> false;
                    default -> throw new IllegalArgumentException("--missing-errors must be fail or reject, not " + missingErrors);
                });
        Weighting w = switch (weighting) {
            case "snr" -> Weighting.SNR_SQUARED;
            case "ivar" -> Weighting.INVERSE_VARIANCE;
            default -> throw new IllegalArgumentException("--weighting must be snr or ivar, not " + weighting);
        };
        PeriodogramConfig periods = PeriodogramConfig.defaults().withMinPeriod(minPeriod)
                .withMaxPeriod(maxPeriod == null ? Double.NaN : maxPeriod);
        ZeroPointConfig zeroPoints = noZeroPoints ? null : new ZeroPointConfig(minPlateSpectra, ZeroPointConfig.defaults().maxConstantScatter(),
                arcLampShift, ZeroPointConfig.defaults().iterations(), w);
        if (zeroPoints != null) {
            zeroPoints = switch (zeroPointSolution) {
                case "published" -> {
                    if (zeroPointCoverage != null && zeroPointCoverage != 1) {
                        throw new IllegalArgumentException("--zero-point-coverage below 1 needs --zero-point-solution joint"
                                + " (the published rule takes stars with a usable RV in every exposure)");
                    }
                    yield zeroPoints;
                }
                case "joint" -> zeroPoints.withJointSolution(zeroPointCoverage == null ? DEFAULT_JOINT_COVERAGE : zeroPointCoverage);
                default -> throw new IllegalArgumentException("--zero-point-solution must be published or joint, not " + zeroPointSolution);
            };
        }
        StarRunConfig config = new StarRunConfig(spectra, columns.spectra(), members, columns.members(), memberCluster,
                minMembership == null ? Double.NaN : minMembership, radius, 0.5, survey == null ? null : Survey.parse(survey), quality,
                zeroPoints, StarCatalogueConfig.defaults().withWeighting(w).withRvChi2Alpha(rvChi2P).withPeriodograms(periods), backend.parsed(), backend.threads,
                formats);
        var err = spec.commandLine().getErr();
        var outw = spec.commandLine().getOut();
        StarRun.Summary summary = StarRun.run(config, new EscapeSpeedClassifier(GalaxyModel.MCMILLAN17, SolarParameters.defaults()), out, ConsoleProgress.of(progress),
                line -> report.note(err, line));
        if (!report.quiet) {
            outw.print(summary.report());
            outw.println("Wrote:");
            for (Path p : summary.outputs()) {
                outw.println("  " + p);
            }
        }
        return 0;
    }
}
