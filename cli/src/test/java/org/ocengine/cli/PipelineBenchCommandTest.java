package org.ocengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.datasets.mock.MockPreset;

/** {@code ocengine bench pipeline}: workloads, the growth exponent, and a run on the tiny mock. */
class PipelineBenchCommandTest {

    @Test
    void surveyWorkloadsCutTheSurveyPresetToNFields() {
        MockPreset p = PipelineBenchCommand.workload("survey:36");
        assertEquals(36, p.ocFields());
        assertEquals(2, p.tdFields());
        assertEquals(1, PipelineBenchCommand.workload("survey:1").tdFields());
        assertEquals(MockPreset.DEFAULT, PipelineBenchCommand.workload(" default "));
        assertThrows(IllegalArgumentException.class, () -> PipelineBenchCommand.workload("survey:x"));
        assertThrows(IllegalArgumentException.class, () -> PipelineBenchCommand.workload("survey:0"));
    }

    @Test
    void growthExponentComparesEachWorkloadWithTheNextSmaller() {
        List<Map<String, Object>> results = new ArrayList<>();
        results.add(workload("survey-40oc2td", 40_000, 8.0));
        results.add(workload("default", 20_000, 5.0));
        results.add(workload("survey-10oc1td", 10_000, 1.0));
        PipelineBenchCommand.addGrowth(results);
        // 4x the spectra, 8x the time: k = log 8 / log 4 = 1.5, against the smaller survey cut, not the default preset
        assertEquals(1.5, (double) results.get(0).get("growth_exponent_vs_survey-10oc1td"), 1e-12);
        assertTrue(results.get(0).keySet().stream().noneMatch(k -> k.equals("growth_exponent_vs_default")));
        // presets of another make-up are not compared
        assertTrue(results.get(1).keySet().stream().noneMatch(k -> k.startsWith("growth")));
        assertTrue(results.get(2).keySet().stream().noneMatch(k -> k.startsWith("growth")));
    }

    private static Map<String, Object> workload(String name, long spectra, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", name);
        m.put("counts", Map.of("spectra_rows", spectra));
        m.put("median_s", seconds);
        return m;
    }

    @Test
    void timesEveryStageOfTheTinyMockAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("pipeline.json");
        MockCommandsTest.Outcome o = MockCommandsTest.run("bench", "pipeline", "--workloads", "tiny", "--repeat", "1", "--draws", "200",
                "--data-dir", dir.resolve("data").toString(), "--device", "cpu", "--threads", "2", "--json", json.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("tiny"), o.out());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertTrue(root.path("command").asText().startsWith("ocengine bench pipeline --workloads tiny"), root.path("command").asText());
        JsonNode w = root.path("workloads").get(0);
        assertEquals("tiny", w.path("workload").asText());
        long spectra = w.path("counts").path("spectra_rows").asLong();
        assertTrue(spectra > 1000, "spectra rows " + spectra);
        for (String stage : new String[] {"quality", "xmatch", "combine", "cluster", "write"}) {
            assertTrue(w.path("stage_median_s").path(stage).asDouble(-1) >= 0, stage + " in " + w.path("stage_median_s"));
        }
        double median = w.path("median_s").asDouble();
        assertEquals(spectra / median, w.path("spectra_per_s").asDouble(), 1e-6 * spectra / median);
        assertTrue(w.path("peak_heap_bytes").asLong() > 0);
        // the scratch folders of the runs are gone; only the cached mock remains
        try (var files = Files.list(dir.resolve("data"))) {
            assertEquals(List.of("tiny-seed1-v" + org.ocengine.datasets.mock.MockSurveyGenerator.VERSION), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
