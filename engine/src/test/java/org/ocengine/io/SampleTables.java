package org.ocengine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Table;

/** Small tables with every column type, nulls and units, for the format tests. */
final class SampleTables {

    static final ColumnSpec X = new ColumnSpec("x", ColumnType.FLOAT64, "km/s", "a velocity");
    static final ColumnSpec N = new ColumnSpec("n", ColumnType.INT64, "", "a big integer");
    static final ColumnSpec I = new ColumnSpec("i", ColumnType.INT32, "d", "");
    static final ColumnSpec FLAG = new ColumnSpec("flag", ColumnType.BOOL, "", "a flag");
    static final ColumnSpec NAME = new ColumnSpec("name", ColumnType.STRING, "", "a name");

    static final double[] XS = {0.1, -2.5e-300, Double.NaN, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
    static final long[] NS = {1, Long.MAX_VALUE, Table.NULL_LONG, Long.MIN_VALUE + 1, 0};
    static final int[] IS = {42, Table.NULL_INT, Integer.MAX_VALUE, -7, 0};
    static final Boolean[] FLAGS = {true, false, null, true, false};
    static final String[] NAMES = {"NGC 2682", "IC4665  ", null, "says \"hi\", twice", "  Melotte_22"};

    private SampleTables() {
    }

    /** Five rows: one of each awkward value, a null in every column (row 3). */
    static Table fiveRows(BufferAllocator allocator) {
        return Table.builder(allocator, "sample", 5)
                .addDoubles(X, XS)
                .addLongs(N, NS)
                .addInts(I, IS)
                .addBooleans(FLAG, FLAGS)
                .addStrings(NAME, NAMES)
                .build();
    }

    /** No rows, every type. */
    static Table empty(BufferAllocator allocator) {
        return Table.builder(allocator, "empty", 0)
                .addDoubles(X, new double[0])
                .addLongs(N, new long[0])
                .addInts(I, new int[0])
                .addBooleans(FLAG, new Boolean[0])
                .addStrings(NAME, new String[0])
                .build();
    }

    /**
     * {@code rows} rows numbered from {@code first}: x = k/2, n = k * 10^12, i = -k, flag = k odd,
     * name = "s" + k padded with a varying number of letters; every 10th row null in every column.
     */
    static Table numbered(BufferAllocator allocator, int first, int rows) {
        double[] x = new double[rows];
        long[] n = new long[rows];
        int[] i = new int[rows];
        Boolean[] flag = new Boolean[rows];
        String[] name = new String[rows];
        for (int r = 0; r < rows; r++) {
            int k = first + r;
            boolean isNull = k % 10 == 0;
            x[r] = isNull ? Double.NaN : k / 2.0;
            n[r] = isNull ? Table.NULL_LONG : k * 1_000_000_000_000L;
            i[r] = isNull ? Table.NULL_INT : -k;
            flag[r] = isNull ? null : k % 2 == 1;
            name[r] = isNull ? null : "s" + k + "x".repeat(k % 7);
        }
        return Table.builder(allocator, "numbered", rows)
                .addDoubles(X, x).addLongs(N, n).addInts(I, i).addBooleans(FLAG, flag).addStrings(NAME, name)
                .build();
    }

    /** Asserts that {@code actual} holds the rows {@link #numbered} makes from {@code first}. */
    static void assertNumbered(Table actual, int first, int rows) {
        try (Table expected = numbered(actual.root().getFieldVectors().get(0).getAllocator(), first, rows)) {
            assertEquals(rows, actual.rowCount());
            assertArrayEquals(expected.doubles("x"), actual.doubles("x"));
            assertArrayEquals(expected.longs("n"), actual.longs("n"));
            assertArrayEquals(expected.longs("i"), actual.longs("i"));
            assertArrayEquals(expected.strings("flag"), actual.strings("flag"));
            assertArrayEquals(expected.strings("name"), actual.strings("name"));
        }
    }

    /** The file name of a path, for checking error messages. */
    static String nameOf(Path path) {
        return path.getFileName().toString();
    }
}
