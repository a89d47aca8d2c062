package org.ocengine.datasets.mock;

import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * Rows of one output table collected in growable Java arrays, one per column of the table's column
 * enum, then handed over as an Arrow table. Rows are appended with {@link #add()} and filled through
 * the setters, which write to the last row. NaN doubles and null strings become Arrow nulls. Not
 * thread-safe.
 *
 * @param <C> the table's columns
 */
final class Rows<C extends Enum<C> & MockTables.Column> {

    private final C[] columns;
    private final Object[] data;
    private int size;

    Rows(Class<C> type, int capacity) {
        this.columns = type.getEnumConstants();
        this.data = new Object[columns.length];
        int cap = Math.max(capacity, 16);
        for (C c : columns) {
            data[c.ordinal()] = switch (c.spec().type()) {
                case FLOAT64 -> new double[cap];
                case INT64 -> new long[cap];
                case INT32 -> new int[cap];
                case BOOL -> new boolean[cap];
                case STRING -> new String[cap];
            };
        }
    }

    /** The schema of a column enum. */
    static <C extends Enum<C> & MockTables.Column> Schema schema(Class<C> type) {
        return new Schema(Arrays.stream(type.getEnumConstants()).map(c -> c.spec().toField()).toList());
    }

    int size() {
        return size;
    }

    /** Appends a row (every cell zero, false or null until set). */
    Rows<C> add() {
        if (size == capacity()) {
            int cap = capacity() * 2;
            for (int k = 0; k < data.length; k++) {
                data[k] = switch (data[k]) {
                    case double[] a -> Arrays.copyOf(a, cap);
                    case long[] a -> Arrays.copyOf(a, cap);
                    case int[] a -> Arrays.copyOf(a, cap);
                    case boolean[] a -> Arrays.copyOf(a, cap);
                    case String[] a -> Arrays.copyOf(a, cap);
                    default -> throw new IllegalStateException("unexpected column storage " + data[k].getClass());
                };
            }
        }
        size++;
        return this;
    }

    private int capacity() {
        return switch (data[0]) {
            case double[] a -> a.length;
            case long[] a -> a.length;
            case int[] a -> a.length;
            case boolean[] a -> a.length;
            case String[] a -> a.length;
            default -> throw new IllegalStateException("unexpected column storage");
        };
    }

    Rows<C> set(C column, double value) {
        ((double[]) data[column.ordinal()])[size - 1] = value;
        return this;
    }

    Rows<C> set(C column, long value) {
        ((long[]) data[column.ordinal()])[size - 1] = value;
        return this;
    }

    Rows<C> set(C column, int value) {
        ((int[]) data[column.ordinal()])[size - 1] = value;
        return this;
    }

    Rows<C> set(C column, boolean value) {
        ((boolean[]) data[column.ordinal()])[size - 1] = value;
        return this;
    }

    Rows<C> set(C column, String value) {
        ((String[]) data[column.ordinal()])[size - 1] = value;
        return this;
    }

    /** The rows as a table whose vectors come from {@code allocator} (the caller owns it). */
    Table toTable(BufferAllocator allocator, String origin) {
        try (TableBuilder b = Table.builder(allocator, origin, size)) {
            for (C c : columns) {
                ColumnSpec spec = c.spec();
                Object column = data[c.ordinal()];
                switch (spec.type()) {
                    case FLOAT64 -> b.addDoubles(spec, Arrays.copyOf((double[]) column, size));
                    case INT64 -> b.addLongs(spec, Arrays.copyOf((long[]) column, size));
                    case INT32 -> b.addInts(spec, Arrays.copyOf((int[]) column, size));
                    case BOOL -> b.addBooleans(spec, Arrays.copyOf((boolean[]) column, size));
                    case STRING -> b.addStrings(spec, Arrays.copyOf((String[]) column, size));
                }
            }
            return b.build();
        }
    }
}
