package org.ocengine.io;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes an Arrow IPC file batch by batch through an {@link ArrowIpcSink} on the temporary file.
 * Field metadata of the schema it was opened with is what the file gets. One thread.
 */
final class ArrowTableWriter extends AtomicTableWriter {

    private final ArrowIpcSink sink;

    private ArrowTableWriter(AtomicFile file, Schema schema, ArrowIpcSink sink) {
        super(file, schema);
        this.sink = sink;
    }

    static ArrowTableWriter open(Path target, Schema schema, BufferAllocator allocator) throws IOException {
        return open(target, schema, (file, specs) ->
                new ArrowTableWriter(file, schema, ArrowIpcSink.open(file.temp(), schema, allocator)));
    }

    @Override
    void writeRows(VectorSchemaRoot batch) throws IOException {
        sink.append(batch);
    }

    @Override
    void finish() throws IOException {
        sink.finish();
    }

    @Override
    void release() throws IOException {
        sink.close();
    }
}
