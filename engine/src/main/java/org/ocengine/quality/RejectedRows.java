package org.ocengine.quality;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Table;

/**
 * The record of everything a run set aside: input rows dropped by a cut, single values set missing,
 * clusters dropped. Nothing is dropped silently: every stage that removes data adds an entry here,
 * and the run writes them as the rejected table. Not thread-safe (stages append from one thread).
 */
public final class RejectedRows {

    /** What was done to the data. */
    public enum Action {
        /** The whole input row takes no further part. */
        ROW_DROPPED("row dropped"),
        /** One value of the row was treated as missing; the row stays. */
        VALUE_SET_MISSING("value set missing"),
        /** A cluster was left out of the catalogue. */
        CLUSTER_DROPPED("cluster dropped"),
        /** A cross-match pair was not used (the spectrum had a nearer member of the same cluster). */
        MATCH_DROPPED("match dropped"),
        /** The row keeps its place, but its Galactic kinematics and orbit could not be computed (left missing). */
        NO_ORBIT("no orbit");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        /** The spelling used in the rejected table. */
        public String label() {
            return label;
        }
    }

    /**
     * One entry.
     *
     * @param source    input file (or stage) the row came from
     * @param sourceRow 1-based data row in that file; 0 when not a row (a cluster)
     * @param stage     stage that set it aside ({@code quality}, {@code members}, {@code xmatch}, {@code cluster})
     * @param object    the star or cluster concerned, as far as known
     * @param column    the column whose value caused it, or empty
     * @param value     that value as text, or empty
     * @param reason    why, in words a user understands ("S/N 8.2 <= 10")
     * @param action    what was done
     */
    public record Entry(String source, long sourceRow, String stage, String object, String column, String value,
                        String reason, Action action) {
    }

    public static final ColumnSpec SOURCE = new ColumnSpec("source", ColumnType.STRING, "", "Input file the row came from");
    public static final ColumnSpec SOURCE_ROW = new ColumnSpec("source_row", ColumnType.INT64, "", "1-based data row in that file (0: not a row)");
    public static final ColumnSpec STAGE = new ColumnSpec("stage", ColumnType.STRING, "", "Stage that set the data aside");
    public static final ColumnSpec OBJECT = new ColumnSpec("object", ColumnType.STRING, "", "Star or cluster concerned");
    public static final ColumnSpec COLUMN = new ColumnSpec("column", ColumnType.STRING, "", "Column whose value caused it");
    public static final ColumnSpec VALUE = new ColumnSpec("value", ColumnType.STRING, "", "That value, as text");
    public static final ColumnSpec REASON = new ColumnSpec("reason", ColumnType.STRING, "", "Why");
    public static final ColumnSpec ACTION = new ColumnSpec("action", ColumnType.STRING, "", "What was done: row dropped, value set missing, cluster dropped, match dropped, no orbit");

    private final List<Entry> entries = new ArrayList<>();

    public void add(Entry entry) {
        entries.add(entry);
    }

    public void add(String source, long sourceRow, String stage, String object, String column, String value, String reason, Action action) {
        entries.add(new Entry(source, sourceRow, stage, nz(object), nz(column), nz(value), reason, action));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Entries in the order they were added. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public int size() {
        return entries.size();
    }

    /** Number of entries with the given action. */
    public long count(Action action) {
        return entries.stream().filter(e -> e.action() == action).count();
    }

    /** The entries as a table (caller owns it). */
    public Table toTable(BufferAllocator allocator) {
        int n = entries.size();
        String[] source = new String[n];
        long[] row = new long[n];
        String[] stage = new String[n];
        String[] object = new String[n];
        String[] column = new String[n];
        String[] value = new String[n];
        String[] reason = new String[n];
        String[] action = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            source[i] = e.source();
            row[i] = e.sourceRow();
            stage[i] = e.stage();
            object[i] = e.object();
            column[i] = e.column();
            value[i] = e.value();
            reason[i] = e.reason();
            action[i] = e.action().label();
        }
        try (var b = Table.builder(allocator, "rejected", n)) {
            return b.addStrings(SOURCE, source).addLongs(SOURCE_ROW, row).addStrings(STAGE, stage)
                    .addStrings(OBJECT, object).addStrings(COLUMN, column).addStrings(VALUE, value)
                    .addStrings(REASON, reason).addStrings(ACTION, action).build();
        }
    }
}
