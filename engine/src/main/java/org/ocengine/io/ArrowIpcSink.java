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
 * An Arrow IPC file written batch by batch into an existing (empty) file: each batch is loaded
 * (buffers shared, not copied) into the sink's root and written out. The file gets the field
 * metadata of the schema it was opened with. Used for Arrow targets and for the FITS writer's
 * spool. The sink owns its channel and root; {@link #close()} frees both. One thread.
 */
final class ArrowIpcSink implements AutoCloseable {

    private final FileChannel channel;
    private final VectorSchemaRoot root;
    private final ArrowFileWriter writer;
    private boolean open = true;

    private ArrowIpcSink(FileChannel channel, VectorSchemaRoot root, ArrowFileWriter writer) {
        this.channel = channel;
        this.root = root;
        this.writer = writer;
    }

    /** Starts an Arrow IPC file of this schema in {@code file}, which exists and is overwritten. */
    static ArrowIpcSink open(Path file, Schema schema, BufferAllocator allocator) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        VectorSchemaRoot root = null;
        try {
            root = VectorSchemaRoot.create(schema, allocator);
            ArrowFileWriter writer = new ArrowFileWriter(root, null, channel);
            writer.start();
            return new ArrowIpcSink(channel, root, writer);
        } catch (IOException | RuntimeException e) {
            if (root != null) {
                root.close();
            }
            channel.close();
            throw e;
        }
    }

    /** Writes a batch of the sink's schema; the caller keeps it. */
    void append(VectorSchemaRoot batch) throws IOException {
        try (ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
            new VectorLoader(root).load(record);
            writer.writeBatch();
        } finally {
            root.clear();
        }
    }

    /** Writes the footer and closes the file; nothing may be appended afterwards. */
    void finish() throws IOException {
        writer.end();
        closeFile();
    }

    /** Closes the file if {@link #finish()} did not, and frees the root. */
    @Override
    public void close() throws IOException {
        try {
            closeFile();
        } finally {
            root.close();
        }
    }

    private void closeFile() throws IOException {
        if (open) {
            open = false;
            try {
                writer.close();
            } finally {
                channel.close();
            }
        }
    }
}
