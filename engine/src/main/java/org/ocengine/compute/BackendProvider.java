package org.ocengine.compute;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A compute backend that can be found at run time with {@link java.util.ServiceLoader} (the CUDA
 * backend of the kernels module registers one), so the engine builds and runs with no GPU code.
 */
public interface BackendProvider {

    /** The name users select it by ({@code --device cuda}). */
    String name();

    /**
     * Opens the backend.
     *
     * @throws BackendUnavailableException with a one-line reason (no driver, no device, no PTX, ...)
     */
    ComputeBackend open() throws BackendUnavailableException;

    /**
     * Opens the backend for {@link Device}. With a {@code cpuFallback} ({@code --device auto}), a call
     * that later fails on the device (out of memory, kernel failure) may instead run on a backend from
     * the supplier, once the backend has said why in one line to {@code notes}; with none
     * ({@code --device cuda}) such failures propagate. The default ignores both and calls {@link #open()}.
     *
     * @param cpuFallback supplies the CPU backend to fall back to, or null
     * @param notes       receives one-line notes
     * @throws BackendUnavailableException with a one-line reason
     */
    default ComputeBackend open(Supplier<ComputeBackend> cpuFallback, Consumer<String> notes) throws BackendUnavailableException {
        return open();
    }
}
