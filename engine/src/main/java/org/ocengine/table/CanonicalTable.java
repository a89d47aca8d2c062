package org.ocengine.table;

import java.util.List;

/**
 * A table in the canonical vocabulary with the provenance of each of its columns, as made by
 * {@link CanonicalTables#toCanonical}. Owns the table: closing this closes it.
 *
 * @param table   the canonical columns, in the order of {@link Columns#all()}
 * @param sources where each column came from, in the same order
 */
public record CanonicalTable(Table table, List<ColumnSource> sources) implements AutoCloseable {

    public CanonicalTable {
        sources = List.copyOf(sources);
    }

    @Override
    public void close() {
        table.close();
    }
}
