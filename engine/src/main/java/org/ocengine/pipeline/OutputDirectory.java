package org.ocengine.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.ocengine.io.TableIO;
import org.ocengine.table.Table;

/**
 * The output folder of a run, written all-or-nothing: files are first written into a hidden staging
 * folder inside it and moved into place only by {@link #commit()}; closing without a commit deletes
 * the staging folder (and the output folder itself when this run created it and left it empty), so
 * a failed run leaves no partial outputs. Not thread-safe.
 */
public final class OutputDirectory implements AutoCloseable {

    private final Path dir;
    private final List<String> formats;
    private final boolean created;
    private final Path staging;
    private final List<Path> staged = new ArrayList<>();
    private boolean committed;

    /**
     * @param dir     the output folder (created if missing)
     * @param formats table formats to write each table in ({@code fits}, {@code csv}, {@code arrow})
     */
    public OutputDirectory(Path dir, List<String> formats) throws IOException {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one output format is needed");
        }
        for (String f : formats) {
            TableIO.formatOf(f); // fails early on an unknown format
        }
        this.dir = dir.toAbsolutePath();
        this.formats = List.copyOf(formats);
        this.created = !Files.isDirectory(this.dir);
        Files.createDirectories(this.dir);
        this.staging = Files.createTempDirectory(this.dir, ".ocengine-staging-");
    }

    public Path path() {
        return dir;
    }

    /** Writes a table in every output format as {@code baseName.<ext>}; returns the final paths. */
    public List<Path> write(Table table, String baseName) throws IOException {
        List<Path> finals = new ArrayList<>();
        for (String format : formats) {
            String name = baseName + extension(format);
            Path file = staging.resolve(name);
            TableIO.write(table, file, format);
            staged.add(file);
            finals.add(dir.resolve(name));
        }
        return finals;
    }

    /** Writes a UTF-8 text file (e.g. the manifest); returns its final path. */
    public Path writeText(String name, String content) throws IOException {
        Path file = staging.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        staged.add(file);
        return dir.resolve(name);
    }

    /** The staged file that will become {@code name} (for checksums before commit). */
    public Path staged(String name) {
        return staging.resolve(name);
    }

    private static String extension(String format) {
        return switch (format) {
            case "fits" -> ".fits";
            case "csv" -> ".csv";
            case "arrow" -> ".arrow";
            default -> "." + format;
        };
    }

    /** Moves every staged file into the output folder (each move atomic where the file system allows). */
    public void commit() throws IOException {
        for (Path file : staged) {
            Path target = dir.resolve(file.getFileName());
            try {
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
        Files.deleteIfExists(staging);
    }

    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        if (Files.isDirectory(staging)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(staging);
        }
        if (created) {
            try (DirectoryStream<Path> left = Files.newDirectoryStream(dir)) {
                if (!left.iterator().hasNext()) {
                    Files.delete(dir);
                }
            }
        }
    }
}
