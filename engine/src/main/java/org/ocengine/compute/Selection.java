package org.ocengine.compute;

/**
 * Exact order statistics (the k-th smallest, the median) by quickselect with a branch-free,
 * out-of-place partition: each element is written to both ends of a scratch array and the two
 * cursors advance by the comparison's 0 or 1, so random data costs no branch mispredictions and no
 * store-to-load chains (in-place partitions have one or the other). Average linear time. The input
 * array is left unchanged; callers supply two scratch arrays so that nothing is allocated. Values
 * must be finite. Not thread-safe on shared scratch arrays.
 */
public final class Selection {

    /** Ranges this short are finished by insertion sort. */
    private static final int SMALL = 8;
    /** Buckets of a median window; windows with more values than this go to quickselect. */
    public static final int BUCKETS = 32;

    private Selection() {
    }

    /**
     * The median of {@code x[0..n)}: the middle value for odd n, the average of the two middle
     * values for even n (numpy's convention).
     *
     * @param scratchA scratch space of at least n elements
     * @param scratchB scratch space of at least n elements
     */
    public static double median(double[] x, int n, double[] scratchA, double[] scratchB) {
        if (n <= 0) {
            return Double.NaN;
        }
        if ((n & 1) == 1) {
            return select(x, n, n >>> 1, scratchA, scratchB, false);
        }
        double upper = select(x, n, n >>> 1, scratchA, scratchB, true);
        return 0.5 * (scratchA[n] + upper);
    }

    /**
     * The median of n values (as {@link #median}) from the values inside a window [lo, hi) only, when
     * the middle rank(s) fall inside it, else NaN: {@code window[0..inside)} holds the values in the
     * window (in any order) and {@code below} values lie below it. A caller that knows roughly where
     * the median is gathers the window in a pass it makes anyway, and saves most of the selection.
     * The window's values are counted into {@value #BUCKETS} equal buckets of [lo, hi) by value; the
     * bucket of x, floor((x - lo) * BUCKETS / (hi - lo)), never decreases as x grows (every rounded
     * step is monotone), so the counts locate the bucket(s) holding the middle rank(s) and only their
     * few values are ordered. Exact: it returns the same value as {@link #median}, or NaN.
     *
     * @param bucketOf scratch space of at least inside elements
     * @param counts   scratch space of {@value #BUCKETS} elements, all zero; left all zero
     * @param scratchA scratch space of at least inside + 1 elements
     * @param scratchB scratch space of at least inside elements
     */
    public static double medianOfWindow(double[] window, int inside, int below, int n, double lo, double hi,
                                        int[] bucketOf, int[] counts, double[] scratchA, double[] scratchB) {
        int k = n >>> 1;
        int first = (n & 1) == 1 ? k : k - 1; // lowest rank needed
        if (first < below || k >= below + inside) {
            return Double.NaN;
        }
        if (inside > BUCKETS) {
            if ((n & 1) == 1) {
                return select(window, inside, k - below, scratchA, scratchB, false);
            }
            double upper = select(window, inside, k - below, scratchA, scratchB, true);
            return 0.5 * (scratchA[inside] + upper);
        }
        double scale = BUCKETS / (hi - lo);
        for (int i = 0; i < inside; i++) {
            int bucket = Math.min(BUCKETS - 1, (int) ((window[i] - lo) * scale));
            bucketOf[i] = bucket;
            counts[bucket]++;
        }
        // buckets from..to hold the ranks first - below and k - below; `before` values lie in lower buckets
        int rankFirst = first - below;
        int rankK = k - below;
        int before = 0;
        int from = 0;
        while (before + counts[from] <= rankFirst) {
            before += counts[from++];
        }
        int to = from;
        int upTo = before + counts[from];
        while (upTo <= rankK) {
            upTo += counts[++to];
        }
        int span = to - from;
        int m = 0;
        for (int i = 0; i < inside; i++) {
            int bucket = bucketOf[i];
            counts[bucket] = 0;
            scratchA[m] = window[i];
            // from <= bucket <= to, branch-free: below `from` the difference wraps to a large unsigned value
            m += Integer.compareUnsigned(bucket - from, span) <= 0 ? 1 : 0;
        }
        insertionSort(scratchA, 0, m - 1);
        double upper = scratchA[rankK - before];
        return (n & 1) == 1 ? upper : 0.5 * (scratchA[rankFirst - before] + upper);
    }

    /**
     * The k-th smallest (0-based) of {@code x[0..n)}, leaving {@code x} unchanged.
     *
     * @param scratchA scratch space of at least n elements
     * @param scratchB scratch space of at least n elements
     */
    public static double select(double[] x, int n, int k, double[] scratchA, double[] scratchB) {
        return select(x, n, k, scratchA, scratchB, false);
    }

    /**
     * Quickselect; with {@code alsoBelow} (k &gt; 0) the (k-1)-th smallest is left in
     * {@code scratchA[n]} (so scratchA then needs n + 1 elements).
     */
    private static double select(double[] x, int n, int k, double[] scratchA, double[] scratchB, boolean alsoBelow) {
        double[] from = x;
        double[] to = scratchA;
        int lo = 0;
        int hi = n - 1;
        double below = Double.NaN; // the (k-1)-th smallest once it has been split off to the left of lo
        while (hi - lo >= SMALL) {
            double pivot = medianOfThree(from[lo], from[(lo + hi) >>> 1], from[hi]);
            int less = lo;
            int notLess = hi;
            for (int i = lo; i <= hi; i++) {
                double v = from[i];
                to[less] = v;
                to[notLess] = v;
                // v < pivot, branch-free: the sign of v - pivot (finite values; equal values give +0)
                int lt = (int) (Double.doubleToRawLongBits(v - pivot) >>> 63);
                less += lt;
                notLess -= 1 - lt;
            }
            // to[lo..less) < pivot <= to[less..hi]
            if (k < less) {
                hi = less - 1;
            } else if (less == lo) {
                // nothing below the pivot: it is the range's minimum; split off its copies
                int equal = lo;
                for (int i = lo; i <= hi; i++) {
                    if (to[i] == pivot) {
                        to[i] = to[equal];
                        to[equal++] = pivot;
                    }
                }
                if (k < equal) {
                    return finish(scratchA, n, alsoBelow, k > lo ? pivot : below, pivot);
                }
                below = pivot;
                lo = equal;
            } else {
                if (alsoBelow && less == k) {
                    below = max(to, lo, less - 1);
                }
                lo = less;
            }
            from = to;
            to = to == scratchA ? scratchB : scratchA;
        }
        if (from == x) {
            System.arraycopy(x, lo, to, lo, hi - lo + 1);
            from = to;
        }
        insertionSort(from, lo, hi);
        double value = from[k];
        return finish(scratchA, n, alsoBelow, k > lo ? from[k - 1] : below, value);
    }

    private static double finish(double[] scratchA, int n, boolean alsoBelow, double below, double value) {
        if (alsoBelow) {
            scratchA[n] = below;
        }
        return value;
    }

    private static double max(double[] x, int lo, int hi) {
        double m = x[lo];
        for (int i = lo + 1; i <= hi; i++) {
            m = x[i] > m ? x[i] : m;
        }
        return m;
    }

    private static double medianOfThree(double a, double b, double c) {
        double lo = a < b ? a : b;
        double hi = a < b ? b : a;
        return c < lo ? lo : c > hi ? hi : c;
    }

    private static void insertionSort(double[] x, int lo, int hi) {
        for (int i = lo + 1; i <= hi; i++) {
            double v = x[i];
            int j = i - 1;
            while (j >= lo && x[j] > v) {
                x[j + 1] = x[j];
                j--;
            }
            x[j + 1] = v;
        }
    }
}
