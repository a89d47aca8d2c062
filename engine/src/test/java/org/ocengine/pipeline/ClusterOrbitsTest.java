package org.ocengine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.cluster.ClusterConfig;
import org.ocengine.combine.Weighting;
import org.ocengine.compute.Device;
import org.ocengine.galaxy.OrbitConfig;
import org.ocengine.io.SharedData;
import org.ocengine.io.TableIO;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.Survey;
import org.ocengine.table.Table;

/**
 * The run's orbit stage: with Hunt &amp; Reffert (2023) as the cluster table, the MRS clusters get
 * kinematics and orbits from their LAMOST RV; switched off, the catalogue has none of those columns.
 */
class ClusterOrbitsTest {

    private static ClusterRunConfig config(int draws) {
        Path spectra = SharedData.file("spectra/lamost_mrs_oc_members.csv");
        Path clusters = SharedData.file("clusters/HUNT2023.csv");
        return new ClusterRunConfig(spectra, null, clusters, Map.of(), Map.of(), Map.of(), null,
                QualityConfig.defaults(Survey.MRS).withMinSnr(Double.NaN), Double.NaN, 3.5, Double.NaN, Double.NaN, Weighting.SNR_SQUARED,
                ClusterConfig.defaults(3).withDraws(20), Device.CPU, 2, List.of("fits"))
                .withOrbits(OrbitConfig.defaults(3).withDraws(draws));
    }

    @Test
    void clustersGetOrbitsFromTheirLamostRv(@TempDir Path dir) throws Exception {
        List<String> notes = new ArrayList<>();
        ClusterRun.Summary s = ClusterRun.run(config(10), dir.resolve("out"), Progress.NONE, notes::add);
        assertEquals(s.counts().get("clusters"), s.counts().get("clusters_with_orbit"), notes.toString());
        try (var alloc = new RootAllocator(); Table c = TableIO.read(dir.resolve("out/clusters.fits"), alloc)) {
            int m67 = Arrays.asList(c.strings("cluster_id")).indexOf("NGC2682");
            // M67: about 1 kpc beyond the Sun's circle, 0.45 kpc above the plane, on a near-circular orbit
            assertEquals(9.0, c.doubles("r_gc")[m67], 0.3);
            assertEquals(0.45, c.doubles("z_max")[m67], 0.15);
            assertTrue(c.doubles("ecc")[m67] < 0.15, "M67 eccentricity " + c.doubles("ecc")[m67]);
            assertEquals("normal", c.strings("speed_class")[m67]);
            assertEquals(10, c.ints("orbit_draws")[m67]);
            assertTrue(c.doubles("r_apo_err")[m67] > 0);
            assertEquals("kpc", c.unit("r_peri").orElseThrow());
        }
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("orbits: ")), notes.toString());
    }

    @Test
    void stageCanBeSwitchedOff(@TempDir Path dir) throws Exception {
        List<String> notes = new ArrayList<>();
        ClusterRun.run(config(0).withOrbits(null), dir.resolve("out"), Progress.NONE, notes::add);
        assertTrue(notes.contains("orbits: stage switched off"), notes.toString());
        try (var alloc = new RootAllocator(); Table c = TableIO.read(dir.resolve("out/clusters.fits"), alloc)) {
            assertFalse(c.has("r_peri"));
            assertTrue(c.has("pmra"), "the cluster table's columns are still joined");
        }
    }
}
