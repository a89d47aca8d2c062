package org.ocengine.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.ocengine.table.Columns;
import org.ocengine.table.DataException;
import org.ocengine.table.Table;

class QualityCutsTest {

    private static final double NAN = Double.NaN;

    private static Table spectra(RootAllocator alloc, double[] snr, double[] rv, double[] rvErr, double[] feh, double[] fehErr, int[] rvFlag) {
        int n = rv.length;
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1000 + i;
        }
        var b = Table.builder(alloc, "spectra.csv", n).addLongs(Columns.SOURCE_ID, ids).addDoubles(Columns.RV, rv)
                .addDoubles(Columns.RV_ERR, rvErr).addDoubles(Columns.FEH, feh).addDoubles(Columns.FEH_ERR, fehErr);
        if (snr != null) {
            b.addDoubles(Columns.SNR, snr);
        }
        if (rvFlag != null) {
            b.addInts(Columns.RV_FLAG, rvFlag);
        }
        return b.build();
    }

    @Test
    void sentinelsLimitsSnrAndFlagsGoToTheRejectedTable() {
        try (var alloc = new RootAllocator();
             Table t = spectra(alloc,
                     new double[] {30, 8, 30, 30, 30, 30},
                     new double[] {10, 11, 12, 13, 14, -9999},
                     new double[] {1, 1, 9999, 4999.5, 1, 1},
                     new double[] {0.1, 0.1, 0.1, 0.1, 0.2, 0.1},
                     new double[] {0.05, 0.05, 0.05, 0.05, 1.5, 0.05},
                     new int[] {0, 0, 0, 0, 0, 0})) {
            RejectedRows rejected = new RejectedRows();
            try (var r = QualityCuts.apply(t, Map.of("rv_err", "RV_ERR_IN_FILE"), QualityConfig.defaults(Survey.MRS), rejected, alloc)) {
                // kept: row 1 (good) and row 5 ([Fe/H] error 1.5 > 1 dex: value set missing, row kept)
                assertArrayEquals(new long[] {1, 5}, r.kept().longs(Columns.SOURCE_ROW.name()));
                double[] feh = r.kept().doubles(Columns.FEH.name());
                assertEquals(0.1, feh[0]);
                assertTrue(Double.isNaN(feh[1]));
                assertTrue(r.kept().isMissing(Columns.FEH.name(), 1));
            }
            List<RejectedRows.Entry> e = rejected.entries();
            assertEquals(5, e.size());
            assertEquals(2, e.get(0).sourceRow());
            assertTrue(e.get(0).reason().contains("S/N 8 <= 10"), e.get(0).reason());
            assertEquals(RejectedRows.Action.ROW_DROPPED, e.get(0).action());
            assertTrue(e.get(1).reason().contains("sentinel"), e.get(1).reason());
            assertTrue(e.get(2).reason().contains("4999.5 exceeds the plausibility limit 50"), e.get(2).reason());
            assertEquals(5, e.get(3).sourceRow());
            assertEquals(RejectedRows.Action.VALUE_SET_MISSING, e.get(3).action());
            assertTrue(e.get(3).reason().contains("feh_err = 1.5"), e.get(3).reason());
            assertTrue(e.get(4).reason().contains("no usable RV"), e.get(4).reason());
            assertEquals("spectra.csv", e.get(4).source());
        }
    }

    @Test
    void nonZeroRvFlagDropsTheRowAndMissingColumnsAreNoted() {
        try (var alloc = new RootAllocator();
             Table t = spectra(alloc, null, new double[] {10, 11}, new double[] {1, 1}, new double[] {0, 0}, new double[] {0.1, 0.1}, new int[] {0, 2})) {
            RejectedRows rejected = new RejectedRows();
            try (var r = QualityCuts.apply(t, Map.of(), QualityConfig.defaults(Survey.MRS), rejected, alloc)) {
                assertEquals(1, r.kept().rowCount());
                assertTrue(r.notes().stream().anyMatch(n -> n.contains("no S/N column")), r.notes().toString());
            }
            assertTrue(rejected.entries().get(0).reason().contains("rv_flag = 2"));
        }
    }

    @Test
    void negativeOrMissingUncertaintyStopsTheRunNamingFileColumnAndRow() {
        try (var alloc = new RootAllocator()) {
            try (Table t = spectra(alloc, null, new double[] {10, 11, 12}, new double[] {1, 1, -0.5}, new double[] {0, 0, 0}, new double[] {0.1, 0.1, 0.1}, null)) {
                DataException e = assertThrows(DataException.class,
                        () -> QualityCuts.apply(t, Map.of("rv_err", "rv_error"), QualityConfig.defaults(Survey.MRS), new RejectedRows(), alloc));
                assertEquals("spectra.csv: column 'rv_error', row 3: negative uncertainty -0.5 (uncertainties must be >= 0)", e.getMessage());
            }
            try (Table t = spectra(alloc, null, new double[] {10, 11}, new double[] {1, NAN}, new double[] {0, 0}, new double[] {0.1, 0.1}, null)) {
                DataException e = assertThrows(DataException.class,
                        () -> QualityCuts.apply(t, Map.of(), QualityConfig.defaults(Survey.MRS), new RejectedRows(), alloc));
                assertEquals("rv_err", e.column());
                assertEquals(2, e.row());
                // the lenient policy sets the value missing instead
                RejectedRows rejected = new RejectedRows();
                try (var r = QualityCuts.apply(t, Map.of(), QualityConfig.defaults(Survey.MRS).withMissingErrorFails(false), rejected, alloc)) {
                    assertEquals(1, r.kept().rowCount());
                    assertTrue(rejected.entries().get(0).reason().contains("no usable RV: rv has no uncertainty"));
                }
            }
        }
    }

    @Test
    void rejectedTableHasOneRowPerEntry() {
        try (var alloc = new RootAllocator()) {
            RejectedRows rejected = new RejectedRows();
            rejected.add("a.csv", 3, "quality", "NGC2682 1", "rv_err", "9999", "sentinel", RejectedRows.Action.ROW_DROPPED);
            try (Table t = rejected.toTable(alloc)) {
                assertEquals(1, t.rowCount());
                assertEquals("row dropped", t.strings("action")[0]);
                assertEquals(3, t.longs("source_row")[0]);
            }
        }
    }
}
