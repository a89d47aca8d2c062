package org.ocengine.kernels;

/**
 * Exclusive prefix sums of 32-bit counts in device memory, in place: the device sums fixed
 * segments, the host scans the segment totals (a few thousand numbers) and the device adds them back.
 * Deterministic; the totals must stay below 2^32. Not thread-safe.
 */
final class DeviceScan {

    /** Elements per segment (one device thread each). */
    static final int SEGMENT = 1024;

    private DeviceScan() {
    }

    /**
     * Replaces {@code data[0..n)} (unsigned 32-bit) by its exclusive prefix sums.
     *
     * @return the total of the original values
     * @throws IllegalStateException if the total does not fit in 32 bits
     */
    static long exclusiveInPlace(Kernels kernels, DeviceBuffer data, long n) {
        if (n == 0) {
            return 0;
        }
        KernelDevice device = kernels.device();
        long segments = (n + SEGMENT - 1) / SEGMENT;
        if (segments > Integer.MAX_VALUE) {
            throw new IllegalStateException("scan of " + n + " values is too long");
        }
        try (DeviceBuffer sums = device.allocate(8 * segments)) {
            kernels.scanSums(segments, data, sums, n, SEGMENT);
            long[] totals = new long[(int) segments];
            device.download(sums, 0, totals);
            long running = 0;
            for (int s = 0; s < totals.length; s++) {
                long t = totals[s];
                totals[s] = running;
                running += t;
            }
            if (running > 0xFFFFFFFFL) {
                throw new IllegalStateException("prefix sums reach " + running + ", beyond 32 bits");
            }
            device.upload(totals, sums, 0);
            kernels.scanApply(segments, data, sums, n, SEGMENT);
            return running;
        }
    }
}
