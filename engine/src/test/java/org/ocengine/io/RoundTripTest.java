package org.ocengine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Table;

class RoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"t.fits", "t.fits.gz", "t.arrow"})
    void typedFormatsKeepValuesTypesNullsAndUnits(String file) throws IOException {
        Path path = dir.resolve(file);
        try (var alloc = new RootAllocator();
             Table written = SampleTables.fiveRows(alloc)) {
            TableIO.write(written, path, null);
            try (Table read = TableIO.read(path, alloc)) {
                assertEquals(written.columnNames(), read.columnNames());
                for (String column : written.columnNames()) {
                    assertEquals(written.spec(column), read.spec(column), column);
                }
                assertArrayEquals(SampleTables.XS, read.doubles("x"));
                assertArrayEquals(SampleTables.NS, read.longs("n"));
                assertArrayEquals(SampleTables.IS, read.ints("i"));
                assertArrayEquals(written.strings("flag"), read.strings("flag"));
                String[] names = SampleTables.NAMES.clone();
                if (file.contains(".fits")) {
                    names[1] = "IC4665"; // FITS: trailing blanks of strings are not significant
                }
                assertArrayEquals(names, read.strings("name"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"t.csv", "t.csv.gz"})
    void csvKeepsValuesAndNullsButNotUnits(String file) throws IOException {
        Path path = dir.resolve(file);
        try (var alloc = new RootAllocator();
             Table written = SampleTables.fiveRows(alloc)) {
            TableIO.write(written, path, null);
            try (InputStream in = Files.newInputStream(path)) {
                assertEquals(file.endsWith(".gz"), FileProbe.isGzip(in.readNBytes(2)));
            }
            try (Table read = TableIO.read(path, alloc)) {
                assertEquals(written.columnNames(), read.columnNames());
                assertEquals(List.of(ColumnType.FLOAT64, ColumnType.INT64, ColumnType.INT64, ColumnType.BOOL, ColumnType.STRING),
                        read.columnNames().stream().map(c -> read.spec(c).type()).toList());
                assertTrue(read.schema().getFields().stream().allMatch(f -> f.getMetadata().isEmpty()));
                assertArrayEquals(SampleTables.XS, read.doubles("x"));
                assertArrayEquals(SampleTables.NS, read.longs("n"));
                assertArrayEquals(SampleTables.IS, read.ints("i"));
                assertArrayEquals(written.strings("flag"), read.strings("flag"));
                assertArrayEquals(SampleTables.NAMES, read.strings("name"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"z.fits", "z.arrow", "z.csv"})
    void zeroRowTablesKeepTheirColumns(String file) throws IOException {
        Path path = dir.resolve(file);
        try (var alloc = new RootAllocator();
             Table written = SampleTables.empty(alloc)) {
            TableIO.write(written, path, null);
            try (Table read = TableIO.read(path, alloc)) {
                assertEquals(0, read.rowCount());
                assertEquals(written.columnNames(), read.columnNames());
                if (!file.endsWith(".csv")) { // a header-only CSV cannot tell types
                    assertEquals(written.schema(), read.schema());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"m.fits", "m.arrow", "m.csv", "m.csv.gz"})
    void streamsThreeBatchesInAndOut(String file) throws IOException {
        Path path = dir.resolve(file);
        int[] sizes = {1000, 1000, 500};
        try (var alloc = new RootAllocator()) {
            try (Table first = SampleTables.numbered(alloc, 0, 1);
                 TableWriter writer = TableIO.openWriter(path, null, first.schema(), alloc)) {
                int from = 0;
                for (int size : sizes) {
                    try (Table batch = SampleTables.numbered(alloc, from, size)) {
                        writer.write(batch.root());
                    }
                    from += size;
                }
                assertEquals(2500, writer.rowCount());
                writer.commit();
            }
            List<Integer> batchRows = new ArrayList<>();
            try (TableReader reader = TableIO.openReader(path, null, ReadOptions.DEFAULTS.withBatchRows(1000), alloc)) {
                int from = 0;
                while (reader.loadNextBatch()) {
                    int rows = reader.root().getRowCount();
                    batchRows.add(rows);
                    try (Table batch = Table.wrap(copyOf(reader), "batch")) {
                        if (!file.contains(".csv")) {
                            SampleTables.assertNumbered(batch, from, rows);
                        }
                    }
                    from += rows;
                }
            }
            assertEquals(List.of(1000, 1000, 500), batchRows);
            try (Table read = TableIO.read(path, alloc)) {
                if (file.contains(".csv")) {
                    assertEquals(2500, read.rowCount());
                    assertEquals(ColumnType.INT64, read.spec("i").type());
                } else {
                    SampleTables.assertNumbered(read, 0, 2500);
                }
            }
        }
    }

    @Test
    void fitsStringColumnIsAsWideAsItsLongestValueAndCarriesUnitsAsCards() throws IOException {
        Path path = dir.resolve("w.fits");
        try (var alloc = new RootAllocator();
             Table written = SampleTables.fiveRows(alloc)) {
            TableIO.write(written, path, "fits");
            String header = new String(Files.readAllBytes(path), 0, 5760, java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(header.contains("TFORM5  = '16A     '"), header); // says "hi", twice: 16 bytes
            assertTrue(header.contains("TUNIT1  = 'km/s    '"));
            assertTrue(header.contains("TCOMM1  = 'a velocity'"));
            assertTrue(header.contains("TNULL2  = -9223372036854775808"));
            assertTrue(header.contains("NAXIS2  =                    5"));
            assertEquals(0, Files.size(path) % 2880);
        }
    }

    /** The reader's current batch copied into a new root (the reader keeps its own). */
    private static org.apache.arrow.vector.VectorSchemaRoot copyOf(TableReader reader) {
        List<org.apache.arrow.vector.FieldVector> copies = new ArrayList<>();
        for (org.apache.arrow.vector.FieldVector v : reader.root().getFieldVectors()) {
            var tp = v.getTransferPair(v.getAllocator());
            tp.splitAndTransfer(0, v.getValueCount());
            copies.add((org.apache.arrow.vector.FieldVector) tp.getTo());
        }
        var root = new org.apache.arrow.vector.VectorSchemaRoot(copies);
        root.setRowCount(reader.root().getRowCount());
        return root;
    }

    @Test
    void unitsSurviveInArrowFieldMetadata() throws IOException {
        Path path = dir.resolve("u.arrow");
        try (var alloc = new RootAllocator();
             Table written = SampleTables.fiveRows(alloc)) {
            TableIO.write(written, path, "arrow");
            try (TableReader reader = TableIO.openReader(path, alloc)) {
                Field x = reader.schema().findField("x");
                assertEquals("km/s", x.getMetadata().get(ColumnSpec.UNIT_KEY));
                assertEquals("a velocity", x.getMetadata().get(ColumnSpec.DESCRIPTION_KEY));
            }
        }
    }
}
