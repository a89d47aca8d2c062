package org.ocengine.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes an Arrow IPC file batch by batch: each incoming batch is loaded (buffers shared, not
 * copied) into the writer's root and written out. Field metadata of the schema it was opened with
 * is what the file gets. One thread.
 */
final class ArrowTableWriter implements TableWriter {

    private final AtomicFile file;
    private final Schema schema;
    private final FileChannel channel;
    private final VectorSchemaRoot root;
    private final ArrowFileWriter writer;
    private long rowCount;
    private boolean committed;

    private ArrowTableWriter(AtomicFile file, Schema schema, FileChannel channel, VectorSchemaRoot root, ArrowFileWriter writer) {
        this.file = file;
        this.schema = schema;
        this.channel = channel;
        this.root = root;
        this.writer = writer;
    }

    static ArrowTableWriter open(Path target, Schema schema, BufferAllocator allocator) throws IOException {
        Schemas.writableSpecs(schema, target);
        AtomicFile file = AtomicFile.create(target);
        FileChannel channel = null;
        VectorSchemaRoot root = null;
        try {
            channel = FileChannel.open(file.temp(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            root = VectorSchemaRoot.create(schema, allocator);
            ArrowFileWriter writer = new ArrowFileWriter(root, null, channel);
            writer.start();
            return new ArrowTableWriter(file, schema, channel, root, writer);
        } catch (IOException | RuntimeException e) {
            if (root != null) {
                root.close();
            }
            if (channel != null) {
                channel.close();
            }
            file.close();
            throw e;
        }
    }

    @Override
    public Path target() {
        return file.target();
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        if (committed) {
            throw new IllegalStateException(file.target() + ": already committed");
        }
        Schemas.requireMatches(schema, batch, file.target());
        if (batch.getRowCount() == 0) {
            return;
        }
        try (ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
            new VectorLoader(root).load(record);
            writer.writeBatch();
        } finally {
            root.clear();
        }
        rowCount += batch.getRowCount();
    }

    @Override
    public long rowCount() {
        return rowCount;
    }

    @Override
    public void commit() throws IOException {
        if (committed) {
            throw new IllegalStateException(file.target() + ": already committed");
        }
        writer.end();
        writer.close();
        channel.close();
        file.commit();
        committed = true;
    }

    @Override
    public void close() throws IOException {
        try {
            if (!committed) {
                writer.close();
                channel.close();
            }
        } finally {
            root.close();
            file.close();
        }
    }
}
