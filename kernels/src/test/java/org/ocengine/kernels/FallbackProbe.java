package org.ocengine.kernels;

import org.ocengine.compute.BackendUnavailableException;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.Device;

/** Run in a forked JVM by {@link StubDriverFallbackTest}: prints what {@code --device cuda} and {@code auto} do here. */
public final class FallbackProbe {

    private FallbackProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (ComputeBackend b = Device.CUDA.open(1, note -> { })) {
            System.out.println("cuda opened: " + b.description());
        } catch (BackendUnavailableException e) {
            System.out.println("cuda: " + e.getMessage());
        }
        try (ComputeBackend b = Device.AUTO.open(1, note -> System.out.println("note: " + note))) {
            System.out.println("auto backend: " + b.name());
        }
    }
}
