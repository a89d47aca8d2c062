package org.ocengine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.GroupStatistics;
import org.ocengine.compute.GroupedSamples;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.MonteCarloSpec;
import org.ocengine.compute.SkyPositions;
import org.ocengine.fit.Percentiles;
import org.ocengine.io.TableIO;
import org.ocengine.random.DrawKey;
import org.ocengine.table.CanonicalTable;
import org.ocengine.table.CanonicalTables;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ocengine bench}: timings of the heavy operations on given inputs, after a warm-up, repeated,
 * with median and spread, as a table and JSON. The peer script under {@code bench/peers/} runs the
 * same inputs through STILTS, astropy and numpy in the same session.
 */
@Command(name = "bench",
        header = "Time the heavy operations (sky match, grouped Monte-Carlo, ensemble MCMC fits) on given inputs.",
        mixinStandardHelpOptions = true,
        description = {
            "Times one backend operation on inputs read once: a warm-up run, then --repeat timed runs; reports the median, "
                    + "minimum and maximum wall time, throughput, the JVM's peak heap, and writes JSON with --json. "
                    + "Reading inputs is timed separately and not included."},
        subcommands = {BenchCommand.Xmatch.class, BenchCommand.MonteCarlo.class, DeviceBenchCommand.class, BenchMcmc.class,
                PipelineBenchCommand.class, OrbitsBenchCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every benchmark takes. */
    static final class Common {
        @Option(names = "--repeat", defaultValue = "5", paramLabel = "N", description = "Timed runs after the warm-up (default: ${DEFAULT-VALUE}).")
        int repeat;

        @Mixin
        BackendOptions backend;

        @Mixin
        ReportOptions report;

        @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON.")
        Path json;
    }

    /** Runs the warm-up and the timed repeats; returns the seconds of each timed run. */
    static double[] time(int repeat, LongSupplier run, ReportOptions report, PrintWriter err) {
        run.getAsLong();
        double[] seconds = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            run.getAsLong();
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            report.note(err, String.format(Locale.ROOT, "run %d of %d: %.3f s", r + 1, repeat, seconds[r]));
        }
        return seconds;
    }

    static Map<String, Object> summary(String operation, ComputeBackend backend, double[] seconds, double work, String workUnit,
                                       double readSeconds, Map<String, Object> extra) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = median(seconds);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operation", operation);
        m.put("backend", backend.description());
        m.put("seconds", seconds);
        m.put("median_s", median);
        m.put("min_s", sorted[0]);
        m.put("max_s", sorted[sorted.length - 1]);
        m.put("throughput_per_s", work / median);
        m.put("throughput_unit", workUnit + "/s");
        m.put("read_s", readSeconds);
        m.put("peak_heap_bytes", peakHeap());
        m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        m.put("java", Runtime.version().toString());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.putAll(extra);
        return m;
    }

    /** The median of x (the mean of the middle two for an even count). */
    static double median(double[] x) {
        return Percentiles.ofInPlace(x.clone(), 50)[0];
    }

    /** The JVM's peak heap in use (all heap pools, garbage included) since start or the pools' last reset, bytes. */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    static void report(Map<String, Object> result, Path json, PrintWriter out) throws java.io.IOException {
        out.printf(Locale.ROOT, "%s on %s: median %.3f s (min %.3f, max %.3f over %d runs), %.4g %s; inputs read in %.2f s; peak heap %.0f MiB%n",
                result.get("operation"), result.get("backend"), result.get("median_s"), result.get("min_s"), result.get("max_s"),
                ((double[]) result.get("seconds")).length, result.get("throughput_per_s"), result.get("throughput_unit"),
                result.get("read_s"), ((Long) result.get("peak_heap_bytes")) / 1048576.0);
        if (json != null) {
            Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
            Files.writeString(tmp, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result) + "\n");
            Files.move(tmp, json, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** {@code ocengine bench xmatch A B}. */
    @Command(name = "xmatch", mixinStandardHelpOptions = true,
            description = "Time the exact all-pairs sky match of A against B (positions only; the same work as astropy's search_around_sky).")
    static final class Xmatch implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Common common;

        @Parameters(index = "0", paramLabel = "A")
        Path a;

        @Parameters(index = "1", paramLabel = "B")
        Path b;

        @Option(names = "--radius", defaultValue = "3.5", paramLabel = "ARCSEC", description = "Radius in arcsec (default: ${DEFAULT-VALUE}).")
        double radius;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            try (RootAllocator alloc = new RootAllocator();
                 ComputeBackend backend = common.backend.open(common.report, err)) {
                long t0 = System.nanoTime();
                try (CanonicalTable ta = positions(a, alloc); CanonicalTable tb = positions(b, alloc)) {
                    double read = (System.nanoTime() - t0) / 1e9;
                    SkyPositions pa = new SkyPositions((org.apache.arrow.vector.Float8Vector) ta.table().vector(Columns.RA.name()),
                            (org.apache.arrow.vector.Float8Vector) ta.table().vector(Columns.DEC.name()));
                    SkyPositions pb = new SkyPositions((org.apache.arrow.vector.Float8Vector) tb.table().vector(Columns.RA.name()),
                            (org.apache.arrow.vector.Float8Vector) tb.table().vector(Columns.DEC.name()));
                    long[] pairs = new long[1];
                    double[] seconds = time(common.repeat, () -> {
                        MatchPairs p = backend.skyMatch(pa, pb, radius);
                        pairs[0] = p.size();
                        return p.size();
                    }, common.report, err);
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("a", a.toString());
                    extra.put("b", b.toString());
                    extra.put("a_rows", pa.size());
                    extra.put("b_rows", pb.size());
                    extra.put("radius_arcsec", radius);
                    extra.put("pairs", pairs[0]);
                    report(summary("sky match", backend, seconds, pa.size(), "A rows", read, extra), common.json, spec.commandLine().getOut());
                }
            }
            return 0;
        }

        private static CanonicalTable positions(Path path, RootAllocator alloc) throws java.io.IOException {
            try (Table raw = TableIO.read(path, alloc)) {
                CanonicalTables.requireColumns(raw, Columns.RA, Columns.DEC);
                return CanonicalTables.toCanonical(raw, Map.of(), alloc);
            }
        }
    }

    /** {@code ocengine bench montecarlo --input F}. */
    @Command(name = "montecarlo", mixinStandardHelpOptions = true,
            description = {
                "Time the grouped Monte-Carlo of SPEC.md 5 (per group: mean and std of the per-draw means, median and std of "
                        + "the per-draw medians, pooled dispersion) on a table with columns group, value, error (one row per "
                        + "star, rows of a group together), the same work as bench/peers/mc_numpy.py.",
                "With --out, the per-group statistics of the last run are written as CSV for agreement checks."})
    static final class MonteCarlo implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--input", required = true, paramLabel = "FILE", description = "Table with columns group, value, error.")
        Path input;

        @Option(names = "--draws", defaultValue = "5000", paramLabel = "N", description = "Realisations per group (default: ${DEFAULT-VALUE}).")
        int draws;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the per-group statistics (CSV).")
        Path out;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            try (RootAllocator alloc = new RootAllocator();
                 ComputeBackend backend = common.backend.open(common.report, err)) {
                long t0 = System.nanoTime();
                GroupedSamples samples;
                List<String> names = new ArrayList<>();
                try (Table t = TableIO.read(input, alloc)) {
                    samples = grouped(t, names);
                }
                double read = (System.nanoTime() - t0) / 1e9;
                MonteCarloSpec mc = new MonteCarloSpec(seed, 0, draws);
                GroupStatistics[] last = new GroupStatistics[1];
                double[] seconds = time(common.repeat, () -> {
                    last[0] = backend.groupedMonteCarlo(samples, mc);
                    return last[0].groupCount();
                }, common.report, err);
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("input", input.toString());
                extra.put("groups", samples.groupCount());
                extra.put("stars", samples.starCount());
                extra.put("draws", draws);
                extra.put("normal_draws", (double) samples.starCount() * draws);
                report(summary("grouped Monte-Carlo", backend, seconds, (double) samples.starCount() * draws, "draws", read, extra),
                        common.json, spec.commandLine().getOut());
                if (out != null) {
                    StringBuilder sb = new StringBuilder("group,mean,mean_std,median,median_std,dispersion\n");
                    GroupStatistics s = last[0];
                    for (int g = 0; g < s.groupCount(); g++) {
                        sb.append(String.format(Locale.ROOT, "%s,%.17g,%.17g,%.17g,%.17g,%.17g%n", names.get(g), s.mean()[g],
                                s.meanStd()[g], s.median()[g], s.medianStd()[g], s.dispersion()[g]));
                    }
                    Files.writeString(out, sb.toString());
                }
            }
            return 0;
        }

        /** Groups consecutive rows with the same group name. */
        private static GroupedSamples grouped(Table t, List<String> names) {
            String[] group = t.strings("group");
            double[] value = t.doubles("value");
            double[] error = t.doubles("error");
            int n = group.length;
            int[] ordinal = new int[n];
            List<Integer> starts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i == 0 || !group[i].equals(group[i - 1])) {
                    starts.add(i);
                    names.add(group[i]);
                }
                ordinal[i] = i - starts.get(starts.size() - 1);
            }
            int[] offsets = new int[starts.size() + 1];
            long[] keys = new long[starts.size()];
            for (int g = 0; g < starts.size(); g++) {
                offsets[g] = starts.get(g);
                keys[g] = DrawKey.groupKey(names.get(g));
            }
            offsets[starts.size()] = n;
            return new GroupedSamples(value, error, ordinal, offsets, keys);
        }
    }
}
