package org.ocengine.stars;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Completeness of a spectroscopic survey over cluster members (SPEC.md 9; Zong et al. 2020 Fig. 1):
 * the fraction of members observed, per G-magnitude bin (0.5 mag, edges at multiples of the width),
 * per cluster and over all clusters the survey reached (those with at least one member observed: a
 * member list usually covers far more clusters than a spectra file, and their members would only
 * dilute the survey's completeness). Members without G are left out. Stateless.
 */
public final class Completeness {

    /** Cluster name of the rows that sum over every cluster. */
    public static final String ALL = "all";

    public static final ColumnSpec G_MIN = new ColumnSpec("g_min", ColumnType.FLOAT64, "mag", "Bright edge of the G bin");
    public static final ColumnSpec G_MAX = new ColumnSpec("g_max", ColumnType.FLOAT64, "mag", "Faint edge of the G bin");
    public static final ColumnSpec N_MEMBERS = new ColumnSpec("n_members", ColumnType.INT32, "", "Members in the bin");
    public static final ColumnSpec N_OBSERVED = new ColumnSpec("n_observed", ColumnType.INT32, "", "Of those, members with at least one usable spectrum");
    public static final ColumnSpec FRACTION = new ColumnSpec("fraction", ColumnType.FLOAT64, "", "n_observed / n_members");

    private Completeness() {
    }

    /**
     * The completeness table: one row per (cluster, G bin) with members, clusters in normalised-name
     * order (shown as first spelled), then the rows of cluster {@value #ALL} (the clusters with at least
     * one member observed); bins in G order.
     *
     * @param cluster  each member's cluster
     * @param gmag     each member's G magnitude (NaN: unknown; such members are left out)
     * @param observed whether each member was observed
     * @param binWidth bin width, mag (0.5)
     */
    public static Table perMagnitudeBin(String[] cluster, double[] gmag, boolean[] observed, double binWidth,
                                        BufferAllocator allocator) {
        if (!(binWidth > 0)) {
            throw new IllegalArgumentException("the G bin width must be positive");
        }
        Map<String, String> display = new TreeMap<>();
        Map<String, TreeMap<Long, int[]>> counts = new TreeMap<>();
        TreeMap<Long, int[]> overall = new TreeMap<>();
        java.util.Set<String> surveyed = new java.util.HashSet<>();
        for (int i = 0; i < gmag.length; i++) {
            if (observed[i]) {
                surveyed.add(ClusterNames.normalise(cluster[i]));
            }
        }
        for (int i = 0; i < gmag.length; i++) {
            if (Double.isNaN(gmag[i])) {
                continue;
            }
            String key = ClusterNames.normalise(cluster[i]);
            display.putIfAbsent(key, cluster[i] == null ? "" : cluster[i].strip());
            long bin = (long) Math.floor(gmag[i] / binWidth);
            int[] c = counts.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(bin, b -> new int[2]);
            c[0]++;
            c[1] += observed[i] ? 1 : 0;
            if (surveyed.contains(key)) {
                int[] o = overall.computeIfAbsent(bin, b -> new int[2]);
                o[0]++;
                o[1] += observed[i] ? 1 : 0;
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Long, int[]>> e : counts.entrySet()) {
            for (Map.Entry<Long, int[]> b : e.getValue().entrySet()) {
                rows.add(new Object[] {display.get(e.getKey()), b.getKey(), b.getValue()});
            }
        }
        for (Map.Entry<Long, int[]> b : overall.entrySet()) {
            rows.add(new Object[] {ALL, b.getKey(), b.getValue()});
        }
        int m = rows.size();
        String[] name = new String[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        int[] members = new int[m];
        int[] seen = new int[m];
        double[] fraction = new double[m];
        for (int k = 0; k < m; k++) {
            Object[] r = rows.get(k);
            name[k] = (String) r[0];
            lo[k] = (long) r[1] * binWidth;
            hi[k] = lo[k] + binWidth;
            int[] c = (int[]) r[2];
            members[k] = c[0];
            seen[k] = c[1];
            fraction[k] = (double) c[1] / c[0];
        }
        try (TableBuilder b = Table.builder(allocator, "completeness", m)) {
            return b.addStrings(Columns.CLUSTER, name).addDoubles(G_MIN, lo).addDoubles(G_MAX, hi).addInts(N_MEMBERS, members)
                    .addInts(N_OBSERVED, seen).addDoubles(FRACTION, fraction).build();
        }
    }

    /**
     * Which members were observed: members joined to spectra on Gaia {@code source_id} where both have
     * one, the others matched on the sky within the radius ({@link SkyCrossMatch}: the same rules as the
     * run's member match).
     *
     * @param members canonical members with {@code ra}, {@code dec} (and {@code source_id} when known)
     * @param spectra canonical spectra (the usable ones) with {@code ra}, {@code dec} and/or {@code source_id}
     */
    public static boolean[] observed(Table members, Table spectra, double radiusArcsec, ComputeBackend backend,
                                     BufferAllocator allocator) {
        boolean[] seen = new boolean[members.rowCount()];
        boolean positions = members.has(Columns.RA.name()) && members.has(Columns.DEC.name())
                && spectra.has(Columns.RA.name()) && spectra.has(Columns.DEC.name());
        if (!positions) {
            long[] memberIds = members.longs(Columns.SOURCE_ID.name());
            java.util.Set<Long> ids = new java.util.HashSet<>();
            for (long id : spectra.longs(Columns.SOURCE_ID.name())) {
                ids.add(id);
            }
            for (int i = 0; i < seen.length; i++) {
                seen[i] = memberIds[i] != Table.NULL_LONG && ids.contains(memberIds[i]);
            }
            return seen;
        }
        try (Table pairs = SkyCrossMatch.defaults().withRadius(radiusArcsec).run(members, spectra, backend, allocator)) {
            for (int a : pairs.ints(PairColumns.A_ROW.name())) {
                seen[a] = true;
            }
        }
        return seen;
    }
}
