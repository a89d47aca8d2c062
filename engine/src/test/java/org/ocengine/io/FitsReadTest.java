package org.ocengine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.table.ColumnType;
import org.ocengine.table.DataException;
import org.ocengine.table.Table;

/** FITS features our own writer never produces: scaling, TNULL on small integers, arrays, several HDUs. */
class FitsReadTest {

    @TempDir
    Path dir;

    /** Columns of the first table: TFORM, TTYPE and extra cards. */
    private static final String[][] COLUMNS = {
            {"I", "U16", "TZERO", "32768"},
            {"B", "B8", "TNULL", "255"},
            {"J", "J32", "TNULL", "-1"},
            {"E", "SCALED_E", "TSCAL", "2", "TZERO", "1", "TUNIT", "km/s"},
            {"3D", "ARRAY3"},
            {"L", "FLAG"},
            {"8A", "TEXT"},
            {"J", "HALF_J", "TSCAL", "0.5"},
            {"2X", "BITS"},
    };
    private static final int ROW_BYTES = 2 + 1 + 4 + 4 + 24 + 1 + 8 + 4 + 1;

    private static Header tableHeader(String extname, String[][] columns, int rowBytes, int rows) throws Exception {
        Header h = new Header();
        h.addValue("XTENSION", "BINTABLE", null);
        h.addValue("BITPIX", 8, null);
        h.addValue("NAXIS", 2, null);
        h.addValue("NAXIS1", rowBytes, null);
        h.addValue("NAXIS2", rows, null);
        h.addValue("PCOUNT", 0, null);
        h.addValue("GCOUNT", 1, null);
        h.addValue("TFIELDS", columns.length, null);
        h.addValue("EXTNAME", extname, null);
        for (int k = 1; k <= columns.length; k++) {
            String[] c = columns[k - 1];
            h.addValue("TTYPE" + k, c[1], null);
            h.addValue("TFORM" + k, c[0], null);
            for (int j = 2; j < c.length; j += 2) {
                if (c[j].equals("TUNIT")) {
                    h.addValue(c[j] + k, c[j + 1], null);
                } else if (c[j].equals("TNULL")) {
                    h.addValue(c[j] + k, Long.parseLong(c[j + 1]), null);
                } else {
                    h.addValue(c[j] + k, Double.parseDouble(c[j + 1]), null);
                }
            }
        }
        return h;
    }

    private Path writeFixture() throws Exception {
        ByteBuffer rows = ByteBuffer.allocate(2 * ROW_BYTES);
        // row 1
        rows.putShort((short) -32768).put((byte) 7).putInt(-1).putFloat(1.5f)
                .putDouble(1).putDouble(2).putDouble(3).put((byte) 'T').put("ab\0junk!".getBytes()).putInt(3).put((byte) 0);
        // row 2
        rows.putShort((short) 32767).put((byte) 255).putInt(12).putFloat(Float.NaN)
                .putDouble(4).putDouble(5).putDouble(6).put((byte) 0).put("        ".getBytes()).putInt(-4).put((byte) 0);
        Path path = dir.resolve("fixture.fits");
        try (OutputStream os = Files.newOutputStream(path); FitsOutputStream out = new FitsOutputStream(os)) {
            Header primary = new Header();
            primary.addValue("SIMPLE", true, null);
            primary.addValue("BITPIX", 8, null);
            primary.addValue("NAXIS", 0, null);
            primary.addValue("EXTEND", true, null);
            primary.write(out);
            tableHeader("FIRST", COLUMNS, ROW_BYTES, 2).write(out);
            out.write(rows.array());
            out.write(new byte[2880 - 2 * ROW_BYTES]);
            tableHeader("SECOND", new String[][] {{"K", "ONLY"}}, 8, 1).write(out);
            out.write(ByteBuffer.allocate(2880).putLong(99).array());
        }
        return path;
    }

    @Test
    void decodesScalingNullsStringsAndSkipsArraysWithWarnings() throws Exception {
        Path path = writeFixture();
        try (var alloc = new RootAllocator()) {
            try (TableReader reader = TableIO.openReader(path, alloc)) {
                assertEquals(2, reader.warnings().size(), reader.warnings().toString());
                assertTrue(reader.warnings().get(0).contains("ARRAY3") && reader.warnings().get(1).contains("BITS"));
            }
            try (Table t = TableIO.read(path, alloc)) {
                assertEquals(List.of("U16", "B8", "J32", "SCALED_E", "FLAG", "TEXT", "HALF_J"), t.columnNames());
                assertEquals(List.of(ColumnType.INT32, ColumnType.INT32, ColumnType.INT32, ColumnType.FLOAT64, ColumnType.BOOL,
                        ColumnType.STRING, ColumnType.FLOAT64), t.columnNames().stream().map(c -> t.spec(c).type()).toList());
                assertArrayEquals(new long[] {0, 65535}, t.longs("U16"));
                assertArrayEquals(new long[] {7, Table.NULL_LONG}, t.longs("B8"));
                assertArrayEquals(new long[] {Table.NULL_LONG, 12}, t.longs("J32"));
                assertEquals(Arrays.toString(new double[] {4.0, Double.NaN}), Arrays.toString(t.doubles("SCALED_E")));
                assertEquals("km/s", t.unit("SCALED_E").orElseThrow());
                assertEquals(Arrays.asList("true", null), Arrays.asList(t.strings("FLAG")));
                assertEquals(Arrays.asList("ab", null), Arrays.asList(t.strings("TEXT")));
                assertArrayEquals(new double[] {1.5, -2.0}, t.doubles("HALF_J"));
            }
        }
    }

    /** Columns of the every-type table: TFORM, TTYPE and extra cards (see {@link #cell}). */
    private static final String[][] EVERY_TYPE = {
            {"L", "FLAG"},
            {"B", "UB", "TNULL", "255"},
            {"I", "U16", "TZERO", "32768", "TNULL", "7"},
            {"J", "J32", "TNULL", "-2147483648"},
            {"K", "K64", "TNULL", "-9223372036854775808"},
            {"K", "U64", "TZERO", "9223372036854775808"},
            {"J", "JSCALED", "TSCAL", "0.25", "TZERO", "10", "TNULL", "0"},
            {"E", "E32", "TSCAL", "2", "TZERO", "-1"},
            {"D", "D64"},
            {"5A", "TEXT"},
            {"J", "JWIDE", "TZERO", "2147483648"},
    };
    private static final int EVERY_TYPE_ROW_BYTES = 1 + 1 + 2 + 4 + 8 + 8 + 4 + 4 + 8 + 5 + 4;

    /** The raw cell of column {@code c} in row {@code r} of the every-type table, as a long (floats: their value). */
    private static long raw(int c, int r) {
        return switch (c) {
            case 1 -> r % 256;
            case 2 -> (short) (r * 7);
            case 3 -> r % 9 == 0 ? Integer.MIN_VALUE : r * 40_503 - 1_000_000_000;
            case 4 -> r % 11 == 0 ? Long.MIN_VALUE : r * 1_000_000_007L - 1L;
            case 5 -> r * 3_000_000_000_000_000L;
            case 6, 10 -> r % 13 - 6;
            default -> throw new IllegalArgumentException("column " + c);
        };
    }

    private static Path writeEveryTypeTable(Path path, int rows) throws Exception {
        ByteBuffer data = ByteBuffer.allocate(rows * EVERY_TYPE_ROW_BYTES + 2880);
        for (int r = 0; r < rows; r++) {
            data.put(r % 3 == 0 ? (byte) 'T' : r % 3 == 1 ? (byte) 'F' : 0)
                    .put((byte) raw(1, r)).putShort((short) raw(2, r)).putInt((int) raw(3, r)).putLong(raw(4, r))
                    .putLong(raw(5, r)).putInt((int) raw(6, r))
                    .putFloat(r % 5 == 0 ? Float.NaN : r * 0.5f)
                    .putDouble(r % 7 == 0 ? Double.NaN : r / 3.0)
                    .put((r % 4 == 0 ? "     " : (r % 100_000 + "    ").substring(0, 5)).getBytes(StandardCharsets.US_ASCII))
                    .putInt((int) raw(10, r));
        }
        try (OutputStream os = Files.newOutputStream(path); FitsOutputStream out = new FitsOutputStream(os)) {
            Header primary = new Header();
            primary.addValue("SIMPLE", true, null);
            primary.addValue("BITPIX", 8, null);
            primary.addValue("NAXIS", 0, null);
            primary.write(out);
            tableHeader("EVERY", EVERY_TYPE, EVERY_TYPE_ROW_BYTES, rows).write(out);
            out.write(data.array(), 0, rows * EVERY_TYPE_ROW_BYTES + (2880 - rows * EVERY_TYPE_ROW_BYTES % 2880) % 2880);
        }
        return path;
    }

    /** What the reader must make of the every-type table, written independently of it: column name to cells (null: null). */
    private static void assertEveryTypeRows(Table t, int first, int rows) {
        assertEquals(rows, t.rowCount());
        Map<String, Object[]> expected = new LinkedHashMap<>();
        for (String[] column : EVERY_TYPE) {
            expected.put(column[1], new Object[rows]);
        }
        for (int i = 0; i < rows; i++) {
            int r = first + i;
            expected.get("FLAG")[i] = r % 3 == 2 ? null : r % 3 == 0;
            expected.get("UB")[i] = raw(1, r) == 255 ? null : (int) raw(1, r);
            expected.get("U16")[i] = raw(2, r) == 7 ? null : (int) raw(2, r) + 32_768;
            expected.get("J32")[i] = raw(3, r) == Integer.MIN_VALUE ? null : (int) raw(3, r);
            expected.get("K64")[i] = raw(4, r) == Long.MIN_VALUE ? null : raw(4, r);
            expected.get("U64")[i] = raw(5, r) + 0x1p63;
            expected.get("JSCALED")[i] = raw(6, r) == 0 ? null : raw(6, r) * 0.25 + 10;
            expected.get("E32")[i] = r % 5 == 0 ? null : r * 0.5f * 2.0 - 1;
            expected.get("D64")[i] = r % 7 == 0 ? null : r / 3.0;
            expected.get("TEXT")[i] = r % 4 == 0 ? null : Integer.toString(r % 100_000);
            expected.get("JWIDE")[i] = raw(10, r) + 2_147_483_648L;
        }
        expected.forEach((column, cells) -> {
            FieldVector v = t.vector(column);
            Object[] actual = new Object[rows];
            for (int i = 0; i < rows; i++) {
                actual[i] = v.getObject(i) instanceof Text text ? text.toString() : v.getObject(i);
            }
            assertArrayEquals(cells, actual, column + " from row " + first);
        });
    }

    @Test
    void decodesEveryScalarTypeColumnWiseAcrossChunkAndBatchBoundaries() throws Exception {
        int rows = 25_000; // about 1.2 MB: more than one read chunk
        Path path = writeEveryTypeTable(dir.resolve("every.fits"), rows);
        try (var alloc = new RootAllocator()) {
            try (Table t = TableIO.read(path, alloc)) {
                assertEquals(List.of(ColumnType.BOOL, ColumnType.INT32, ColumnType.INT32, ColumnType.INT32, ColumnType.INT64,
                        ColumnType.FLOAT64, ColumnType.FLOAT64, ColumnType.FLOAT64, ColumnType.FLOAT64, ColumnType.STRING,
                        ColumnType.INT64), t.columnNames().stream().map(c -> t.spec(c).type()).toList());
                assertEveryTypeRows(t, 0, rows);
            }
            try (TableReader reader = TableIO.openReader(path, null, ReadOptions.DEFAULTS.withBatchRows(10_007), alloc)) {
                int first = 0;
                while (reader.loadNextBatch()) {
                    try (Table batch = Table.wrap(sliceOf(reader.root()), "batch")) {
                        assertEveryTypeRows(batch, first, batch.rowCount());
                        first += batch.rowCount();
                    }
                }
                assertEquals(rows, first);
            }
        }
    }

    /** The reader's current batch shared into a new root (the reader reuses its own). */
    private static VectorSchemaRoot sliceOf(VectorSchemaRoot root) {
        List<FieldVector> copies = new ArrayList<>();
        for (FieldVector v : root.getFieldVectors()) {
            TransferPair pair = v.getTransferPair(v.getAllocator());
            pair.splitAndTransfer(0, v.getValueCount());
            copies.add((FieldVector) pair.getTo());
        }
        VectorSchemaRoot slice = new VectorSchemaRoot(copies);
        slice.setRowCount(root.getRowCount());
        return slice;
    }

    @Test
    void readsAnHduChosenByNameOrIndex() throws Exception {
        Path path = writeFixture();
        try (var alloc = new RootAllocator()) {
            for (String hdu : List.of("SECOND", "second", "2")) {
                try (Table t = TableIO.read(path, "fits", ReadOptions.DEFAULTS.withHdu(hdu), alloc)) {
                    assertEquals(List.of("ONLY"), t.columnNames());
                    assertArrayEquals(new long[] {99}, t.longs("ONLY"));
                }
            }
            DataException primary = assertThrows(DataException.class,
                    () -> TableIO.read(path, "fits", ReadOptions.DEFAULTS.withHdu("0"), alloc).close());
            assertTrue(primary.getMessage().contains("primary HDU, not a binary table"), primary.getMessage());
            DataException missing = assertThrows(DataException.class,
                    () -> TableIO.read(path, "fits", ReadOptions.DEFAULTS.withHdu("THIRD"), alloc).close());
            assertTrue(missing.getMessage().contains("no HDU THIRD (it has 3 HDUs"), missing.getMessage());
        }
    }

    @Test
    void gzipFitsReadsLikePlainFits() throws Exception {
        Path plain = writeFixture();
        Path gz = dir.resolve("fixture.fits.gz");
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        assertEquals("fits", TableIO.detect(gz).name());
        try (var alloc = new RootAllocator();
             Table a = TableIO.read(plain, alloc);
             Table b = TableIO.read(gz, alloc)) {
            assertEquals(a.columnNames(), b.columnNames());
            assertArrayEquals(a.doubles("HALF_J"), b.doubles("HALF_J"));
        }
    }

    @Test
    void detectsFormatsByMagicAndGuessesThemFromNames() throws IOException {
        assertEquals("fits", TableIO.formatForName("a.FITS").name());
        assertEquals("fits", TableIO.formatForName("a.fit").name());
        assertEquals("fits", TableIO.formatForName("a.fits.gz").name());
        assertEquals("csv", TableIO.formatForName("a.csv.gz").name());
        assertEquals("arrow", TableIO.formatForName("a.feather").name());
        assertEquals("arrow", TableIO.formatForName("a.ipc").name());
        assertThrows(IllegalArgumentException.class, () -> TableIO.formatForName("a.gz"));
        assertThrows(IllegalArgumentException.class, () -> TableIO.formatOf("votable"));
        Path fitsNamedCsv = dir.resolve("really-fits.csv");
        try (var alloc = new RootAllocator();
             Table t = SampleTables.fiveRows(alloc)) {
            TableIO.write(t, fitsNamedCsv, "fits");
        }
        assertEquals("fits", TableIO.detect(fitsNamedCsv).name());
    }
}
