package org.ocengine.compute;

/**
 * Many short time series laid end to end (compressed-row form), for batched periodograms: the
 * points of series s are {@code offsets[s]} to {@code offsets[s+1]-1}. Arrays are borrowed, not
 * copied, and must not change while a backend uses them.
 *
 * @param time    observation times, days (any zero point; only differences matter)
 * @param value   measured values (e.g. RV, km/s)
 * @param error   1-sigma errors, same unit as value, finite and positive
 * @param offsets length series + 1, non-decreasing, first 0, last = number of points
 */
public record TimeSeriesBatch(double[] time, double[] value, double[] error, int[] offsets) {

    public TimeSeriesBatch {
        int n = time.length;
        if (value.length != n || error.length != n) {
            throw new IllegalArgumentException("time, value and error differ in length");
        }
        if (offsets.length < 1 || offsets[0] != 0 || offsets[offsets.length - 1] != n) {
            throw new IllegalArgumentException("offsets must run from 0 to the number of points");
        }
        for (int s = 0; s + 1 < offsets.length; s++) {
            if (offsets[s + 1] < offsets[s]) {
                throw new IllegalArgumentException("offsets decrease at series " + s);
            }
        }
        for (int i = 0; i < n; i++) {
            if (!(error[i] > 0) || Double.isInfinite(error[i]) || !Double.isFinite(time[i]) || !Double.isFinite(value[i])) {
                throw new IllegalArgumentException("point " + i + " needs a finite time and value and a positive finite error");
            }
        }
    }

    /** Number of series. */
    public int seriesCount() {
        return offsets.length - 1;
    }

    /** Number of points of series s. */
    public int size(int s) {
        return offsets[s + 1] - offsets[s];
    }
}
