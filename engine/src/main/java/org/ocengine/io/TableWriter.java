package org.ocengine.io;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes record batches of one schema to a file, atomically: data goes to a temporary file in the
 * target's folder, and only {@link #commit()} moves it to the target (replacing any file there).
 * Closing without committing, or after a failure, deletes the temporary files and leaves the target
 * as it was. Use it in try-with-resources. One thread at a time.
 */
public interface TableWriter extends AutoCloseable {

    /** The path the file appears at on commit. */
    Path target();

    /**
     * Appends the rows of a batch. The caller keeps ownership of the batch; the writer copies or
     * encodes what it needs before returning.
     *
     * @throws IllegalArgumentException when the batch's column names or types differ from the schema the writer was opened with
     */
    void write(VectorSchemaRoot batch) throws IOException;

    /** Rows written so far. */
    long rowCount();

    /** Finishes the file and moves it to {@link #target()}. Nothing may be written afterwards. */
    void commit() throws IOException;

    /** Aborts unless committed: removes the temporary files; the target is left untouched. */
    @Override
    void close() throws IOException;
}
