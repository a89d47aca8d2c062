package org.ocengine.compute;

/**
 * Exact order statistics by in-place selection (Hoare partitioning with a median-of-three pivot),
 * average linear time. Not thread-safe on a shared array; allocation-free.
 */
public final class Selection {

    private Selection() {
    }

    /**
     * The median of {@code x[0..n)}: the middle value for odd n, the average of the two middle
     * values for even n (numpy's convention). Reorders {@code x[0..n)}. NaN values are not allowed.
     */
    public static double median(double[] x, int n) {
        if (n <= 0) {
            return Double.NaN;
        }
        int k = n >>> 1;
        double upper = select(x, n, k);
        if ((n & 1) == 1) {
            return upper;
        }
        // after selecting k, x[0..k) holds the k smallest values: the lower middle is their maximum
        double lower = x[0];
        for (int i = 1; i < k; i++) {
            if (x[i] > lower) {
                lower = x[i];
            }
        }
        return 0.5 * (lower + upper);
    }

    /**
     * The k-th smallest (0-based) of {@code x[0..n)}; afterwards x[k] holds it, smaller-or-equal
     * values lie before it and greater-or-equal after.
     */
    public static double select(double[] x, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            if (hi - lo < 16) {
                insertionSort(x, lo, hi);
                return x[k];
            }
            int mid = (lo + hi) >>> 1;
            if (x[mid] < x[lo]) {
                swap(x, mid, lo);
            }
            if (x[hi] < x[lo]) {
                swap(x, hi, lo);
            }
            if (x[hi] < x[mid]) {
                swap(x, hi, mid);
            }
            double pivot = x[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (x[i] < pivot) {
                    i++;
                }
                while (x[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(x, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return x[k];
            }
        }
        return x[k];
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

    private static void swap(double[] x, int i, int j) {
        double t = x[i];
        x[i] = x[j];
        x[j] = t;
    }
}
