package org.ocengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.io.TableIO;
import org.ocengine.table.Table;

/** {@code ocengine orbits} on a Hunt &amp; Reffert-like table: good rows get orbits, bad ones one line each. */
class OrbitsCommandTest {

    @Test
    void goodRowsGetOrbitsBadRowsAMessageEach(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("hr.csv");
        Files.writeString(in, String.join("\n",
                "Name,RA_ICRS,DE_ICRS,dist50,Plx,e_Plx,pmRA,e_pmRA,pmDE,e_pmDE,RV,e_RV",
                "NGC_2682,132.846,11.814,835,1.135,0.01,-10.97,0.02,-2.94,0.02,33.8,0.2",
                "Bad plx,10,20,,-0.3,0.01,1,0.02,1,0.02,5,1",
                "No RV,10,20,800,1.2,0.01,1,0.02,1,0.02,,") + "\n");
        Path out = dir.resolve("orbits.csv");
        BadInputTest.Outcome o = BadInputTest.run("orbits", "--clusters", in.toString(), "--out", out.toString(),
                "--potential", "mwpot14", "--mc", "5", "--device", "cpu");
        assertEquals(0, o.code(), o.err());
        List<String> messages = o.err().lines().filter(l -> l.endsWith("no orbit")).toList();
        assertEquals(2, messages.size(), o.err());
        assertTrue(messages.get(0).contains("row 2 (BADPLX), column 'Plx' = -0.300000: parallax <= 0"), messages.get(0));
        assertTrue(messages.get(1).contains("row 3 (NORV), column 'RV': radial velocity is missing"), messages.get(1));
        assertTrue(o.out().startsWith("1 of 3 rows got kinematics and orbits (mwpot14, dop853, 500 Myr back, 5 draws each)"), o.out());
        try (RootAllocator alloc = new RootAllocator(); Table t = TableIO.read(out, alloc)) {
            double[] zMax = t.doubles("z_max");
            assertTrue(zMax[0] > 0.2 && zMax[0] < 0.8, "M67 Z_max " + zMax[0]);
            assertTrue(Double.isNaN(zMax[1]) && Double.isNaN(zMax[2]));
            assertEquals(5, t.ints("orbit_draws")[0]);
        }
    }

    @Test
    void noProperMotionColumnIsOneLine(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("c.csv");
        Files.writeString(in, "Name,RA_ICRS,DE_ICRS,dist50,RV\nX,1,2,100,5\n");
        Path out = dir.resolve("o.csv");
        BadInputTest.Outcome o = BadInputTest.run("orbits", "--clusters", in.toString(), "--out", out.toString(), "--device", "cpu");
        assertEquals(65, o.code(), o.err());
        String last = o.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.contains("c.csv") && last.contains("column 'pmra'"), o.err());
        assertFalse(Files.exists(out));
    }
}
