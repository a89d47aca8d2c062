package org.ocengine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow IPC file format ("Feather v2"): record batches as written, field metadata (units,
 * descriptions) kept. Recognised by its {@code ARROW1} magic. Not compressed by ocengine (a
 * {@code .gz} name gets no gzip). Stateless and thread-safe.
 */
public final class ArrowFormat implements TableFormat {

    static final String MAGIC = "ARROW1";

    public ArrowFormat() {
        // found by ServiceLoader
    }

    @Override
    public String name() {
        return "arrow";
    }

    @Override
    public List<String> extensions() {
        return List.of("arrow", "feather", "ipc");
    }

    @Override
    public boolean looksLike(String fileName, byte[] head) {
        return FileProbe.startsWith(head, MAGIC);
    }

    @Override
    public TableReader openReader(Path path, ReadOptions options, BufferAllocator allocator) throws IOException {
        return ArrowTableReader.open(path, allocator);
    }

    @Override
    public TableWriter openWriter(Path target, Schema schema, BufferAllocator allocator) throws IOException {
        return ArrowTableWriter.open(target, schema, allocator);
    }
}
