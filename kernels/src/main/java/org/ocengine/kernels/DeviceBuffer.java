package org.ocengine.kernels;

/**
 * A block of device memory owned by whoever allocated it (try-with-resources): {@link #close()}
 * frees it. Not thread-safe; used by one backend call at a time.
 */
public interface DeviceBuffer extends AutoCloseable {

    /** The device address, as the kernels see it. */
    long address();

    /** Size in bytes. */
    long bytes();

    /** Frees the memory; calling it again does nothing. */
    @Override
    void close();
}
