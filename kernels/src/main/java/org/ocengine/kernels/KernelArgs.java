package org.ocengine.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A kernel's argument block, packed field by field as the C structs of {@code oc_args.cuh} lay
 * them out: every field 8 bytes, little-endian, in declaration order, so there is no padding to get
 * wrong. Built by {@link Kernels}; not thread-safe.
 */
public final class KernelArgs {

    /** Fields of the largest argument block with room to spare. */
    private static final int MAX_FIELDS = 64;

    private final ByteBuffer fields = ByteBuffer.allocate(8 * MAX_FIELDS).order(ByteOrder.LITTLE_ENDIAN);

    /** A device pointer field (0 for null). */
    public KernelArgs pointer(DeviceBuffer buffer) {
        fields.putLong(buffer == null ? 0 : buffer.address());
        return this;
    }

    /** A device pointer field at a byte offset into a buffer. */
    public KernelArgs pointer(DeviceBuffer buffer, long byteOffset) {
        fields.putLong(buffer.address() + byteOffset);
        return this;
    }

    /** An {@code oc_i64} or {@code oc_u64} field. */
    public KernelArgs i64(long value) {
        fields.putLong(value);
        return this;
    }

    /** A {@code double} field. */
    public KernelArgs f64(double value) {
        fields.putDouble(value);
        return this;
    }

    /** The packed block. */
    public byte[] bytes() {
        return Arrays.copyOf(fields.array(), fields.position());
    }
}
