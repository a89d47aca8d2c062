package org.ocengine.datasets.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The files of a generated mock survey in one folder: observations ({@code spectra}, {@code members},
 * {@code clusters}, {@code gaia_sources}), truth ({@code truth_clusters}, {@code truth_stars},
 * {@code truth_spectra}, {@code truth_binaries}, {@code truth_offsets}) and the manifest
 * {@code mock.json}, which is written last: a folder with a manifest is complete. Immutable.
 *
 * @param dir       the folder
 * @param extension the table files' extension with its dot ({@code .fits}, {@code .csv}, {@code .arrow})
 */
public record MockSurveyFiles(Path dir, String extension) {

    public static final String SPECTRA = "spectra";
    public static final String MEMBERS = "members";
    public static final String CLUSTERS = "clusters";
    public static final String GAIA_SOURCES = "gaia_sources";
    public static final String TRUTH_CLUSTERS = "truth_clusters";
    public static final String TRUTH_STARS = "truth_stars";
    public static final String TRUTH_SPECTRA = "truth_spectra";
    public static final String TRUTH_BINARIES = "truth_binaries";
    public static final String TRUTH_OFFSETS = "truth_offsets";
    public static final String MANIFEST = "mock.json";

    /** Every table, in the order the manifest lists them. */
    public static final List<String> TABLES = List.of(SPECTRA, MEMBERS, CLUSTERS, GAIA_SOURCES, TRUTH_CLUSTERS, TRUTH_STARS,
            TRUTH_SPECTRA, TRUTH_BINARIES, TRUTH_OFFSETS);

    /** The extension of a table format name ({@code fits}, {@code csv}, {@code arrow}). */
    public static String extensionOf(String format) {
        return switch (format) {
            case "fits" -> ".fits";
            case "csv" -> ".csv";
            case "arrow" -> ".arrow";
            default -> throw new IllegalArgumentException("unknown table format '" + format + "' (expected fits, csv or arrow)");
        };
    }

    /** The files of a mock in {@code dir} written in {@code format}. */
    public static MockSurveyFiles in(Path dir, String format) {
        return new MockSurveyFiles(dir, extensionOf(format));
    }

    /** A table file by base name (one of {@link #TABLES}). */
    public Path table(String base) {
        return dir.resolve(base + extension);
    }

    public Path spectra() {
        return table(SPECTRA);
    }

    public Path members() {
        return table(MEMBERS);
    }

    public Path clusters() {
        return table(CLUSTERS);
    }

    public Path manifest() {
        return dir.resolve(MANIFEST);
    }

    /**
     * What a complete mock folder says about itself.
     *
     * @param preset  preset name
     * @param seed    seed
     * @param version generator version ({@link MockSurveyGenerator#VERSION})
     * @param format  table format
     */
    public record Identity(String preset, long seed, int version, String format) {
    }

    /** The identity of the mock in {@code dir}, if the folder holds a complete one (its manifest parses). */
    public static Optional<Identity> identify(Path dir) {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            JsonNode root = new ObjectMapper().readTree(manifest.toFile());
            JsonNode preset = root.path("preset").path("name");
            JsonNode seed = root.path("seed");
            JsonNode version = root.path("generator_version");
            JsonNode format = root.path("format");
            if (!preset.isTextual() || !seed.canConvertToLong() || !version.canConvertToInt() || !format.isTextual()) {
                return Optional.empty();
            }
            Identity id = new Identity(preset.asText(), seed.asLong(), version.asInt(), format.asText());
            MockSurveyFiles files = in(dir, id.format());
            for (String t : TABLES) {
                if (!Files.isRegularFile(files.table(t))) {
                    return Optional.empty();
                }
            }
            return Optional.of(id);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
