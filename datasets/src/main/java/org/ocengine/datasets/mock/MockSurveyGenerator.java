package org.ocengine.datasets.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.Versions;
import org.ocengine.galaxy.GalacticFrames;
import org.ocengine.galaxy.SolarParameters;
import org.ocengine.io.TableIO;
import org.ocengine.io.TableWriter;
import org.ocengine.pipeline.Progress;
import org.ocengine.pipeline.RunManifest;
import org.ocengine.table.Table;

/**
 * Generates a mock LAMOST survey with its ground truth ({@code ocengine generate}): the layout of
 * {@link SurveyLayout}, then each field by {@link FieldSimulation}, written as record batches (one
 * per field and file) through streaming {@link TableWriter}s, so memory holds a few fields at a time
 * whatever the survey's size. Fields are simulated in parallel on {@code threads} threads, at most a
 * bounded window of them ahead of the writer, and written in field order: the same preset and seed
 * give the same bytes whatever the thread count.
 *
 * <p>Files go to a hidden staging folder inside the output folder and are moved into place, the
 * manifest {@code mock.json} last, only when everything has been written; a failed or interrupted run
 * leaves the output folder as it was. Stateless; each call is independent.
 */
public final class MockSurveyGenerator {

    /** Version of the generated data: bumped whenever the same preset and seed would give other bytes. */
    public static final int VERSION = 3;

    private MockSurveyGenerator() {
    }

    /**
     * What was generated.
     *
     * @param files   the files
     * @param rows    rows per table
     * @param seconds wall time
     */
    public record Summary(MockSurveyFiles files, Map<String, Long> rows, double seconds) {
    }

    /**
     * Generates.
     *
     * @param preset    the survey's size and shape
     * @param seed      the seed of every random number
     * @param dir       output folder (created if needed)
     * @param format    table format: {@code fits}, {@code csv} or {@code arrow}
     * @param threads   worker threads (0: one per processor)
     * @param allocator for the Arrow batches (a child allocator is used and closed)
     * @param progress  receives one step per field
     * @param log       receives one-line notes
     */
    public static Summary generate(MockPreset preset, long seed, Path dir, String format, int threads, BufferAllocator allocator,
                                   Progress progress, Consumer<String> log) throws IOException {
        long t0 = System.nanoTime();
        String extension = MockSurveyFiles.extensionOf(format);
        MockRandom rng = new MockRandom(seed);
        SurveyLayout layout = SurveyLayout.plan(preset, rng);
        GalacticFrames frames = GalacticFrames.defaults();
        log.accept(String.format(java.util.Locale.ROOT, "mock survey '%s', seed %d: %d fields (%d open-cluster, %d time-domain), %d clusters",
                preset.name(), seed, preset.fieldCount(), preset.ocFields(), preset.tdFields(), preset.clusterCount()));
        Path out = dir.toAbsolutePath();
        Files.createDirectories(out);
        Path staging = Files.createTempDirectory(out, ".mock-staging-");
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        ForkJoinPool pool = new ForkJoinPool(n);
        Map<String, TableWriter> writers = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        try (BufferAllocator alloc = allocator.newChildAllocator("mock", 0, Long.MAX_VALUE);
             Progress.Task task = progress.start("Mock survey fields", preset.fieldCount(), "fields")) {
            MockSurveyFiles staged = new MockSurveyFiles(staging, extension);
            open(writers, staged, format, alloc);
            Deque<ForkJoinTask<FieldSimulation.Result>> queue = new ArrayDeque<>();
            int window = Math.max(2, Math.min(n + 1, 8));
            int next = 0;
            List<SurveyLayout.Field> fields = layout.fields();
            while (next < fields.size() || !queue.isEmpty()) {
                while (next < fields.size() && queue.size() < window) {
                    SurveyLayout.Field f = fields.get(next++);
                    queue.add(pool.submit(() -> new FieldSimulation(preset, f, rng, frames, Extinction.DEFAULT, SpectrumModel.DEFAULT).run()));
                }
                FieldSimulation.Result r = queue.removeFirst().join();
                write(writers, r, alloc);
                task.step(1);
            }
            for (Map.Entry<String, TableWriter> w : writers.entrySet()) {
                rows.put(w.getKey(), w.getValue().rowCount());
                w.getValue().commit();
            }
            closeAll(writers);
            Files.writeString(staged.manifest(), manifest(preset, seed, format, staged, rows), StandardCharsets.UTF_8);
            MockSurveyFiles files = new MockSurveyFiles(out, extension);
            publish(staged, files);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Summary(files, Map.copyOf(rows), seconds);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeAll(writers);
            deleteTree(staging);
        }
    }

    private static void open(Map<String, TableWriter> writers, MockSurveyFiles files, String format, BufferAllocator alloc) throws IOException {
        writers.put(MockSurveyFiles.SPECTRA, TableIO.openWriter(files.table(MockSurveyFiles.SPECTRA), format,
                Rows.schema(MockTables.Spectrum.class), alloc));
        writers.put(MockSurveyFiles.MEMBERS, TableIO.openWriter(files.table(MockSurveyFiles.MEMBERS), format,
                Rows.schema(MockTables.ListedMember.class), alloc));
        writers.put(MockSurveyFiles.CLUSTERS, TableIO.openWriter(files.table(MockSurveyFiles.CLUSTERS), format,
                Rows.schema(MockTables.ClusterParameters.class), alloc));
        writers.put(MockSurveyFiles.GAIA_SOURCES, TableIO.openWriter(files.table(MockSurveyFiles.GAIA_SOURCES), format,
                Rows.schema(MockTables.GaiaSource.class), alloc));
        writers.put(MockSurveyFiles.TRUTH_CLUSTERS, TableIO.openWriter(files.table(MockSurveyFiles.TRUTH_CLUSTERS), format,
                Rows.schema(MockTables.TruthCluster.class), alloc));
        writers.put(MockSurveyFiles.TRUTH_STARS, TableIO.openWriter(files.table(MockSurveyFiles.TRUTH_STARS), format,
                Rows.schema(MockTables.TruthStar.class), alloc));
        writers.put(MockSurveyFiles.TRUTH_SPECTRA, TableIO.openWriter(files.table(MockSurveyFiles.TRUTH_SPECTRA), format,
                Rows.schema(MockTables.TruthSpectrum.class), alloc));
        writers.put(MockSurveyFiles.TRUTH_BINARIES, TableIO.openWriter(files.table(MockSurveyFiles.TRUTH_BINARIES), format,
                Rows.schema(MockTables.TruthBinary.class), alloc));
        writers.put(MockSurveyFiles.TRUTH_OFFSETS, TableIO.openWriter(files.table(MockSurveyFiles.TRUTH_OFFSETS), format,
                Rows.schema(MockTables.TruthOffset.class), alloc));
    }

    private static void write(Map<String, TableWriter> writers, FieldSimulation.Result r, BufferAllocator alloc) throws IOException {
        writeRows(writers.get(MockSurveyFiles.SPECTRA), r.spectra, alloc);
        writeRows(writers.get(MockSurveyFiles.MEMBERS), r.members, alloc);
        writeRows(writers.get(MockSurveyFiles.CLUSTERS), r.clusters, alloc);
        writeRows(writers.get(MockSurveyFiles.GAIA_SOURCES), r.gaia, alloc);
        writeRows(writers.get(MockSurveyFiles.TRUTH_CLUSTERS), r.truthClusters, alloc);
        writeRows(writers.get(MockSurveyFiles.TRUTH_STARS), r.truthStars, alloc);
        writeRows(writers.get(MockSurveyFiles.TRUTH_SPECTRA), r.truthSpectra, alloc);
        writeRows(writers.get(MockSurveyFiles.TRUTH_BINARIES), r.truthBinaries, alloc);
        writeRows(writers.get(MockSurveyFiles.TRUTH_OFFSETS), r.truthOffsets, alloc);
    }

    private static <C extends Enum<C> & MockTables.Column> void writeRows(TableWriter writer, Rows<C> rows, BufferAllocator alloc)
            throws IOException {
        try (Table t = rows.toTable(alloc, writer.target().getFileName().toString())) {
            writer.write(t.root());
        }
    }

    private static void closeAll(Map<String, TableWriter> writers) throws IOException {
        IOException first = null;
        for (TableWriter w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        writers.clear();
        if (first != null) {
            throw first;
        }
    }

    /** The manifest: what was generated, how, and the checksum of every file. Deterministic (no times). */
    private static String manifest(MockPreset preset, long seed, String format, MockSurveyFiles staged, Map<String, Long> rows)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "ocengine mock LAMOST survey");
        m.put("generator_version", VERSION);
        m.put("ocengine", Versions.of("ocengine"));
        m.put("preset", preset.describe());
        m.put("seed", seed);
        m.put("format", format);
        m.put("random", "Philox4x64-10, key (seed, 0x" + Long.toHexString(MockRandom.KEY1) + "), counters as in MockRandom");
        SolarParameters sun = SolarParameters.defaults();
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("r0_kpc", sun.distanceKpc());
        frame.put("z_sun_kpc", sun.zSunKpc());
        frame.put("v_circ_kms", sun.circularSpeed());
        frame.put("uvw_sun_kms", List.of(sun.uSun(), sun.vSun(), sun.wSun()));
        frame.put("galcen_radec_deg", List.of(sun.centreRaDeg(), sun.centreDecDeg()));
        frame.put("roll_deg", sun.rollDeg());
        m.put("sun", frame);
        SpectrumModel sm = SpectrumModel.DEFAULT;
        Map<String, Object> spectra = new LinkedHashMap<>();
        spectra.put("snr_at_g15_coadd", sm.snrAtG15());
        spectra.put("error_laws", List.of(law(ErrorLaw.RV), law(ErrorLaw.TEFF), law(ErrorLaw.LOGG), law(ErrorLaw.FEH), law(ErrorLaw.ALPHA_M)));
        spectra.put("rv_failure_fraction", sm.rvFailure());
        spectra.put("cool_dwarf_bias", new TreeMap<>(Map.of("logg", sm.coolDwarfLoggBias(), "feh", sm.coolDwarfFehBias())));
        spectra.put("hot_star_extra_sigma", new TreeMap<>(Map.of("feh", sm.hotFehSigma(), "alpha_m", sm.hotAlphaSigma())));
        spectra.put("fibre_jitter_arcsec", sm.fibreJitterArcsec());
        m.put("spectra_model", spectra);
        m.put("gradient", new TreeMap<>(Map.of("inner_dex_per_kpc", MockCluster.GRADIENT_INNER, "outer_dex_per_kpc", MockCluster.GRADIENT_OUTER,
                "knee_kpc", MockCluster.GRADIENT_KNEE_KPC, "zero_at_kpc", MockCluster.GRADIENT_ANCHOR_KPC, "scatter_dex", 0.05)));
        List<Map<String, Object>> files = new ArrayList<>();
        for (String t : MockSurveyFiles.TABLES) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", staged.table(t).getFileName().toString());
            f.put("rows", rows.get(t));
            f.put("sha256", RunManifest.sha256(staged.table(t)));
            files.add(f);
        }
        m.put("files", files);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
    }

    private static Map<String, Object> law(ErrorLaw l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quantity", l.quantity());
        m.put("a", l.a());
        m.put("b", l.b());
        m.put("c", l.c());
        return m;
    }

    /** Moves the staged tables, then the manifest, into the output folder. */
    private static void publish(MockSurveyFiles staged, MockSurveyFiles target) throws IOException {
        for (String t : MockSurveyFiles.TABLES) {
            move(staged.table(t), target.table(t));
        }
        move(staged.manifest(), target.manifest());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
