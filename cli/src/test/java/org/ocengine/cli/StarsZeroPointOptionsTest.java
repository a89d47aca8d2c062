package org.ocengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.io.TableIO;
import org.ocengine.table.Table;

/** {@code ocengine stars --zero-point-solution / --zero-point-coverage}: the published default and the joint extension. */
class StarsZeroPointOptionsTest {

    /**
     * A noise-free plate of two spectrographs, six exposures and four stars each, as CSV; star j of
     * spectrograph 2 misses exposure j, so only the joint solution corrects spectrograph 2.
     */
    private static Path plate(Path dir) throws Exception {
        double[][] offsets = {{0.3, -0.1, 0.0, -0.4, 0.2, 0.0}, {-0.2, 0.4, 0.0, 0.1, -0.3, 0.0}};
        StringBuilder csv = new StringBuilder("source_id,ra,dec,plate_id,spectrograph_id,exposure_id,mjd,rv,rv_err,snr\n");
        for (int sp = 1; sp <= 2; sp++) {
            for (int j = 0; j < 4; j++) {
                for (int x = 0; x < 6; x++) {
                    if (sp == 2 && x == j) {
                        continue;
                    }
                    csv.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,TD1,%d,%d,%.3f,%.3f,0.8,%d%n", 100 * sp + j, 10 + 0.01 * (4 * sp + j),
                            20.0, sp, 80000 + 30 * x, 58000 + x / 48.0, -10 + 5 * j + offsets[sp - 1][x], 20 + j + x));
                }
            }
        }
        Path file = dir.resolve("plate.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void jointSolutionIsNamedInNotesManifestAndCells(@TempDir Path dir) throws Exception {
        Path spectra = plate(dir);
        MockCommandsTest.Outcome joint = MockCommandsTest.run("stars", "--spectra", spectra.toString(), "--min-plate-spectra", "0",
                "--zero-point-solution", "joint", "--format", "csv", "--out", dir.resolve("joint").toString());
        assertEquals(0, joint.code(), joint.err());
        assertTrue(joint.err().contains("12 of 12 (plate, spectrograph, exposure) cells corrected (joint least squares, an extension)"),
                joint.err());
        assertTrue(joint.err().contains("at least 80% of the plate's exposures"), joint.err());
        String manifest = Files.readString(dir.resolve("joint/manifest.json"));
        assertTrue(manifest.contains("JOINT_LEAST_SQUARES") && manifest.contains("min_coverage"), manifest);
        MockCommandsTest.Outcome published = MockCommandsTest.run("stars", "--spectra", spectra.toString(), "--min-plate-spectra", "0",
                "--format", "csv", "--out", dir.resolve("published").toString());
        assertEquals(0, published.code(), published.err());
        assertTrue(published.err().contains("6 of 12 (plate, spectrograph, exposure) cells corrected (published rule)"), published.err());
        try (var alloc = new RootAllocator(); Table cells = TableIO.read(dir.resolve("joint/rv_zero_points.csv"), alloc)) {
            int[] sp = cells.ints("spectrograph_id");
            double[] offset = cells.doubles("offset");
            // spectrograph 2's offsets less their mean: -0.2, 0.4, 0, 0.1, -0.3, 0 less 0
            assertEquals(-0.2, offset[6], 1e-3);
            assertEquals(0.4, offset[7], 1e-3);
            assertEquals(2, sp[6]);
        }
    }

    @Test
    void coverageBelowOneNeedsTheJointSolution(@TempDir Path dir) throws Exception {
        MockCommandsTest.Outcome o = MockCommandsTest.run("stars", "--spectra", plate(dir).toString(), "--zero-point-coverage", "0.8",
                "--out", dir.resolve("out").toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--zero-point-coverage below 1 needs --zero-point-solution joint"), o.err());
        assertTrue(Files.notExists(dir.resolve("out")));
        MockCommandsTest.Outcome help = MockCommandsTest.run("stars", "--help");
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("published (default; Zong et al. 2020") && text.contains("joint (our extension, not in the papers"),
                help.out());
    }

    @Test
    void chi2ProbabilityOutsideZeroOneIsAUsageError(@TempDir Path dir) throws Exception {
        MockCommandsTest.Outcome alpha = MockCommandsTest.run("stars", "--spectra", plate(dir).toString(), "--rv-chi2-p", "1.5",
                "--out", dir.resolve("out").toString());
        assertEquals(2, alpha.code(), alpha.err());
        assertTrue(alpha.err().contains("the RV-variable chi^2 probability must lie in (0, 1)"), alpha.err());
        assertTrue(Files.notExists(dir.resolve("out")));
    }
}
