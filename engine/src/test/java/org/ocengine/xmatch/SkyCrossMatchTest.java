package org.ocengine.xmatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.CpuBackend;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.SkyPositions;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Columns;
import org.ocengine.table.DataException;
import org.ocengine.table.Table;

class SkyCrossMatchTest {

    private static final double ARCSEC = 1 / 3600.0;
    private static final double N = Double.NaN;
    private static final long NULL = Table.NULL_LONG;

    /** RA offset in degrees that is {@code arcsec} along the sky at declination {@code dec}. */
    private static double east(double arcsec, double dec) {
        return arcsec * ARCSEC / Math.cos(Math.toRadians(dec));
    }

    private static Table spectra(BufferAllocator allocator, double[] ra, double[] dec, long[] sourceId) {
        int n = ra.length;
        long[] obsid = new long[n];
        double[] rv = new double[n];
        for (int i = 0; i < n; i++) {
            obsid[i] = 1000 + i;
            rv[i] = 10.0 * i;
        }
        var b = Table.builder(allocator, "spectra", n).addLongs(Columns.OBSID, obsid)
                .addDoubles(Columns.RA, ra).addDoubles(Columns.DEC, dec).addDoubles(Columns.RV, rv);
        return sourceId == null ? b.build() : b.addLongs(Columns.SOURCE_ID, sourceId).build();
    }

    private static Table gaia(BufferAllocator allocator, double[] ra, double[] dec, long[] sourceId) {
        double[] g = new double[ra.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = 12 + i;
        }
        return Table.builder(allocator, "gaia", ra.length).addLongs(Columns.SOURCE_ID, sourceId)
                .addDoubles(Columns.RA, ra).addDoubles(Columns.DEC, dec).addDoubles(Columns.GMAG, g).build();
    }

    @Test
    void pairTableHasRowsSeparationsInArcsecFlagsAndCopiedColumnsWithUnits() {
        double[] aRa = {10, 50, 200};
        double[] aDec = {20, N, -30};
        double[] bRa = {10, 10 + east(2, 20), 200, 10 + east(5, 20)};
        double[] bDec = {20 + ARCSEC, 20, -30, 20};
        try (BufferAllocator allocator = new RootAllocator();
             CpuBackend backend = new CpuBackend(2);
             Table a = spectra(allocator, aRa, aDec, null);
             Table b = gaia(allocator, bRa, bDec, new long[] {1, 2, 3, 4});
             Table pairs = SkyCrossMatch.defaults().withColumnsA("a_", List.of("obsid", "rv"))
                     .withColumnsB("gaia_", List.of("source_id", "gmag")).run(a, b, backend, allocator)) {
            assertEquals(List.of("a_row", "b_row", "separation", "nearest", "match_method", "a_obsid", "a_rv",
                    "gaia_source_id", "gaia_gmag"), pairs.columnNames());
            assertEquals(ColumnType.INT32, pairs.spec("a_row").type());
            assertEquals(ColumnType.BOOL, pairs.spec("nearest").type());
            assertEquals("arcsec", pairs.unit("separation").orElseThrow());
            assertEquals("km/s", pairs.unit("a_rv").orElseThrow());
            assertEquals("mag", pairs.unit("gaia_gmag").orElseThrow());
            assertArrayEquals(new int[] {0, 0, 2}, pairs.ints("a_row"));
            assertArrayEquals(new int[] {0, 1, 2}, pairs.ints("b_row"));
            assertArrayEquals(new double[] {1, 2, 0}, pairs.doubles("separation"), 1e-6);
            assertArrayEquals(new boolean[] {true, false, true}, pairs.booleans("nearest"));
            assertArrayEquals(new String[] {"sky", "sky", "sky"}, pairs.strings("match_method"));
            assertArrayEquals(new long[] {1000, 1000, 1002}, pairs.longs("a_obsid"));
            assertArrayEquals(new double[] {0, 0, 20}, pairs.doubles("a_rv"), 0);
            assertArrayEquals(new long[] {1, 2, 3}, pairs.longs("gaia_source_id"));

            try (Table nearest = SkyCrossMatch.defaults().withMode(SkyCrossMatch.Mode.NEAREST).run(a, b, backend, allocator)) {
                assertArrayEquals(new int[] {0, 2}, nearest.ints("a_row"));
                assertArrayEquals(new int[] {0, 2}, nearest.ints("b_row"));
                assertArrayEquals(new boolean[] {true, true}, nearest.booleans("nearest"));
            }
            try (Table wide = SkyCrossMatch.defaults().withRadius(6).run(a, b, backend, allocator)) {
                assertArrayEquals(new int[] {0, 1, 3, 2}, wide.ints("b_row"));
            }
        }
    }

    @Test
    void sourceIdJoinComesFirstAndTheSkyFillsTheRest() {
        // A0: id 100, which B has twice (0.5 and 10 arcsec away), with B0 1 arcsec away too;
        // A1: id 200, absent from B, so by sky (B0 at 1, B4 at 2.06 arcsec); A2: no id, by sky (B2);
        // A3: id 300, whose B row has no position; A4: id 100 again (B3 at 5, B4 at 5.02 arcsec)
        double[] aRa = {10, 10, 200, 300, 10};
        double[] aDec = {20, 20 + 2 * ARCSEC, -30, 5, 20 + 5 * ARCSEC};
        long[] aId = {100, 200, NULL, 300, 100};
        double[] bRa = {10, 99, 200, 10, 10 + east(0.5, 20), N};
        double[] bDec = {20 + ARCSEC, 0, -30, 20 + 10 * ARCSEC, 20, N};
        long[] bId = {1, 2, 3, 100, 100, 300};
        try (BufferAllocator allocator = new RootAllocator();
             CpuBackend backend = new CpuBackend(2);
             Table a = spectra(allocator, aRa, aDec, aId);
             Table b = gaia(allocator, bRa, bDec, bId);
             Table pairs = SkyCrossMatch.defaults().run(a, b, backend, allocator)) {
            assertArrayEquals(new int[] {0, 0, 1, 1, 2, 3, 4, 4}, pairs.ints("a_row"));
            assertArrayEquals(new int[] {4, 3, 0, 4, 2, 5, 3, 4}, pairs.ints("b_row"));
            assertArrayEquals(new String[] {"source_id", "source_id", "sky", "sky", "sky", "source_id", "source_id", "source_id"},
                    pairs.strings("match_method"));
            assertArrayEquals(new boolean[] {true, false, true, false, true, true, true, false}, pairs.booleans("nearest"));
            double[] sep = pairs.doubles("separation");
            assertEquals(0.5, sep[0], 1e-6);
            assertEquals(10, sep[1], 1e-6);
            assertEquals(1, sep[2], 1e-6);
            assertEquals(Math.sqrt(4.25), sep[3], 1e-6);
            assertTrue(pairs.isMissing("separation", 5), "no position for B5: separation is null");
            assertEquals(5, sep[6], 1e-6);

            try (Table skyOnly = SkyCrossMatch.defaults().withSourceIdJoin(false).run(a, b, backend, allocator)) {
                assertArrayEquals(new int[] {0, 0, 1, 1, 2}, skyOnly.ints("a_row"));
                assertArrayEquals(new int[] {4, 0, 0, 4, 2}, skyOnly.ints("b_row"));
                assertArrayEquals(new String[] {"sky", "sky", "sky", "sky", "sky"}, skyOnly.strings("match_method"));
            }
        }
    }

    @Test
    void propagationBringsGaiaPositionsToTheSpectrumEpoch() {
        // a star moving 1 arcsec/yr north: at J2016 it is 16 arcsec north of its J2000 position
        double dec2000 = 40;
        double[] aRa = {150};
        double[] aDec = {dec2000};
        try (BufferAllocator allocator = new RootAllocator();
             CpuBackend backend = new CpuBackend(1);
             Table a = spectra(allocator, aRa, aDec, null);
             Table b = Table.builder(allocator, "gaia", 1).addDoubles(Columns.RA, new double[] {150})
                     .addDoubles(Columns.DEC, new double[] {dec2000 + 16 * ARCSEC})
                     .addDoubles(Columns.PMRA, new double[] {0}).addDoubles(Columns.PMDEC, new double[] {1000}).build()) {
            SkyCrossMatch xm = SkyCrossMatch.defaults();
            try (Table atGaiaEpoch = xm.run(a, b, backend, allocator);
                 Table atJ2000 = xm.withPropagationB(new EpochPropagation(EpochPropagation.GAIA_DR3_EPOCH, EpochPropagation.J2000))
                         .run(a, b, backend, allocator)) {
                assertEquals(0, atGaiaEpoch.rowCount());
                assertEquals(1, atJ2000.rowCount());
                assertEquals(0, atJ2000.doubles("separation")[0], 1e-6);
            }
        }
    }

    @Test
    void skyPairsEqualTheBackendsOnMockCatalogues() {
        MockSkyCatalogues.Sky sb = MockSkyCatalogues.sources(5L, 3000);
        MockSkyCatalogues.Sky sa = MockSkyCatalogues.spectra(5L, 2000, sb);
        long[] ids = new long[sb.size()];
        try (BufferAllocator allocator = new RootAllocator();
             CpuBackend backend = new CpuBackend(2);
             Table a = spectra(allocator, sa.ra(), sa.dec(), null);
             Table b = gaia(allocator, sb.ra(), sb.dec(), ids);
             Table pairs = SkyCrossMatch.defaults().run(a, b, backend, allocator);
             Float8Vector ra = (Float8Vector) a.vector("ra");
             Float8Vector dec = (Float8Vector) a.vector("dec")) {
            MatchPairs direct = backend.skyMatch(new SkyPositions(ra, dec),
                    new SkyPositions((Float8Vector) b.vector("ra"), (Float8Vector) b.vector("dec")), 3.5);
            assertTrue(direct.size() > 500, "pairs: " + direct.size());
            assertArrayEquals(direct.aIndices(), pairs.ints("a_row"));
            assertArrayEquals(direct.bIndices(), pairs.ints("b_row"));
            assertArrayEquals(direct.separationsArcsec(), pairs.doubles("separation"), 0.0);
            assertArrayEquals(direct.nearestOfA(), pairs.booleans("nearest"));
        }
    }

    @Test
    void declinationOutOfRangeIsADataExceptionNamingTheRow() {
        try (BufferAllocator allocator = new RootAllocator();
             CpuBackend backend = new CpuBackend(1);
             Table a = spectra(allocator, new double[] {1, 2}, new double[] {0, 91}, null);
             Table b = gaia(allocator, new double[] {1}, new double[] {0}, new long[] {1})) {
            DataException e = assertThrows(DataException.class, () -> SkyCrossMatch.defaults().run(a, b, backend, allocator));
            assertEquals(2, e.row());
            assertEquals("dec", e.column());
            assertThrows(DataException.class, () -> SkyCrossMatch.defaults().withColumnsB("b_", List.of("nope"))
                    .run(b, b, backend, allocator));
        }
    }
}
