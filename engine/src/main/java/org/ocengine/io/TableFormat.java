package org.ocengine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A table file format: its name, the file-name endings it claims, a check of whether a file looks
 * like it, and streaming readers and writers. Implementations are registered in
 * {@code META-INF/services/org.ocengine.io.TableFormat}, need a public no-argument constructor, hold
 * no state and are thread-safe; the readers and writers they open are for one thread each.
 */
public interface TableFormat {

    /** The short name users give to pick this format explicitly ({@code fits}, {@code csv}, {@code arrow}). */
    String name();

    /**
     * File-name endings this format claims, lower case and without the leading dot (for example
     * {@code fits}, {@code fits.gz}); used to choose a format for writing from a target name.
     */
    List<String> extensions();

    /**
     * Whether a file looks like this format, judged from its name and its first bytes (raw, not
     * decompressed; fewer than asked for when the file is short), as STIL's handlers do.
     */
    boolean looksLike(String fileName, byte[] head);

    /**
     * Opens a streaming reader of a file. The caller owns the reader and must close it.
     *
     * @throws org.ocengine.table.DataException when the file is empty, truncated or not of this format
     */
    TableReader openReader(Path path, ReadOptions options, BufferAllocator allocator) throws IOException;

    /**
     * Opens a writer of record batches with this schema to {@code target}; nothing appears at the
     * target until {@link TableWriter#commit()}. A target name ending in {@code .gz} is
     * gzip-compressed where the format allows it.
     *
     * @throws IllegalArgumentException when the schema has a column type this format cannot hold, or no columns
     */
    TableWriter openWriter(Path target, Schema schema, BufferAllocator allocator) throws IOException;
}
