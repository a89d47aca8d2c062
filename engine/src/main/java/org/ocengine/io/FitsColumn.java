package org.ocengine.io;

import java.nio.ByteBuffer;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;

/**
 * One scalar column of a FITS binary table being read: where its bytes sit in a row, how they
 * decode ({@code TSCALn}, {@code TZEROn}, {@code TNULLn}) and the column type they become (see
 * {@link FitsFormat}). Immutable.
 */
final class FitsColumn {

    private final char code;
    private final int width;
    private final int offset;
    private final double scale;
    private final double zero;
    private final long integerZero;
    private final boolean scaled;
    private final boolean hasNull;
    private final long nullValue;
    private final ColumnSpec spec;

    /**
     * @param code      the TFORM letter: one of L, B, I, J, K, E, D, A
     * @param width     bytes per cell (the repeat count, for A)
     * @param offset    byte offset of the cell in a row
     * @param nullValue the TNULLn value, or {@code null} when the header gives none
     */
    FitsColumn(String name, char code, int width, int offset, double scale, double zero, Long nullValue,
               String unit, String description) {
        this.code = code;
        this.width = width;
        this.offset = offset;
        this.scale = scale;
        this.zero = zero;
        this.integerZero = (long) zero;
        this.scaled = scale != 1.0 || zero != 0.0;
        this.hasNull = nullValue != null;
        this.nullValue = hasNull ? nullValue : 0;
        this.spec = new ColumnSpec(name, outputType(code, scale, zero), unit, description);
    }

    /** The TFORM letters {@link FitsColumn} decodes (as scalars; A as one string). */
    static boolean isScalarCode(char code) {
        return "LBIJKEDA".indexOf(code) >= 0;
    }

    /**
     * The column type cells of this TFORM letter and scaling become: integers keep an integer type
     * wide enough for raw value + TZERO when TSCAL is 1 and TZERO an integer, else FLOAT64.
     */
    static ColumnType outputType(char code, double scale, double zero) {
        return switch (code) {
            case 'L' -> ColumnType.BOOL;
            case 'A' -> ColumnType.STRING;
            case 'E', 'D' -> ColumnType.FLOAT64;
            case 'B', 'I', 'J', 'K' -> integerType(code, scale, zero);
            default -> throw new IllegalArgumentException("not a scalar TFORM letter: " + code);
        };
    }

    private static ColumnType integerType(char code, double scale, double zero) {
        if (scale != 1.0 || zero != Math.rint(zero)) {
            return ColumnType.FLOAT64;
        }
        if (zero == 0.0) {
            return code == 'K' ? ColumnType.INT64 : ColumnType.INT32;
        }
        if (code == 'K') {
            return ColumnType.FLOAT64; // e.g. unsigned 64-bit: raw + TZERO may overflow a long
        }
        double lo = (code == 'B' ? 0 : code == 'I' ? Short.MIN_VALUE : Integer.MIN_VALUE) + zero;
        double hi = (code == 'B' ? 255 : code == 'I' ? Short.MAX_VALUE : Integer.MAX_VALUE) + zero;
        return lo >= Integer.MIN_VALUE && hi <= Integer.MAX_VALUE ? ColumnType.INT32 : ColumnType.INT64;
    }

    Field field() {
        return spec.toField();
    }

    /** Decodes this column's cell of the row starting at byte {@code rowStart} of {@code rows} (a heap buffer) into {@code v[i]}. */
    void decode(ByteBuffer rows, int rowStart, FieldVector v, int i) {
        int pos = rowStart + offset;
        switch (code) {
            case 'L' -> {
                byte b = rows.get(pos);
                if (b == 'T' || b == 'F') {
                    ((BitVector) v).set(i, b == 'T' ? 1 : 0);
                } else {
                    v.setNull(i);
                }
            }
            case 'B' -> setInteger(v, i, rows.get(pos) & 0xff);
            case 'I' -> setInteger(v, i, rows.getShort(pos));
            case 'J' -> setInteger(v, i, rows.getInt(pos));
            case 'K' -> setInteger(v, i, rows.getLong(pos));
            case 'E' -> setFloat(v, i, rows.getFloat(pos));
            case 'D' -> setFloat(v, i, rows.getDouble(pos));
            case 'A' -> setString(rows.array(), rows.arrayOffset() + pos, (VarCharVector) v, i);
            default -> throw new IllegalStateException("not a scalar TFORM letter: " + code);
        }
    }

    private void setInteger(FieldVector v, int i, long raw) {
        if (hasNull && raw == nullValue) {
            v.setNull(i);
            return;
        }
        switch (spec.type()) {
            case INT32 -> ((IntVector) v).set(i, (int) (raw + integerZero));
            case INT64 -> ((BigIntVector) v).set(i, raw + integerZero);
            default -> ((Float8Vector) v).set(i, raw * scale + zero);
        }
    }

    private void setFloat(FieldVector v, int i, double x) {
        if (Double.isNaN(x)) {
            v.setNull(i);
        } else {
            ((Float8Vector) v).set(i, scaled ? x * scale + zero : x);
        }
    }

    /** Text up to the first NUL, trailing blanks dropped; nothing left means null. */
    private void setString(byte[] bytes, int start, VarCharVector v, int i) {
        int end = start;
        int limit = start + width;
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        while (end > start && bytes[end - 1] == ' ') {
            end--;
        }
        if (end == start) {
            v.setNull(i);
        } else {
            v.setSafe(i, bytes, start, end - start);
        }
    }
}
