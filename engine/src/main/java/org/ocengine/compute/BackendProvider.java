package org.ocengine.compute;

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
}
