package org.ocengine.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ocengine.compute.BackendUnavailableException;

/**
 * What {@code ocengine device} prints: the PTX this jar carries, every GPU the driver sees, and
 * whether the CUDA backend opens on the one it would use (its PTX loaded and its kernels checked),
 * or the one-line reason why not. Immutable.
 *
 * @param usable whether the CUDA backend opens
 * @param reason why not (empty when usable)
 * @param lines  the findings, one per line
 */
public record DeviceReport(boolean usable, String reason, List<String> lines) {

    /** Looks at the driver and the GPUs; opens the backend's device and closes it again. */
    public static DeviceReport probe() {
        List<String> lines = new ArrayList<>();
        lines.add("kernels: " + PtxResources.load().summary());
        List<CudaDevice.Info> gpus;
        try {
            gpus = CudaDevice.list();
        } catch (BackendUnavailableException e) {
            return new DeviceReport(false, e.getMessage(), List.copyOf(lines));
        }
        if (gpus.isEmpty()) {
            return new DeviceReport(false, "no CUDA-capable GPU (the driver sees none)", List.copyOf(lines));
        }
        for (CudaDevice.Info gpu : gpus) {
            lines.add(gpu.describe());
        }
        try (CudaDevice device = CudaBackendProvider.openDevice()) {
            lines.add(String.format(Locale.ROOT, "CUDA backend: GPU %d, %s PTX loaded, kernel argument blocks checked, %.1f GiB available",
                    device.info().ordinal(), device.target(), device.availableBytes() / 1073741824.0));
            return new DeviceReport(true, "", List.copyOf(lines));
        } catch (BackendUnavailableException e) {
            return new DeviceReport(false, e.getMessage(), List.copyOf(lines));
        }
    }
}
