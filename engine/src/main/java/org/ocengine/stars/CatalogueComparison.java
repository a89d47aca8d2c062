package org.ocengine.stars;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.table.ClusterNames;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;
import org.ocengine.xmatch.PairColumns;
import org.ocengine.xmatch.SkyCrossMatch;

/**
 * Comparison of our values with another catalogue's (SPEC.md 9), at two levels:
 * <ul>
 *   <li><b>clusters</b>: rows matched by normalised cluster name ({@link ClusterNames}; the first row
 *       of a name in their table is used), differences per quantity summarised over the common
 *       clusters;</li>
 *   <li><b>stars</b>: rows matched on Gaia {@code source_id} where both tables have it, the rest on the
 *       sky (nearest within a radius; 3.7 arcsec in Qin et al. 2025), summarised over all pairs and
 *       separately for dwarfs (logg &gt;= 3.5) and giants (logg &lt; 3.5), logg being ours where we have it.</li>
 * </ul>
 * Each summary row holds the {@link DifferenceStatistics} of one (quantity, sample); differences are
 * ours minus theirs. Stateless.
 */
public final class CatalogueComparison {

    /** Dwarfs have logg at or above this, dex (Qin et al. 2025 Sec. 3.3, after Wang et al. 2020). */
    public static final double DWARF_LOGG = 3.5;

    private CatalogueComparison() {
    }

    /**
     * One compared quantity.
     *
     * @param name    label in the summary (e.g. {@code rv})
     * @param ours    column of our table
     * @param theirs  column of their table
     * @param unit    unit of both
     */
    public record Quantity(String name, String ours, String theirs, String unit) {
    }

    /**
     * The comparison.
     *
     * @param pairs   one row per matched pair with both sides' values and their difference
     * @param summary one row per (quantity, sample) with the statistics
     * @param notes   one-line notes (unmatched rows, duplicate names, quantities missing)
     */
    public record Result(Table pairs, Table summary, List<String> notes) implements AutoCloseable {
        @Override
        public void close() {
            try (pairs; summary) {
                // both closed
            }
        }
    }

    /**
     * Cluster-level comparison.
     *
     * @param ours   our cluster table ({@code cluster} and the quantities' columns)
     * @param theirs their cluster table in canonical columns ({@code cluster} and the quantities' columns)
     */
    public static Result clusters(Table ours, Table theirs, List<Quantity> quantities, BufferAllocator allocator) {
        List<String> notes = new ArrayList<>();
        String[] ourNames = ours.strings(Columns.CLUSTER.name());
        String[] theirNames = theirs.strings(Columns.CLUSTER.name());
        Map<String, Integer> theirRow = new HashMap<>();
        int duplicates = 0;
        for (int j = 0; j < theirNames.length; j++) {
            if (theirRow.putIfAbsent(ClusterNames.normalise(theirNames[j]), j) != null) {
                duplicates++;
            }
        }
        if (duplicates > 0) {
            notes.add(theirs.origin() + ": " + duplicates + " rows repeat a cluster name; the first row of each name is used");
        }
        List<int[]> matched = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (int i = 0; i < ourNames.length; i++) {
            Integer j = theirRow.get(ClusterNames.normalise(ourNames[i]));
            if (j == null) {
                unmatched.add(ourNames[i] == null ? "" : ourNames[i].strip());
            } else {
                matched.add(new int[] {i, j});
            }
        }
        notes.add(String.format(Locale.ROOT, "%d of our %d clusters found in %s", matched.size(), ourNames.length, theirs.origin()));
        if (!unmatched.isEmpty()) {
            notes.add("not in " + theirs.origin() + ": " + String.join(", ", unmatched));
        }
        int[] a = matched.stream().mapToInt(p -> p[0]).toArray();
        int[] b = matched.stream().mapToInt(p -> p[1]).toArray();
        List<Quantity> present = present(ours, theirs, quantities, notes);
        Map<String, boolean[]> samples = new LinkedHashMap<>();
        samples.put("clusters", all(a.length));
        try (TableBuilder pairs = Table.builder(allocator, "comparison", a.length)) {
            pairs.addStrings(Columns.CLUSTER, gather(ourNames, a))
                    .addStrings(new ColumnSpec("cluster_theirs", ColumnType.STRING, "", "Cluster name in their table"), gather(theirNames, b));
            return finish(pairs, ours, theirs, a, b, present, samples, notes, allocator);
        }
    }

    /**
     * Star-level comparison.
     *
     * @param ours         our star table, canonical columns ({@code ra}, {@code dec}; {@code source_id} when known)
     * @param theirs       their star table, canonical columns
     * @param radiusArcsec sky match radius for rows not joined on source_id
     */
    public static Result stars(Table ours, Table theirs, List<Quantity> quantities, double radiusArcsec, ComputeBackend backend,
                               BufferAllocator allocator) {
        List<String> notes = new ArrayList<>();
        int[] a;
        int[] b;
        double[] separation;
        String[] method;
        try (Table match = SkyCrossMatch.defaults().withRadius(radiusArcsec).withMode(SkyCrossMatch.Mode.NEAREST)
                .run(ours, theirs, backend, allocator)) {
            a = match.ints(PairColumns.A_ROW.name());
            b = match.ints(PairColumns.B_ROW.name());
            separation = match.doubles(PairColumns.SEPARATION.name());
            method = match.strings(PairColumns.MATCH_METHOD.name());
        }
        notes.add(String.format(Locale.ROOT, "%d of our %d stars matched in %s (source_id join, then nearest within %.1f arcsec)",
                a.length, ours.rowCount(), theirs.origin(), radiusArcsec));
        List<Quantity> present = present(ours, theirs, quantities, notes);
        Map<String, boolean[]> samples = new LinkedHashMap<>();
        samples.put("all", all(a.length));
        double[] logg = null;
        if (ours.has(Columns.LOGG.name())) {
            logg = gather(ours.doubles(Columns.LOGG.name()), a);
        } else if (theirs.has(Columns.LOGG.name())) {
            logg = gather(theirs.doubles(Columns.LOGG.name()), b);
            notes.add("dwarfs and giants told apart by their logg (ours has none)");
        } else {
            notes.add("no logg on either side, so no dwarf/giant split");
        }
        String[] kind = new String[a.length];
        if (logg != null) {
            boolean[] dwarfs = new boolean[a.length];
            boolean[] giants = new boolean[a.length];
            for (int k = 0; k < a.length; k++) {
                dwarfs[k] = logg[k] >= DWARF_LOGG;
                giants[k] = logg[k] < DWARF_LOGG;
                kind[k] = dwarfs[k] ? "dwarf" : giants[k] ? "giant" : null;
            }
            samples.put("dwarfs", dwarfs);
            samples.put("giants", giants);
        }
        try (TableBuilder pairs = Table.builder(allocator, "comparison", a.length)) {
            pairs.addInts(PairColumns.A_ROW, a).addInts(PairColumns.B_ROW, b).addDoubles(PairColumns.SEPARATION, separation)
                    .addStrings(PairColumns.MATCH_METHOD, method);
            if (ours.has(Columns.SOURCE_ID.name())) {
                pairs.addLongs(Columns.SOURCE_ID, gather(ours.longs(Columns.SOURCE_ID.name()), a));
            }
            pairs.addStrings(new ColumnSpec("class", ColumnType.STRING, "", "dwarf (logg >= 3.5) or giant"), kind);
            return finish(pairs, ours, theirs, a, b, present, samples, notes, allocator);
        }
    }

    /** Adds the quantities' columns to the pair table, builds it and the summary. */
    private static Result finish(TableBuilder pairs, Table ours, Table theirs, int[] a, int[] b, List<Quantity> quantities,
                                 Map<String, boolean[]> samples, List<String> notes, BufferAllocator allocator) {
        List<String> qName = new ArrayList<>();
        List<String> qUnit = new ArrayList<>();
        List<String> sample = new ArrayList<>();
        List<DifferenceStatistics.Summary> stats = new ArrayList<>();
        for (Quantity q : quantities) {
            double[] mine = gather(ours.doubles(q.ours()), a);
            double[] yours = gather(theirs.doubles(q.theirs()), b);
            double[] diff = new double[a.length];
            for (int k = 0; k < diff.length; k++) {
                diff[k] = mine[k] - yours[k];
            }
            pairs.addDoubles(new ColumnSpec(q.name() + "_ours", ColumnType.FLOAT64, q.unit(), q.name() + " in our table (" + q.ours() + ")"), mine)
                    .addDoubles(new ColumnSpec(q.name() + "_theirs", ColumnType.FLOAT64, q.unit(), q.name() + " in their table (" + q.theirs() + ")"), yours)
                    .addDoubles(new ColumnSpec(q.name() + "_diff", ColumnType.FLOAT64, q.unit(), "ours - theirs"), diff);
            for (Map.Entry<String, boolean[]> s : samples.entrySet()) {
                qName.add(q.name());
                qUnit.add(q.unit());
                sample.add(s.getKey());
                stats.add(DifferenceStatistics.of(select(mine, s.getValue()), select(yours, s.getValue())));
            }
        }
        Table pairTable = pairs.build();
        try {
            return new Result(pairTable, summaryTable(qName, qUnit, sample, stats, allocator), List.copyOf(notes));
        } catch (RuntimeException e) {
            pairTable.close();
            throw e;
        }
    }

    private static Table summaryTable(List<String> quantity, List<String> unit, List<String> sample,
                                      List<DifferenceStatistics.Summary> stats, BufferAllocator allocator) {
        int m = stats.size();
        int[] n = new int[m];
        int[] kept = new int[m];
        int[] core = new int[m];
        double[][] v = new double[9][m];
        for (int k = 0; k < m; k++) {
            DifferenceStatistics.Summary s = stats.get(k);
            n[k] = s.n();
            kept[k] = s.kept();
            core[k] = s.core();
            double[] row = {s.mean(), s.std(), s.median(), s.clippedMean(), s.clippedStd(), s.gaussMu(), s.gaussSigma(), s.slope(), s.intercept()};
            for (int c = 0; c < row.length; c++) {
                v[c][k] = row[c];
            }
        }
        try (TableBuilder b = Table.builder(allocator, "comparison_summary", m)) {
            return b.addStrings(text("quantity", "Quantity compared"), quantity.toArray(String[]::new))
                    .addStrings(text("unit", "Unit of the quantity and of the statistics"), unit.toArray(String[]::new))
                    .addStrings(text("sample", "Pairs summarised: clusters, all stars, dwarfs (logg >= 3.5) or giants"), sample.toArray(String[]::new))
                    .addInts(count("n", "Pairs with both values"), n)
                    .addDoubles(number("mean", "Mean of ours - theirs"), v[0])
                    .addDoubles(number("std", "Standard deviation (ddof 1) of ours - theirs"), v[1])
                    .addDoubles(number("median", "Median of ours - theirs"), v[2])
                    .addDoubles(number("clipped_mean", "Mean after iterative 3-sigma clipping"), v[3])
                    .addDoubles(number("clipped_std", "Standard deviation after clipping"), v[4])
                    .addInts(count("n_kept", "Pairs kept by the clipping"), kept)
                    .addDoubles(number("gauss_mu", "Centre of the Gaussian fitted to the histogram of differences"), v[5])
                    .addDoubles(number("gauss_sigma", "Width of that Gaussian"), v[6])
                    .addDoubles(number("slope", "Slope of ours against theirs over the densest 80% of the pairs"), v[7])
                    .addDoubles(number("intercept", "Intercept of that line"), v[8])
                    .addInts(count("n_core", "Pairs in the densest 80%"), core)
                    .build();
        }
    }

    /**
     * The summary as a plain-text table, numbers rounded as the papers print them.
     */
    public static String render(Table summary) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-9s %-8s %6s %9s %9s %9s | %9s %9s %6s | %9s %9s | %7s %9s %6s%n",
                "quantity", "sample", "N", "mean", "std", "median", "clip.mean", "clip.std", "N_kept", "gauss.mu", "gauss.sig",
                "slope", "intercept", "N_core"));
        String[] q = summary.strings("quantity");
        String[] s = summary.strings("sample");
        String[] unit = summary.strings("unit");
        int[] n = summary.ints("n");
        int[] kept = summary.ints("n_kept");
        int[] core = summary.ints("n_core");
        for (int k = 0; k < summary.rowCount(); k++) {
            int d = decimals(q[k], unit[k]);
            out.append(String.format(Locale.ROOT, "%-9s %-8s %6d %9s %9s %9s | %9s %9s %6d | %9s %9s | %7s %9s %6d%n", q[k], s[k], n[k],
                    fmt(summary, "mean", k, d), fmt(summary, "std", k, d), fmt(summary, "median", k, d),
                    fmt(summary, "clipped_mean", k, d), fmt(summary, "clipped_std", k, d), kept[k],
                    fmt(summary, "gauss_mu", k, d), fmt(summary, "gauss_sigma", k, d), fmt(summary, "slope", k, 3),
                    fmt(summary, "intercept", k, d), core[k]));
        }
        return out.toString();
    }

    private static int decimals(String quantity, String unit) {
        return switch (unit) {
            case "K" -> 0;
            case "km/s" -> 2;
            default -> quantity.equals("logg") ? 2 : 3;
        };
    }

    private static String fmt(Table t, String column, int row, int decimals) {
        double v = t.doubles(column)[row];
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The quantities both tables have; notes for the others. */
    private static List<Quantity> present(Table ours, Table theirs, List<Quantity> quantities, List<String> notes) {
        List<Quantity> present = new ArrayList<>();
        for (Quantity q : quantities) {
            if (!ours.has(q.ours())) {
                notes.add(q.name() + ": not compared, our table has no column " + q.ours());
            } else if (!theirs.has(q.theirs())) {
                notes.add(q.name() + ": not compared, " + theirs.origin() + " has no " + q.theirs() + " column");
            } else {
                present.add(q);
            }
        }
        return present;
    }

    private static ColumnSpec text(String name, String description) {
        return new ColumnSpec(name, ColumnType.STRING, "", description);
    }

    private static ColumnSpec count(String name, String description) {
        return new ColumnSpec(name, ColumnType.INT32, "", description);
    }

    private static ColumnSpec number(String name, String description) {
        return new ColumnSpec(name, ColumnType.FLOAT64, "", description + " (in the unit of the quantity)");
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    private static double[] select(double[] v, boolean[] use) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (!use[i]) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static double[] gather(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = v[rows[k]];
        }
        return out;
    }

    private static long[] gather(long[] v, int[] rows) {
        long[] out = new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = v[rows[k]];
        }
        return out;
    }

    private static String[] gather(String[] v, int[] rows) {
        String[] out = new String[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = v[rows[k]] == null ? null : v[rows[k]].strip();
        }
        return out;
    }
}
