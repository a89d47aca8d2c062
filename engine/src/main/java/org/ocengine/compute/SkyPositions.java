package org.ocengine.compute;

import java.util.Objects;
import org.apache.arrow.vector.Float8Vector;

/**
 * Positions on the sky in degrees (ICRS), borrowed from Arrow vectors: the caller owns the vectors
 * and keeps them open while a backend call uses them. A null in either vector means "no position".
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
}
