package org.ocengine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ocengine.datasets.mock.MockPreset;
import org.ocengine.datasets.recovery.MockDemo;
import org.ocengine.pipeline.ClusterRun;
import org.ocengine.pipeline.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ocengine bench pipeline}: the whole cluster run (read, quality cuts, member cross-match,
 * combination, Monte-Carlo, write) timed end to end on mock-survey workloads of growing size, with
 * each stage's time from the run's manifest, throughputs, the JVM's peak heap per workload and how the
 * time grows with the number of spectra. Mock surveys are generated once into a cache folder and
 * reused; their generation is not timed.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Time the whole cluster run, stage by stage, on mock surveys of several sizes.",
        description = {
            "For each workload: the mock survey is generated into --data-dir (or reused from there; not timed), then the demo's "
                    + "cluster run (member route, 3.5 arcsec, --draws realisations) runs once as warm-up and --repeat times timed, "
                    + "each into a scratch folder that is deleted afterwards. Reports per workload the median, minimum and maximum "
                    + "wall time, the median time of every stage (from the run's manifest), spectra/s, match pairs/s, "
                    + "member-star draws/s of the cluster stage, the peak heap in use during the workload (garbage included) and, "
                    + "between successive sizes of one preset (survey:N), the exponent k of time ~ spectra^k.",
            "",
            "Workloads: tiny, default, survey (10^7 spectra: needs a large heap and disk), or survey:N, the survey preset cut to "
                    + "N open-cluster fields and max(1, N/18) time-domain fields (about 24,000 spectra and 330,000 Gaia-like "
                    + "sources per field)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ocengine bench pipeline",
            "  ocengine bench pipeline --workloads tiny,default,survey:20,survey:40 --repeat 3 --json bench/results/pipeline.json"})
final class PipelineBenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--workloads", defaultValue = "tiny,default", split = ",", paramLabel = "W",
            description = "Comma-separated workloads (default: ${DEFAULT-VALUE}).")
    List<String> workloads;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Timed runs per workload after the warm-up (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the mock surveys and the runs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--draws", defaultValue = "5000", paramLabel = "N", description = "Monte-Carlo realisations per cluster (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--data-dir", defaultValue = "out/bench-data", paramLabel = "DIR",
            description = "Cache of generated mock surveys (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|always|never",
            description = "Progress bars on standard error while generating (auto: when it is a terminal).")
    String progress;

    @Mixin
    BackendOptions backend;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1");
        }
        List<MockPreset> presets = new ArrayList<>();
        for (String w : workloads) {
            presets.add(workload(w));
        }
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> results = new ArrayList<>();
        for (MockPreset preset : presets) {
            results.add(measure(preset, err));
        }
        addGrowth(results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "ocengine bench pipeline");
        root.put("command", "ocengine " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        root.put("date", Instant.now().toString());
        root.put("device", backend.device);
        root.put("threads", backend.threads);
        root.put("seed", seed);
        root.put("draws", draws);
        root.put("repeat", repeat);
        root.put("java", Runtime.version().toString());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        root.put("workloads", results);
        print(results, spec.commandLine().getOut());
        if (json != null) {
            Path tmp = json.toAbsolutePath().resolveSibling("." + json.getFileName() + ".part");
            Files.writeString(tmp, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
            Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return 0;
    }

    /** A workload name as a mock preset: a preset name, or {@code survey:N}. */
    static MockPreset workload(String name) {
        String w = name.strip();
        int colon = w.indexOf(':');
        if (colon < 0) {
            return MockPreset.named(w);
        }
        MockPreset base = MockPreset.named(w.substring(0, colon));
        int fields;
        try {
            fields = Integer.parseInt(w.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("workload '" + name + "': expected <preset>:<open-cluster fields>, e.g. survey:20");
        }
        if (fields < 1) {
            throw new IllegalArgumentException("workload '" + name + "': needs at least one field");
        }
        int td = Math.max(1, Math.round(fields * (float) base.tdFields() / base.ocFields()));
        return base.withFields(fields, td);
    }

    private Map<String, Object> measure(MockPreset preset, PrintWriter err) throws Exception {
        Progress bars = ConsoleProgress.of(progress);
        MockDemo.PreparedSurvey survey = MockDemo.prepare(preset, seed, dataDir, false, backend.threads, bars,
                line -> report.note(err, line));
        resetPeakHeap();
        double[] seconds = new double[repeat];
        List<Map<String, Double>> stageRuns = new ArrayList<>();
        Map<String, Long> counts = Map.of();
        for (int r = -1; r < repeat; r++) {
            Path scratch = Files.createTempDirectory(dataDir.toAbsolutePath(), "bench-run-");
            Path out = scratch.resolve("out");
            try {
                long t0 = System.nanoTime();
                ClusterRun.Summary s = ClusterRun.run(MockDemo.runConfig(survey.files(), seed, draws, backend.parsed(), backend.threads),
                        out, Progress.NONE, line -> { });
                double t = (System.nanoTime() - t0) / 1e9;
                if (r >= 0) {
                    seconds[r] = t;
                    stageRuns.add(stageTimes(out.resolve("manifest.json")));
                    counts = s.counts();
                    report.note(err, String.format(Locale.ROOT, "%s: run %d of %d: %.2f s", preset.name(), r + 1, repeat, t));
                } else {
                    report.note(err, String.format(Locale.ROOT, "%s: warm-up run: %.2f s", preset.name(), t));
                }
            } finally {
                deleteTree(scratch);
            }
        }
        double median = BenchCommand.median(seconds);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", preset.name());
        m.put("mock_dir", MockDemo.cacheFolder(dataDir, preset, seed).toString());
        m.put("counts", counts);
        m.put("seconds", seconds);
        m.put("median_s", median);
        m.put("min_s", Arrays.stream(seconds).min().orElseThrow());
        m.put("max_s", Arrays.stream(seconds).max().orElseThrow());
        Map<String, Double> stages = medianStages(stageRuns);
        m.put("stage_median_s", stages);
        long spectra = counts.getOrDefault("spectra_rows", 0L);
        m.put("spectra_per_s", spectra / median);
        Double xmatch = stages.get("xmatch");
        if (xmatch != null && xmatch > 0) {
            m.put("members_rows_per_s_xmatch", counts.getOrDefault("members_rows", 0L) / xmatch);
            m.put("pairs_per_s_xmatch", counts.getOrDefault("match_pairs", 0L) / xmatch);
        }
        Double cluster = stages.get("cluster");
        if (cluster != null && cluster > 0) {
            m.put("member_draws_per_s_cluster", (double) counts.getOrDefault("member_stars", 0L) * draws / cluster);
        }
        m.put("peak_heap_bytes", BenchCommand.peakHeap());
        return m;
    }

    /**
     * Adds to each workload the exponent k of time ~ spectra^k relative to the next smaller workload of
     * the same preset family ({@code survey:5} and {@code survey:20} are one family; {@code tiny} and
     * {@code default} differ in make-up, not only in size, so they are not compared).
     */
    static void addGrowth(List<Map<String, Object>> results) {
        List<Map<String, Object>> bySize = new ArrayList<>(results);
        bySize.sort(Comparator.comparingLong(PipelineBenchCommand::spectra));
        for (int i = 0; i < bySize.size(); i++) {
            Map<String, Object> b = bySize.get(i);
            for (int j = i - 1; j >= 0; j--) {
                Map<String, Object> a = bySize.get(j);
                double ratio = (double) spectra(b) / spectra(a);
                if (family(a).equals(family(b)) && ratio > 1.05) {
                    double k = Math.log((double) b.get("median_s") / (double) a.get("median_s")) / Math.log(ratio);
                    b.put("growth_exponent_vs_" + a.get("workload"), k);
                    break;
                }
            }
        }
    }

    /** The preset a workload was cut from: the name up to the first '-' ({@code survey-20oc1td} is a {@code survey}). */
    private static String family(Map<String, Object> workload) {
        String name = (String) workload.get("workload");
        int dash = name.indexOf('-');
        return dash < 0 ? name : name.substring(0, dash);
    }

    @SuppressWarnings("unchecked")
    private static long spectra(Map<String, Object> workload) {
        return ((Map<String, Long>) workload.get("counts")).getOrDefault("spectra_rows", 0L);
    }

    @SuppressWarnings("unchecked")
    private static void print(List<Map<String, Object>> results, PrintWriter out) {
        Set<String> stageNames = new LinkedHashSet<>();
        for (Map<String, Object> r : results) {
            stageNames.addAll(((Map<String, Double>) r.get("stage_median_s")).keySet());
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-22s %10s %10s %7s %22s %11s", "workload", "spectra",
                "members", "clusters", "run s (min-max)", "spectra/s"));
        for (String s : stageNames) {
            head.append(String.format(Locale.ROOT, " %9s", abbreviate(s)));
        }
        head.append(String.format(Locale.ROOT, " %12s %9s %6s", "draws/s", "heap MiB", "k"));
        out.println(head);
        for (Map<String, Object> r : results) {
            Map<String, Long> c = (Map<String, Long>) r.get("counts");
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s %10d %10d %7d %8.2f (%5.2f-%5.2f) %11.4g",
                    r.get("workload"), c.getOrDefault("spectra_rows", 0L), c.getOrDefault("members_rows", 0L),
                    c.getOrDefault("clusters", 0L), r.get("median_s"), r.get("min_s"), r.get("max_s"), r.get("spectra_per_s")));
            Map<String, Double> st = (Map<String, Double>) r.get("stage_median_s");
            for (String s : stageNames) {
                Double v = st.get(s);
                line.append(v == null ? String.format(Locale.ROOT, " %9s", "-") : String.format(Locale.ROOT, " %9.3f", v));
            }
            Object draws = r.get("member_draws_per_s_cluster");
            line.append(draws == null ? String.format(Locale.ROOT, " %12s", "-") : String.format(Locale.ROOT, " %12.4g", (Double) draws));
            line.append(String.format(Locale.ROOT, " %9.0f", ((Long) r.get("peak_heap_bytes")) / 1048576.0));
            Object k = r.entrySet().stream().filter(e -> e.getKey().startsWith("growth_exponent")).map(Map.Entry::getValue).findFirst()
                    .orElse(null);
            line.append(k == null ? String.format(Locale.ROOT, " %6s", "-") : String.format(Locale.ROOT, " %6.2f", (Double) k));
            out.println(line);
        }
        out.println("Stage columns: median seconds per stage of the timed runs; draws/s: member stars x draws / cluster stage; "
                + "k: time ~ spectra^k against the next smaller workload of the same preset.");
    }

    private static String abbreviate(String stage) {
        return stage.length() <= 9 ? stage : stage.substring(0, 9);
    }

    private static Map<String, Double> stageTimes(Path manifest) throws IOException {
        JsonNode timings = new ObjectMapper().readTree(manifest.toFile()).path("timings_s");
        Map<String, Double> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = timings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asDouble());
        }
        return m;
    }

    private static Map<String, Double> medianStages(List<Map<String, Double>> runs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String stage : runs.get(0).keySet()) {
            m.put(stage, BenchCommand.median(runs.stream().mapToDouble(r -> r.getOrDefault(stage, Double.NaN)).toArray()));
        }
        return m;
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
