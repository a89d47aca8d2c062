package org.ocengine.fit;

/**
 * Percentiles as numpy's {@code np.percentile(x, q)} computes them by default ("linear"): with the
 * values sorted, position h = (n - 1) q / 100 and the result x[floor h] + (h - floor h) *
 * (x[floor h + 1] - x[floor h]). Found by selection (expected linear time) rather than a full sort,
 * successive percentiles narrowing the range. NaN values are not allowed. Stateless and thread-safe.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The percentiles {@code qs} (ascending, in [0, 100]) of {@code values}, which are reordered in
     * place (pass a copy to keep them).
     */
    public static double[] ofInPlace(double[] values, double... qs) {
        int n = values.length;
        double[] out = new double[qs.length];
        if (n == 0) {
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
        int from = 0;
        double previous = 0;
        for (int i = 0; i < qs.length; i++) {
            double q = qs[i];
            if (!(q >= previous && q <= 100)) {
                throw new IllegalArgumentException("percentiles must be ascending within [0, 100], got " + q);
            }
            previous = q;
            double h = (n - 1) * (q / 100.0);
            int k = (int) Math.floor(h);
            select(values, from, n - 1, k);
            double lower = values[k];
            double frac = h - k;
            if (frac > 0 && k + 1 < n) {
                double upper = values[k + 1];
                for (int j = k + 2; j < n; j++) {
                    upper = Math.min(upper, values[j]);
                }
                out[i] = lower + frac * (upper - lower);
            } else {
                out[i] = lower;
            }
            from = k;
        }
        return out;
    }

    /** Reorders a[lo..hi] so that a[k] holds the value of rank k, smaller ones before, larger after. */
    static void select(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three as pivot
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
