package org.ocengine.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.ocengine.table.DataException;

/** Streams the record batches of an Arrow IPC file, skipping empty ones. One thread. */
final class ArrowTableReader extends AbstractTableReader {

    private final FileChannel channel;
    private final ArrowFileReader reader;
    private int batchesRead;

    private ArrowTableReader(String origin, FileChannel channel, ArrowFileReader reader) throws IOException {
        super(origin, reader.getVectorSchemaRoot(), List.of());
        this.channel = channel;
        this.reader = reader;
    }

    static ArrowTableReader open(Path path, BufferAllocator allocator) throws IOException {
        String origin = path.toString();
        if (!FileProbe.startsWith(FileProbe.head(path), ArrowFormat.MAGIC)) {
            throw new DataException(origin, null, 0, "not an Arrow IPC file (no ARROW1 magic at its start)");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator);
        try {
            return new ArrowTableReader(origin, channel, reader);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw damaged(origin, e);
        }
    }

    private static DataException damaged(String origin, Exception e) {
        return new DataException(origin, null, 0, "damaged or truncated Arrow IPC file (" + e.getMessage() + ")", e);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        try {
            while (batchesRead < reader.getRecordBlocks().size()) {
                reader.loadRecordBatch(reader.getRecordBlocks().get(batchesRead++));
                if (root().getRowCount() > 0) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw damaged(origin(), e);
        }
        root().setRowCount(0);
        return false;
    }

    /** Closes the Arrow reader (which also frees the root it made) and the channel. */
    @Override
    void closeSource() throws IOException {
        try {
            reader.close();
        } finally {
            channel.close();
        }
    }
}
