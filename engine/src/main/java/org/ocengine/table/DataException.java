package org.ocengine.table;

/**
 * Bad input that stops a run: a missing column, a cell that cannot be read as its column's type,
 * an impossible value, a truncated or empty file. Its message is one line naming the file, the
 * column and the (1-based, data) row wherever they are known, so a user can go straight to it.
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String column;
    private final long row;

    /**
     * @param origin  the file (or other source) the data came from
     * @param column  the column, or {@code null} when the problem is not one column's
     * @param row     1-based data row (the first row after any header is row 1), or 0 when not a row's
     * @param problem what is wrong, as a short clause
     */
    public DataException(String origin, String column, long row, String problem) {
        this(origin, column, row, problem, null);
    }

    public DataException(String origin, String column, long row, String problem, Throwable cause) {
        super(format(origin, column, row, problem), cause);
        this.origin = origin;
        this.column = column;
        this.row = row;
    }

    private static String format(String origin, String column, long row, String problem) {
        StringBuilder sb = new StringBuilder(origin == null ? "input" : origin);
        if (column != null) {
            sb.append(": column '").append(column).append('\'');
        }
        if (row > 0) {
            sb.append(column != null ? ", row " : ": row ").append(row);
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The file or source named in the message. */
    public String origin() {
        return origin;
    }

    /** The column named in the message, or {@code null}. */
    public String column() {
        return column;
    }

    /** The 1-based data row named in the message, or 0. */
    public long row() {
        return row;
    }
}
