package org.ocengine.datasets.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The survey preset streams: a scaled-down survey (its densities over ten 1-degree fields, 450,000
 * Gaia sources) is generated in a forked JVM with a 64 MB heap and an Arrow allocator limited to
 * 64 MB. Kept in memory its stars alone would need about 120 MB of heap (34 numbers per star) and its
 * Gaia columns 40 MB of Arrow buffers; the run succeeds and its Arrow peak stays at a few batches.
 */
class StreamingTest {

    @Test
    void scaledDownSurveyFitsASmallHeap(@TempDir Path dir) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.add("-XX:MaxDirectMemorySize=64m");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--enable-native-access") || a.startsWith("--sun-misc-unsafe-memory-access")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(StreamingProbe.class.getName());
        cmd.add(dir.resolve("survey").toString());
        cmd.add("10");
        cmd.add("1.0");
        cmd.add("64");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "the forked generator finished");
        assertEquals(0, p.exitValue(), out);
        Map<String, Long> v = new HashMap<>();
        for (String kv : out.lines().filter(l -> l.startsWith("rows=")).findFirst().orElseThrow().split(" ")) {
            String[] parts = kv.split("=");
            v.put(parts[0], Long.parseLong(parts[1]));
        }
        long rows = v.get("rows");
        assertTrue(rows > 400_000, "Gaia rows " + rows);
        long heldStars = rows * 34 * 8;
        long arrowGaia = rows * 11 * 8;
        assertTrue(heldStars > (64L << 20), "the stars would not fit the heap at once: " + heldStars + " bytes; " + v);
        assertTrue(v.get("peak_arrow") < arrowGaia / 3, "Arrow peak " + v.get("peak_arrow") + " against " + arrowGaia
                + " bytes of Gaia columns: batches are written, not kept; " + v);
    }
}
