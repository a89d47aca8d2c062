package org.ocengine.compute;

import java.nio.ByteOrder;
import java.util.Objects;
import org.apache.arrow.vector.Float8Vector;

/**
 * Positions on the sky in degrees (ICRS), borrowed from Arrow vectors: the caller owns the vectors
 * and keeps them open while a backend call uses them. A null, NaN or infinite value in either vector
 * means "no position"; a declination outside [-90, 90] makes a backend call fail.
 *
 * @param ra  right ascension, degrees, any value (wrapped into [0, 360) by the matchers)
 * @param dec declination, degrees, in [-90, 90]
 */
public record SkyPositions(Float8Vector ra, Float8Vector dec) {

    public SkyPositions {
        Objects.requireNonNull(ra, "ra");
        Objects.requireNonNull(dec, "dec");
        if (ra.getValueCount() != dec.getValueCount()) {
            throw new IllegalArgumentException("ra has " + ra.getValueCount() + " values, dec " + dec.getValueCount());
        }
    }

    /** Number of positions. */
    public int size() {
        return ra.getValueCount();
    }

    /** Right ascensions copied out (bulk copy), degrees; null becomes NaN. */
    public double[] raDegrees() {
        return copy(ra);
    }

    /** Declinations copied out (bulk copy), degrees; null becomes NaN. */
    public double[] decDegrees() {
        return copy(dec);
    }

    private static double[] copy(Float8Vector v) {
        int n = v.getValueCount();
        double[] out = new double[n];
        int chunk = 1 << 26;
        for (int from = 0; from < n; from += chunk) {
            int len = Math.min(chunk, n - from);
            v.getDataBuffer().nioBuffer((long) from * Float8Vector.TYPE_WIDTH, len * Float8Vector.TYPE_WIDTH)
                    .order(ByteOrder.nativeOrder()).asDoubleBuffer().get(out, from, len);
        }
        if (v.getNullCount() > 0) {
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) {
                    out[i] = Double.NaN;
                }
            }
        }
        return out;
    }}
