package org.ocengine.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.combine.RepeatedMeasurements;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.GroupStatistics;
import org.ocengine.compute.GroupedSamples;
import org.ocengine.compute.MonteCarloSpec;
import org.ocengine.quality.RejectedRows;
import org.ocengine.random.DrawKey;
import org.ocengine.table.ClusterNames;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Columns;
import org.ocengine.table.DataException;
import org.ocengine.table.RowOrder;
import org.ocengine.table.SkyAverage;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * The cluster stage (SPEC.md 5; Fu et al. 2022, Sec. 2.1-2.2): from one row per member star it derives
 * each cluster's radial velocity and [Fe/H] by Monte-Carlo sampling and flags the members.
 *
 * <ol>
 *   <li>RV, first pass: 5000 realisations of all stars with a usable RV; a star within
 *       {@code flagSigma} (2) sigma of the cluster's MC mean RV, sigma being the pooled dispersion of all
 *       draws, gets flag 1, the others flag 0.</li>
 *   <li>RV, second pass: the same realisations (draws are keyed by star, not by position in the list)
 *       over the flag-1 stars give the cluster RV (mean, median, their spreads) and dispersion. Clusters
 *       whose dispersion exceeds 50 km/s are dropped (their members get flag 0).</li>
 *   <li>[Fe/H]: flag-1 stars with 4000 K &lt;= Teff &lt;= 7500 K that are not cool dwarfs (Teff &lt; 5000 K
 *       and logg &gt;= 3.5) get flag 12 and give the cluster [Fe/H] the same way (the Teff/logg rules can be
 *       switched off for catalogues without them, {@link ClusterConfig#teffLoggSelection()}). Clusters with
 *       at least 3 flag-12 stars are marked high quality.</li>
 *   <li>Abundances ([M/H], [alpha/M], [X/Fe]): mean, sample standard deviation (ddof 1) and count over
 *       the flag-12 stars (the stars whose parameters passed every check).</li>
 * </ol>
 * Beside the published Monte-Carlo errors the cluster table has {@code rv_median_se} and
 * {@code feh_median_se}, the standard errors of the reported medians estimated from the flag-1
 * (flag-12) stars' own scatter ({@link MedianUncertainty}). The published plus-or-minus is the spread
 * of the per-realisation medians: when measurement errors dominate (a chemically homogeneous
 * cluster's [Fe/H]) it overstates the error of the reported median of medians by about 1.37, and it
 * cannot see an intrinsic velocity dispersion or binaries. On the mock survey ({@code ocengine demo})
 * the published [Fe/H] errors give pulls with a standard deviation of about 0.75, the sandwich ones
 * about 1.
 * The draws come from the backend's grouped Monte-Carlo with RV on stream {@value #STREAM_RV} and
 * [Fe/H] on stream {@value #STREAM_FEH}; a cluster's key is the hash of its normalised name and a star's
 * ordinal its rank by {@code star_key} within the cluster, so every number can be recomputed alone.
 * Stateless.
 */
public final class ClusterCatalogue {

    /** Draw stream of the RV sampling. */
    public static final int STREAM_RV = 0;
    /** Draw stream of the [Fe/H] sampling. */
    public static final int STREAM_FEH = 1;

    public static final ColumnSpec CLUSTER_ID = new ColumnSpec("cluster_id", ColumnType.STRING, "", "Normalised cluster name (matching key)");
    public static final ColumnSpec STAR_ORDINAL = new ColumnSpec("star_ordinal", ColumnType.INT32, "", "Rank of the star by star_key within its cluster (its draw key)");
    public static final ColumnSpec FLAG = new ColumnSpec("flag", ColumnType.INT32, "", "0: not used; 1: used for the cluster RV; 12: used for RV and [Fe/H]");
    public static final ColumnSpec FLAG_REASON = new ColumnSpec("flag_reason", ColumnType.STRING, "", "Why the star did not get the next flag");

    private ClusterCatalogue() {
    }

    /** The two tables of the stage; close to free them. */
    public record Result(Table clusters, Table members) implements AutoCloseable {
        @Override
        public void close() {
            try (clusters; members) {
                // both closed
            }
        }
    }

    /**
     * Runs the stage.
     *
     * @param stars     one row per member star, canonical columns; needs {@code cluster}, {@code star_key},
     *                  {@code rv}, {@code rv_err}; uses {@code feh}, {@code feh_err}, {@code teff},
     *                  {@code logg}, abundances and {@code ra}/{@code dec} when present (caller keeps ownership).
     *                  Where {@link RepeatedMeasurements} combined several spectra of a star, the value's
     *                  uncertainty is its {@code rv_wmean_err} / {@code feh_wmean_err} (the uncertainty of the
     *                  weighted mean), not the published sigma_w in {@code rv_err} / {@code feh_err}
     * @param backend   where the Monte-Carlo runs
     * @param config    the rules
     * @param rejected  receives an entry for each cluster dropped
     * @param allocator for the result tables, owned by the caller
     */
    public static Result run(Table stars, ComputeBackend backend, ClusterConfig config, RejectedRows rejected,
                             BufferAllocator allocator) {
        int n = stars.rowCount();
        String[] names = stars.strings(Columns.CLUSTER.name());
        long[] starKey = stars.longs(Columns.STAR_KEY.name());
        double[] rv = stars.doubles(Columns.RV.name());
        double[] rvErr = stars.has(RepeatedMeasurements.meanErrorName(Columns.RV))
                ? stars.doubles(RepeatedMeasurements.meanErrorName(Columns.RV)) : stars.doubles(Columns.RV_ERR.name());
        double[] feh = optional(stars, Columns.FEH);
        double[] fehErr = stars.has(RepeatedMeasurements.meanErrorName(Columns.FEH))
                ? stars.doubles(RepeatedMeasurements.meanErrorName(Columns.FEH)) : optional(stars, Columns.FEH_ERR);
        double[] teff = optional(stars, Columns.TEFF);
        double[] logg = optional(stars, Columns.LOGG);

        String[] key = new String[n];
        for (int i = 0; i < n; i++) {
            key[i] = ClusterNames.normalise(names[i]);
            if (key[i].isEmpty()) {
                throw new DataException(stars.origin(), Columns.CLUSTER.name(), sourceRow(stars, i), "member has no cluster name");
            }
        }
        int[] order = RowOrder.sorted(n, (a, b) -> {
            int c = key[a].compareTo(key[b]);
            return c != 0 ? c : Long.compare(starKey[a], starKey[b]);
        });
        // groups over the sorted rows
        List<Integer> starts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (k == 0 || !key[order[k]].equals(key[order[k - 1]])) {
                starts.add(k);
            }
        }
        int groups = starts.size();
        int[] groupStart = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            groupStart[g] = starts.get(g);
        }
        groupStart[groups] = n;
        long[] groupKey = new long[groups];
        int[] ordinal = new int[n]; // by sorted position
        for (int g = 0; g < groups; g++) {
            groupKey[g] = DrawKey.groupKey(key[order[groupStart[g]]]);
            for (int k = groupStart[g]; k < groupStart[g + 1]; k++) {
                ordinal[k] = k - groupStart[g];
            }
        }

        // pass 1: all stars with a usable RV
        boolean[] usable = new boolean[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            usable[k] = !Double.isNaN(rv[i]) && rvErr[i] >= 0;
        }
        GroupStatistics all = backend.groupedMonteCarlo(samples(order, usable, rv, rvErr, ordinal, groupStart, groupKey),
                new MonteCarloSpec(config.seed(), STREAM_RV, config.draws()));
        int[] flag = new int[n];
        String[] reason = new String[n];
        boolean[] flag1 = new boolean[n];
        for (int g = 0; g < groups; g++) {
            for (int k = groupStart[g]; k < groupStart[g + 1]; k++) {
                int i = order[k];
                if (!usable[k]) {
                    reason[k] = "no usable RV";
                    continue;
                }
                double limit = config.flagSigma() * all.dispersion()[g];
                double off = Math.abs(rv[i] - all.mean()[g]);
                flag1[k] = off <= limit;
                if (!flag1[k]) {
                    reason[k] = String.format(Locale.ROOT, "RV %.2f km/s is %.1f sigma from the cluster mean %.2f (limit %.1f)",
                            rv[i], off / all.dispersion()[g], all.mean()[g], config.flagSigma());
                }
            }
        }
        // pass 2: flag-1 stars
        GroupedSamples flag1Rv = samples(order, flag1, rv, rvErr, ordinal, groupStart, groupKey);
        GroupStatistics sel = backend.groupedMonteCarlo(flag1Rv, new MonteCarloSpec(config.seed(), STREAM_RV, config.draws()));
        double[] rvSe = MedianUncertainty.standardErrors(flag1Rv.values(), flag1Rv.errors(), flag1Rv.groupOffsets(), sel.median());
        boolean[] dropped = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            if (sel.dispersion()[g] > config.maxRvDispersion()) {
                dropped[g] = true;
                String name = names[order[groupStart[g]]].strip();
                rejected.add(stars.origin(), 0, "cluster", name, Columns.RV.name(), String.format(Locale.ROOT, "%.2f", sel.dispersion()[g]),
                        String.format(Locale.ROOT, "RV dispersion %.2f km/s exceeds %.1f km/s", sel.dispersion()[g], config.maxRvDispersion()),
                        RejectedRows.Action.CLUSTER_DROPPED);
                for (int k = groupStart[g]; k < groupStart[g + 1]; k++) {
                    if (flag1[k]) {
                        flag1[k] = false;
                        reason[k] = "cluster dropped: RV dispersion above " + config.maxRvDispersion() + " km/s";
                    }
                }
            }
        }
        // [Fe/H]: flag 12
        boolean[] flag12 = new boolean[n];
        for (int k = 0; k < n; k++) {
            if (!flag1[k]) {
                continue;
            }
            flag[k] = 1;
            String why = fehExclusion(order[k], feh, fehErr, teff, logg, config);
            if (why == null) {
                flag12[k] = true;
                flag[k] = 12;
            } else {
                reason[k] = why;
            }
        }
        GroupedSamples flag12Feh = feh == null ? null : samples(order, flag12, feh, fehErr, ordinal, groupStart, groupKey);
        GroupStatistics fe = feh == null ? null : backend.groupedMonteCarlo(flag12Feh,
                new MonteCarloSpec(config.seed(), STREAM_FEH, config.draws()));
        double[] fehSe = feh == null ? null
                : MedianUncertainty.standardErrors(flag12Feh.values(), flag12Feh.errors(), flag12Feh.groupOffsets(), fe.median());

        Table members = memberTable(stars, order, key, ordinal, flag, reason, allocator);
        try {
            Table clusters = clusterTable(stars, order, names, key, groupStart, usable, flag1, flag12, dropped, all, sel, fe, rvSe, fehSe,
                    config, allocator);
            return new Result(clusters, members);
        } catch (RuntimeException e) {
            members.close();
            throw e;
        }
    }

    private static double[] optional(Table t, ColumnSpec spec) {
        return t.has(spec.name()) ? t.doubles(spec.name()) : null;
    }

    private static long sourceRow(Table t, int i) {
        return t.has(Columns.SOURCE_ROW.name()) ? t.longs(Columns.SOURCE_ROW.name())[i] : i + 1L;
    }

    /** Why a flag-1 star is not used for [Fe/H], or null when it is (SPEC.md 5). */
    private static String fehExclusion(int i, double[] feh, double[] fehErr, double[] teff, double[] logg, ClusterConfig c) {
        if (feh == null || fehErr == null || Double.isNaN(feh[i]) || !(fehErr[i] >= 0)) {
            return "no usable [Fe/H]";
        }
        if (!c.teffLoggSelection()) {
            return null;
        }
        if (teff == null || Double.isNaN(teff[i])) {
            return "no Teff to check the [Fe/H] selection";
        }
        if (teff[i] > c.maxTeff()) {
            return String.format(Locale.ROOT, "Teff %.0f K > %.0f K (hot star)", teff[i], c.maxTeff());
        }
        if (teff[i] < c.minTeff()) {
            return String.format(Locale.ROOT, "Teff %.0f K < %.0f K (cool star)", teff[i], c.minTeff());
        }
        if (teff[i] < c.coolDwarfTeff()) {
            if (logg == null || Double.isNaN(logg[i])) {
                return "no logg to tell a cool dwarf from a giant";
            }
            if (logg[i] >= c.coolDwarfLogg()) {
                return String.format(Locale.ROOT, "cool dwarf (Teff %.0f K < %.0f K, logg %.2f >= %.1f)", teff[i], c.coolDwarfTeff(), logg[i], c.coolDwarfLogg());
            }
        }
        return null;
    }

    /** The selected stars of every group, in sorted order, as backend input. */
    private static GroupedSamples samples(int[] order, boolean[] selected, double[] value, double[] error, int[] ordinal,
                                          int[] groupStart, long[] groupKey) {
        int groups = groupKey.length;
        int count = 0;
        for (boolean s : selected) {
            count += s ? 1 : 0;
        }
        double[] v = new double[count];
        double[] e = new double[count];
        int[] o = new int[count];
        int[] offsets = new int[groups + 1];
        int m = 0;
        for (int g = 0; g < groups; g++) {
            offsets[g] = m;
            for (int k = groupStart[g]; k < groupStart[g + 1]; k++) {
                if (selected[k]) {
                    v[m] = value[order[k]];
                    e[m] = error[order[k]];
                    o[m] = ordinal[k];
                    m++;
                }
            }
        }
        offsets[groups] = m;
        return new GroupedSamples(v, e, o, offsets, groupKey);
    }

    private static Table memberTable(Table stars, int[] order, String[] key, int[] ordinal, int[] flag, String[] reason,
                                     BufferAllocator allocator) {
        int n = order.length;
        String[] clusterId = new String[n];
        for (int k = 0; k < n; k++) {
            clusterId[k] = key[order[k]];
        }
        try (Table sorted = stars.select(order, allocator, "members")) {
            return sorted.extend(allocator, "members", b -> b.addStrings(CLUSTER_ID, clusterId)
                    .addInts(STAR_ORDINAL, ordinal).addInts(FLAG, flag).addStrings(FLAG_REASON, reason));
        }
    }

    private static Table clusterTable(Table stars, int[] order, String[] names, String[] key, int[] groupStart,
                                      boolean[] usable, boolean[] flag1, boolean[] flag12, boolean[] dropped,
                                      GroupStatistics all, GroupStatistics sel, GroupStatistics fe, double[] rvSe, double[] fehSe,
                                      ClusterConfig config, BufferAllocator allocator) {
        int groups = groupStart.length - 1;
        List<Integer> keptGroups = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            if (!dropped[g]) {
                keptGroups.add(g);
            }
        }
        int m = keptGroups.size();
        String[] display = new String[m];
        String[] id = new String[m];
        int[] nAll = new int[m];
        int[] n1 = new int[m];
        int[] n12 = new int[m];
        boolean[] hq = new boolean[m];
        for (int c = 0; c < m; c++) {
            int g = keptGroups.get(c);
            display[c] = names[order[groupStart[g]]].strip();
            id[c] = key[order[groupStart[g]]];
            for (int k = groupStart[g]; k < groupStart[g + 1]; k++) {
                nAll[c] += usable[k] ? 1 : 0;
                n1[c] += flag1[k] ? 1 : 0;
                n12[c] += flag12[k] ? 1 : 0;
            }
            hq[c] = n12[c] >= config.highQualityMinStars();
        }
        try (TableBuilder b = Table.builder(allocator, "clusters", m)) {
            b.addStrings(Columns.CLUSTER, display).addStrings(CLUSTER_ID, id);
            if (stars.has(Columns.RA.name()) && stars.has(Columns.DEC.name())) {
                double[] ra = stars.doubles(Columns.RA.name());
                double[] dec = stars.doubles(Columns.DEC.name());
                double[] meanRa = new double[m];
                double[] meanDec = new double[m];
                for (int c = 0; c < m; c++) {
                    int g = keptGroups.get(c);
                    double[] p = SkyAverage.of(java.util.Arrays.copyOfRange(order, groupStart[g], groupStart[g + 1]), ra, dec);
                    meanRa[c] = p[0];
                    meanDec[c] = p[1];
                }
                b.addDoubles(col("ra", "deg", "Mean position of the members: right ascension"), meanRa);
                b.addDoubles(col("dec", "deg", "Mean position of the members: declination"), meanDec);
            }
            b.addInts(new ColumnSpec("n_all", ColumnType.INT32, "", "Member stars with a usable RV"), nAll);
            b.addDoubles(col("rv_mean_all", "km/s", "First-pass MC mean RV over all stars (centre of the flag-1 selection)"), pick(all.mean(), keptGroups));
            b.addDoubles(col("rv_dispersion_all", "km/s", "First-pass MC RV dispersion over all stars (sigma of the flag-1 selection)"), pick(all.dispersion(), keptGroups));
            b.addInts(new ColumnSpec("n_flag1", ColumnType.INT32, "", "Stars with flag 1 (used for the cluster RV)"), n1);
            b.addDoubles(col("rv_mean", "km/s", "Cluster RV: mean of the per-realisation means (flag-1 stars)"), pick(sel.mean(), keptGroups));
            b.addDoubles(col("rv_mean_err", "km/s", "Standard deviation of the per-realisation mean RV"), pick(sel.meanStd(), keptGroups));
            b.addDoubles(col("rv_median", "km/s", "Cluster RV: median of the per-realisation medians (flag-1 stars)"), pick(sel.median(), keptGroups));
            b.addDoubles(col("rv_median_err", "km/s", "Standard deviation of the per-realisation median RV"), pick(sel.medianStd(), keptGroups));
            b.addDoubles(col("rv_median_se", "km/s", "Standard error of rv_median from the flag-1 stars' scatter (M-estimator sandwich)"), pick(rvSe, keptGroups));
            b.addDoubles(col("rv_dispersion", "km/s", "Standard deviation of all RV draws of flag-1 stars"), pick(sel.dispersion(), keptGroups));
            b.addInts(new ColumnSpec("n_flag12", ColumnType.INT32, "", "Stars with flag 12 (used for [Fe/H])"), n12);
            if (fe != null) {
                b.addDoubles(col("feh_mean", "", "Cluster [Fe/H], dex: mean of the per-realisation means (flag-12 stars)"), pick(fe.mean(), keptGroups));
                b.addDoubles(col("feh_mean_err", "", "Standard deviation of the per-realisation mean [Fe/H], dex"), pick(fe.meanStd(), keptGroups));
                b.addDoubles(col("feh_median", "", "Cluster [Fe/H], dex: median of the per-realisation medians (flag-12 stars)"), pick(fe.median(), keptGroups));
                b.addDoubles(col("feh_median_err", "", "Standard deviation of the per-realisation median [Fe/H], dex"), pick(fe.medianStd(), keptGroups));
                b.addDoubles(col("feh_median_se", "", "Standard error of feh_median from the flag-12 stars' scatter (M-estimator sandwich), dex"), pick(fehSe, keptGroups));
                b.addDoubles(col("feh_dispersion", "", "Standard deviation of all [Fe/H] draws of flag-12 stars, dex"), pick(fe.dispersion(), keptGroups));
            }
            b.addBooleans(new ColumnSpec("high_quality", ColumnType.BOOL, "", "At least " + config.highQualityMinStars() + " flag-12 stars"), hq);
            addAbundances(b, stars, order, groupStart, keptGroups, flag12);
            return b.build();
        }
    }

    private static ColumnSpec col(String name, String unit, String description) {
        return new ColumnSpec(name, ColumnType.FLOAT64, unit, description);
    }

    private static double[] pick(double[] perGroup, List<Integer> groups) {
        double[] out = new double[groups.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = perGroup[groups.get(c)];
        }
        return out;
    }

    private static void addAbundances(TableBuilder b, Table stars, int[] order, int[] groupStart, List<Integer> groups, boolean[] flag12) {
        List<ColumnSpec> abundances = new ArrayList<>(List.of(Columns.MH, Columns.ALPHA_M));
        for (String x : Columns.ELEMENTS) {
            abundances.add(Columns.abundance(x));
        }
        for (ColumnSpec a : abundances) {
            if (!stars.has(a.name())) {
                continue;
            }
            double[] v = stars.doubles(a.name());
            double[] mean = new double[groups.size()];
            double[] std = new double[groups.size()];
            int[] count = new int[groups.size()];
            for (int c = 0; c < groups.size(); c++) {
                int g = groups.get(c);
                double[] x = new double[groupStart[g + 1] - groupStart[g]];
                int used = 0;
                for (int k = groupStart[g]; k < groupStart[g + 1]; k++) {
                    double val = v[order[k]];
                    if (flag12[k] && !Double.isNaN(val)) {
                        x[used++] = val;
                    }
                }
                count[c] = used;
                double s = 0;
                for (int j = 0; j < used; j++) {
                    s += x[j];
                }
                mean[c] = used == 0 ? Double.NaN : s / used;
                double ss = 0;
                for (int j = 0; j < used; j++) {
                    ss += (x[j] - mean[c]) * (x[j] - mean[c]);
                }
                std[c] = used < 2 ? Double.NaN : Math.sqrt(ss / (used - 1));
            }
            b.addDoubles(col(a.name() + "_mean", a.unit(), "Mean " + a.description() + " of flag-12 stars"), mean);
            b.addDoubles(col(a.name() + "_std", a.unit(), "Sample standard deviation of " + a.description() + " of flag-12 stars"), std);
            b.addInts(new ColumnSpec(a.name() + "_n", ColumnType.INT32, "", "Flag-12 stars with " + a.description()), count);
        }
    }
}
