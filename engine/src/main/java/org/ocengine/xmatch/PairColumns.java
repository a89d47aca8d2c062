package org.ocengine.xmatch;

import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;

/**
 * The columns of the cross-match stage's pair table ({@link SkyCrossMatch}), with their units, and
 * the values of {@link #MATCH_METHOD}. Constants only.
 */
public final class PairColumns {

    /** Row of the A table (0-based). */
    public static final ColumnSpec A_ROW = new ColumnSpec("a_row", ColumnType.INT32, "", "Row of table A (0-based)");
    /** Row of the B table (0-based). */
    public static final ColumnSpec B_ROW = new ColumnSpec("b_row", ColumnType.INT32, "", "Row of table B (0-based)");
    /** Angular separation at the match epoch, arcsec; null where a source_id pair lacks a position. */
    public static final ColumnSpec SEPARATION = new ColumnSpec("separation", ColumnType.FLOAT64, "arcsec",
            "Angular separation of the pair at the match epoch");
    /** True for the first pair of each A row: its nearest B. */
    public static final ColumnSpec NEAREST = new ColumnSpec("nearest", ColumnType.BOOL, "",
            "True for the nearest B row of this A row");
    /** How the pair was found: {@value #BY_SOURCE_ID} or {@value #BY_SKY}. */
    public static final ColumnSpec MATCH_METHOD = new ColumnSpec("match_method", ColumnType.STRING, "",
            "How the pair was found: source_id (join on Gaia source_id) or sky (within the radius)");

    /** {@link #MATCH_METHOD} of pairs joined on source_id. */
    public static final String BY_SOURCE_ID = "source_id";
    /** {@link #MATCH_METHOD} of pairs found by position. */
    public static final String BY_SKY = "sky";

    private PairColumns() {
    }
}
