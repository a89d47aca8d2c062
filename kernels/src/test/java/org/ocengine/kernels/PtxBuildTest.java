package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PTX in the build: every kernel source compiled for every target (the build ran ptxas on
 * each), the sm_90 files accepted by ptxas again here with their register use and spills reported,
 * every kernel the Java side launches present; and a build without nvcc succeeds, saying why there
 * is no PTX.
 */
class PtxBuildTest {

    private static String ptxas() {
        for (String candidate : new String[] {System.getenv("CUDA_HOME") == null ? null : System.getenv("CUDA_HOME") + "/bin/ptxas",
            "/usr/local/cuda/bin/ptxas"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "ptxas"))) {
                return Path.of(dir, "ptxas").toString();
            }
        }
        return null;
    }

    @Test
    void everyPtxFilePassesPtxasAndHoldsItsKernels() throws Exception {
        PtxResources ptx = PtxResources.load();
        assumeTrue(ptx.available(), () -> "this build has no PTX: " + ptx.reason());
        String ptxas = ptxas();
        assumeTrue(ptxas != null, "no ptxas (CUDA toolkit) to check the PTX with");
        assertEquals(List.of("sm_90", "compute_75"), ptx.targets());
        StringBuilder allSm90 = new StringBuilder();
        for (String target : ptx.targets()) {
            for (String module : ptx.modules()) {
                byte[] text = ptx.ptx(target, module);
                assertEquals(0, text[text.length - 1], "NUL-terminated for cuModuleLoadData");
                String source = new String(text, 0, text.length - 1, StandardCharsets.US_ASCII);
                assertTrue(source.contains(".target " + target.replace("compute_", "sm_")), module + " for " + target);
                if (!target.equals("sm_90")) {
                    continue; // build-ptx.sh has run ptxas on every target; here the Hopper code is checked again, with its report
                }
                Path file = Files.createTempFile(module, ".ptx");
                try {
                    Files.writeString(file, source);
                    Process p = new ProcessBuilder(ptxas, "-arch=" + target.replace("compute_", "sm_"), "-v", "-o", "/dev/null", file.toString())
                            .redirectErrorStream(true).start();
                    String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertEquals(0, p.waitFor(), report);
                    allSm90.append(source);
                    System.out.println("ptxas " + target + " " + module + ":\n" + report.lines().filter(l -> l.contains("registers")
                            || l.contains("spill") || l.contains("Compiling entry")).reduce("", (x, y) -> x + "  " + y.strip() + "\n"));
                } finally {
                    Files.delete(file);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String kernel : Kernels.NAMES) {
            if (!allSm90.toString().contains(".entry " + kernel + "(")) {
                missing.add(kernel);
            }
        }
        assertEquals(List.of(), missing, "kernels launched from Java but absent from the PTX");
    }

    @Test
    void withoutNvccTheBuildSucceedsAndRecordsWhy(@TempDir Path out) throws Exception {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", "src/main/cuda/build-ptx.sh", "src/main/cuda", out.toString()).redirectErrorStream(true);
            pb.environment().put("OCENGINE_NVCC", "none");
            p = pb.start();
        } catch (IOException e) {
            assumeTrue(false, "no bash: " + e.getMessage());
            return;
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        Properties manifest = new Properties();
        try (Reader r = Files.newBufferedReader(out.resolve("ptx.properties"))) {
            manifest.load(r);
        }
        PtxResources ptx = PtxResources.of(manifest);
        assertFalse(ptx.available());
        assertTrue(ptx.reason().contains("without the CUDA compiler (nvcc not found"), ptx.reason());
        assertFalse(Files.exists(out.resolve("sm_90")));
    }
}
