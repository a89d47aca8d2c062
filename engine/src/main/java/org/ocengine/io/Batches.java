package org.ocengine.io;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Filling a reader's root with a new batch. Stateless. */
final class Batches {

    private Batches() {
    }

    /** Frees the root's previous batch and allocates room for {@code rows} values in every vector. */
    static void allocate(VectorSchemaRoot root, int rows) {
        for (FieldVector v : root.getFieldVectors()) {
            v.setInitialCapacity(Math.max(rows, 1));
            v.allocateNew();
        }
    }

    /** Sets the value count of every vector and the row count of the root. */
    static void finish(VectorSchemaRoot root, int rows) {
        for (FieldVector v : root.getFieldVectors()) {
            v.setValueCount(rows);
        }
        root.setRowCount(rows);
    }
}
