package org.ocengine.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
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
import org.ocengine.kernels.DeviceBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocengine bench device}: the GPU benchmarks of issues 5 and 8, GPU and CPU in the same run. */
@Command(name = "device",
        mixinStandardHelpOptions = true,
        description = {
            "The GPU benchmarks on generated inputs, each also run on the CPU backend in the same process: the sky match of a mock "
                    + "survey (default 10^7 spectra x 10^8 sources at 3.5 arcsec, timed as whole backend calls, so the copies "
                    + "and the assembly of the pairs are included) and the grouped Monte-Carlo (default 2000 groups x 100 stars x "
                    + "5000 draws with exact medians), and batched ensemble MCMC (default 1000 quadratic fits x 400 points, 300 "
                    + "walkers x 10,000 steps; the first --cpu-fits of them also on the CPU) and batched orbits (default 10^6 orbits 500 Myr "
                    + "back in McMillan17, 4th-order symplectic at 0.1 Myr; the first --cpu-orbits also on the CPU). Reports the times, the agreement of the two backends, the measured copy "
                    + "bandwidths and the floors computed from the bytes moved and the Philox work. Needs a GPU; give the JVM "
                    + "room (-Xmx) for the CPU run at the default sizes (about 16 GB)."},
        footerHeading = "%nExample (on the lent GPU machine, see bench/gpu/README.md):%n",
        footer = {"  java -Xmx64g -jar ocengine.jar bench device --part sky-mc --json bench-device.json",
            "  java -Xmx64g -jar ocengine.jar bench device --part mcmc --json bench-mcmc.json",
            "  java -Xmx64g -jar ocengine.jar bench device --part orbits --json bench-orbits.json"})
final class DeviceBenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--a-rows", defaultValue = "10000000", paramLabel = "N", description = "Sky match: rows of A, the spectra (default: ${DEFAULT-VALUE}).")
    int aRows;

    @Option(names = "--b-rows", defaultValue = "100000000", paramLabel = "N", description = "Sky match: rows of B, the sources (default: ${DEFAULT-VALUE}).")
    int bRows;

    @Option(names = "--radius", defaultValue = "3.5", paramLabel = "ARCSEC", description = "Match radius (default: ${DEFAULT-VALUE}).")
    double radius;

    @Option(names = "--groups", defaultValue = "2000", paramLabel = "N", description = "Monte-Carlo groups (default: ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--stars", defaultValue = "100", paramLabel = "N", description = "Stars per group (default: ${DEFAULT-VALUE}).")
    int stars;

    @Option(names = "--draws", defaultValue = "5000", paramLabel = "N", description = "Draws per group (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--fits", defaultValue = "1000", paramLabel = "N",
            description = "Ensemble MCMC: quadratic fits (0 skips the MCMC benchmark; default: ${DEFAULT-VALUE}).")
    int fits;

    @Option(names = "--walkers", defaultValue = "300", paramLabel = "N", description = "Walkers per fit (default: ${DEFAULT-VALUE}).")
    int walkers;

    @Option(names = "--steps", defaultValue = "10000", paramLabel = "N",
            description = "Steps per walker, a fifth discarded (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--points", defaultValue = "400", paramLabel = "N", description = "Stars per fit (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--cpu-fits", defaultValue = "50", paramLabel = "N",
            description = "The first N fits also run on the CPU backend and are compared (default: ${DEFAULT-VALUE}).")
    int cpuFits;

    @Option(names = "--orbits", defaultValue = "1000000", paramLabel = "N",
            description = "Orbits integrated 500 Myr back in McMillan17 (0 skips the orbit benchmark; default: ${DEFAULT-VALUE}).")
    int orbits;

    @Option(names = "--orbit-integrator", defaultValue = "symplectic4", paramLabel = "NAME",
            description = "leapfrog, symplectic4 or dop853 (default: ${DEFAULT-VALUE}).")
    String orbitIntegrator;

    @Option(names = "--orbit-step", defaultValue = "0.1", paramLabel = "MYR", description = "Symplectic step (default: ${DEFAULT-VALUE}).")
    double orbitStep;

    @Option(names = "--cpu-orbits", defaultValue = "2000", paramLabel = "N",
            description = "The first N orbits also run on the CPU backend and are compared (default: ${DEFAULT-VALUE}).")
    int cpuOrbits;

    @Option(names = "--part", defaultValue = "all", paramLabel = "PART",
            description = "Which benchmarks: all, sky-mc (sky match and Monte-Carlo), mcmc or orbits (default: ${DEFAULT-VALUE}).")
    String part;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Timed GPU runs after a warm-up (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--cpu-repeat", defaultValue = "1", paramLabel = "N",
            description = "Timed CPU runs after a warm-up on a tenth of the input (default: ${DEFAULT-VALUE}).")
    int cpuRepeat;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the generated inputs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "CPU threads (0: all cores).")
    int threads;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON.")
    Path json;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ComputeBackend opened = Device.CUDA.open(threads, line -> report.note(err, line));
             CpuBackend cpu = new CpuBackend(threads)) {
            if (!(opened instanceof CudaBackend gpu)) {
                throw new BackendUnavailableException("the cuda backend on the class path is not ocengine's kernels module");
            }
            DeviceBenchmark.Hardware hardware = gpu.hardware(1L << 30);
            report.note(err, String.format(Locale.ROOT, "%s; copies: %.1f GB/s to the device (pageable), %.1f (pinned), %.1f back, %.1f device to device",
                    hardware.description(), hardware.bandwidth().hostToDevicePageable() / 1e9, hardware.bandwidth().hostToDevicePinned() / 1e9,
                    hardware.bandwidth().deviceToHost() / 1e9, hardware.bandwidth().deviceToDevice() / 1e9));
            DeviceBenchmark.Sizes sizes = new DeviceBenchmark.Sizes(aRows, bRows, radius, groups, stars, draws, repeat, cpuRepeat);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("command", "ocengine bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
            result.put("date", Instant.now().toString());
            result.put("host", InetAddress.getLocalHost().getHostName());
            result.put("cores", Runtime.getRuntime().availableProcessors());
            result.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
            result.put("java", Runtime.version().toString());
            result.put("ocengine", Versions.of("ocengine"));
            if (!java.util.List.of("all", "sky-mc", "mcmc", "orbits").contains(part)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--part must be all, sky-mc, mcmc or orbits, not " + part);
            }
            if (part.equals("all") || part.equals("sky-mc")) {
                result.putAll(DeviceBenchmark.run(gpu, cpu, sizes, hardware, seed, line -> report.note(err, line)));
            }
            if ((part.equals("all") || part.equals("mcmc")) && fits > 0) {
                result.put("ensemble_mcmc", DeviceBenchmark.ensembleFits(gpu, cpu,
                        new DeviceBenchmark.FitSizes(fits, walkers, steps, points, cpuFits, repeat), hardware, seed, line -> report.note(err, line)));
            }
            if ((part.equals("all") || part.equals("orbits")) && orbits > 0) {
                result.put("orbits", DeviceBenchmark.orbits(gpu, cpu, new DeviceBenchmark.OrbitSizes(orbits, 500, orbitStep,
                        org.ocengine.compute.OrbitIntegrator.parse(orbitIntegrator), cpuOrbits, repeat), hardware, seed, line -> report.note(err, line)));
            }
            summarise(out, result);
            if (json != null) {
                JsonFiles.write(json, result);
            }
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void summarise(PrintWriter out, Map<String, Object> result) {
        Map<String, Object> fit = (Map<String, Object>) result.get("ensemble_mcmc");
        if (fit != null) {
            out.printf(Locale.ROOT, "ensemble MCMC %d fits x %d walkers x %d steps: GPU %.3f s, CPU %.3f s per fit (%.1fx extrapolated), "
                            + "first %d fits identical: %s; floor %.4f s, measured %.1fx the floor%n", fit.get("fits"), fit.get("walkers"),
                    fit.get("steps"), fit.get("gpu_median_s"), fit.get("cpu_seconds_per_fit"), fit.get("speedup_vs_cpu"), fit.get("cpu_fits"),
                    fit.get("identical_to_cpu"), Math.max((Double) fit.get("floor_integer_s"), Math.max((Double) fit.get("floor_fp64_s"),
                            (Double) fit.get("floor_device_memory_s"))), fit.get("measured_over_floor"));
        }
        Map<String, Object> orbit = (Map<String, Object>) result.get("orbits");
        if (orbit != null) {
            out.printf(Locale.ROOT, "orbits %d x %s Myr (%s, %s Myr steps) in McMillan17: GPU %.3f s, CPU %.4f s per orbit (%.1fx extrapolated), "
                            + "first %d agree: %s; floor %.3f s, measured %.1fx the floor%n", orbit.get("orbits"), orbit.get("duration_myr"),
                    orbit.get("integrator"), orbit.get("step_myr"), orbit.get("gpu_median_s"), orbit.get("cpu_seconds_per_orbit"),
                    orbit.get("speedup_vs_cpu"), orbit.get("cpu_orbits"), orbit.get("agree_with_cpu"), orbit.get("floor_fp64_s"),
                    orbit.get("measured_over_floor"));
        }
        Map<String, Object> sky = (Map<String, Object>) result.get("sky_match");
        Map<String, Object> mc = (Map<String, Object>) result.get("monte_carlo");
        if (sky == null) {
            return;
        }
        out.printf(Locale.ROOT, "sky match %d x %d: GPU %.3f s, CPU %.3f s (%.1fx), %d pairs, identical: %s; floor %.3f s (transfers, pinned), "
                        + "measured %.1fx the floor%n", sky.get("a_rows"), sky.get("b_rows"), sky.get("gpu_median_s"), sky.get("cpu_median_s"),
                sky.get("speedup_vs_cpu"), sky.get("pairs"), sky.get("identical_to_cpu"), sky.get("floor_transfer_pinned_s"),
                sky.get("measured_over_floor"));
        out.printf(Locale.ROOT, "Monte-Carlo %d x %d x %d: GPU %.3f s, CPU %.3f s (%.1fx), largest relative difference %.2g; compute floor %.4f s, "
                        + "measured %.1fx the floor%n", mc.get("groups"), ((Number) mc.get("stars")).longValue() / ((Number) mc.get("groups")).intValue(),
                mc.get("draws"), mc.get("gpu_median_s"), mc.get("cpu_median_s"), mc.get("speedup_vs_cpu"),
                mc.get("largest_relative_difference_vs_cpu"), mc.get("floor_compute_s"), mc.get("measured_over_floor"));
    }
}
