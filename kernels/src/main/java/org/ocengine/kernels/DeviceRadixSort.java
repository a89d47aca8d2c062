package org.ocengine.kernels;

/**
 * A stable least-significant-digit radix sort of 64-bit keys with 32-bit values in device memory,
 * 8 bits per pass: per pass the device counts each tile's digits, the counts are scanned
 * ({@link DeviceScan}) in digit-major order, and each tile writes its elements, in order, behind the
 * earlier tiles' elements of the same digit. Only the low {@code bits} bits of the keys are sorted
 * on. Deterministic. Not thread-safe.
 */
final class DeviceRadixSort {

    /** Elements per device thread. */
    static final int TILE = 2048;
    private static final int DIGIT_BITS = 8;

    private DeviceRadixSort() {
    }

    /** Bytes of device memory a sort of n elements needs besides its four arrays. */
    static long scratchBytes(long n) {
        long tiles = Math.max(1, (n + TILE - 1) / TILE);
        long histogram = 4L * 256 * tiles;
        return histogram + 8 * ((histogram + DeviceScan.SEGMENT - 1) / DeviceScan.SEGMENT);
    }

    /**
     * Sorts {@code keys}/{@code values} (n each) by the low {@code bits} key bits, using
     * {@code keysAlt}/{@code valuesAlt} (n each) as the second half of each pass.
     *
     * @return true when the sorted result ended in {@code keysAlt}/{@code valuesAlt} (an odd number of
     *     passes), false when it is in {@code keys}/{@code values}
     */
    static boolean sort(Kernels kernels, DeviceBuffer keys, DeviceBuffer values, DeviceBuffer keysAlt, DeviceBuffer valuesAlt,
                        long n, int bits) {
        if (n <= 1) {
            return false;
        }
        long tiles = (n + TILE - 1) / TILE;
        boolean inAlt = false;
        try (DeviceBuffer histogram = kernels.device().allocate(4L * 256 * tiles)) {
            for (int shift = 0; shift < bits; shift += DIGIT_BITS) {
                DeviceBuffer kIn = inAlt ? keysAlt : keys;
                DeviceBuffer vIn = inAlt ? valuesAlt : values;
                DeviceBuffer kOut = inAlt ? keys : keysAlt;
                DeviceBuffer vOut = inAlt ? values : valuesAlt;
                kernels.radixCount(tiles, kIn, histogram, n, TILE, shift);
                DeviceScan.exclusiveInPlace(kernels, histogram, 256 * tiles);
                kernels.radixScatter(tiles, kIn, vIn, kOut, vOut, histogram, n, TILE, shift);
                inAlt = !inAlt;
            }
        }
        return inAlt;
    }
}
