package org.ocengine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ocengine.table.ColumnType;
import org.ocengine.table.DataException;
import org.ocengine.table.Table;

class BadInputTest {

    @TempDir
    Path dir;

    private static DataException readFails(Path path, String format) {
        try (var alloc = new RootAllocator()) {
            return assertThrows(DataException.class, () -> TableIO.read(path, format, alloc).close());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"e.csv", "e.fits", "e.arrow", "e.csv.gz", "e.dat"})
    void emptyFileIsAnError(String file) throws IOException {
        Path path = Files.createFile(dir.resolve(file));
        DataException detected = readFails(path, null);
        assertTrue(detected.getMessage().contains(file) && detected.getMessage().endsWith("file is empty"), detected.getMessage());
        for (String format : List.of("csv", "fits", "arrow")) {
            assertTrue(readFails(path, format).getMessage().endsWith("file is empty"), format);
        }
    }

    @Test
    void headerOnlyCsvIsAnEmptyTable() throws IOException {
        Path path = Files.writeString(dir.resolve("h.csv"), "a,b,,c\n");
        try (var alloc = new RootAllocator();
             Table t = TableIO.read(path, alloc)) {
            assertEquals(0, t.rowCount());
            assertEquals(List.of("a", "b", "col3", "c"), t.columnNames());
        }
    }

    @Test
    void raggedCsvRowNamesFileAndRow() throws IOException {
        Path path = Files.writeString(dir.resolve("r.csv"), "a,b\n1,2\n3,4\n5\n6,7\n");
        DataException e = readFails(path, null);
        assertEquals(3, e.row());
        assertTrue(e.getMessage().contains("r.csv") && e.getMessage().contains("row 3") && e.getMessage().contains("1 fields"),
                e.getMessage());
    }

    @Test
    void truncatedFitsNamesTheFirstIncompleteRow() throws IOException {
        Path whole = dir.resolve("whole.fits");
        try (var alloc = new RootAllocator();
             Table t = Table.builder(alloc, "t", 1000)
                     .addDoubles(SampleTables.X, new double[1000]).build()) {
            TableIO.write(t, whole, null);
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.fits"), Arrays.copyOf(bytes, 2 * 2880 + 4004)); // 500.5 rows of 8 bytes
        DataException e = readFails(cut, null);
        assertEquals(501, e.row());
        assertTrue(e.getMessage().contains("cut.fits") && e.getMessage().contains("truncated"), e.getMessage());

        Path inHeader = Files.write(dir.resolve("head.fits"), Arrays.copyOf(bytes, 3000));
        assertTrue(readFails(inHeader, null).getMessage().contains("ends inside the header"));
    }

    @Test
    void truncatedArrowAndGzipAreErrors() throws IOException {
        Path arrow = dir.resolve("whole.arrow");
        Path gz = dir.resolve("whole.csv.gz");
        try (var alloc = new RootAllocator();
             Table t = SampleTables.numbered(alloc, 0, 5000)) {
            TableIO.write(t, arrow, null);
            TableIO.write(t, gz, null);
        }
        byte[] a = Files.readAllBytes(arrow);
        Path cutArrow = Files.write(dir.resolve("cut.arrow"), Arrays.copyOf(a, a.length / 2));
        assertTrue(readFails(cutArrow, null).getMessage().contains("cut.arrow: damaged or truncated Arrow IPC file"));
        byte[] g = Files.readAllBytes(gz);
        Path cutGz = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(g, g.length / 2));
        assertTrue(readFails(cutGz, null).getMessage().contains("truncated"));
    }

    @Test
    void unrecognisedFileAsksForAFormat() throws IOException {
        Path path = Files.writeString(dir.resolve("x.dat"), "a b c\n1 2 3\n");
        assertTrue(readFails(path, null).getMessage().contains("name one of fits, arrow, csv"));
        assertTrue(readFails(path, "fits").getMessage().contains("not a FITS file"));
        assertTrue(readFails(path, "arrow").getMessage().contains("not an Arrow IPC file"));
    }

    @Test
    void csvCellsFollowTheMissingValueAndNumberRules() throws IOException {
        String csv = """
                ,id,name,x,flag,big,mixed,allmissing
                0,1,"IC4665  ",  1.5 ,True,-9223372036854775808,1,nan
                1,2,NGC 752,nan,false,9223372036854775807,2.5,
                2,3,,  NA,None,--,x,NULL
                3,4,  null  ,-inf,true,NaN,3,None
                """;
        Path path = Files.writeString(dir.resolve("cells.csv"), csv);
        try (var alloc = new RootAllocator();
             Table t = TableIO.read(path, alloc)) {
            assertEquals(List.of("col1", "id", "name", "x", "flag", "big", "mixed", "allmissing"), t.columnNames());
            assertEquals(List.of(ColumnType.INT64, ColumnType.INT64, ColumnType.STRING, ColumnType.FLOAT64, ColumnType.BOOL,
                    ColumnType.INT64, ColumnType.STRING, ColumnType.FLOAT64), t.columnNames().stream().map(c -> t.spec(c).type()).toList());
            assertEquals(Arrays.asList("IC4665  ", "NGC 752", null, null), Arrays.asList(t.strings("name")));
            assertEquals(Arrays.toString(new double[] {1.5, Double.NaN, Double.NaN, Double.NEGATIVE_INFINITY}),
                    Arrays.toString(t.doubles("x")));
            assertEquals(Arrays.asList("true", "false", null, "true"), Arrays.asList(t.strings("flag")));
            assertTrue(t.vector("big").getObject(0).equals(Long.MIN_VALUE) && t.vector("big").getObject(1).equals(Long.MAX_VALUE));
            assertTrue(t.isMissing("big", 2) && t.isMissing("big", 3));
            assertEquals(Arrays.asList("1", "2.5", "x", "3"), Arrays.asList(t.strings("mixed")));
            assertEquals(4, Arrays.stream(t.doubles("allmissing")).filter(Double::isNaN).count());
        }
    }

    @Test
    void gzipCsvIsRecognisedByContentAndName() throws IOException {
        Path path = dir.resolve("g.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(path))) {
            out.write("a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("csv", TableIO.detect(path).name());
        try (var alloc = new RootAllocator();
             Table t = TableIO.read(path, alloc)) {
            assertEquals(2, t.rowCount());
        }
    }
}
