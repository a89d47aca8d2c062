package org.ocengine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ocengine.Versions;
import org.ocengine.compute.BackendUnavailableException;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.CpuBackend;
import org.ocengine.compute.Device;
import org.ocengine.kernels.CudaBackend;
import org.ocengine.kernels.ParityCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocengine check --device cuda}: the GPU against the CPU on fresh random inputs. */
@Command(name = "check",
        header = "Compare the GPU backend with the CPU backend on fresh random inputs.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the CUDA backend and the CPU backend (the reference) on the same fresh random inputs and compares them: "
                    + "the device's Philox4x64-10 words, normal deviates (every ziggurat path), fdlibm exp/log/log1p, normal "
                    + "quantile and degree trigonometry must equal Java's to the bit; the sky match (several sizes, RA 0/360 and "
                    + "the poles, and with device memory capped so that B is cut into bands) must give identical pairs and "
                    + "separations; the grouped Monte-Carlo statistics must agree to 1e-12 relative.",
            "Prints one line per comparison, writes the result as JSON with --out, and exits with 1 if any comparison fails."},
        footerHeading = "%nExample:%n",
        footer = {"  ocengine check --device cuda --out check.json"})
final class CheckCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--device", defaultValue = "cuda", paramLabel = "cuda", description = "The backend to check against the CPU: cuda (the default).")
    String device;

    @Option(names = "--scale", defaultValue = "full", paramLabel = "quick|full",
            description = "Input sizes: full (up to 10^6 x 10^7 positions and 2000 x 100 x 5000 draws, for a GPU; the default) or quick.")
    String scale;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random inputs (default: from the clock, and recorded).")
    Long seed;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "CPU threads for the reference (0: all cores).")
    int threads;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the result as JSON.")
    Path out;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        if (Device.parse(device) != Device.CUDA) {
            throw new IllegalArgumentException("ocengine check compares the CUDA backend with the CPU: use --device cuda");
        }
        ParityCheck.Scale size = switch (scale.strip().toLowerCase(Locale.ROOT)) {
            case "quick" -> ParityCheck.Scale.QUICK;
            case "full" -> ParityCheck.Scale.FULL;
            default -> throw new IllegalArgumentException("unknown scale '" + scale + "' (expected quick or full)");
        };
        long s = seed != null ? seed : System.nanoTime();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ComputeBackend opened = Device.CUDA.open(threads, line -> report.note(err, line));
             CpuBackend cpu = new CpuBackend(threads)) {
            if (!(opened instanceof CudaBackend gpu)) {
                throw new BackendUnavailableException("the cuda backend on the class path is not ocengine's kernels module");
            }
            report.note(err, "checking " + gpu.description() + " against " + cpu.description() + ", seed " + s);
            ParityCheck.Report result = new ParityCheck(gpu, cpu, s, size).run(o -> {
                stdout.printf(Locale.ROOT, "%s  %-52s %-66s GPU %8.3f s  CPU %8.3f s  %s%n", o.passed() ? "PASS" : "FAIL", o.check(), o.size(),
                        o.gpuSeconds(), o.cpuSeconds(), o.detail());
                stdout.flush();
            });
            long failed = result.outcomes().stream().filter(o -> !o.passed()).count();
            stdout.printf(Locale.ROOT, "%s: %d of %d comparisons passed%n", failed == 0 ? "GPU and CPU agree" : "GPU and CPU DISAGREE",
                    result.outcomes().size() - failed, result.outcomes().size());
            if (out != null) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("command", "ocengine " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
                json.put("date", Instant.now().toString());
                json.put("java", Runtime.version().toString());
                json.put("ocengine", Versions.of("ocengine"));
                json.put("passed", result.passed());
                json.put("report", result);
                JsonFiles.write(out, json);
            }
            return failed == 0 ? 0 : 1;
        }
    }
}
