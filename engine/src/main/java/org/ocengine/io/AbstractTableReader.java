package org.ocengine.io;

import java.io.IOException;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What every format's {@link TableReader} shares: the origin named in messages, the root that
 * batches are loaded into (owned by the reader, freed by {@link #close()}) and the warnings
 * gathered while opening. A format supplies {@link #loadNextBatch()} and the closing of its
 * source. One thread.
 */
abstract class AbstractTableReader implements TableReader {

    private final String origin;
    private final VectorSchemaRoot root;
    private final List<String> warnings;

    /**
     * @param root     the root batches are loaded into; this reader owns it from now on
     * @param warnings what the format left out or changed while opening (copied)
     */
    AbstractTableReader(String origin, VectorSchemaRoot root, List<String> warnings) {
        this.origin = origin;
        this.root = root;
        this.warnings = List.copyOf(warnings);
    }

    @Override
    public final String origin() {
        return origin;
    }

    @Override
    public final Schema schema() {
        return root.getSchema();
    }

    @Override
    public final VectorSchemaRoot root() {
        return root;
    }

    @Override
    public final List<String> warnings() {
        return warnings;
    }

    /** Closes the format's source (stream, channel, parser), then frees the root even if that fails. */
    @Override
    public final void close() throws IOException {
        try {
            closeSource();
        } finally {
            root.close();
        }
    }

    /** Closes the stream, channel or parser the rows come from; called once, by {@link #close()}. */
    abstract void closeSource() throws IOException;
}
