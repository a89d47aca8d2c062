package org.ocengine.kernels;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ocengine.compute.BackendProvider;
import org.ocengine.compute.BackendUnavailableException;
import org.ocengine.compute.ComputeBackend;

/**
 * Registers the CUDA backend with {@link java.util.ServiceLoader} under the name {@code cuda}.
 * Opening it checks, in order, that the NVIDIA driver loads and sees a GPU, that the jar carries
 * PTX for it, and that the kernels load and agree with this build; each failure is one line
 * ({@link BackendUnavailableException}). GPU 0 is used, or the one set by the system property
 * {@value #DEVICE_PROPERTY}.
 */
public final class CudaBackendProvider implements BackendProvider {

    /** System property choosing the GPU by number. */
    public static final String DEVICE_PROPERTY = "ocengine.cuda.device";

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public ComputeBackend open() throws BackendUnavailableException {
        return open(null, note -> { });
    }

    @Override
    public ComputeBackend open(Supplier<ComputeBackend> cpuFallback, Consumer<String> notes) throws BackendUnavailableException {
        return new CudaBackend(openDevice(), cpuFallback, notes);
    }

    /** Opens the configured GPU with the jar's PTX. */
    static CudaDevice openDevice() throws BackendUnavailableException {
        return CudaDevice.open(PtxResources.load(), Integer.getInteger(DEVICE_PROPERTY, 0));
    }
}
