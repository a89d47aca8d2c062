package org.ocengine.table;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The value types a column of an ocengine table may have, each mapped to one Arrow type.
 * Missing values are Arrow nulls in every type; {@link #FLOAT64} columns also read NaN as missing.
 */
public enum ColumnType {
    /** IEEE double, Arrow {@code Float8}; FITS {@code D}. */
    FLOAT64(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
    /** Signed 64-bit integer, Arrow {@code BigInt}; FITS {@code K}. */
    INT64(new ArrowType.Int(64, true)),
    /** Signed 32-bit integer, Arrow {@code Int}; FITS {@code J}. */
    INT32(new ArrowType.Int(32, true)),
    /** Boolean, Arrow {@code Bit}; FITS {@code L}. */
    BOOL(ArrowType.Bool.INSTANCE),
    /** UTF-8 text, Arrow {@code Utf8}; FITS {@code A}. */
    STRING(ArrowType.Utf8.INSTANCE);

    private final ArrowType arrowType;

    ColumnType(ArrowType arrowType) {
        this.arrowType = arrowType;
    }

    /** The Arrow type columns of this kind are stored as. */
    public ArrowType arrowType() {
        return arrowType;
    }

    /** The column type of an Arrow type, or {@code null} for a type ocengine does not model. */
    public static ColumnType of(ArrowType type) {
        if (type instanceof ArrowType.FloatingPoint) {
            return FLOAT64;
        }
        if (type instanceof ArrowType.Int i) {
            return i.getBitWidth() > 32 ? INT64 : INT32;
        }
        if (type instanceof ArrowType.Bool) {
            return BOOL;
        }
        if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8) {
            return STRING;
        }
        return null;
    }

    /** True for the numeric types. */
    public boolean isNumeric() {
        return this == FLOAT64 || this == INT64 || this == INT32;
    }
}
