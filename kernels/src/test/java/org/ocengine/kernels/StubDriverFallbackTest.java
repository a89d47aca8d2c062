package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver that is present but finds no GPU: a stub libcuda.so.1, built here with gcc, whose cuInit
 * returns CUDA_ERROR_NO_DEVICE (100), loaded through LD_LIBRARY_PATH by a forked JVM. The CUDA
 * backend must then fail with one line naming the error, and auto must fall back to the CPU.
 */
class StubDriverFallbackTest {

    @Test
    void driverWithoutDeviceFallsBackCleanly(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("stub.c");
        Files.writeString(source, "int cuInit(unsigned int flags) { (void) flags; return 100; /* CUDA_ERROR_NO_DEVICE */ }\n");
        Path lib = dir.resolve("libcuda.so.1");
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-Wl,-soname,libcuda.so.1", "-o", lib.toString(), source.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no gcc to build the stub driver: " + e.getMessage());
            return;
        }
        String gccOut = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(gcc.waitFor() == 0, () -> "gcc could not build the stub driver: " + gccOut);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Djava.io.tmpdir=" + dir);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FallbackProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", dir.toString());
        Process probe = pb.start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        assertEquals(0, probe.exitValue(), out);
        String reason = "no CUDA-capable GPU (cuInit: CUDA_ERROR_NO_DEVICE)";
        assertEquals(List.of("cuda: CUDA backend unavailable: " + reason, "note: device auto: using the CPU (" + reason + ")",
                "auto backend: cpu"), out.strip().lines().toList());
    }
}
