package org.ocengine.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.io.TableFormat;
import org.ocengine.io.TableIO;
import org.ocengine.table.Table;

/**
 * The tables of a run folder, read once: every file whose name a table format claims, one table per
 * base name ({@code clusters.fits} and {@code clusters.csv} are one table, read from Arrow if present,
 * else FITS, else CSV), plus the other files (manifest) for the index. Figures look tables up by the
 * columns they need, preferring a given base name. The tables' vectors come from the caller's
 * allocator; close this to release them. Reading is single-threaded; after construction the
 * instance is only read.
 */
final class RunTables implements AutoCloseable {

    private static final List<String> FORMAT_PREFERENCE = List.of("arrow", "fits", "csv");

    private final Path dir;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, List<Path>> tableFiles = new TreeMap<>();
    private final List<Path> otherFiles = new ArrayList<>();

    private RunTables(Path dir) {
        this.dir = dir;
    }

    /** Reads the tables of {@code dir} (not its sub-folders). */
    static RunTables read(Path dir, BufferAllocator allocator) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString());
        }
        RunTables run = new RunTables(dir);
        Map<String, Map<String, Path>> byBase = new TreeMap<>();
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            files.forEach(entries::add);
        }
        entries.sort(null);
        for (Path file : entries) {
            String name = file.getFileName().toString();
            if (name.startsWith(".") || !Files.isRegularFile(file)) {
                continue;
            }
            Optional<TableFormat> format = formatOf(name);
            if (format.isEmpty()) {
                run.otherFiles.add(file);
                continue;
            }
            String base = baseName(name, format.get());
            byBase.computeIfAbsent(base, k -> new LinkedHashMap<>()).put(format.get().name(), file);
            run.tableFiles.computeIfAbsent(base, k -> new ArrayList<>()).add(file);
        }
        try {
            for (var e : byBase.entrySet()) {
                Path chosen = null;
                for (String f : FORMAT_PREFERENCE) {
                    if (chosen == null && e.getValue().containsKey(f)) {
                        chosen = e.getValue().get(f);
                    }
                }
                if (chosen == null) {
                    chosen = e.getValue().values().iterator().next();
                }
                run.tables.put(e.getKey(), TableIO.read(chosen, allocator));
            }
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    private static Optional<TableFormat> formatOf(String name) {
        try {
            return Optional.of(TableIO.formatForName(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String baseName(String name, TableFormat format) {
        String lower = name.toLowerCase(Locale.ROOT);
        int longest = 0;
        for (String ext : format.extensions()) {
            if (lower.endsWith("." + ext)) {
                longest = Math.max(longest, ext.length() + 1);
            }
        }
        return name.substring(0, name.length() - longest);
    }

    Path dir() {
        return dir;
    }

    /** Table files by base name, each with every format present. */
    Map<String, List<Path>> tableFiles() {
        return tableFiles;
    }

    /** The tables by base name, in name order. */
    Map<String, Table> tables() {
        return java.util.Collections.unmodifiableMap(tables);
    }

    /** Files of the folder that are not tables (manifest.json, ...). */
    List<Path> otherFiles() {
        return otherFiles;
    }

    /**
     * The table named {@code preferred} if it has every column of {@code required}, else the first
     * table (by name) that has them.
     */
    Optional<Table> find(String preferred, String... required) {
        Table t = tables.get(preferred);
        if (t != null && hasAll(t, required)) {
            return Optional.of(t);
        }
        for (Table other : tables.values()) {
            if (hasAll(other, required)) {
                return Optional.of(other);
            }
        }
        return Optional.empty();
    }

    /** Every table that has all of {@code required}, in name order. */
    List<Table> findAll(String... required) {
        List<Table> out = new ArrayList<>();
        for (Table t : tables.values()) {
            if (hasAll(t, required)) {
                out.add(t);
            }
        }
        return out;
    }

    static boolean hasAll(Table t, String... columns) {
        for (String c : columns) {
            if (!t.has(c)) {
                return false;
            }
        }
        return true;
    }

    /** The first of {@code spellings} that {@code t} has. */
    static Optional<String> column(Table t, List<String> spellings) {
        for (String s : spellings) {
            if (t.has(s)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        tables.values().forEach(Table::close);
        tables.clear();
    }
}
