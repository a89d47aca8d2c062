package org.ocengine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.ocengine.table.ColumnSpec;

/**
 * What every format's {@link TableWriter} shares: the {@link AtomicFile} written and renamed onto
 * the target on {@link #commit()}, the schema check of each batch, the row count and the rule that
 * nothing is written after commit. A format supplies the encoding of batches
 * ({@link #writeRows}), the completion of its file ({@link #finish}) and the release of its
 * streams and scratch space ({@link #release}). One thread.
 */
abstract class AtomicTableWriter implements TableWriter {

    private final AtomicFile file;
    private final Schema schema;
    private long rowCount;
    private boolean committed;

    AtomicTableWriter(AtomicFile file, Schema schema) {
        this.file = file;
        this.schema = schema;
    }

    /** Opens a format's writer on a new temporary file beside the target; gets the temporary file and the schema's column specs. */
    @FunctionalInterface
    interface Opener<W extends AtomicTableWriter> {
        W open(AtomicFile file, List<ColumnSpec> specs) throws IOException;
    }

    /**
     * Checks the schema, creates the temporary file beside {@code target} and opens a writer on it;
     * deletes the temporary file again when opening fails.
     *
     * @throws IllegalArgumentException when the schema has no columns or a column of a type ocengine does not model
     */
    static <W extends AtomicTableWriter> W open(Path target, Schema schema, Opener<W> opener) throws IOException {
        List<ColumnSpec> specs = Schemas.writableSpecs(schema, target);
        AtomicFile file = AtomicFile.create(target);
        try {
            return opener.open(file, specs);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The temporary file being written, and its target. */
    final AtomicFile file() {
        return file;
    }

    @Override
    public final Path target() {
        return file.target();
    }

    @Override
    public final void write(VectorSchemaRoot batch) throws IOException {
        requireUncommitted();
        Schemas.requireMatches(schema, batch, file.target());
        if (batch.getRowCount() > 0) {
            writeRows(batch);
            rowCount += batch.getRowCount();
        }
    }

    @Override
    public final long rowCount() {
        return rowCount;
    }

    @Override
    public final void commit() throws IOException {
        requireUncommitted();
        finish();
        file.commit();
        committed = true;
    }

    /** Releases the format's streams and scratch space, then deletes the temporary file unless committed. */
    @Override
    public final void close() throws IOException {
        try {
            release();
        } finally {
            file.close();
        }
    }

    private void requireUncommitted() {
        if (committed) {
            throw new IllegalStateException(file.target() + ": already committed");
        }
    }

    /** Encodes the rows of a non-empty batch whose columns match the schema; the caller keeps the batch. */
    abstract void writeRows(VectorSchemaRoot batch) throws IOException;

    /** Completes the format in the temporary file and closes it; called once, by {@link #commit()}. */
    abstract void finish() throws IOException;

    /**
     * Closes what is still open (after a failure or without commit) and frees memory and scratch
     * files; called once, by {@link #close()}, whether or not {@link #finish()} ran.
     */
    abstract void release() throws IOException;
}
