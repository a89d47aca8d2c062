package org.ocengine.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.ocengine.table.DataException;

/** Streams the record batches of an Arrow IPC file, skipping empty ones. One thread. */
final class ArrowTableReader implements TableReader {

    private final String origin;
    private final FileChannel channel;
    private final ArrowFileReader reader;
    private final VectorSchemaRoot root;
    private int batchesRead;

    private ArrowTableReader(String origin, FileChannel channel, ArrowFileReader reader, VectorSchemaRoot root) {
        this.origin = origin;
        this.channel = channel;
        this.reader = reader;
        this.root = root;
    }

    static ArrowTableReader open(Path path, BufferAllocator allocator) throws IOException {
        String origin = path.toString();
        if (!FileProbe.startsWith(FileProbe.head(path), ArrowFormat.MAGIC)) {
            throw new DataException(origin, null, 0, "not an Arrow IPC file (no ARROW1 magic at its start)");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator);
        try {
            return new ArrowTableReader(origin, channel, reader, reader.getVectorSchemaRoot());
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw damaged(origin, e);
        }
    }

    private static DataException damaged(String origin, Exception e) {
        return new DataException(origin, null, 0, "damaged or truncated Arrow IPC file (" + e.getMessage() + ")", e);
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public Schema schema() {
        return root.getSchema();
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        try {
            while (batchesRead < reader.getRecordBlocks().size()) {
                reader.loadRecordBatch(reader.getRecordBlocks().get(batchesRead++));
                if (root.getRowCount() > 0) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw damaged(origin, e);
        }
        root.setRowCount(0);
        return false;
    }

    @Override
    public List<String> warnings() {
        return List.of();
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            channel.close();
        }
    }
}
