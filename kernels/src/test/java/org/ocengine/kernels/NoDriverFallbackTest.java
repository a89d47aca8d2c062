package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.BackendUnavailableException;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.Device;

/**
 * On a machine without the NVIDIA driver (CI, this workstation), the CUDA backend is found by the
 * ServiceLoader but cannot open: {@code --device cuda} fails and {@code --device auto} uses the CPU,
 * each with one line naming the missing libcuda.so.1.
 */
class NoDriverFallbackTest {

    static final String REASON = "no NVIDIA driver: libcuda.so.1 could not be loaded";

    @Test
    void withoutLibcudaAutoUsesTheCpuAndSaysWhyInOneLine() throws Exception {
        String reason = CudaDriver.initialise();
        assumeTrue(REASON.equals(reason), () -> "this machine loads an NVIDIA driver (" + reason + "): the no-driver path cannot be shown here");
        BackendUnavailableException direct = assertThrows(BackendUnavailableException.class, () -> new CudaBackendProvider().open());
        assertEquals(REASON, direct.getMessage());
        BackendUnavailableException cuda = assertThrows(BackendUnavailableException.class, () -> Device.CUDA.open(1, note -> { }));
        assertEquals("CUDA backend unavailable: " + REASON, cuda.getMessage());
        List<String> notes = new ArrayList<>();
        try (ComputeBackend backend = Device.AUTO.open(1, notes::add)) {
            assertEquals("cpu", backend.name());
        }
        assertEquals(List.of("device auto: using the CPU (" + REASON + ")"), notes);
        // the same reason on every later attempt in this process
        assertEquals(REASON, assertThrows(BackendUnavailableException.class, CudaBackendProvider::openDevice).getMessage());
    }
}
