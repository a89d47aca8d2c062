package org.ocengine.compute;

import java.util.Arrays;

/**
 * The result of a sky match: pairs (index into A, index into B, separation in arcsec), ordered by A
 * index, then separation, then B index, so that equal inputs give equal bytes on every backend and
 * thread count. Immutable; the arrays are not copied, so callers must not modify them.
 */
public final class MatchPairs {

    private final int[] a;
    private final int[] b;
    private final double[] separationArcsec;

    /**
     * Wraps arrays of equal length that are already in the canonical order; see {@link #sorted} to
     * put unordered pairs in that order.
     */
    public MatchPairs(int[] a, int[] b, double[] separationArcsec) {
        if (a.length != b.length || a.length != separationArcsec.length) {
            throw new IllegalArgumentException("pair arrays differ in length");
        }
        this.a = a;
        this.b = b;
        this.separationArcsec = separationArcsec;
    }

    /** Pairs from arrays in any order, sorted into the canonical order (the arrays are not modified). */
    public static MatchPairs sorted(int[] a, int[] b, double[] separationArcsec) {
        int n = a.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            int c = Integer.compare(a[x], a[y]);
            if (c == 0) {
                c = Double.compare(separationArcsec[x], separationArcsec[y]);
            }
            return c != 0 ? c : Integer.compare(b[x], b[y]);
        });
        int[] sa = new int[n];
        int[] sb = new int[n];
        double[] ss = new double[n];
        for (int i = 0; i < n; i++) {
            sa[i] = a[order[i]];
            sb[i] = b[order[i]];
            ss[i] = separationArcsec[order[i]];
        }
        return new MatchPairs(sa, sb, ss);
    }

    public int size() {
        return a.length;
    }

    /** Row in A of pair k. */
    public int a(int k) {
        return a[k];
    }

    /** Row in B of pair k. */
    public int b(int k) {
        return b[k];
    }

    /** Separation of pair k, arcsec. */
    public double separationArcsec(int k) {
        return separationArcsec[k];
    }

    /** A rows of all pairs (shared, do not modify). */
    public int[] aIndices() {
        return a;
    }

    /** B rows of all pairs (shared, do not modify). */
    public int[] bIndices() {
        return b;
    }

    /** Separations of all pairs in arcsec (shared, do not modify). */
    public double[] separationsArcsec() {
        return separationArcsec;
    }

    /** True for the first (nearest) pair of each A row. */
    public boolean[] nearestOfA() {
        boolean[] nearest = new boolean[a.length];
        for (int k = 0; k < a.length; k++) {
            nearest[k] = k == 0 || a[k] != a[k - 1];
        }
        return nearest;
    }
}
