package org.ocengine.fit;

import java.util.Arrays;

/**
 * The points of one fit: x, y and the uncertainty of y (one standard deviation; x is taken as
 * exact). Units are the caller's (for gradients: x in the variable's unit, y and its error in dex).
 * Immutable: the arrays are copied in and out.
 */
public final class FitData {

    private final double[] x;
    private final double[] y;
    private final double[] yErr;

    /**
     * @throws IllegalArgumentException when the lengths differ, a value is not finite or an error is
     *                                  not positive (the message gives the 0-based point index)
     */
    public FitData(double[] x, double[] y, double[] yErr) {
        if (x.length != y.length || x.length != yErr.length) {
            throw new IllegalArgumentException("x, y and y errors differ in length: " + x.length + ", " + y.length + ", " + yErr.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " is not finite: x=" + x[i] + ", y=" + y[i]);
            }
            if (!(yErr[i] > 0) || Double.isInfinite(yErr[i])) {
                throw new IllegalArgumentException("point " + i + " has no usable error: " + yErr[i]);
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.yErr = yErr.clone();
    }

    /** Number of points. */
    public int size() {
        return x.length;
    }

    public double[] x() {
        return x.clone();
    }

    public double[] y() {
        return y.clone();
    }

    public double[] yErr() {
        return yErr.clone();
    }

    double x(int i) {
        return x[i];
    }

    double y(int i) {
        return y[i];
    }

    double yErr(int i) {
        return yErr[i];
    }

    /** Smallest x (NaN when empty). */
    public double minX() {
        return x.length == 0 ? Double.NaN : Arrays.stream(x).min().getAsDouble();
    }

    /** Largest x (NaN when empty). */
    public double maxX() {
        return x.length == 0 ? Double.NaN : Arrays.stream(x).max().getAsDouble();
    }
}
