package org.ocengine.combine;

import org.ocengine.table.ClusterNames;
import org.ocengine.table.Columns;
import org.ocengine.table.RowOrder;
import org.ocengine.table.Table;

/**
 * The rows of a spectra table grouped by star: by {@code star_key}, and also by cluster when the
 * table has a cluster column (a star matched to two clusters forms a group for each). Groups are
 * ordered by (normalised cluster name, star key); rows within a group keep their table order. This
 * is the grouping {@link RepeatedMeasurements} combines over, shared with the star-level stages that
 * need each star's individual spectra (internal uncertainties, RV variability, periodograms).
 * Immutable after construction; the arrays handed out are the instance's own and must not be
 * modified.
 */
public final class StarGroups {

    private final int[] rows;
    private final int[] offsets;

    private StarGroups(int[] rows, int[] offsets) {
        this.rows = rows;
        this.offsets = offsets;
    }

    /** Groups the rows of a table with a {@code star_key} column (and optionally {@code cluster}). */
    public static StarGroups of(Table spectra) {
        int n = spectra.rowCount();
        long[] star = spectra.longs(Columns.STAR_KEY.name());
        String[] cluster = spectra.has(Columns.CLUSTER.name()) ? spectra.strings(Columns.CLUSTER.name()) : null;
        String[] clusterKey = new String[n];
        for (int i = 0; i < n; i++) {
            clusterKey[i] = cluster == null ? "" : ClusterNames.normalise(cluster[i]);
        }
        int[] order = RowOrder.sorted(n, (a, b) -> {
            int c = clusterKey[a].compareTo(clusterKey[b]);
            return c != 0 ? c : Long.compare(star[a], star[b]);
        });
        int[] starts = new int[n + 1];
        int g = 0;
        for (int s = 0; s < n; ) {
            starts[g++] = s;
            int e = s + 1;
            while (e < n && star[order[e]] == star[order[s]] && clusterKey[order[e]].equals(clusterKey[order[s]])) {
                e++;
            }
            s = e;
        }
        starts[g] = n;
        return new StarGroups(order, java.util.Arrays.copyOf(starts, g + 1));
    }

    /** Number of groups (stars). */
    public int count() {
        return offsets.length - 1;
    }

    /** Number of rows in group g. */
    public int size(int g) {
        return offsets[g + 1] - offsets[g];
    }

    /** The table rows of group g, in table order (a copy). */
    public int[] rowsOf(int g) {
        return java.util.Arrays.copyOfRange(rows, offsets[g], offsets[g + 1]);
    }

    /** The first table row of each group. */
    public int[] firstRows() {
        int[] first = new int[count()];
        for (int k = 0; k < first.length; k++) {
            first[k] = rows[offsets[k]];
        }
        return first;
    }

    /** For every table row, the group it belongs to. */
    public int[] groupOfRow() {
        int[] of = new int[rows.length];
        for (int g = 0; g < count(); g++) {
            for (int k = offsets[g]; k < offsets[g + 1]; k++) {
                of[rows[k]] = g;
            }
        }
        return of;
    }

    /** All rows, group after group: group g occupies positions {@code offsets()[g] .. offsets()[g+1]}. */
    public int[] rows() {
        return rows;
    }

    /** Start of each group in {@link #rows()}, with the total row count appended. */
    public int[] offsets() {
        return offsets;
    }
}
