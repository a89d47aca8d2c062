package org.ocengine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Comma-separated values with a header row (required), UTF-8, plain or gzip-compressed
 * ({@code .csv.gz}). Reading infers each column's type (INT64, FLOAT64, BOOL or STRING) from all
 * its cells by the rules of {@link org.ocengine.table.TextValues}, whose missing-value spellings ({@code nan},
 * {@code NA}, {@code --}, empty, ...) become nulls; a column with no value at all is FLOAT64. String
 * values are kept exactly as written, blanks included (blanks between a closing quote and the next
 * comma, as VizieR writes them, are not part of the value); numbers may have blanks around them.
 * Blank header cells are named {@code col<n>} and repeated names made unique, with a line in
 * {@link TableReader#warnings()} each. Every row must have the header's number of fields.
 *
 * <p>Writing gives numbers in Java's shortest round-trip spelling, booleans as {@code true} /
 * {@code false} and nulls (and NaN) as empty cells. Plain CSV has no place for units or
 * descriptions, so they are lost; INT32 reads back as INT64, an empty string as null, and a string
 * column holding only numbers as numbers. CSV has no magic number: a file is recognised by its name
 * ({@code .csv}, or {@code .csv.gz} with gzip content). Stateless and thread-safe.
 */
public final class CsvFormat implements TableFormat {

    public CsvFormat() {
        // found by ServiceLoader
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public List<String> extensions() {
        return List.of("csv", "csv.gz");
    }

    @Override
    public boolean looksLike(String fileName, byte[] head) {
        if (FileProbe.hasExtension(fileName, List.of("csv.gz"))) {
            return FileProbe.isGzip(head);
        }
        return FileProbe.hasExtension(fileName, List.of("csv")) && !FileProbe.isGzip(head);
    }

    @Override
    public TableReader openReader(Path path, ReadOptions options, BufferAllocator allocator) throws IOException {
        return CsvTableReader.open(path, options, allocator);
    }

    @Override
    public TableWriter openWriter(Path target, Schema schema, BufferAllocator allocator) throws IOException {
        return CsvTableWriter.open(target, schema);
    }
}
