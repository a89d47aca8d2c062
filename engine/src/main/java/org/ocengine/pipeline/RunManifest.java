package org.ocengine.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ocengine.Versions;

/**
 * The record of a run, written as {@code manifest.json}: inputs with checksums and column mapping,
 * configuration, seed, backend, versions, stage timings, counts, notes and outputs. Enough to
 * reproduce the run and to tell two runs apart. Not thread-safe.
 */
public final class RunManifest {

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Map<String, Object>> inputs = new ArrayList<>();
    private final Map<String, Object> timings = new LinkedHashMap<>();
    private final Map<String, Object> counts = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Map<String, Object>> outputs = new ArrayList<>();

    /** @param command the command that ran ({@code run}, {@code xmatch}) */
    public RunManifest(String command) {
        root.put("ocengine", Versions.of("ocengine"));
        root.put("command", command);
        root.put("started", Instant.now().toString());
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("java", Runtime.version().toString());
        versions.put("jvm", System.getProperty("java.vm.name"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        versions.put("arrow", Versions.of("arrow"));
        versions.put("nom-tam-fits", Versions.of("nom-tam-fits"));
        root.put("versions", versions);
    }

    /** Records an input file: role, path, size, SHA-256, format, rows and where each canonical column came from. */
    public void input(String role, Path path, String format, long rows, List<?> columnSources) throws IOException {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("role", role);
        in.put("path", path.toAbsolutePath().toString());
        in.put("bytes", Files.size(path));
        in.put("sha256", sha256(path));
        in.put("format", format);
        in.put("rows", rows);
        List<String> columns = new ArrayList<>();
        for (Object s : columnSources) {
            columns.add(s.toString());
        }
        in.put("columns", columns);
        inputs.add(in);
    }

    /** Records the whole configuration (a flat or nested map of plain values). */
    public void config(Map<String, Object> config) {
        root.put("config", config);
    }

    public void seed(long seed) {
        root.put("seed", seed);
    }

    public void backend(String name, String description) {
        root.put("backend", Map.of("name", name, "description", description));
    }

    /** Adds the wall time of a stage, seconds. */
    public void timing(String stage, double seconds) {
        timings.put(stage, Math.round(seconds * 1000) / 1000.0);
    }

    public void count(String what, long n) {
        counts.put(what, n);
    }

    public void note(String line) {
        notes.add(line);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Records an output file with its row count and checksum (computed from {@code staged}). */
    public void output(Path finalPath, Path staged, long rows) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", finalPath.toString());
        out.put("rows", rows);
        out.put("sha256", sha256(staged));
        outputs.add(out);
    }

    /** The manifest as indented JSON. */
    public String toJson() {
        root.put("finished", Instant.now().toString());
        root.put("inputs", inputs);
        root.put("timings_s", timings);
        root.put("counts", counts);
        root.put("notes", notes);
        root.put("outputs", outputs);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("manifest is not serialisable", e);
        }
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
