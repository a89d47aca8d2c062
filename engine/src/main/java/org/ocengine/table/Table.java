package org.ocengine.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A columnar table held in Arrow vectors (off-heap). The table owns its {@link VectorSchemaRoot}
 * and frees it on {@link #close()}; it is not modified after construction, so concurrent reads from
 * several threads are safe, while closing must happen once, after all readers are done.
 *
 * <p>Missing values are Arrow nulls. The array accessors copy a column out for hot loops and spell
 * missing values as {@code NaN} (doubles), {@link #NULL_LONG} / {@link #NULL_INT} (integers) or
 * {@code null} (strings). Units live in each field's metadata ({@link ColumnSpec}).
 */
public final class Table implements AutoCloseable {

    /** In-memory marker for a missing 64-bit integer in arrays handed to or from a table. */
    public static final long NULL_LONG = Long.MIN_VALUE;
    /** In-memory marker for a missing 32-bit integer in arrays handed to or from a table. */
    public static final int NULL_INT = Integer.MIN_VALUE;

    private final VectorSchemaRoot root;
    private final String origin;

    private Table(VectorSchemaRoot root, String origin) {
        this.root = root;
        this.origin = origin;
    }

    /**
     * Wraps a root, taking ownership of it.
     *
     * @param origin where the data came from (a file path, or a stage name), used in error messages
     */
    public static Table wrap(VectorSchemaRoot root, String origin) {
        return new Table(root, origin);
    }

    /** A builder for a new table of {@code rowCount} rows whose vectors come from {@code allocator}. */
    public static TableBuilder builder(BufferAllocator allocator, String origin, int rowCount) {
        return new TableBuilder(allocator, origin, rowCount);
    }

    /** Where the data came from: a file path or a stage name. */
    public String origin() {
        return origin;
    }

    public int rowCount() {
        return root.getRowCount();
    }

    public Schema schema() {
        return root.getSchema();
    }

    /** The underlying Arrow root; still owned by this table. */
    public VectorSchemaRoot root() {
        return root;
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (Field f : root.getSchema().getFields()) {
            names.add(f.getName());
        }
        return Collections.unmodifiableList(names);
    }

    public boolean has(String column) {
        return root.getVector(column) != null;
    }

    /** The spec (type, unit, description) of a column. */
    public ColumnSpec spec(String column) {
        return ColumnSpec.of(vector(column).getField());
    }

    /** The unit of a column, if the schema states one. */
    public Optional<String> unit(String column) {
        String unit = spec(column).unit();
        return unit.isEmpty() ? Optional.empty() : Optional.of(unit);
    }

    /** The vector of a column; a {@link DataException} naming this table's origin if there is none. */
    public FieldVector vector(String column) {
        FieldVector v = root.getVector(column);
        if (v == null) {
            throw new DataException(origin, column, 0, "required column is missing (columns are: "
                    + String.join(", ", columnNames()) + ")");
        }
        return v;
    }

    /** True where the cell is missing (Arrow null, or NaN in a floating-point column). */
    public boolean isMissing(String column, int row) {
        FieldVector v = vector(column);
        if (v.isNull(row)) {
            return true;
        }
        return v instanceof Float8Vector f && Double.isNaN(f.get(row));
    }

    /** A numeric column copied out as doubles; missing cells are NaN. */
    public double[] doubles(String column) {
        FieldVector v = vector(column);
        int n = rowCount();
        double[] out = new double[n];
        if (v instanceof Float8Vector f) {
            for (int i = 0; i < n; i++) {
                out[i] = f.isNull(i) ? Double.NaN : f.get(i);
            }
        } else if (v instanceof Float4Vector f) {
            for (int i = 0; i < n; i++) {
                out[i] = f.isNull(i) ? Double.NaN : f.get(i);
            }
        } else if (v instanceof BigIntVector b) {
            for (int i = 0; i < n; i++) {
                out[i] = b.isNull(i) ? Double.NaN : b.get(i);
            }
        } else if (v instanceof IntVector b) {
            for (int i = 0; i < n; i++) {
                out[i] = b.isNull(i) ? Double.NaN : b.get(i);
            }
        } else if (v instanceof SmallIntVector b) {
            for (int i = 0; i < n; i++) {
                out[i] = b.isNull(i) ? Double.NaN : b.get(i);
            }
        } else if (v instanceof TinyIntVector b) {
            for (int i = 0; i < n; i++) {
                out[i] = b.isNull(i) ? Double.NaN : b.get(i);
            }
        } else if (v instanceof BitVector b) {
            for (int i = 0; i < n; i++) {
                out[i] = b.isNull(i) ? Double.NaN : b.get(i);
            }
        } else {
            throw new DataException(origin, column, 0, "is " + v.getField().getType() + ", not numeric");
        }
        return out;
    }

    /** An integer column copied out as longs; missing cells are {@link #NULL_LONG}. */
    public long[] longs(String column) {
        FieldVector v = vector(column);
        int n = rowCount();
        long[] out = new long[n];
        if (v instanceof BigIntVector b) {
            for (int i = 0; i < n; i++) {
                out[i] = b.isNull(i) ? NULL_LONG : b.get(i);
            }
        } else if (v instanceof IntVector b) {
            for (int i = 0; i < n; i++) {
                out[i] = b.isNull(i) ? NULL_LONG : b.get(i);
            }
        } else if (v instanceof SmallIntVector b) {
            for (int i = 0; i < n; i++) {
                out[i] = b.isNull(i) ? NULL_LONG : b.get(i);
            }
        } else if (v instanceof TinyIntVector b) {
            for (int i = 0; i < n; i++) {
                out[i] = b.isNull(i) ? NULL_LONG : b.get(i);
            }
        } else {
            throw new DataException(origin, column, 0, "is " + v.getField().getType() + ", not an integer column");
        }
        return out;
    }

    /** An integer column copied out as ints; missing cells are {@link #NULL_INT}. */
    public int[] ints(String column) {
        long[] wide = longs(column);
        int[] out = new int[wide.length];
        for (int i = 0; i < wide.length; i++) {
            long x = wide[i];
            if (x == NULL_LONG) {
                out[i] = NULL_INT;
            } else if (x < Integer.MIN_VALUE + 1L || x > Integer.MAX_VALUE) {
                throw new DataException(origin, column, i + 1L, "value " + x + " does not fit a 32-bit integer");
            } else {
                out[i] = (int) x;
            }
        }
        return out;
    }

    /** A boolean column copied out; missing cells are {@code false}. */
    public boolean[] booleans(String column) {
        FieldVector v = vector(column);
        if (!(v instanceof BitVector b)) {
            throw new DataException(origin, column, 0, "is " + v.getField().getType() + ", not boolean");
        }
        boolean[] out = new boolean[rowCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = !b.isNull(i) && b.get(i) != 0;
        }
        return out;
    }

    /**
     * Any column copied out as text: strings as they are, numbers in Java's shortest round-trip
     * spelling; missing cells are {@code null}.
     */
    public String[] strings(String column) {
        FieldVector v = vector(column);
        String[] out = new String[rowCount()];
        if (v instanceof VarCharVector s) {
            for (int i = 0; i < out.length; i++) {
                out[i] = s.isNull(i) ? null : new String(s.get(i), java.nio.charset.StandardCharsets.UTF_8);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                Object o = v.getObject(i);
                out[i] = o == null ? null : o.toString();
            }
        }
        return out;
    }

    /**
     * A new table holding the given rows, in the given order, of every column (units kept); its
     * vectors come from {@code allocator} and the caller owns it.
     */
    public Table select(int[] rows, BufferAllocator allocator, String newOrigin) {
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (FieldVector from : root.getFieldVectors()) {
                FieldVector to = from.getField().createVector(allocator);
                vectors.add(to);
                to.setInitialCapacity(rows.length);
                to.allocateNew();
                for (int i = 0; i < rows.length; i++) {
                    to.copyFromSafe(rows[i], i, from);
                }
                to.setValueCount(rows.length);
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot out = new VectorSchemaRoot(vectors);
        out.setRowCount(rows.length);
        return new Table(out, newOrigin);
    }

    /**
     * A new table (owned by the caller) with copies of this table's columns followed by the columns
     * that {@code more} adds to the builder.
     */
    public Table extend(BufferAllocator allocator, String newOrigin, java.util.function.Consumer<TableBuilder> more) {
        try (TableBuilder b = builder(allocator, newOrigin, rowCount())) {
            for (String name : columnNames()) {
                b.addCopy(this, name, name);
            }
            more.accept(b);
            return b.build();
        }
    }

    @Override
    public void close() {
        root.close();
    }

    @Override
    public String toString() {
        return "Table[" + origin + ", " + rowCount() + " rows, " + columnNames() + "]";
    }
}
