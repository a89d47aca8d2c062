package org.ocengine.xmatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.CpuBackend;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/**
 * The sky match against STILTS (TOPCAT's engine) on 10^5 x 10^5 mock catalogues: same pair count,
 * same separations on a sample. STILTS' answer is committed in
 * {@code src/test/resources/xmatch/stilts-pairs.properties}, written by
 * {@code src/test/scripts/stilts-xmatch-fixture.sh} from the same generator and seed.
 */
class StiltsAgreementTest {

    @Test
    void pairCountAndSeparationsEqualStilts() throws IOException {
        Properties fixture = new Properties();
        try (InputStream in = StiltsAgreementTest.class.getResourceAsStream("/xmatch/stilts-pairs.properties")) {
            fixture.load(in);
        }
        long seed = Long.parseLong(fixture.getProperty("seed"));
        MockSkyCatalogues.Sky sb = MockSkyCatalogues.sources(seed, Integer.parseInt(fixture.getProperty("b.rows")));
        MockSkyCatalogues.Sky sa = MockSkyCatalogues.spectra(seed, Integer.parseInt(fixture.getProperty("a.rows")), sb);
        double radius = Double.parseDouble(fixture.getProperty("radius.arcsec"));
        try (BufferAllocator allocator = new RootAllocator();
             CpuBackend backend = new CpuBackend(2);
             Table a = Table.builder(allocator, "a.csv", sa.size()).addDoubles(Columns.RA, sa.ra()).addDoubles(Columns.DEC, sa.dec()).build();
             Table b = Table.builder(allocator, "b.csv", sb.size()).addDoubles(Columns.RA, sb.ra()).addDoubles(Columns.DEC, sb.dec()).build();
             Table pairs = SkyCrossMatch.defaults().withRadius(radius).run(a, b, backend, allocator)) {
            assertEquals(Integer.parseInt(fixture.getProperty("stilts.pairs")), pairs.rowCount(), "pairs found by STILTS and by us");
            int[] aRow = pairs.ints("a_row");
            int[] bRow = pairs.ints("b_row");
            double[] sep = pairs.doubles("separation");
            int samples = 0;
            double worst = 0;
            for (String line; (line = fixture.getProperty("sample." + samples)) != null; samples++) {
                String[] f = line.split(",");
                int ia = Integer.parseInt(f[0]);
                int ib = Integer.parseInt(f[1]);
                int k = 0;
                while (k < aRow.length && (aRow[k] != ia || bRow[k] != ib)) {
                    k++;
                }
                assertTrue(k < aRow.length, "STILTS pair " + line + " is missing");
                worst = Math.max(worst, Math.abs(sep[k] - Double.parseDouble(f[2])));
            }
            assertTrue(samples > 100, "samples: " + samples);
            assertTrue(worst < 1e-9, "separations differ from STILTS' by up to " + worst + " arcsec");
        }
    }
}
