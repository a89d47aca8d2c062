package org.ocengine.datasets.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.datasets.mock.MockSurveyFiles;
import org.ocengine.fit.Percentiles;
import org.ocengine.io.TableIO;
import org.ocengine.table.ClusterNames;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * How well a cluster run recovers a mock survey's truth: the cluster RV and [Fe/H] against the
 * injected values, and the member flags against what each star really is.
 *
 * <ul>
 *   <li><b>Clusters</b> with at least {@value #MIN_STARS} flag-1 members (RV) or flag-12 members
 *       ([Fe/H]): bias = recovered median - true value; pull = bias / error, with the published
 *       Monte-Carlo error ({@code *_median_err}) and with the standard error from the stars' scatter
 *       ({@code *_median_se}); their median, standard deviation, robust standard deviation
 *       (1.4826 MAD) and percentiles. For RV also the pulls after subtracting each cluster's injected
 *       zero point (the mean offset of its flag-1 stars' spectra, from {@code truth_spectra}): a
 *       diagnostic of what the zero points do, not something a real survey could compute.</li>
 *   <li><b>Flags</b>: each row of the run's member table is a true single member of its cluster, a
 *       binary member (RV semi-amplitude above {@value #BINARY_K_KMS} km/s) or not a member (a field
 *       star, or a member of another cluster). Flag-1 completeness is the fraction of single members
 *       that got flag 1 or 12, purity the fraction of flag 1 or 12 rows that are single members.
 *       Flag-12 completeness counts single members with flag 1 or 12 whose true Teff and logg pass the
 *       [Fe/H] rules (4000-7500 K, not a dwarf below 5000 K) and whose [Fe/H] was measured; purity is
 *       the fraction of flag-12 rows that are such stars.</li>
 *   <li><b>Observations</b>: the fraction of members with G at most the target limit inside the
 *       fields that have a spectrum.</li>
 *   <li><b>Gradient</b>, when the run wrote a {@code gradients} table: the fitted [Fe/H] gradient
 *       against the injected one ({@link GradientRecovery}).</li>
 * </ul>
 * The targets of issue 3 are |median bias| &lt; 0.3 km/s and a pull standard deviation in [0.8, 1.25]
 * for RV, and likewise ([Fe/H] bias under {@value #FEH_BIAS_LIMIT} dex) for [Fe/H]; they are judged
 * with the {@code *_median_se} errors, and the published errors' pulls are shown beside them.
 * Immutable once computed.
 */
public final class RecoveryReport {

    /** Clusters need at least this many flag-1 (flag-12) members to enter the RV ([Fe/H]) statistics (issue 3). */
    public static final int MIN_STARS = 10;
    /** Binaries with a larger RV semi-amplitude count as binaries in the flag statistics, km/s. */
    public static final double BINARY_K_KMS = 1.0;
    /** Targets of issue 3. */
    public static final double RV_BIAS_LIMIT = 0.3;
    public static final double FEH_BIAS_LIMIT = 0.03;
    public static final double PULL_STD_MIN = 0.8;
    public static final double PULL_STD_MAX = 1.25;

    /**
     * Statistics of bias and pulls over clusters.
     *
     * @param quantity     "RV" or "[Fe/H]"
     * @param unit         unit of the biases
     * @param clusters     clusters used
     * @param biasMedian   median of recovered - true
     * @param biasMean     mean of recovered - true
     * @param biasRobustSd 1.4826 MAD of the biases
     * @param published    pulls with the published Monte-Carlo error
     * @param scatter      pulls with the error from the stars' scatter
     * @param zeroPointsRemoved pulls with the scatter error after removing the injected zero points (RV), or null
     */
    public record ClusterStats(String quantity, String unit, int clusters, double biasMedian, double biasMean, double biasRobustSd,
                               PullStats published, PullStats scatter, PullStats zeroPointsRemoved) {
    }

    /**
     * A pull distribution.
     *
     * @param median      median pull
     * @param sd          standard deviation
     * @param robustSd    1.4826 MAD
     * @param percentiles 2.5, 16, 50, 84, 97.5 percent points
     * @param within1     fraction with |pull| &lt; 1
     */
    public record PullStats(double median, double sd, double robustSd, double[] percentiles, double within1) {
    }

    /**
     * The flag statistics.
     *
     * @param rows            member-table rows with a usable RV
     * @param singles         of which true single members
     * @param binaries        of which true binary members (K above the limit)
     * @param others          of which not members of that cluster
     * @param flag1           rows with flag 1 or 12
     * @param flag1Singles    ... that are single members
     * @param flag1Binaries   ... that are binary members
     * @param flag1Others     ... that are not members
     * @param binariesOut     binary members with flag 0
     * @param binariesFar     binary members whose RV is more than 5 km/s off their systemic velocity
     * @param binariesFarOut  ... of which flag 0
     * @param othersOut       non-members with flag 0
     * @param fehEligible     single members with flag 1 or 12 whose true parameters pass the [Fe/H] rules
     * @param fehEligible12   ... that got flag 12
     * @param flag12          rows with flag 12
     * @param flag12Good      ... that are eligible single members
     * @param flag12Binaries  ... that are binary members
     * @param flag12Others    ... that are not members
     * @param flag12OutOfRange ... that are single members whose true Teff and logg fail the [Fe/H] rules
     */
    public record FlagStats(long rows, long singles, long binaries, long others, long flag1, long flag1Singles, long flag1Binaries,
                            long flag1Others, long binariesOut, long binariesFar, long binariesFarOut, long othersOut,
                            long fehEligible, long fehEligible12, long flag12, long flag12Good, long flag12Binaries,
                            long flag12Others, long flag12OutOfRange) {

        public double completeness1() {
            return ratio(flag1Singles, singles);
        }

        public double purity1() {
            return ratio(flag1Singles, flag1);
        }

        public double completeness12() {
            return ratio(fehEligible12, fehEligible);
        }

        public double purity12() {
            return ratio(flag12Good, flag12);
        }
    }

    private final String survey;
    private final ClusterStats rv;
    private final ClusterStats feh;
    private final FlagStats flags;
    private final long membersTargetable;
    private final long membersObserved;
    private final int clustersTrue;
    private final int clustersRecovered;
    private final PerCluster perCluster;
    private final int minStars;
    private final double pooledSigmaMedian;
    private final GradientRecovery gradients;

    private RecoveryReport(String survey, ClusterStats rv, ClusterStats feh, FlagStats flags, long membersTargetable,
                           long membersObserved, int clustersTrue, int clustersRecovered, PerCluster perCluster, int minStars,
                           double pooledSigmaMedian, GradientRecovery gradients) {
        this.survey = survey;
        this.rv = rv;
        this.feh = feh;
        this.flags = flags;
        this.membersTargetable = membersTargetable;
        this.membersObserved = membersObserved;
        this.clustersTrue = clustersTrue;
        this.clustersRecovered = clustersRecovered;
        this.perCluster = perCluster;
        this.minStars = minStars;
        this.pooledSigmaMedian = pooledSigmaMedian;
        this.gradients = gradients;
    }

    public ClusterStats rv() {
        return rv;
    }

    public ClusterStats feh() {
        return feh;
    }

    public FlagStats flags() {
        return flags;
    }

    /** Fraction of targetable members (inside a field, G at most the target limit) with a spectrum. */
    public double observedFraction() {
        return ratio(membersObserved, membersTargetable);
    }

    /**
     * The comparison of the run's gradient fits with the injected gradient, when the run wrote a
     * {@code gradients} table.
     */
    public Optional<GradientRecovery> gradients() {
        return Optional.ofNullable(gradients);
    }

    /**
     * True when every target of issue 3 is met (judged with the errors from the stars' scatter); the
     * gradient check has its own verdict ({@link GradientRecovery#passed()}).
     */
    public boolean passed() {
        return passes(rv, RV_BIAS_LIMIT) && passes(feh, FEH_BIAS_LIMIT);
    }

    private static boolean passes(ClusterStats s, double biasLimit) {
        return s.clusters() > 1 && Math.abs(s.biasMedian()) < biasLimit && s.scatter().sd() >= PULL_STD_MIN
                && s.scatter().sd() <= PULL_STD_MAX;
    }

    /** Per-cluster values behind the statistics (one row per recovered cluster with a true counterpart). */
    private record PerCluster(String[] name, int[] n1, int[] n12, double[] rvTrue, double[] rvMedian, double[] rvErr, double[] rvSe,
                              double[] rvZeroPoint, double[] fehTrue, double[] fehMedian, double[] fehErr, double[] fehSe,
                              double[] sigmaInt) {
    }

    /**
     * Compares a run with the truth.
     *
     * @param mock      the mock survey (its truth files are read)
     * @param runDir    the run's output folder (its {@code clusters} and {@code members} tables are read)
     * @param runFormat the run's table format ({@code fits}, {@code csv}, {@code arrow})
     * @param label     what the report is about (one line)
     * @param minStars  fewest flag-1 (flag-12) members a cluster needs to enter the RV ([Fe/H]) statistics
     *                  ({@link #MIN_STARS} for the targets)
     */
    public static RecoveryReport compute(MockSurveyFiles mock, Path runDir, String runFormat, String label, int minStars,
                                         BufferAllocator allocator) throws IOException {
        String ext = MockSurveyFiles.extensionOf(runFormat);
        try (Table truthClusters = TableIO.read(mock.table(MockSurveyFiles.TRUTH_CLUSTERS), allocator);
             Table truthStars = TableIO.read(mock.table(MockSurveyFiles.TRUTH_STARS), allocator);
             Table truthSpectra = TableIO.read(mock.table(MockSurveyFiles.TRUTH_SPECTRA), allocator);
             Table clusters = TableIO.read(runDir.resolve("clusters" + ext), allocator);
             Table members = TableIO.read(runDir.resolve("members" + ext), allocator)) {
            Map<String, Integer> truthRow = new HashMap<>();
            String[] truthNames = truthClusters.strings("cluster");
            for (int i = 0; i < truthNames.length; i++) {
                truthRow.put(ClusterNames.normalise(truthNames[i]), i);
            }
            StarTruth stars = StarTruth.of(truthStars, truthSpectra);
            FlagCount flagCount = countFlags(members, stars, truthNames, truthRow);
            PerCluster per = perCluster(clusters, truthClusters, truthRow, flagCount.zeroPoint());
            ClusterStats rvStats = stats("RV", "km/s", minStars, per.n1(), per.rvMedian(), per.rvTrue(), per.rvErr(), per.rvSe(),
                    per.rvZeroPoint());
            ClusterStats fehStats = stats("[Fe/H]", "dex", minStars, per.n12(), per.fehMedian(), per.fehTrue(), per.fehErr(), per.fehSe(), null);
            long targetable = sum(truthClusters.ints("n_members_targetable"));
            long observed = sum(truthClusters.ints("n_observed_targetable"));
            GradientRecovery gradients = null;
            Path gradientTable = runDir.resolve("gradients" + ext);
            if (Files.exists(gradientTable)) {
                try (Table g = TableIO.read(gradientTable, allocator)) {
                    gradients = GradientRecovery.compute(g, clusters, truthClusters);
                }
            }
            return new RecoveryReport(label, rvStats, fehStats, flagCount.stats(), targetable, observed, truthClusters.rowCount(),
                    clusters.rowCount(), per, minStars, pooledSigmaMedian(clusters, minStars), gradients);
        }
    }

    /** What the truth says about each star, by source_id. */
    private record StarTruth(Map<Long, Integer> row, String[] cluster, boolean[] binary, double[] k, double[] rv, double[] teff,
                             double[] logg, Map<Long, Double> zeroPoint) {

        static StarTruth of(Table stars, Table spectra) {
            long[] id = stars.longs("source_id");
            Map<Long, Integer> row = new HashMap<>(id.length * 2);
            for (int i = 0; i < id.length; i++) {
                row.put(id[i], i);
            }
            String[] cluster = stars.strings("cluster");
            for (int i = 0; i < cluster.length; i++) {
                cluster[i] = cluster[i] == null ? "" : ClusterNames.normalise(cluster[i]);
            }
            // the zero point a star's RV carries: the S/N^2-weighted mean offset of its usable spectra
            long[] sid = spectra.longs("source_id");
            double[] offset = spectra.doubles("rv_offset");
            double[] snr = spectra.doubles("snr");
            boolean[] failed = spectra.booleans("rv_failed");
            Map<Long, double[]> acc = new HashMap<>();
            for (int s = 0; s < sid.length; s++) {
                if (snr[s] > 10 && !failed[s]) {
                    double[] a = acc.computeIfAbsent(sid[s], x -> new double[2]);
                    a[0] += snr[s] * snr[s] * offset[s];
                    a[1] += snr[s] * snr[s];
                }
            }
            Map<Long, Double> zeroPoint = new HashMap<>(acc.size() * 2);
            acc.forEach((k, a) -> zeroPoint.put(k, a[0] / a[1]));
            return new StarTruth(row, cluster, stars.booleans("binary"), stars.doubles("rv_amplitude"), stars.doubles("rv"),
                    stars.doubles("teff"), stars.doubles("logg"), zeroPoint);
        }
    }

    private record FlagCount(FlagStats stats, Map<String, Double> zeroPoint) {
    }

    private static FlagCount countFlags(Table members, StarTruth truth, String[] truthNames, Map<String, Integer> truthRow) {
        String[] cluster = members.strings("cluster_id");
        long[] sourceId = members.longs(Columns.SOURCE_ID.name());
        int[] flag = members.ints("flag");
        double[] rv = members.doubles(Columns.RV.name());
        double[] feh = members.has(Columns.FEH.name()) ? members.doubles(Columns.FEH.name()) : new double[rv.length];
        long rows = 0;
        long singles = 0;
        long binaries = 0;
        long others = 0;
        long flag1 = 0;
        long flag1Singles = 0;
        long flag1Binaries = 0;
        long flag1Others = 0;
        long binariesOut = 0;
        long binariesFar = 0;
        long binariesFarOut = 0;
        long othersOut = 0;
        long fehEligible = 0;
        long fehEligible12 = 0;
        long flag12 = 0;
        long flag12Good = 0;
        long flag12Binaries = 0;
        long flag12Others = 0;
        long flag12OutOfRange = 0;
        Map<String, double[]> zp = new HashMap<>();
        for (int i = 0; i < flag.length; i++) {
            if (Double.isNaN(rv[i])) {
                continue;
            }
            rows++;
            Integer t = truth.row().get(sourceId[i]);
            boolean member = t != null && truth.cluster()[t].equals(cluster[i]);
            boolean binary = member && truth.binary()[t] && truth.k()[t] > BINARY_K_KMS;
            boolean single = member && !binary;
            boolean used = flag[i] == 1 || flag[i] == 12;
            singles += single ? 1 : 0;
            binaries += binary ? 1 : 0;
            others += member ? 0 : 1;
            if (used) {
                flag1++;
                flag1Singles += single ? 1 : 0;
                flag1Binaries += binary ? 1 : 0;
                flag1Others += member ? 0 : 1;
                Double z = t == null ? null : truth.zeroPoint().get(sourceId[i]);
                if (z != null) {
                    double[] a = zp.computeIfAbsent(cluster[i], x -> new double[2]);
                    a[0] += z;
                    a[1] += 1;
                }
            } else {
                binariesOut += binary ? 1 : 0;
                othersOut += member ? 0 : 1;
            }
            if (binary && Math.abs(rv[i] - truth.rv()[t]) > 5) {
                binariesFar++;
                binariesFarOut += used ? 0 : 1;
            }
            boolean eligible = single && used && !Double.isNaN(feh[i]) && passesFehRules(truth.teff()[t], truth.logg()[t]);
            fehEligible += eligible ? 1 : 0;
            fehEligible12 += eligible && flag[i] == 12 ? 1 : 0;
            if (flag[i] == 12) {
                flag12++;
                boolean inRange = member && passesFehRules(truth.teff()[t], truth.logg()[t]);
                flag12Good += single && inRange ? 1 : 0;
                flag12Binaries += binary ? 1 : 0;
                flag12Others += member ? 0 : 1;
                flag12OutOfRange += single && !inRange ? 1 : 0;
            }
        }
        Map<String, Double> zeroPoint = new HashMap<>();
        zp.forEach((k, a) -> zeroPoint.put(k, a[0] / a[1]));
        return new FlagCount(new FlagStats(rows, singles, binaries, others, flag1, flag1Singles, flag1Binaries, flag1Others, binariesOut,
                binariesFar, binariesFarOut, othersOut, fehEligible, fehEligible12, flag12, flag12Good, flag12Binaries, flag12Others,
                flag12OutOfRange), zeroPoint);
    }

    /**
     * Median over the clusters with at least {@code minStars} flag-1 members of {@code rv_dispersion_all}, the
     * sigma of the pooled first-pass draws of all their stars: the flag-1 window is twice that, so it says
     * how far off a binary must be to be flagged out.
     */
    private static double pooledSigmaMedian(Table clusters, int minStars) {
        if (!clusters.has("rv_dispersion_all")) {
            return Double.NaN;
        }
        double[] sigma = clusters.doubles("rv_dispersion_all");
        int[] n1 = clusters.ints("n_flag1");
        return median(IntStream.range(0, sigma.length).filter(c -> n1[c] >= minStars && !Double.isNaN(sigma[c]))
                .mapToDouble(c -> sigma[c]).toArray());
    }

    /** The [Fe/H] selection of SPEC.md 5 applied to true parameters. */
    private static boolean passesFehRules(double teff, double logg) {
        return teff >= 4000 && teff <= 7500 && !(teff < 5000 && logg >= 3.5);
    }

    private static PerCluster perCluster(Table clusters, Table truth, Map<String, Integer> truthRow, Map<String, Double> zeroPoint) {
        String[] id = clusters.strings("cluster_id");
        String[] display = clusters.strings(Columns.CLUSTER.name());
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < id.length; c++) {
            if (truthRow.containsKey(id[c])) {
                keep.add(c);
            }
        }
        int m = keep.size();
        String[] name = new String[m];
        int[] n1 = new int[m];
        int[] n12 = new int[m];
        double[] rvTrue = new double[m];
        double[] rvMedian = new double[m];
        double[] rvErr = new double[m];
        double[] rvSe = new double[m];
        double[] rvZp = new double[m];
        double[] fehTrue = new double[m];
        double[] fehMedian = new double[m];
        double[] fehErr = new double[m];
        double[] fehSe = new double[m];
        double[] sigmaInt = new double[m];
        int[] cN1 = clusters.ints("n_flag1");
        int[] cN12 = clusters.ints("n_flag12");
        double[] cRv = clusters.doubles("rv_median");
        double[] cRvErr = clusters.doubles("rv_median_err");
        double[] cRvSe = clusters.doubles("rv_median_se");
        boolean hasFeh = clusters.has("feh_median");
        double[] cFeh = hasFeh ? clusters.doubles("feh_median") : null;
        double[] cFehErr = hasFeh ? clusters.doubles("feh_median_err") : null;
        double[] cFehSe = hasFeh ? clusters.doubles("feh_median_se") : null;
        double[] tRv = truth.doubles("rv");
        double[] tFeh = truth.doubles("feh");
        double[] tSigma = truth.doubles("sigma_int");
        for (int k = 0; k < m; k++) {
            int c = keep.get(k);
            int t = truthRow.get(id[c]);
            name[k] = display[c].strip();
            n1[k] = cN1[c];
            n12[k] = cN12[c];
            rvTrue[k] = tRv[t];
            rvMedian[k] = cRv[c];
            rvErr[k] = cRvErr[c];
            rvSe[k] = cRvSe[c];
            rvZp[k] = zeroPoint.getOrDefault(id[c], 0.0);
            fehTrue[k] = tFeh[t];
            fehMedian[k] = hasFeh ? cFeh[c] : Double.NaN;
            fehErr[k] = hasFeh ? cFehErr[c] : Double.NaN;
            fehSe[k] = hasFeh ? cFehSe[c] : Double.NaN;
            sigmaInt[k] = tSigma[t];
        }
        return new PerCluster(name, n1, n12, rvTrue, rvMedian, rvErr, rvSe, rvZp, fehTrue, fehMedian, fehErr, fehSe, sigmaInt);
    }

    private static ClusterStats stats(String quantity, String unit, int minStars, int[] n, double[] recovered, double[] truth,
                                      double[] err, double[] se, double[] zeroPoint) {
        List<Integer> use = new ArrayList<>();
        for (int k = 0; k < n.length; k++) {
            if (n[k] >= minStars && !Double.isNaN(recovered[k]) && err[k] > 0 && se[k] > 0) {
                use.add(k);
            }
        }
        int m = use.size();
        double[] bias = new double[m];
        double[] pullPublished = new double[m];
        double[] pullScatter = new double[m];
        double[] pullNoZp = new double[m];
        for (int i = 0; i < m; i++) {
            int k = use.get(i);
            bias[i] = recovered[k] - truth[k];
            pullPublished[i] = bias[i] / err[k];
            pullScatter[i] = bias[i] / se[k];
            pullNoZp[i] = zeroPoint == null ? 0 : (bias[i] - zeroPoint[k]) / se[k];
        }
        double mean = 0;
        for (double b : bias) {
            mean += b / Math.max(1, m);
        }
        return new ClusterStats(quantity, unit, m, median(bias), m == 0 ? Double.NaN : mean, robustSd(bias), pulls(pullPublished),
                pulls(pullScatter), zeroPoint == null ? null : pulls(pullNoZp));
    }

    private static PullStats pulls(double[] p) {
        double mean = 0;
        for (double x : p) {
            mean += x / p.length;
        }
        double ss = 0;
        int within = 0;
        for (double x : p) {
            ss += (x - mean) * (x - mean);
            within += Math.abs(x) < 1 ? 1 : 0;
        }
        double[] pct = Percentiles.ofInPlace(p.clone(), 2.5, 16, 50, 84, 97.5);
        return new PullStats(pct[2], p.length < 2 ? Double.NaN : Math.sqrt(ss / (p.length - 1)), robustSd(p), pct,
                p.length == 0 ? Double.NaN : (double) within / p.length);
    }

    /** The median as numpy computes it (NaN for no values). */
    static double median(double[] x) {
        return Percentiles.ofInPlace(x.clone(), 50)[0];
    }

    static double robustSd(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double m = median(x);
        double[] dev = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            dev[i] = Math.abs(x[i] - m);
        }
        return 1.4826 * median(dev);
    }

    private static long sum(int[] v) {
        long s = 0;
        for (int x : v) {
            s += x == Table.NULL_INT ? 0 : x;
        }
        return s;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    /** The report as text, for the terminal and {@code recovery.txt}. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("Recovery report: ").append(survey).append('\n');
        sb.append(String.format(Locale.ROOT, "  %d of %d injected clusters recovered; %.1f%% of the members with G within the target limit "
                + "inside the fields were observed (%d of %d).%n", clustersRecovered, clustersTrue, 100 * observedFraction(), membersObserved,
                membersTargetable));
        for (ClusterStats s : List.of(rv, feh)) {
            sb.append('\n').append(clusterLines(s));
        }
        sb.append('\n').append(flagLines());
        sb.append(String.format(Locale.ROOT, "  flag 0 needs an RV beyond 2 sigma of the pooled Monte-Carlo draws of all the cluster's stars "
                + "(SPEC.md 5); binaries and measurement errors inflate that sigma (median %.1f km/s over the clusters above), and binaries "
                + "nearer their cluster's velocity than twice it keep flag 1.%n%n",
                pooledSigmaMedian));
        sb.append(verdict(rv, RV_BIAS_LIMIT)).append('\n');
        sb.append(verdict(feh, FEH_BIAS_LIMIT)).append('\n');
        sb.append(String.format(Locale.ROOT, "With the published Monte-Carlo errors the pull sd is %.2f (RV) and %.2f ([Fe/H]): the spread of the "
                + "per-realisation medians overstates the error of their median when measurement errors dominate, and misses intrinsic "
                + "dispersion, binaries and RV zero points (see ClusterCatalogue).%n", rv.published().sd(), feh.published().sd()));
        if (gradients != null) {
            sb.append('\n').append(gradients.render());
        }
        return sb.toString();
    }

    private String clusterLines(ClusterStats s) {
        boolean rvq = s.quantity().equals("RV");
        String fmt = rvq ? "%+.3f" : "%+.4f";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d clusters with >= %d %s members%n", s.quantity(), s.clusters(), minStars,
                rvq ? "flag-1" : "flag-12"));
        sb.append(String.format(Locale.ROOT, "  bias (recovered median - true): median " + fmt + " %s, mean " + fmt + ", robust sd %.4f%n",
                s.biasMedian(), s.unit(), s.biasMean(), s.biasRobustSd()));
        sb.append(pullLine("pulls, error " + (rvq ? "rv" : "feh") + "_median_se (stars' scatter)", s.scatter()));
        sb.append(pullLine("pulls, error " + (rvq ? "rv" : "feh") + "_median_err (published MC)", s.published()));
        if (s.zeroPointsRemoved() != null) {
            sb.append(pullLine("pulls, _se, injected zero points removed", s.zeroPointsRemoved()));
        }
        return sb.toString();
    }

    private static String pullLine(String label, PullStats p) {
        return String.format(Locale.ROOT, "  %-46s sd %.2f  robust sd %.2f  median %+.2f  |pull|<1: %3.0f%%  2.5/16/50/84/97.5%%: %s%n",
                label, p.sd(), p.robustSd(), p.median(), 100 * p.within1(), percentilesText(p.percentiles()));
    }

    private static String percentilesText(double[] pct) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pct.length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%+.2f", pct[i]));
        }
        return sb.toString();
    }

    private String flagLines() {
        FlagStats f = flags;
        return String.format(Locale.ROOT,
                "Flags (%d member-table rows with an RV: %d single members, %d binaries with K > %.0f km/s, %d not members):%n"
                        + "  flag 1:  completeness %s (single members kept), purity %s (%d binaries, %d non-members among %d)%n"
                        + "  flag 12: completeness %s (single members in the [Fe/H] range), purity %s (%d binaries, %d non-members, "
                        + "%d outside the [Fe/H] range by their true Teff/logg, among %d)%n"
                        + "  flagged out: %s of non-members, %s of binaries (%s of the %d whose RV is > 5 km/s off)%n",
                f.rows(), f.singles(), f.binaries(), BINARY_K_KMS, f.others(), percent(f.completeness1()), percent(f.purity1()),
                f.flag1Binaries(), f.flag1Others(), f.flag1(), percent(f.completeness12()), percent(f.purity12()), f.flag12Binaries(),
                f.flag12Others(), f.flag12OutOfRange(), f.flag12(), percent(ratio(f.othersOut(), f.others())), percent(ratio(f.binariesOut(), f.binaries())),
                percent(ratio(f.binariesFarOut(), f.binariesFar())), f.binariesFar());
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static String verdict(ClusterStats s, double biasLimit) {
        if (s.clusters() < 2) {
            return "---- " + s.quantity() + ": too few clusters to judge";
        }
        boolean ok = passes(s, biasLimit);
        return String.format(Locale.ROOT, "%s %s: |median bias| %.3g < %s %s, pull sd %.2f in [%.2f, %.2f] (error from the stars' scatter)",
                ok ? "PASS" : "FAIL", s.quantity(), Math.abs(s.biasMedian()), biasLimit, s.unit(), s.scatter().sd(), PULL_STD_MIN, PULL_STD_MAX);
    }

    /** The numbers as plain values, for {@code recovery.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("survey", survey);
        m.put("clusters_true", clustersTrue);
        m.put("clusters_recovered", clustersRecovered);
        m.put("members_targetable", membersTargetable);
        m.put("members_observed", membersObserved);
        m.put("observed_fraction", observedFraction());
        m.put("rv", statsMap(rv));
        m.put("feh", statsMap(feh));
        FlagStats f = flags;
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("rows", f.rows());
        fm.put("single_members", f.singles());
        fm.put("binary_members", f.binaries());
        fm.put("non_members", f.others());
        fm.put("flag1_completeness", f.completeness1());
        fm.put("flag1_purity", f.purity1());
        fm.put("flag1_rows", f.flag1());
        fm.put("flag1_binaries", f.flag1Binaries());
        fm.put("flag1_non_members", f.flag1Others());
        fm.put("flag12_completeness", f.completeness12());
        fm.put("flag12_purity", f.purity12());
        fm.put("flag12_rows", f.flag12());
        fm.put("flag12_binaries", f.flag12Binaries());
        fm.put("flag12_non_members", f.flag12Others());
        fm.put("flag12_outside_feh_range", f.flag12OutOfRange());
        fm.put("non_members_flagged_out", ratio(f.othersOut(), f.others()));
        fm.put("binaries_flagged_out", ratio(f.binariesOut(), f.binaries()));
        fm.put("binaries_off_by_5kms_flagged_out", ratio(f.binariesFarOut(), f.binariesFar()));
        fm.put("rv_dispersion_all_median_kms", pooledSigmaMedian);
        m.put("flags", fm);
        m.put("targets", Map.of("rv_bias_kms", RV_BIAS_LIMIT, "feh_bias_dex", FEH_BIAS_LIMIT, "pull_sd", List.of(PULL_STD_MIN, PULL_STD_MAX),
                "min_stars", minStars));
        m.put("passed", passed());
        if (gradients != null) {
            m.put("gradients", gradients.toMap());
        }
        return m;
    }

    private static Map<String, Object> statsMap(ClusterStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clusters", s.clusters());
        m.put("bias_median", s.biasMedian());
        m.put("bias_mean", s.biasMean());
        m.put("bias_robust_sd", s.biasRobustSd());
        m.put("pulls_scatter_error", pullMap(s.scatter()));
        m.put("pulls_published_error", pullMap(s.published()));
        if (s.zeroPointsRemoved() != null) {
            m.put("pulls_scatter_error_zero_points_removed", pullMap(s.zeroPointsRemoved()));
        }
        return m;
    }

    private static Map<String, Object> pullMap(PullStats p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", p.median());
        m.put("sd", p.sd());
        m.put("robust_sd", p.robustSd());
        m.put("percentiles_2_16_50_84_97", p.percentiles());
        m.put("within_1", p.within1());
        return m;
    }

    /** The per-cluster comparison as a table (the caller owns it). */
    public Table clusterTable(BufferAllocator allocator) {
        PerCluster p = perCluster;
        int m = p.name().length;
        double[] rvPull = new double[m];
        double[] rvPullSe = new double[m];
        double[] fehPull = new double[m];
        double[] fehPullSe = new double[m];
        for (int k = 0; k < m; k++) {
            rvPull[k] = (p.rvMedian()[k] - p.rvTrue()[k]) / p.rvErr()[k];
            rvPullSe[k] = (p.rvMedian()[k] - p.rvTrue()[k]) / p.rvSe()[k];
            fehPull[k] = (p.fehMedian()[k] - p.fehTrue()[k]) / p.fehErr()[k];
            fehPullSe[k] = (p.fehMedian()[k] - p.fehTrue()[k]) / p.fehSe()[k];
        }
        try (TableBuilder b = Table.builder(allocator, "recovery", m)) {
            b.addStrings(Columns.CLUSTER, p.name())
                    .addInts(new ColumnSpec("n_flag1", ColumnType.INT32, "", "Flag-1 stars"), p.n1())
                    .addInts(new ColumnSpec("n_flag12", ColumnType.INT32, "", "Flag-12 stars"), p.n12())
                    .addDoubles(d("rv_true", "km/s", "Injected RV of the centre of mass"), p.rvTrue())
                    .addDoubles(d("rv_median", "km/s", "Recovered median RV"), p.rvMedian())
                    .addDoubles(d("rv_median_err", "km/s", "Published Monte-Carlo error"), p.rvErr())
                    .addDoubles(d("rv_median_se", "km/s", "Error from the stars' scatter"), p.rvSe())
                    .addDoubles(d("rv_pull", "", "(rv_median - rv_true) / rv_median_err"), rvPull)
                    .addDoubles(d("rv_pull_se", "", "(rv_median - rv_true) / rv_median_se"), rvPullSe)
                    .addDoubles(d("rv_zero_point", "km/s", "Mean injected zero point of the flag-1 stars' spectra"), p.rvZeroPoint())
                    .addDoubles(d("sigma_int", "km/s", "Injected internal velocity dispersion"), p.sigmaInt())
                    .addDoubles(d("feh_true", "", "Injected [Fe/H], dex"), p.fehTrue())
                    .addDoubles(d("feh_median", "", "Recovered median [Fe/H], dex"), p.fehMedian())
                    .addDoubles(d("feh_median_err", "", "Published Monte-Carlo error, dex"), p.fehErr())
                    .addDoubles(d("feh_median_se", "", "Error from the stars' scatter, dex"), p.fehSe())
                    .addDoubles(d("feh_pull", "", "(feh_median - feh_true) / feh_median_err"), fehPull)
                    .addDoubles(d("feh_pull_se", "", "(feh_median - feh_true) / feh_median_se"), fehPullSe);
            return b.build();
        }
    }

    private static ColumnSpec d(String name, String unit, String description) {
        return new ColumnSpec(name, ColumnType.FLOAT64, unit, description);
    }
}
