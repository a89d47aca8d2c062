package org.ocengine.xmatch;

import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.SkyGeometry;
import org.ocengine.compute.SkyPositions;
import org.ocengine.table.Columns;
import org.ocengine.table.DataException;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * The cross-match stage (SPEC.md 3): pairs of rows of table A (spectra) and table B (members, Gaia
 * sources), both in canonical columns ({@code ra}, {@code dec} in degrees; optionally
 * {@code source_id}, {@code pmra}, {@code pmdec}).
 *
 * <ol>
 *   <li>Optionally, positions of A and/or B are moved to a common epoch by their proper motions
 *       ({@link EpochPropagation}); separations then refer to that epoch.</li>
 *   <li>Where both tables have {@code source_id} (and the join is on, the default), A rows are
 *       joined to B rows of the same id: all combinations for repeated ids, whatever their
 *       separation (null where either side has no position).</li>
 *   <li>The A rows the join did not match (all rows without the join) are matched on the sky through
 *       the {@link ComputeBackend}: every B row within the radius (default
 *       {@value #DEFAULT_RADIUS_ARCSEC} arcsec; a 3.3 arcsec fibre cannot separate two sources, so
 *       all pairs are kept).</li>
 * </ol>
 *
 * <p>The result is a pair table ordered by A row, then separation, then B row, with the columns of
 * {@link PairColumns} ({@code a_row}, {@code b_row}, {@code separation} [arcsec], {@code nearest},
 * {@code match_method}) followed by the requested columns of A and of B, copied with their types
 * and units under a prefix ({@code a_} and {@code b_} unless set). In {@link Mode#NEAREST} only each
 * A row's nearest pair is kept. A rows that match nothing do not appear.
 *
 * <p>Immutable and thread-safe: the {@code with...} methods return modified copies, and
 * {@link #run} may be called concurrently. The caller owns the returned table.
 */
public final class SkyCrossMatch {

    /** Default match radius, arcsec (SPEC.md 3; 3.0 and 3.7 are also used in the papers). */
    public static final double DEFAULT_RADIUS_ARCSEC = 3.5;

    /** Which pairs the table keeps. */
    public enum Mode {
        /** Every pair within the radius (and every source_id pair). */
        ALL,
        /** Only the nearest B of each A row. */
        NEAREST
    }

    private final double radiusArcsec;
    private final Mode mode;
    private final boolean sourceIdJoin;
    private final EpochPropagation propagateA;
    private final EpochPropagation propagateB;
    private final String prefixA;
    private final List<String> columnsA;
    private final String prefixB;
    private final List<String> columnsB;

    private SkyCrossMatch(double radiusArcsec, Mode mode, boolean sourceIdJoin, EpochPropagation propagateA,
                          EpochPropagation propagateB, String prefixA, List<String> columnsA, String prefixB,
                          List<String> columnsB) {
        SkyGeometry.checkRadius(radiusArcsec);
        this.radiusArcsec = radiusArcsec;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.sourceIdJoin = sourceIdJoin;
        this.propagateA = propagateA;
        this.propagateB = propagateB;
        this.prefixA = Objects.requireNonNull(prefixA, "prefixA");
        this.columnsA = List.copyOf(columnsA);
        this.prefixB = Objects.requireNonNull(prefixB, "prefixB");
        this.columnsB = List.copyOf(columnsB);
    }

    /** Radius {@value #DEFAULT_RADIUS_ARCSEC} arcsec, all pairs, source_id join on, no propagation, no copied columns. */
    public static SkyCrossMatch defaults() {
        return new SkyCrossMatch(DEFAULT_RADIUS_ARCSEC, Mode.ALL, true, null, null, "a_", List.of(), "b_", List.of());
    }

    /** The same match at another radius, arcsec. */
    public SkyCrossMatch withRadius(double arcsec) {
        return new SkyCrossMatch(arcsec, mode, sourceIdJoin, propagateA, propagateB, prefixA, columnsA, prefixB, columnsB);
    }

    /** The same match keeping all pairs or only the nearest. */
    public SkyCrossMatch withMode(Mode newMode) {
        return new SkyCrossMatch(radiusArcsec, newMode, sourceIdJoin, propagateA, propagateB, prefixA, columnsA, prefixB, columnsB);
    }

    /** The same match with the source_id join switched on (used when both tables have the column) or off. */
    public SkyCrossMatch withSourceIdJoin(boolean on) {
        return new SkyCrossMatch(radiusArcsec, mode, on, propagateA, propagateB, prefixA, columnsA, prefixB, columnsB);
    }

    /** The same match with A's positions propagated ({@code null}: as given). */
    public SkyCrossMatch withPropagationA(EpochPropagation propagation) {
        return new SkyCrossMatch(radiusArcsec, mode, sourceIdJoin, propagation, propagateB, prefixA, columnsA, prefixB, columnsB);
    }

    /** The same match with B's positions propagated ({@code null}: as given). */
    public SkyCrossMatch withPropagationB(EpochPropagation propagation) {
        return new SkyCrossMatch(radiusArcsec, mode, sourceIdJoin, propagateA, propagation, prefixA, columnsA, prefixB, columnsB);
    }

    /** The same match copying these columns of A into the pair table, named {@code prefix + column}. */
    public SkyCrossMatch withColumnsA(String prefix, List<String> columns) {
        return new SkyCrossMatch(radiusArcsec, mode, sourceIdJoin, propagateA, propagateB, prefix, columns, prefixB, columnsB);
    }

    /** The same match copying these columns of B into the pair table, named {@code prefix + column}. */
    public SkyCrossMatch withColumnsB(String prefix, List<String> columns) {
        return new SkyCrossMatch(radiusArcsec, mode, sourceIdJoin, propagateA, propagateB, prefixA, columnsA, prefix, columns);
    }

    public double radiusArcsec() {
        return radiusArcsec;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Matches A against B.
     *
     * @param allocator where the pair table's vectors (and temporary position vectors, freed before
     *                  returning) come from
     * @throws DataException if a required column is missing or a declination lies outside [-90, 90]
     */
    public Table run(Table a, Table b, ComputeBackend backend, BufferAllocator allocator) {
        double[][] posA = positions(a, propagateA);
        double[][] posB = positions(b, propagateB);
        String id = Columns.SOURCE_ID.name();
        MatchPairs joined = new MatchPairs(new int[0], new int[0], new double[0]);
        boolean[] isJoined = new boolean[a.rowCount()];
        if (sourceIdJoin && a.has(id) && b.has(id)) {
            int[][] rows = SourceIdJoin.pairs(a.longs(id), b.longs(id));
            double[] sep = new double[rows[0].length];
            for (int k = 0; k < sep.length; k++) {
                int i = rows[0][k];
                int j = rows[1][k];
                sep[k] = SkyGeometry.separationArcsec(posA[0][i], posA[1][i], posB[0][j], posB[1][j]);
                isJoined[i] = true;
            }
            joined = MatchPairs.sorted(rows[0], rows[1], sep);
        }
        int[] skyRows = unjoinedRows(isJoined);
        MatchPairs sky = skyMatch(posA, skyRows, posB, backend, allocator);
        return table(a, b, merge(joined, sky, skyRows), allocator);
    }

    /** Positions at the match epoch, {@code {ra, dec}}; NaN where a row has none. */
    private static double[][] positions(Table t, EpochPropagation propagation) {
        double[][] pos = propagation == null
                ? new double[][] {t.doubles(Columns.RA.name()), t.doubles(Columns.DEC.name())}
                : propagation.apply(t);
        double[] dec = pos[1];
        for (int i = 0; i < dec.length; i++) {
            if (dec[i] < -90.0 || dec[i] > 90.0) {
                throw new DataException(t.origin(), Columns.DEC.name(), i + 1L, "declination " + dec[i] + " outside [-90, 90]");
            }
        }
        return pos;
    }

    private static int[] unjoinedRows(boolean[] isJoined) {
        int n = 0;
        for (boolean j : isJoined) {
            n += j ? 0 : 1;
        }
        int[] rows = new int[n];
        int k = 0;
        for (int i = 0; i < isJoined.length; i++) {
            if (!isJoined[i]) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    /** Sky pairs of A rows {@code rows} (indices of the result refer to positions in {@code rows}). */
    private MatchPairs skyMatch(double[][] posA, int[] rows, double[][] posB, ComputeBackend backend, BufferAllocator allocator) {
        try (BufferAllocator scratch = allocator.newChildAllocator("xmatch-positions", 0, Long.MAX_VALUE);
             Float8Vector raA = vector(scratch, "ra", posA[0], rows);
             Float8Vector decA = vector(scratch, "dec", posA[1], rows);
             Float8Vector raB = vector(scratch, "ra", posB[0], null);
             Float8Vector decB = vector(scratch, "dec", posB[1], null)) {
            return backend.skyMatch(new SkyPositions(raA, decA), new SkyPositions(raB, decB), radiusArcsec);
        }
    }

    /** A vector of {@code values} (at {@code rows}, or all of them), NaN as null. */
    private static Float8Vector vector(BufferAllocator allocator, String name, double[] values, int[] rows) {
        int n = rows == null ? values.length : rows.length;
        Float8Vector v = new Float8Vector(name, allocator);
        try {
            v.allocateNew(n);
            for (int k = 0; k < n; k++) {
                double x = values[rows == null ? k : rows[k]];
                if (Double.isNaN(x)) {
                    v.setNull(k);
                } else {
                    v.set(k, x);
                }
            }
            v.setValueCount(n);
            return v;
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
    }

    /** Both pair lists in A-row order: each A row is in one list only, so this is a merge by A row. */
    private static Pairs merge(MatchPairs joined, MatchPairs sky, int[] skyRows) {
        int n = joined.size() + sky.size();
        Pairs out = new Pairs(n);
        int j = 0;
        int s = 0;
        for (int k = 0; k < n; k++) {
            boolean takeJoined = s == sky.size() || (j < joined.size() && joined.a(j) < skyRows[sky.a(s)]);
            if (takeJoined) {
                out.set(k, joined.a(j), joined.b(j), joined.separationArcsec(j), true);
                j++;
            } else {
                out.set(k, skyRows[sky.a(s)], sky.b(s), sky.separationArcsec(s), false);
                s++;
            }
        }
        return out;
    }

    private Table table(Table a, Table b, Pairs pairs, BufferAllocator allocator) {
        int n = pairs.a.length;
        boolean[] nearest = new boolean[n];
        for (int k = 0; k < n; k++) {
            nearest[k] = k == 0 || pairs.a[k] != pairs.a[k - 1];
        }
        int[] keep = mode == Mode.NEAREST ? indicesOf(nearest) : null;
        int rows = keep == null ? n : keep.length;
        int[] aRow = select(pairs.a, keep);
        int[] bRow = select(pairs.b, keep);
        double[] sep = new double[rows];
        boolean[] near = new boolean[rows];
        String[] method = new String[rows];
        for (int k = 0; k < rows; k++) {
            int p = keep == null ? k : keep[k];
            sep[k] = pairs.separation[p];
            near[k] = nearest[p];
            method[k] = pairs.bySourceId[p] ? PairColumns.BY_SOURCE_ID : PairColumns.BY_SKY;
        }
        try (TableBuilder builder = Table.builder(allocator, "xmatch", rows)) {
            builder.addInts(PairColumns.A_ROW, aRow)
                    .addInts(PairColumns.B_ROW, bRow)
                    .addDoubles(PairColumns.SEPARATION, sep)
                    .addBooleans(PairColumns.NEAREST, near)
                    .addStrings(PairColumns.MATCH_METHOD, method);
            for (String c : columnsA) {
                builder.addGathered(a, c, aRow, prefixA + c);
            }
            for (String c : columnsB) {
                builder.addGathered(b, c, bRow, prefixB + c);
            }
            return builder.build();
        }
    }

    private static int[] indicesOf(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    private static int[] select(int[] values, int[] keep) {
        if (keep == null) {
            return values;
        }
        int[] out = new int[keep.length];
        for (int k = 0; k < keep.length; k++) {
            out[k] = values[keep[k]];
        }
        return out;
    }

    /** Merged pairs in canonical order, with how each was found. */
    private static final class Pairs {
        final int[] a;
        final int[] b;
        final double[] separation;
        final boolean[] bySourceId;

        Pairs(int n) {
            a = new int[n];
            b = new int[n];
            separation = new double[n];
            bySourceId = new boolean[n];
        }

        void set(int k, int aRow, int bRow, double sep, boolean joined) {
            a[k] = aRow;
            b[k] = bRow;
            separation[k] = sep;
            bySourceId[k] = joined;
        }
    }
}
