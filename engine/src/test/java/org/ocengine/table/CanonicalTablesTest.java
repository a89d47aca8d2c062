package org.ocengine.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.io.SharedData;
import org.ocengine.io.TableIO;

class CanonicalTablesTest {

    @TempDir
    Path dir;

    private static Map<String, String> sourcesOf(CanonicalTable c) {
        Map<String, String> m = new LinkedHashMap<>();
        c.sources().forEach(s -> m.put(s.canonical(), s.input()));
        return m;
    }

    @Test
    void lamostMrsMapsOntoTheCanonicalColumns() throws IOException {
        Path path = SharedData.file("spectra/lamost_mrs_oc_members.csv");
        try (var alloc = new RootAllocator();
             Table raw = TableIO.read(path, alloc);
             CanonicalTable c = CanonicalTables.toCanonical(raw, Map.of(), alloc)) {
            Map<String, String> sources = sourcesOf(c);
            Map<String, String> expected = Map.ofEntries(
                    Map.entry("ra", "ra2000"), Map.entry("dec", "dec2000"), Map.entry("cluster", "Cluster"),
                    Map.entry("rv", "rv"), Map.entry("rv_err", "rv_err"), Map.entry("feh", "feh"), Map.entry("teff", "teff"),
                    Map.entry("logg", "logg"), Map.entry("source_id", "dr3_source_id"),
                    Map.entry("errors_imputed", "imputed_uncertainties_flag"), Map.entry("nobs", "nobs"));
            expected.forEach((canonical, input) -> assertEquals(input, sources.get(canonical), canonical));

            Table t = c.table();
            assertEquals(555, t.rowCount());
            assertEquals(path.toString(), t.origin());
            assertEquals(List.copyOf(sources.keySet()), t.columnNames());
            for (String column : t.columnNames()) {
                assertEquals(Columns.byName(column).orElseThrow(), t.spec(column), column);
            }
            assertEquals("IC4665  ", t.strings("cluster")[0]);
            assertArrayEquals(raw.doubles("ra2000"), t.doubles("ra"));
            assertArrayEquals(raw.longs("dr3_source_id"), t.longs("source_id"));
            assertArrayEquals(raw.booleans("imputed_uncertainties_flag"), t.booleans("errors_imputed"));
            assertEquals(ColumnType.INT32, t.spec("nobs").type());
            assertArrayEquals(raw.longs("nobs"), Arrays.stream(t.ints("nobs")).mapToLong(i -> i == Table.NULL_INT ? Table.NULL_LONG : i).toArray());
            assertTrue(c.sources().stream().anyMatch(s -> s.toString().equals("nobs <- nobs (converted from INT64)")), c.sources().toString());
            assertTrue(c.sources().stream().anyMatch(s -> s.toString().equals("ra <- ra2000 (copied)")));
        }
    }

    @Test
    void occamMembersGetRaDecFromGalacticCoordinates() throws IOException {
        Path path = SharedData.file("spectra/occam_member-DR16.fits");
        try (var alloc = new RootAllocator();
             Table raw = TableIO.read(path, alloc);
             CanonicalTable c = CanonicalTables.toCanonical(raw, Map.of(), alloc)) {
            Map<String, String> sources = sourcesOf(c);
            assertEquals("GLON, GLAT", sources.get("ra"));
            assertEquals("VHELIO_AVG", sources.get("rv"));
            assertEquals("CLUSTER", sources.get("cluster"));
            assertEquals("APOGEE_ID", sources.get("star_id"));
            // astropy 5.2.1: SkyCoord(l=99.4769222199, b=-0.272586553484, frame='galactic').icrs (2M21581697+5430553)
            assertEquals(329.57054949532954, c.table().doubles("ra")[0], 1e-9);
            assertEquals(54.5154806278705, c.table().doubles("dec")[0], 1e-9);
        }
    }

    @Test
    void galacticToIcrsMatchesAstropy() {
        // astropy 5.2.1, SkyCoord(l, b, frame='galactic').icrs, computed once with /usr/bin/python3
        double[][] lbRaDec = {
                {0, 0, 266.4049882865447, -28.93617776179147},
                {215.696, -47.3729, 59.4475332913499, -21.38097846106656},
                {300.5, 60.25, 191.65174716431326, -2.598934244710259},
                {123.0, 0.0, 13.008769647053152, 62.871668652954135},
                {10, -89.9, 12.755960847276828, -27.16717817952205},
        };
        int n = lbRaDec.length;
        double[] l = new double[n + 1];
        double[] b = new double[n + 1];
        for (int i = 0; i < n; i++) {
            l[i] = lbRaDec[i][0];
            b[i] = lbRaDec[i][1];
        }
        l[n] = Double.NaN;
        b[n] = 5;
        try (var alloc = new RootAllocator();
             Table raw = Table.builder(alloc, "galactic", n + 1)
                     .addDoubles(new ColumnSpec("GLON", ColumnType.FLOAT64, "deg", ""), l)
                     .addDoubles(new ColumnSpec("GLAT", ColumnType.FLOAT64, "deg", ""), b).build();
             CanonicalTable c = CanonicalTables.toCanonical(raw, Map.of(), alloc)) {
            assertEquals(List.of("ra", "dec", "glon", "glat"), c.table().columnNames());
            double[] ra = c.table().doubles("ra");
            double[] dec = c.table().doubles("dec");
            for (int i = 0; i < n; i++) {
                assertEquals(lbRaDec[i][2], ra[i], 1e-9, "ra " + i);
                assertEquals(lbRaDec[i][3], dec[i], 1e-9, "dec " + i);
            }
            assertTrue(Double.isNaN(ra[n]) && Double.isNaN(dec[n]));
        }
    }

    @Test
    void textIsParsedAndANonNumericCellNamesFileColumnAndRow() throws IOException {
        Path path = Files.writeString(dir.resolve("spectra.csv"), """
                RA_ICRS,DE_ICRS,RV,Teff,nobs
                10.5,-3,12.5,5000,1
                11,-4, NA ,  5100.0 ,2.0
                12,-5,abc,5200,3
                """);
        try (var alloc = new RootAllocator();
             Table raw = TableIO.read(path, alloc)) {
            assertEquals(ColumnType.STRING, raw.spec("RV").type());
            DataException e = assertThrows(DataException.class, () -> CanonicalTables.toCanonical(raw, Map.of(), alloc).close());
            assertEquals("RV", e.column());
            assertEquals(3, e.row());
            assertTrue(e.getMessage().contains("spectra.csv") && e.getMessage().endsWith("column 'RV', row 3: 'abc' is not a number"),
                    e.getMessage());
        }
        Path fixed = Files.writeString(dir.resolve("fixed.csv"), """
                RA_ICRS,DE_ICRS,RV,Teff,nobs
                10.5,-3,12.5,5000,1
                11,-4, NA ,  5100.0 ,2.0
                """);
        try (var alloc = new RootAllocator();
             Table raw = TableIO.read(fixed, alloc);
             CanonicalTable c = CanonicalTables.toCanonical(raw, Map.of(), alloc)) {
            Table t = c.table();
            assertEquals(Arrays.toString(new double[] {12.5, Double.NaN}), Arrays.toString(t.doubles("rv")));
            assertArrayEquals(new double[] {5000, 5100}, t.doubles("teff"));
            assertArrayEquals(new int[] {1, 2}, t.ints("nobs"));
            assertEquals(List.of("ra <- RA_ICRS (copied)", "dec <- DE_ICRS (converted from INT64)", "rv <- RV (copied)",
                    "teff <- Teff (copied)", "nobs <- nobs (converted from FLOAT64)"),
                    c.sources().stream().map(ColumnSource::toString).toList());
        }
    }

    @Test
    void textColumnsFeedNumericAndBooleanColumns() {
        try (var alloc = new RootAllocator();
             Table raw = Table.builder(alloc, "strings.arrow", 4)
                     .addStrings(new ColumnSpec("rv", ColumnType.STRING, "", ""), new String[] {" 12.5", "nan", "-3e2", null})
                     .addStrings(new ColumnSpec("source_id", ColumnType.STRING, "", ""),
                             new String[] {"4473481770502730112", "--", "7.0", "-9223372036854775807"})
                     .addStrings(new ColumnSpec("errors_imputed", ColumnType.STRING, "", ""), new String[] {"True", "false", "1", "None"})
                     .build();
             CanonicalTable c = CanonicalTables.toCanonical(raw, Map.of(), alloc)) {
            Table t = c.table();
            assertEquals(Arrays.toString(new double[] {12.5, Double.NaN, -300, Double.NaN}), Arrays.toString(t.doubles("rv")));
            assertArrayEquals(new long[] {4473481770502730112L, Table.NULL_LONG, 7, -9223372036854775807L}, t.longs("source_id"));
            assertEquals(Arrays.asList("true", "false", "true", null), Arrays.asList(t.strings("errors_imputed")));
            assertTrue(c.sources().stream().allMatch(s -> s.how().equals("parsed from text")), c.sources().toString());
        }
    }

    /** A raw FLOAT64, INT64 or BOOL column set cell by cell, so that NaN and Long.MIN_VALUE can be values rather than nulls. */
    private static FieldVector column(RootAllocator alloc, String name, ColumnType type, Object... cells) {
        FieldVector v = new ColumnSpec(name, type, "", "raw").toField().createVector(alloc);
        v.setInitialCapacity(cells.length);
        v.allocateNew();
        for (int i = 0; i < cells.length; i++) {
            switch (cells[i]) {
                case null -> v.setNull(i);
                case Double x -> ((Float8Vector) v).set(i, x);
                case Long x -> ((BigIntVector) v).set(i, x);
                case Integer x -> ((IntVector) v).set(i, x);
                case Boolean x -> ((BitVector) v).set(i, x ? 1 : 0);
                default -> throw new IllegalArgumentException(cells[i].toString());
            }
        }
        v.setValueCount(cells.length);
        return v;
    }

    private static Table tableOf(String origin, FieldVector... columns) {
        VectorSchemaRoot root = new VectorSchemaRoot(List.of(columns));
        root.setRowCount(columns[0].getValueCount());
        return Table.wrap(root, origin);
    }

    @Test
    void columnsAlreadyOfTheirTypeShareBuffersUnlessConversionWouldChangeACell() {
        try (var alloc = new RootAllocator()) {
            Table raw = tableOf("typed.arrow",
                    column(alloc, "ra", ColumnType.FLOAT64, 10.0, null, 12.0),
                    column(alloc, "dec", ColumnType.FLOAT64, 1.0, Double.NaN, 3.0),
                    column(alloc, "obsid", ColumnType.INT64, 1L, null, 3L),
                    column(alloc, "source_id", ColumnType.INT64, 5L, Long.MIN_VALUE, 7L),
                    column(alloc, "fibre_id", ColumnType.INT32, 4, 5, null),
                    column(alloc, "errors_imputed", ColumnType.BOOL, true, false, null));
            try (CanonicalTable c = CanonicalTables.toCanonical(raw, Map.of(), alloc)) {
                Table t = c.table();
                for (String shared : List.of("ra", "obsid", "fibre_id", "errors_imputed")) {
                    assertEquals(raw.vector(shared).getDataBuffer().memoryAddress(), t.vector(shared).getDataBuffer().memoryAddress(), shared);
                    assertEquals(Columns.byName(shared).orElseThrow(), t.spec(shared), shared);
                }
                for (String copied : List.of("dec", "source_id")) {
                    assertFalse(raw.vector(copied).getDataBuffer().memoryAddress() == t.vector(copied).getDataBuffer().memoryAddress(), copied);
                    assertTrue(t.vector(copied).isNull(1) && !raw.vector(copied).isNull(1), copied + ": the value became a null");
                }
                raw.close();
                assertEquals(Arrays.toString(new double[] {10, Double.NaN, 12}), Arrays.toString(t.doubles("ra")));
                assertArrayEquals(new long[] {1, Table.NULL_LONG, 3}, t.longs("obsid"));
                assertArrayEquals(new int[] {4, 5, Table.NULL_INT}, t.ints("fibre_id"));
                assertArrayEquals(new long[] {5, Table.NULL_LONG, 7}, t.longs("source_id"));
                assertEquals(Arrays.asList("true", "false", null), Arrays.asList(t.strings("errors_imputed")));
            }
            try (Table minInt = tableOf("min.arrow", column(alloc, "fibre_id", ColumnType.INT32, 1, Integer.MIN_VALUE))) {
                DataException e = assertThrows(DataException.class, () -> CanonicalTables.toCanonical(minInt, Map.of(), alloc).close());
                assertEquals(2, e.row());
            }
        }
    }

    @Test
    void fractionalValueInAnIntegerColumnIsAnError() {
        try (var alloc = new RootAllocator();
             Table raw = Table.builder(alloc, "x.fits", 2)
                     .addDoubles(new ColumnSpec("nobs", ColumnType.FLOAT64, "", ""), new double[] {2, 2.5}).build()) {
            DataException e = assertThrows(DataException.class, () -> CanonicalTables.toCanonical(raw, Map.of(), alloc).close());
            assertEquals("x.fits: column 'nobs', row 2: '2.5' is not an integer", e.getMessage());
        }
    }

    @Test
    void overridesChooseTheInputAndAreReported() throws IOException {
        Path path = Files.writeString(dir.resolve("o.csv"), """
                ra,dec,rv_br1,rv_br0,my_snr
                1,2,10.5,11.5,30
                """);
        try (var alloc = new RootAllocator();
             Table raw = TableIO.read(path, alloc)) {
            Map<String, String> overrides = CanonicalTables.parseOverrides(List.of("rv=RV_BR0", " snr = my_snr "));
            try (CanonicalTable c = CanonicalTables.toCanonical(raw, overrides, alloc)) {
                assertArrayEquals(new double[] {11.5}, c.table().doubles("rv"));
                assertArrayEquals(new double[] {30}, c.table().doubles("snr"));
                assertTrue(c.sources().stream().anyMatch(s -> s.toString().equals("rv <- rv_br0 (copied, user override)")),
                        c.sources().toString());
            }
            try (CanonicalTable c = CanonicalTables.toCanonical(raw, Map.of(), alloc)) {
                assertArrayEquals(new double[] {10.5}, c.table().doubles("rv")); // alias order: rv_br1 first
                assertFalse(c.table().has("snr"));
            }
            assertThrows(IllegalArgumentException.class, () -> CanonicalTables.parseOverrides(List.of("velocity=rv_br0")));
            assertThrows(IllegalArgumentException.class, () -> CanonicalTables.parseOverrides(List.of("rv")));
            DataException missing = assertThrows(DataException.class,
                    () -> CanonicalTables.plan(raw, Map.of("rv", "VHELIO")));
            assertTrue(missing.getMessage().contains("o.csv: column 'VHELIO'"), missing.getMessage());
        }
    }

    @Test
    void requireColumnsNamesTheMissingCanonicalColumnAndTheAliasesTried() {
        try (var alloc = new RootAllocator();
             Table raw = Table.builder(alloc, "members.csv", 1)
                     .addDoubles(new ColumnSpec("l", ColumnType.FLOAT64, "", ""), new double[] {1})
                     .addDoubles(new ColumnSpec("b", ColumnType.FLOAT64, "", ""), new double[] {2})
                     .addDoubles(new ColumnSpec("HRV", ColumnType.FLOAT64, "", ""), new double[] {3}).build()) {
            CanonicalTables.requireColumns(raw, Columns.RA, Columns.DEC, Columns.RV);
            DataException e = assertThrows(DataException.class,
                    () -> CanonicalTables.requireColumns(raw, Columns.RV, Columns.RV_ERR));
            assertEquals("rv_err", e.column());
            assertTrue(e.getMessage().startsWith("members.csv: column 'rv_err': required column is missing (tried rv_err, rv_br1_err"),
                    e.getMessage());
            CanonicalTables.requireColumns(raw, Map.of("rv_err", "HRV"), Columns.RV_ERR);
        }
    }
}
