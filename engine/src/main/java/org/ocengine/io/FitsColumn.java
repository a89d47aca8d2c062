package org.ocengine.io;

import java.nio.ByteBuffer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
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

    /**
     * Decodes this column's cells of {@code count} consecutive rows into {@code v[at]} to
     * {@code v[at + count - 1]}, column-wise: the rows start at byte {@code start} of {@code rows}
     * (a big-endian heap buffer), {@code rowBytes} apart. Fixed-width cells go through a tight loop
     * per TFORM letter into {@code raw} (room for {@code count} values, contents overwritten), then
     * one per output type writing the vector's buffers directly; {@code v} must have room for
     * {@code at + count} values and no value yet set there (freshly allocated).
     */
    void decode(ByteBuffer rows, int start, int rowBytes, int count, FieldVector v, int at, long[] raw) {
        switch (code) {
            case 'L' -> decodeLogicals(rows, start, rowBytes, count, (BitVector) v, at);
            case 'A' -> decodeStrings(rows, start, rowBytes, count, (VarCharVector) v, at);
            case 'E', 'D' -> {
                readFloats(rows, start, rowBytes, count, raw);
                writeFloats(raw, count, (Float8Vector) v, at);
            }
            default -> {
                readIntegers(rows, start, rowBytes, count, raw);
                switch (spec.type()) {
                    case INT32 -> writeInts(raw, count, (IntVector) v, at);
                    case INT64 -> writeLongs(raw, count, (BigIntVector) v, at);
                    default -> writeScaledIntegers(raw, count, (Float8Vector) v, at);
                }
            }
        }
    }

    /** Raw integer cells (B unsigned, I, J, K signed) into {@code raw}. */
    private void readIntegers(ByteBuffer rows, int start, int rowBytes, int count, long[] raw) {
        int pos = start + offset;
        switch (code) {
            case 'B' -> {
                for (int r = 0; r < count; r++, pos += rowBytes) {
                    raw[r] = rows.get(pos) & 0xff;
                }
            }
            case 'I' -> {
                for (int r = 0; r < count; r++, pos += rowBytes) {
                    raw[r] = rows.getShort(pos);
                }
            }
            case 'J' -> {
                for (int r = 0; r < count; r++, pos += rowBytes) {
                    raw[r] = rows.getInt(pos);
                }
            }
            case 'K' -> {
                for (int r = 0; r < count; r++, pos += rowBytes) {
                    raw[r] = rows.getLong(pos);
                }
            }
            default -> throw new IllegalStateException("not an integer TFORM letter: " + code);
        }
    }

    /** Floating-point cells (E widened to double) into {@code raw}, as the bits of doubles. */
    private void readFloats(ByteBuffer rows, int start, int rowBytes, int count, long[] raw) {
        int pos = start + offset;
        if (code == 'E') {
            for (int r = 0; r < count; r++, pos += rowBytes) {
                raw[r] = Double.doubleToRawLongBits(rows.getFloat(pos));
            }
        } else {
            for (int r = 0; r < count; r++, pos += rowBytes) {
                raw[r] = rows.getLong(pos);
            }
        }
    }

    private void writeInts(long[] raw, int count, IntVector v, int at) {
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        for (int r = 0; r < count; r++) {
            long x = raw[r];
            if (!hasNull || x != nullValue) {
                data.setInt((long) (at + r) * IntVector.TYPE_WIDTH, (int) (x + integerZero));
                BitVectorHelper.setBit(validity, at + r);
            }
        }
    }

    private void writeLongs(long[] raw, int count, BigIntVector v, int at) {
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        for (int r = 0; r < count; r++) {
            long x = raw[r];
            if (!hasNull || x != nullValue) {
                data.setLong((long) (at + r) * BigIntVector.TYPE_WIDTH, x + integerZero);
                BitVectorHelper.setBit(validity, at + r);
            }
        }
    }

    private void writeScaledIntegers(long[] raw, int count, Float8Vector v, int at) {
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        for (int r = 0; r < count; r++) {
            long x = raw[r];
            if (!hasNull || x != nullValue) {
                data.setDouble((long) (at + r) * Float8Vector.TYPE_WIDTH, x * scale + zero);
                BitVectorHelper.setBit(validity, at + r);
            }
        }
    }

    /** NaN is null; other values scaled when TSCAL or TZERO say so. */
    private void writeFloats(long[] raw, int count, Float8Vector v, int at) {
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        for (int r = 0; r < count; r++) {
            double x = Double.longBitsToDouble(raw[r]);
            if (!Double.isNaN(x)) {
                data.setDouble((long) (at + r) * Float8Vector.TYPE_WIDTH, scaled ? x * scale + zero : x);
                BitVectorHelper.setBit(validity, at + r);
            }
        }
    }

    /** 'T' is true, 'F' false, anything else (0 in particular) null. */
    private void decodeLogicals(ByteBuffer rows, int start, int rowBytes, int count, BitVector v, int at) {
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        int pos = start + offset;
        for (int r = 0; r < count; r++, pos += rowBytes) {
            byte b = rows.get(pos);
            if (b == 'T' || b == 'F') {
                if (b == 'T') {
                    BitVectorHelper.setBit(data, at + r);
                }
                BitVectorHelper.setBit(validity, at + r);
            }
        }
    }

    private void decodeStrings(ByteBuffer rows, int start, int rowBytes, int count, VarCharVector v, int at) {
        byte[] bytes = rows.array();
        int pos = rows.arrayOffset() + start + offset;
        for (int r = 0; r < count; r++, pos += rowBytes) {
            setString(bytes, pos, v, at + r);
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
