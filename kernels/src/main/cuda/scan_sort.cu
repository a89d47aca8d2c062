/*
 * Prefix sums and a stable radix sort built from per-thread tiles: each thread owns a contiguous
 * range of elements and walks it in order, so the results are deterministic and the only
 * cross-thread step (the scan of per-segment totals) happens on the host between launches.
 *
 *   scan:  oc_scan_sums (one total per segment) -> host exclusive scan -> oc_scan_apply
 *   sort:  for each 8-bit digit: oc_radix_count (digit counts per tile, digit-major) -> scan of the
 *          counts -> oc_radix_scatter (each tile writes its elements, in order, behind the earlier
 *          tiles' elements of the same digit): stable, so passes from the low digit up sort the keys.
 */
#include "oc_args.cuh"

OC_HD void oc_scan_sums_thread(oc_i64 t, OcScanArgs a) {
    oc_i64 from = t * a.segment;
    oc_i64 to = from + a.segment < a.n ? from + a.segment : a.n;
    oc_u64 sum = 0;
    for (oc_i64 i = from; i < to; i++) {
        sum += a.data[i];
    }
    a.segmentSums[t] = sum;
}
OC_KERNEL(oc_scan_sums, OcScanArgs)

OC_HD void oc_scan_apply_thread(oc_i64 t, OcScanArgs a) {
    oc_i64 from = t * a.segment;
    oc_i64 to = from + a.segment < a.n ? from + a.segment : a.n;
    oc_u64 running = a.segmentBase[t];
    for (oc_i64 i = from; i < to; i++) {
        oc_u32 v = a.data[i];
        a.data[i] = (oc_u32) running;
        running += v;
    }
}
OC_KERNEL(oc_scan_apply, OcScanArgs)

OC_HD void oc_radix_count_thread(oc_i64 t, OcRadixArgs a) {
    oc_u32 counts[256];
    for (int d = 0; d < 256; d++) {
        counts[d] = 0;
    }
    oc_i64 from = t * a.tile;
    oc_i64 to = from + a.tile < a.n ? from + a.tile : a.n;
    for (oc_i64 i = from; i < to; i++) {
        counts[(a.keysIn[i] >> a.shift) & 255]++;
    }
    for (int d = 0; d < 256; d++) {
        a.histogram[(oc_i64) d * a.tiles + t] = counts[d];
    }
}
OC_KERNEL(oc_radix_count, OcRadixArgs)

OC_HD void oc_radix_scatter_thread(oc_i64 t, OcRadixArgs a) {
    oc_u32 next[256];
    for (int d = 0; d < 256; d++) {
        next[d] = a.histogram[(oc_i64) d * a.tiles + t];
    }
    oc_i64 from = t * a.tile;
    oc_i64 to = from + a.tile < a.n ? from + a.tile : a.n;
    for (oc_i64 i = from; i < to; i++) {
        oc_u64 key = a.keysIn[i];
        oc_u32 at = next[(key >> a.shift) & 255]++;
        a.keysOut[at] = key;
        a.valuesOut[at] = a.valuesIn[i];
    }
}
OC_KERNEL(oc_radix_scatter, OcRadixArgs)
