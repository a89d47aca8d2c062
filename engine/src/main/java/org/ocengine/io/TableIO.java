package org.ocengine.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.VectorAppender;
import org.ocengine.table.DataException;
import org.ocengine.table.Table;

/**
 * The one entry point for reading and writing table files. Formats are the {@link TableFormat}s
 * registered with {@link ServiceLoader}; reading detects the format from the file's first bytes and
 * name unless one is named, writing guesses it from the target's name unless one is named. Every
 * write is atomic (see {@link TableWriter}). Stateless and thread-safe; the tables, readers and
 * writers it returns belong to the caller.
 */
public final class TableIO {

    private static final System.Logger LOG = System.getLogger(TableIO.class.getName());
    private static final List<TableFormat> FORMATS = loadFormats();

    private TableIO() {
    }

    private static List<TableFormat> loadFormats() {
        List<TableFormat> formats = new ArrayList<>();
        ServiceLoader.load(TableFormat.class, TableIO.class.getClassLoader()).forEach(formats::add);
        return List.copyOf(formats);
    }

    /** The registered formats, in detection order. */
    public static List<TableFormat> formats() {
        return FORMATS;
    }

    /**
     * The format of that name (case-insensitive).
     *
     * @throws IllegalArgumentException when there is none, listing those there are
     */
    public static TableFormat formatOf(String name) {
        for (TableFormat f : FORMATS) {
            if (f.name().equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown table format '" + name + "'; known: " + formatNames());
    }

    /**
     * The format a file name implies for writing: the format claiming the longest matching ending
     * ({@code x.fits.gz} is FITS, {@code x.csv.gz} CSV).
     *
     * @throws IllegalArgumentException when no format claims the name
     */
    public static TableFormat formatForName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        TableFormat best = null;
        int bestLength = 0;
        for (TableFormat f : FORMATS) {
            for (String ext : f.extensions()) {
                if (lower.endsWith("." + ext) && ext.length() > bestLength) {
                    best = f;
                    bestLength = ext.length();
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("cannot tell the table format from the name '" + fileName
                    + "'; name one of " + formatNames() + " or use an ending such as .fits, .csv, .csv.gz, .arrow");
        }
        return best;
    }

    /**
     * The format of an existing file, from its first bytes and name.
     *
     * @throws DataException when the file is empty or no format recognises it
     */
    public static TableFormat detect(Path path) throws IOException {
        byte[] head = FileProbe.head(path);
        String name = path.getFileName().toString();
        for (TableFormat f : FORMATS) {
            if (f.looksLike(name, head)) {
                return f;
            }
        }
        throw new DataException(path.toString(), null, 0, "cannot tell the table format from the name and first bytes; name one of "
                + formatNames());
    }

    /** Reads a whole file (format detected) into one table in {@code allocator}. */
    public static Table read(Path path, BufferAllocator allocator) throws IOException {
        return read(path, null, ReadOptions.DEFAULTS, allocator);
    }

    /** Reads a whole file in the named format ({@code null}: detect) into one table. */
    public static Table read(Path path, String format, BufferAllocator allocator) throws IOException {
        return read(path, format, ReadOptions.DEFAULTS, allocator);
    }

    /**
     * Reads a whole file into one table whose origin is the path. What the reader left out
     * ({@link TableReader#warnings()}) is logged at WARNING level; the batch size of
     * {@code options} is ignored, as the rows end up in one table anyway.
     */
    public static Table read(Path path, String format, ReadOptions options, BufferAllocator allocator) throws IOException {
        try (TableReader reader = openReader(path, format, options.withBatchRows(Integer.MAX_VALUE), allocator)) {
            for (String warning : reader.warnings()) {
                LOG.log(Level.WARNING, "{0}: {1}", reader.origin(), warning);
            }
            return Table.wrap(concatenate(reader, allocator), reader.origin());
        }
    }

    /** All batches of a reader in one new root: the first transferred, the others appended. */
    private static VectorSchemaRoot concatenate(TableReader reader, BufferAllocator allocator) throws IOException {
        List<FieldVector> columns = new ArrayList<>();
        try {
            for (Field field : reader.schema().getFields()) {
                columns.add(field.createVector(allocator));
            }
            int rows = 0;
            while (reader.loadNextBatch()) {
                List<FieldVector> batch = reader.root().getFieldVectors();
                for (int c = 0; c < columns.size(); c++) {
                    if (rows == 0) {
                        batch.get(c).makeTransferPair(columns.get(c)).transfer();
                    } else {
                        batch.get(c).accept(new VectorAppender(columns.get(c)), null);
                    }
                }
                rows += reader.root().getRowCount();
            }
            VectorSchemaRoot root = new VectorSchemaRoot(columns);
            root.setRowCount(rows);
            return root;
        } catch (IOException | RuntimeException e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
    }

    /** A streaming reader of a file, format detected, default options. */
    public static TableReader openReader(Path path, BufferAllocator allocator) throws IOException {
        return openReader(path, null, ReadOptions.DEFAULTS, allocator);
    }

    /** A streaming reader of a file in the named format ({@code null}: detect). */
    public static TableReader openReader(Path path, String format, ReadOptions options, BufferAllocator allocator) throws IOException {
        TableFormat f = format == null ? detect(path) : formatOf(format);
        return f.openReader(path, options, allocator);
    }

    /**
     * Writes a whole table atomically, in the named format ({@code null}: from the target's name).
     * The writer's scratch memory comes from the allocator of the table's vectors.
     */
    public static void write(Table table, Path target, String format) throws IOException {
        List<FieldVector> vectors = table.root().getFieldVectors();
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException(target + ": a table without columns cannot be written");
        }
        try (TableWriter writer = openWriter(target, format, table.schema(), vectors.get(0).getAllocator())) {
            writer.write(table.root());
            writer.commit();
        }
    }

    /** A writer of batches with this schema, in the named format ({@code null}: from the target's name). */
    public static TableWriter openWriter(Path target, String format, Schema schema, BufferAllocator allocator) throws IOException {
        TableFormat f = format == null ? formatForName(target.getFileName().toString()) : formatOf(format);
        return f.openWriter(target, schema, allocator);
    }

    private static String formatNames() {
        return String.join(", ", FORMATS.stream().map(TableFormat::name).toList());
    }
}
