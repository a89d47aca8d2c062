package org.ocengine.quality;

import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Table;

/**
 * Sentinel numbers ("unknown": 9999, -9999, -9999.99, ...; SPEC.md 1) set missing in every
 * floating-point column, for tables that take no further part in the quality stage (a literature
 * catalogue being compared with ours). Stateless.
 */
public final class Sentinels {

    private Sentinels() {
    }

    /**
     * A copy of the table (caller owns it) with every FLOAT64 cell equal to a sentinel set to null.
     *
     * @return the copy and how many cells were set missing
     */
    public static Masked mask(Table table, Set<Double> sentinels, BufferAllocator allocator) {
        Table copy = table.extend(allocator, table.origin(), b -> { });
        long count = 0;
        for (String name : copy.columnNames()) {
            if (copy.spec(name).type() != ColumnType.FLOAT64) {
                continue;
            }
            FieldVector v = copy.vector(name);
            if (v instanceof Float8Vector f) {
                for (int i = 0; i < f.getValueCount(); i++) {
                    if (!f.isNull(i) && sentinels.contains(f.get(i))) {
                        f.setNull(i);
                        count++;
                    }
                }
            }
        }
        return new Masked(copy, count);
    }

    /** A masked copy and the number of cells set missing; closing closes the table. */
    public record Masked(Table table, long cells) implements AutoCloseable {
        @Override
        public void close() {
            table.close();
        }
    }
}
