package org.ocengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.kernels.DeviceReport;

/**
 * {@code ocengine device}, {@code check} and {@code bench device} on a machine without the NVIDIA
 * driver (CI, this workstation): one line saying why, exit code 69; {@code --device auto} runs on
 * the CPU after a one-line note.
 */
class GpuCommandsWithoutGpuTest {

    static final String REASON = "no NVIDIA driver: libcuda.so.1 could not be loaded";

    @BeforeAll
    static void noDriverHere() {
        String reason = DeviceReport.probe().reason();
        assumeTrue(REASON.equals(reason), () -> "this machine has an NVIDIA driver (" + reason + ")");
    }

    private static void assertOneLine(BadInputTest.Outcome o, int code, String line) {
        assertEquals(code, o.code(), o.err());
        assertEquals(line, o.err().strip());
    }

    @Test
    void deviceSaysWhyThereIsNone() {
        BadInputTest.Outcome o = BadInputTest.run("device");
        assertOneLine(o, 69, "ocengine: no usable GPU: " + REASON);
        assertTrue(o.out().startsWith("kernels: "), o.out());
    }

    @Test
    void checkNeedsTheGpu() {
        assertOneLine(BadInputTest.run("check", "--device", "cuda"), 69, "ocengine: CUDA backend unavailable: " + REASON);
        assertOneLine(BadInputTest.run("check", "--device", "cpu"), 2,
                "ocengine: ocengine check compares the CUDA backend with the CPU: use --device cuda");
    }

    @Test
    void benchDeviceNeedsTheGpu() {
        assertOneLine(BadInputTest.run("bench", "device", "--a-rows", "10", "--b-rows", "10"), 69,
                "ocengine: CUDA backend unavailable: " + REASON);
    }

    @Test
    void benchThroughTheBackendFallsBackUnderAuto(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("mc.csv");
        Files.writeString(input, "group,value,error\nA,1.0,0.5\nA,2.0,0.5\nB,3.0,1.0\n");
        BadInputTest.Outcome cuda = BadInputTest.run("bench", "montecarlo", "--input", input.toString(), "--draws", "50", "--repeat", "1",
                "--device", "cuda");
        assertOneLine(cuda, 69, "ocengine: CUDA backend unavailable: " + REASON);
        BadInputTest.Outcome auto = BadInputTest.run("bench", "montecarlo", "--input", input.toString(), "--draws", "50", "--repeat", "1",
                "--device", "auto");
        assertEquals(0, auto.code(), auto.err());
        assertTrue(auto.err().lines().anyMatch(l -> l.equals("ocengine: device auto: using the CPU (" + REASON + ")")), auto.err());
        assertTrue(auto.out().contains("grouped Monte-Carlo on CPU"), auto.out());
    }
}
