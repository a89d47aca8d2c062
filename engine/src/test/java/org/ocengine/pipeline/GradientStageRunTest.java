package org.ocengine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.gradient.GradientConfig;
import org.ocengine.io.SharedData;
import org.ocengine.io.TableIO;
import org.ocengine.table.Table;

/** The gradient stage inside the cluster run, on the real MRS members. */
class GradientStageRunTest {

    /** Today's cluster table has no orbit columns: the papers' fits are all left out, with a note and no table. */
    @Test
    void withoutOrbitColumnsThePapersFitsAreLeftOutWithANote(@TempDir Path dir) throws Exception {
        Path spectra = SharedData.file("spectra/lamost_mrs_oc_members.csv");
        List<String> notes = new ArrayList<>();
        ClusterRun.Summary s = ClusterRun.run(ClusterRunTest.config(spectra, 2, 1, List.of("fits")).withGradients(GradientConfig.paper(1)),
                dir.resolve("out"), Progress.NONE, notes::add);
        assertEquals(51L, s.counts().get("gradient_fits_left_out"));
        assertEquals(0L, s.counts().get("gradient_fits_sampled"));
        assertTrue(notes.stream().anyMatch(n -> n.contains("51 gradient fit(s) left out") && n.contains("orbit stage")), notes.toString());
        assertFalse(Files.exists(dir.resolve("out/gradients.fits")));
        assertTrue(Files.readString(dir.resolve("out/manifest.json")).contains("\"sweeps\""));
    }

    /**
     * With a variable present the fits run and are written with the other outputs. The members' mean
     * declination stands in for a Galactic variable here (its unit overridden: the orbit stage will add
     * R_GC); 32 walkers x
     * 400 steps.
     */
    @Test
    void withAVariableTheFitsAreWrittenBesideTheCatalogue(@TempDir Path dir) throws Exception {
        Path spectra = SharedData.file("spectra/lamost_mrs_oc_members.csv");
        GradientConfig g = GradientConfig.parse(Map.of("model", List.of("linear"), "map", List.of("r_gc=dec[kpc]"),
                "walkers", List.of("32"), "steps", List.of("400")), 1);
        ClusterRun.Summary s = ClusterRun.run(ClusterRunTest.config(spectra, 2, 1, List.of("fits")).withGradients(g),
                dir.resolve("out"), Progress.NONE, line -> { });
        assertEquals(1L, s.counts().get("gradient_fits_sampled"));
        assertTrue(s.outputs().contains(dir.resolve("out/gradients.fits").toAbsolutePath()), s.outputs().toString());
        assertTrue(s.report().contains("linear feh~r_gc age=all n12>=3"), s.report());
        try (RootAllocator alloc = new RootAllocator(); Table t = TableIO.read(dir.resolve("out/gradients.fits"), alloc)) {
            assertEquals(1, t.rowCount());
            assertEquals(s.counts().get("clusters_high_quality").intValue(), t.ints("n")[0], "the clusters with >= 3 flag-12 stars");
            assertEquals("ok", t.strings("status")[0]);
        }
        assertTrue(Files.readString(dir.resolve("out/manifest.json")).contains("gradients.fits"));
    }
}
