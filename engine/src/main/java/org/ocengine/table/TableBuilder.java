package org.ocengine.table;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Assembles a {@link Table} column by column from Java arrays (the in-memory null markers of
 * {@link Table} become Arrow nulls). Single-threaded; if {@link #build()} is never called,
 * {@link #close()} frees what was added.
 */
public final class TableBuilder implements AutoCloseable {

    private final BufferAllocator allocator;
    private final String origin;
    private final int rowCount;
    private final List<FieldVector> vectors = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private boolean built;

    TableBuilder(BufferAllocator allocator, String origin, int rowCount) {
        this.allocator = allocator;
        this.origin = origin;
        this.rowCount = rowCount;
    }

    private <V extends FieldVector> V add(ColumnSpec spec, ColumnType expected, int length) {
        if (spec.type() != expected) {
            throw new IllegalArgumentException("column " + spec.name() + " is " + spec.type() + ", not " + expected);
        }
        if (length != rowCount) {
            throw new IllegalArgumentException("column " + spec.name() + " has " + length + " values, table has " + rowCount + " rows");
        }
        if (!names.add(spec.name())) {
            throw new IllegalArgumentException("column " + spec.name() + " added twice");
        }
        @SuppressWarnings("unchecked")
        V v = (V) spec.toField().createVector(allocator);
        vectors.add(v);
        return v;
    }

    /** Adds a FLOAT64 column; NaN values become nulls. */
    public TableBuilder addDoubles(ColumnSpec spec, double[] values) {
        Float8Vector v = add(spec, ColumnType.FLOAT64, values.length);
        v.allocateNew(rowCount);
        for (int i = 0; i < rowCount; i++) {
            if (Double.isNaN(values[i])) {
                v.setNull(i);
            } else {
                v.set(i, values[i]);
            }
        }
        v.setValueCount(rowCount);
        return this;
    }

    /** Adds an INT64 column; {@link Table#NULL_LONG} values become nulls. */
    public TableBuilder addLongs(ColumnSpec spec, long[] values) {
        BigIntVector v = add(spec, ColumnType.INT64, values.length);
        v.allocateNew(rowCount);
        for (int i = 0; i < rowCount; i++) {
            if (values[i] == Table.NULL_LONG) {
                v.setNull(i);
            } else {
                v.set(i, values[i]);
            }
        }
        v.setValueCount(rowCount);
        return this;
    }

    /** Adds an INT32 column; {@link Table#NULL_INT} values become nulls. */
    public TableBuilder addInts(ColumnSpec spec, int[] values) {
        IntVector v = add(spec, ColumnType.INT32, values.length);
        v.allocateNew(rowCount);
        for (int i = 0; i < rowCount; i++) {
            if (values[i] == Table.NULL_INT) {
                v.setNull(i);
            } else {
                v.set(i, values[i]);
            }
        }
        v.setValueCount(rowCount);
        return this;
    }

    /** Adds a BOOL column (no nulls). */
    public TableBuilder addBooleans(ColumnSpec spec, boolean[] values) {
        BitVector v = add(spec, ColumnType.BOOL, values.length);
        v.allocateNew(rowCount);
        for (int i = 0; i < rowCount; i++) {
            v.set(i, values[i] ? 1 : 0);
        }
        v.setValueCount(rowCount);
        return this;
    }

    /** Adds a BOOL column; {@code null} values become nulls. */
    public TableBuilder addBooleans(ColumnSpec spec, Boolean[] values) {
        BitVector v = add(spec, ColumnType.BOOL, values.length);
        v.allocateNew(rowCount);
        for (int i = 0; i < rowCount; i++) {
            if (values[i] == null) {
                v.setNull(i);
            } else {
                v.set(i, values[i] ? 1 : 0);
            }
        }
        v.setValueCount(rowCount);
        return this;
    }

    /** Adds a STRING column; {@code null} values become nulls. */
    public TableBuilder addStrings(ColumnSpec spec, String[] values) {
        VarCharVector v = add(spec, ColumnType.STRING, values.length);
        v.allocateNew(rowCount);
        for (int i = 0; i < rowCount; i++) {
            if (values[i] == null) {
                v.setNull(i);
            } else {
                v.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        v.setValueCount(rowCount);
        return this;
    }

    /**
     * Adds a copy of a column of another table (same row count), keeping its type and unit, under
     * {@code name}.
     */
    public TableBuilder addCopy(Table from, String column, String name) {
        return addRows(from, column, name, from.rowCount(), i -> i);
    }

    /**
     * Adds column {@code column} of another table gathered at {@code rows} (row i of the new column
     * is row {@code rows[i]} of the source; rows may repeat and come in any order), keeping its type
     * and unit, under {@code name}.
     */
    public TableBuilder addGathered(Table from, String column, int[] rows, String name) {
        return addRows(from, column, name, rows.length, i -> rows[i]);
    }

    private TableBuilder addRows(Table from, String column, String name, int count, IntUnaryOperator sourceRow) {
        FieldVector src = from.vector(column);
        if (count != rowCount) {
            throw new IllegalArgumentException("column " + name + " has " + count + " values, table has " + rowCount + " rows");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("column " + name + " added twice");
        }
        FieldVector to = new Field(name, src.getField().getFieldType(), null).createVector(allocator);
        vectors.add(to);
        to.setInitialCapacity(rowCount);
        to.allocateNew();
        for (int i = 0; i < rowCount; i++) {
            to.copyFromSafe(sourceRow.applyAsInt(i), i, src);
        }
        to.setValueCount(rowCount);
        return this;
    }

    /** The finished table; the builder hands ownership of the vectors to it. */
    public Table build() {
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(rowCount);
        built = true;
        return Table.wrap(root, origin);
    }

    @Override
    public void close() {
        if (!built) {
            vectors.forEach(FieldVector::close);
        }
    }
}
