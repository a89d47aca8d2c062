package org.ocengine.io;

import java.io.IOException;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A stream of record batches read from a file, in the shape of Arrow's own {@code ArrowReader}:
 * {@link #loadNextBatch()} fills {@link #root()} with the next rows. The reader owns the root and
 * its buffers, which are overwritten by the next batch and freed by {@link #close()}; a caller that
 * keeps data beyond that copies or transfers it. No empty batch is ever handed out, so a file of
 * zero rows gives none. One thread at a time.
 */
public interface TableReader extends AutoCloseable {

    /** The file (or other source) read, as named in error messages. */
    String origin();

    /** The columns every batch has, with units and descriptions in the field metadata. */
    Schema schema();

    /** The root holding the current batch; the same object for the reader's whole life. */
    VectorSchemaRoot root();

    /**
     * Loads the next batch into {@link #root()}.
     *
     * @return false, leaving the root empty, when there are no more rows
     * @throws org.ocengine.table.DataException when the file turns out to be truncated or malformed
     */
    boolean loadNextBatch() throws IOException;

    /**
     * What the reader left out or changed while reading, one line each (for example FITS array
     * columns it skipped, or duplicate column names it made unique); empty when nothing was.
     */
    List<String> warnings();

    @Override
    void close() throws IOException;
}
