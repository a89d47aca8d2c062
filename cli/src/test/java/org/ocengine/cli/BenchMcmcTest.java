package org.ocengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocengine bench mcmc} on a tiny input (3 fits of 50 points, 16 walkers x 200 steps): JSON and per-fit CSV. */
class BenchMcmcTest {

    @Test
    void timesTheFitsAndWritesTheirPercentiles(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("fit,x,y,err\n");
        for (int f = 0; f < 3; f++) {
            for (int i = 0; i < 50; i++) {
                double x = 6 + 0.28 * i;
                sb.append(String.format(Locale.ROOT, "fit%d,%.3f,%.5f,0.05%n", f, x, 0.002 * x * x - 0.1 * x + 0.5 + 0.03 * Math.sin(i + f)));
            }
        }
        Path input = dir.resolve("in.csv");
        Files.writeString(input, sb.toString());
        GradientsCommandTest.Outcome o = GradientsCommandTest.run("bench", "mcmc", "--input", input.toString(), "--fits", "2",
                "--walkers", "16", "--steps", "200", "--discard", "50", "--repeat", "1", "--device", "cpu",
                "--json", dir.resolve("r.json").toString(), "--out", dir.resolve("p.csv").toString());
        assertEquals(0, o.code(), o.err());
        String json = Files.readString(dir.resolve("r.json"));
        assertTrue(json.contains("\"operation\" : \"ensemble MCMC fits\"") && json.contains("\"fits\" : 2"), json);
        List<String> rows = Files.readAllLines(dir.resolve("p.csv"));
        assertEquals(1 + 2 * 3, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("fit0,a,"), rows.get(1));
        GradientsCommandTest.Outcome bad = GradientsCommandTest.run("bench", "mcmc", "--input", input.toString(), "--fits", "4",
                "--repeat", "1", "--device", "cpu");
        assertEquals(2, bad.code(), bad.err());
    }
}
