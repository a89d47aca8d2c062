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

    /**
     * Pairs from arrays in any order, sorted into the canonical order (the arrays are not
     * modified). Primitive throughout: a counting sort by A row, then each A row's pairs by
     * separation and B row, so it suits outputs of many millions of pairs.
     */
    public static MatchPairs sorted(int[] a, int[] b, double[] separationArcsec) {
        int n = a.length;
        if (b.length != n || separationArcsec.length != n) {
            throw new IllegalArgumentException("pair arrays differ in length");
        }
        int maxA = -1;
        for (int x : a) {
            if (x < 0) {
                throw new IllegalArgumentException("negative A row " + x);
            }
            maxA = Math.max(maxA, x);
        }
        int[] start = new int[maxA + 2];
        for (int x : a) {
            start[x + 1]++;
        }
        for (int i = 0; i <= maxA; i++) {
            start[i + 1] += start[i];
        }
        int[] sa = new int[n];
        int[] sb = new int[n];
        double[] ss = new double[n];
        int[] next = start.clone();
        for (int k = 0; k < n; k++) {
            int to = next[a[k]]++;
            sa[to] = a[k];
            sb[to] = b[k];
            ss[to] = separationArcsec[k];
        }
        for (int i = 0; i <= maxA; i++) {
            sortGroup(sb, ss, start[i], start[i + 1]);
        }
        return new MatchPairs(sa, sb, ss);
    }

    /**
     * Sorts the slice [from, to) of parallel arrays by separation, then B row ({@link Double#compare}
     * order, so NaN separations come last): the order of one A row's pairs. Public so that other
     * backends can order the pairs they assemble themselves.
     */
    public static void sortGroup(int[] b, double[] sep, int from, int to) {
        if (to - from <= 24) {
            for (int i = from + 1; i < to; i++) {
                int bi = b[i];
                double si = sep[i];
                int j = i - 1;
                while (j >= from && before(si, bi, sep[j], b[j])) {
                    b[j + 1] = b[j];
                    sep[j + 1] = sep[j];
                    j--;
                }
                b[j + 1] = bi;
                sep[j + 1] = si;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sortGroup(b, sep, from, mid);
        sortGroup(b, sep, mid, to);
        int[] lb = Arrays.copyOfRange(b, from, mid);
        double[] ls = Arrays.copyOfRange(sep, from, mid);
        int i = 0;
        int j = mid;
        int k = from;
        while (i < lb.length && j < to) {
            if (before(sep[j], b[j], ls[i], lb[i])) {
                b[k] = b[j];
                sep[k++] = sep[j++];
            } else {
                b[k] = lb[i];
                sep[k++] = ls[i++];
            }
        }
        while (i < lb.length) {
            b[k] = lb[i];
            sep[k++] = ls[i++];
        }
    }

    private static boolean before(double sx, int bx, double sy, int by) {
        int c = Double.compare(sx, sy);
        return c < 0 || (c == 0 && bx < by);
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
