/*
 * Exact order statistics in place: the k-th smallest by Wirth's selection (N. Wirth, Algorithms +
 * Data Structures = Programs, 1976), which leaves x[0..k) <= x[k] <= x[k+1..n), and the median with
 * numpy's convention for an even count (the average of the two middle values, computed as
 * 0.5 * (lower + upper), as org.ocengine.compute.Selection does). Values must be finite.
 */
#ifndef OC_SELECT_CUH
#define OC_SELECT_CUH

#include "oc_common.cuh"

OC_HD double oc_select_in_place(double* x, oc_i64 n, oc_i64 k) {
    oc_i64 lo = 0;
    oc_i64 hi = n - 1;
    while (lo < hi) {
        double pivot = x[k];
        oc_i64 i = lo;
        oc_i64 j = hi;
        do {
            while (x[i] < pivot) {
                i++;
            }
            while (pivot < x[j]) {
                j--;
            }
            if (i <= j) {
                double swap = x[i];
                x[i] = x[j];
                x[j] = swap;
                i++;
                j--;
            }
        } while (i <= j);
        if (j < k) {
            lo = i;
        }
        if (k < i) {
            hi = j;
        }
    }
    return x[k];
}

/* The median of x[0..n), n >= 1; reorders x. */
OC_HD double oc_median_in_place(double* x, oc_i64 n) {
    oc_i64 k = n >> 1;
    double upper = oc_select_in_place(x, n, k);
    if ((n & 1) == 1) {
        return upper;
    }
    double lower = x[0];
    for (oc_i64 i = 1; i < k; i++) {
        lower = x[i] > lower ? x[i] : lower;
    }
    return 0.5 * (lower + upper);
}

OC_HD void oc_insertion_sort(double* x, int n) {
    for (int i = 1; i < n; i++) {
        double v = x[i];
        int j = i - 1;
        while (j >= 0 && x[j] > v) {
            x[j + 1] = x[j];
            j--;
        }
        x[j + 1] = v;
    }
}

#endif
