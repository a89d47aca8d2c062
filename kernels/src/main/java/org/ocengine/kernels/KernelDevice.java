package org.ocengine.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What the GPU algorithms need from a device: memory, copies and launches of the kernels of
 * {@code src/main/cuda} by name. {@link CudaDevice} implements it through the CUDA driver; the tests
 * implement it with the same kernels compiled for the CPU, so everything above this interface is
 * tested without a GPU.
 *
 * <p>Copies are synchronous. A launch runs {@code threads} threads of the kernel with its argument
 * block (see {@link KernelArgs}) and returns when they have finished, so errors surface at the
 * launch that caused them, as a {@link DeviceFailure}. Implementations are not thread-safe: the
 * backend serialises its calls.
 */
public interface KernelDevice extends AutoCloseable {

    /** One line: the device's name, memory and driver. */
    String description();

    /** Bytes of device memory that may be allocated now (free memory less a reserve for the driver). */
    long availableBytes();

    /**
     * From now on, lets at most {@code bytes} more be allocated than is allocated at this moment
     * ({@link #availableBytes()} and {@link #allocate} keep to it); {@code Long.MAX_VALUE} lifts the cap. Lets a check exercise the chunked paths
     * (declination bands, A chunks, runs of pairs, chunks of groups) on a device of any size.
     */
    void capMemory(long bytes);

    /**
     * Allocates device memory (contents undefined).
     *
     * @throws DeviceFailure when there is not enough (then {@link DeviceFailure#outOfMemory()})
     */
    DeviceBuffer allocate(long bytes);

    /** Copies {@code src}'s remaining bytes (direct or heap buffer) to {@code dst} at a byte offset. */
    void upload(ByteBuffer src, DeviceBuffer dst, long dstOffset);

    /** Fills {@code dst}'s remaining bytes from {@code src} at a byte offset. */
    void download(DeviceBuffer src, long srcOffset, ByteBuffer dst);

    /** Sets {@code words} 32-bit words of {@code dst} from its start to {@code value}. */
    void fill32(DeviceBuffer dst, long words, int value);

    /**
     * Runs {@code threads} threads of the named kernel and waits for them.
     *
     * @throws DeviceFailure if the launch or the kernel fails
     */
    void launch(String kernel, long threads, KernelArgs args);

    /**
     * Runs {@code blocks} blocks of {@code threadsPerBlock} threads of a block kernel (one whose
     * threads cooperate through {@code sharedBytes} bytes of shared memory and barriers; block b
     * does work item b) and waits for them.
     *
     * @throws DeviceFailure if the launch or the kernel fails, or the device cannot give a block that much shared memory
     */
    default void launchBlocks(String kernel, long blocks, int threadsPerBlock, long sharedBytes, KernelArgs args) {
        throw new UnsupportedOperationException(description() + " runs no block kernels");
    }

    @Override
    void close();

    /** Copies an array to the device at a byte offset. */
    default void upload(int[] src, DeviceBuffer dst, long dstOffset) {
        ByteBuffer b = ByteBuffer.allocate(4 * src.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(src);
        upload(b, dst, dstOffset);
    }

    /** Copies an array to the device at a byte offset. */
    default void upload(long[] src, DeviceBuffer dst, long dstOffset) {
        ByteBuffer b = ByteBuffer.allocate(8 * src.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(src);
        upload(b, dst, dstOffset);
    }

    /** Copies an array to the device at a byte offset. */
    default void upload(double[] src, DeviceBuffer dst, long dstOffset) {
        ByteBuffer b = ByteBuffer.allocate(8 * src.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(src);
        upload(b, dst, dstOffset);
    }

    /** Fills the whole array from the device at a byte offset. */
    default void download(DeviceBuffer src, long srcOffset, int[] dst) {
        ByteBuffer b = ByteBuffer.allocate(4 * dst.length).order(ByteOrder.LITTLE_ENDIAN);
        download(src, srcOffset, b);
        b.rewind();
        b.asIntBuffer().get(dst);
    }

    /** Fills the whole array from the device at a byte offset. */
    default void download(DeviceBuffer src, long srcOffset, long[] dst) {
        ByteBuffer b = ByteBuffer.allocate(8 * dst.length).order(ByteOrder.LITTLE_ENDIAN);
        download(src, srcOffset, b);
        b.rewind();
        b.asLongBuffer().get(dst);
    }

    /** Fills the whole array from the device at a byte offset. */
    default void download(DeviceBuffer src, long srcOffset, double[] dst) {
        ByteBuffer b = ByteBuffer.allocate(8 * dst.length).order(ByteOrder.LITTLE_ENDIAN);
        download(src, srcOffset, b);
        b.rewind();
        b.asDoubleBuffer().get(dst);
    }
}
