package org.ocengine.datasets.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.cluster.ClusterConfig;
import org.ocengine.combine.Weighting;
import org.ocengine.compute.BackendUnavailableException;
import org.ocengine.compute.Device;
import org.ocengine.datasets.mock.MockPreset;
import org.ocengine.datasets.mock.MockSurveyFiles;
import org.ocengine.datasets.mock.MockSurveyGenerator;
import org.ocengine.fit.SamplerSettings;
import org.ocengine.galaxy.OrbitConfig;
import org.ocengine.gradient.GradientConfig;
import org.ocengine.gradient.SweepSpec;
import org.ocengine.io.AtomicFile;
import org.ocengine.io.TableIO;
import org.ocengine.pipeline.ClusterRun;
import org.ocengine.pipeline.ClusterRunConfig;
import org.ocengine.pipeline.Progress;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.Survey;
import org.ocengine.table.Table;

/**
 * The main job of the README ({@code ocengine demo}): a mock survey generated (or reused from a cache
 * keyed by preset, seed and generator version), the cluster run on it by the member route (spectra
 * matched to the Gaia-like member list with probability &gt; 0.7, member positions moved from epoch
 * 2016.0 to the spectra's 2000.0) with its gradient fits ({@link #gradientConfig}), and the
 * {@link RecoveryReport} against the truth, printed and written
 * beside the run's outputs as {@code recovery.txt}, {@code recovery.json} and
 * {@code recovery_clusters.fits}. Stateless.
 */
public final class MockDemo {

    /** Membership probability cut of the demo (Cantat-Gaudin et al. 2020: p &gt; 0.7). */
    public static final double MIN_MEMBERSHIP = 0.7;
    /**
     * Monte-Carlo orbit realisations per cluster in the demo, against the run's default of 100: the
     * orbit stage is the demo's costliest (DOP853 over 500 Myr, about 280 orbits/s per core), and 20
     * realisations keep the demo under two minutes on two cores; its orbit errors are then good to
     * about 15% (1/sqrt(2 x 20)).
     */
    public static final int ORBIT_DRAWS = 20;
    /** Epoch of the mock's Gaia-like positions. */
    public static final double MEMBER_EPOCH = 2016.0;
    /** Epoch of the mock's spectra positions. */
    public static final double SPECTRA_EPOCH = 2000.0;

    private MockDemo() {
    }

    /**
     * What to run.
     *
     * @param preset    mock survey size
     * @param seed      seed of the mock and of the run's Monte-Carlo
     * @param dataDir   cache of generated mocks (a sub-folder per preset, seed and generator version)
     * @param outDir    the run's output folder (recovery files are written there too)
     * @param regenerate generate even when the cache holds this mock
     * @param draws     Monte-Carlo realisations per cluster
     * @param device    compute backend
     * @param threads   threads (0: all cores)
     * @param gradients the gradient fits of the run ({@link #gradientConfig}), or null for none
     */
    public record Config(MockPreset preset, long seed, Path dataDir, Path outDir, boolean regenerate, int draws, Device device,
                         int threads, GradientConfig gradients) {
    }

    /**
     * Walkers per gradient fit in the demo. The papers' 300 walkers x 10,000 steps for each of the
     * ~55 fits would add minutes on a laptop. What must stay long is the chain against the
     * autocorrelation time, which (in steps) does not grow with fewer walkers as long as there are
     * several per parameter; so the demo runs fewer walkers for longer: 32 x 16,000 steps (3,200
     * discarded) costs a sixth of the papers' set-up and keeps the chains over 50 tau for every fit,
     * the knee-fitted broken line included (tau about 170 steps on the default mock, against about 40
     * for the others), with thousands of independent samples for the 16/50/84 percentiles.
     * {@code ocengine demo --walkers 300 --steps 10000} runs the papers' set-up.
     */
    public static final int DEMO_WALKERS = 32;
    /** Steps per walker of the demo's gradient fits (a fifth discarded). */
    public static final long DEMO_STEPS = 16_000;

    /**
     * The demo's gradient fits: the papers' ({@link GradientConfig#paper}) and the fits of
     * {@link GradientRecovery#sweeps()} that the recovery report judges against the injected gradient,
     * with {@code walkers} x {@code steps} (a fifth discarded) keyed by {@code seed}.
     */
    public static GradientConfig gradientConfig(long seed, int walkers, long steps) {
        GradientConfig paper = GradientConfig.paper(seed);
        List<SweepSpec> sweeps = new ArrayList<>(paper.sweeps());
        sweeps.addAll(GradientRecovery.sweeps());
        SamplerSettings sampler = paper.sampler().withWalkers(walkers).withSteps(steps);
        return new GradientConfig(sweeps, sampler, paper.columns(), paper.likelihood());
    }

    /**
     * What the demo did.
     *
     * @param mock             the mock survey used
     * @param reused           true when it came from the cache
     * @param generateSeconds  time spent generating (0 when reused)
     * @param runSeconds       time of the cluster run
     * @param reportSeconds    time of the comparison with the truth
     * @param run              the run's summary
     * @param report           the recovery report
     * @param files            the recovery files written
     */
    public record Outcome(MockSurveyFiles mock, boolean reused, double generateSeconds, double runSeconds, double reportSeconds,
                          ClusterRun.Summary run, RecoveryReport report, List<Path> files) {
    }

    /** The cache folder of a preset and seed: {@code <dataDir>/<preset>-seed<seed>-v<generator version>}. */
    public static Path cacheFolder(Path dataDir, MockPreset preset, long seed) {
        return dataDir.resolve(preset.name() + "-seed" + seed + "-v" + MockSurveyGenerator.VERSION);
    }

    /**
     * A mock survey ready on disk.
     *
     * @param files           its files
     * @param reused          true when it came from the cache
     * @param generateSeconds time spent generating (0 when reused)
     */
    public record PreparedSurvey(MockSurveyFiles files, boolean reused, double generateSeconds) {
    }

    /**
     * The mock survey of this preset and seed from the cache folder under {@code dataDir}, generated
     * there (FITS) when absent, of another generator version, or when {@code regenerate} is set.
     */
    public static PreparedSurvey prepare(MockPreset preset, long seed, Path dataDir, boolean regenerate, int threads,
                                         Progress progress, Consumer<String> log) throws IOException {
        Path cache = cacheFolder(dataDir, preset, seed);
        Optional<MockSurveyFiles.Identity> found = MockSurveyFiles.identify(cache);
        boolean reuse = !regenerate && found.isPresent() && found.get().preset().equals(preset.name())
                && found.get().seed() == seed && found.get().version() == MockSurveyGenerator.VERSION;
        if (reuse) {
            log.accept("reusing the mock survey in " + cache);
            return new PreparedSurvey(MockSurveyFiles.in(cache, found.get().format()), true, 0);
        }
        try (RootAllocator allocator = new RootAllocator()) {
            MockSurveyGenerator.Summary g = MockSurveyGenerator.generate(preset, seed, cache, "fits", threads, allocator, progress, log);
            log.accept(String.format(Locale.ROOT, "generated the mock survey in %s (%.1f s)", cache, g.seconds()));
            return new PreparedSurvey(g.files(), false, g.seconds());
        }
    }

    public static Outcome run(Config config, Progress progress, Consumer<String> log) throws IOException, BackendUnavailableException {
        PreparedSurvey prepared = prepare(config.preset(), config.seed(), config.dataDir(), config.regenerate(), config.threads(),
                progress, log);
        MockSurveyFiles mock = prepared.files();
        boolean reuse = prepared.reused();
        double generateSeconds = prepared.generateSeconds();
        long t0 = System.nanoTime();
        ClusterRun.Summary run = ClusterRun.run(runConfig(mock, config).withGradients(config.gradients()), config.outDir(), progress, log);
        double runSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        String label = String.format(Locale.ROOT, "mock survey '%s' (seed %d, generator v%d) through the member route",
                config.preset().name(), config.seed(), MockSurveyGenerator.VERSION);
        try (RootAllocator allocator = new RootAllocator()) {
            RecoveryReport report = RecoveryReport.compute(mock, config.outDir(), "fits", label, RecoveryReport.MIN_STARS, allocator);
            List<Path> files = write(report, config.outDir(), allocator);
            double reportSeconds = (System.nanoTime() - t1) / 1e9;
            return new Outcome(mock, reuse, generateSeconds, runSeconds, reportSeconds, run, report, files);
        }
    }

    /** The cluster run of the demo: member route, published rules, the demo's seed. */
    static ClusterRunConfig runConfig(MockSurveyFiles mock, Config config) {
        return runConfig(mock, config.seed(), config.draws(), config.device(), config.threads());
    }

    /**
     * The demo's cluster run of a mock survey (member route, published rules, 3.5 arcsec, the mock's
     * epochs, FITS output, orbits with {@value #ORBIT_DRAWS} Monte-Carlo realisations per cluster), with
     * this seed, number of Monte-Carlo draws of the cluster stage, backend and threads (0: all cores).
     */
    public static ClusterRunConfig runConfig(MockSurveyFiles mock, long seed, int draws, Device device, int threads) {
        return new ClusterRunConfig(mock.spectra(), mock.members(), mock.clusters(), Map.of(), Map.of(), Map.of(), Survey.MRS,
                QualityConfig.defaults(Survey.MRS), MIN_MEMBERSHIP, 3.5, MEMBER_EPOCH, SPECTRA_EPOCH, Weighting.SNR_SQUARED,
                ClusterConfig.defaults(seed).withDraws(draws), device, threads, List.of("fits"))
                .withOrbits(OrbitConfig.defaults(seed).withDraws(ORBIT_DRAWS));
    }

    private static List<Path> write(RecoveryReport report, Path outDir, org.apache.arrow.memory.BufferAllocator allocator) throws IOException {
        Path dir = outDir.toAbsolutePath();
        Path text = dir.resolve("recovery.txt");
        Path json = dir.resolve("recovery.json");
        Path table = dir.resolve("recovery_clusters.fits");
        AtomicFile.write(text, out -> out.write(report.render().getBytes(StandardCharsets.UTF_8)));
        String jsonText = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.toMap()) + "\n";
        AtomicFile.write(json, out -> out.write(jsonText.getBytes(StandardCharsets.UTF_8)));
        try (Table t = report.clusterTable(allocator)) {
            TableIO.write(t, table, "fits");
        }
        return List.of(text, json, table);
    }
}
