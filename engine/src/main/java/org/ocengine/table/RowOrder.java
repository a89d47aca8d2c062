package org.ocengine.table;

/**
 * Orders row indices by a comparator on rows without boxing them (a stable merge sort over
 * {@code int[]}), for grouping millions of rows by keys held in primitive arrays. Stateless.
 */
public final class RowOrder {

    /** Compares rows a and b. */
    @FunctionalInterface
    public interface RowComparator {
        int compare(int a, int b);
    }

    private RowOrder() {
    }

    /** The rows 0..n-1 in comparator order; equal rows keep their original order. */
    public static int[] sorted(int n, RowComparator comparator) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = comparator.compare(a[j], a[i]) < 0 ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
