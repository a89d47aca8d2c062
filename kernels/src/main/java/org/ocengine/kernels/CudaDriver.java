package org.ocengine.kernels;

import jcuda.CudaException;
import jcuda.driver.JCudaDriver;

/**
 * Loads the CUDA driver API (JCuda's driver binding, which needs only the NVIDIA driver's
 * {@code libcuda.so.1}) and initialises it once per process, turning every way this can fail into
 * one line a user can act on: no driver library, no device, a driver too old. Thread-safe.
 */
final class CudaDriver {

    private static boolean initialised;
    private static String failure;

    private CudaDriver() {
    }

    /** Initialises the driver; returns null when it is usable, else why not (the same reason on every later call). */
    static synchronized String initialise() {
        if (initialised) {
            return null;
        }
        if (failure == null) {
            try {
                JCudaDriver.setExceptionsEnabled(true);
                JCudaDriver.cuInit(0);
                initialised = true;
            } catch (UnsatisfiedLinkError e) {
                failure = linkFailure(e);
            } catch (NoClassDefFoundError e) {
                failure = "the JCuda driver binding could not be initialised (" + firstLine(e.getMessage()) + ")";
            } catch (CudaException e) {
                failure = explain("cuInit", e);
            }
        }
        return failure;
    }

    private static String linkFailure(UnsatisfiedLinkError e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("libcuda.so")) {
            return "no NVIDIA driver: libcuda.so.1 could not be loaded";
        }
        return "the JCuda native library could not be loaded (" + firstLine(m) + ")";
    }

    /** One line for a failed driver call: what was called, the error name, and what it means. */
    static String explain(String call, CudaException e) {
        String name = firstLine(e.getMessage());
        String meaning = switch (name) {
            case "CUDA_ERROR_NO_DEVICE" -> "no CUDA-capable GPU";
            case "CUDA_ERROR_INSUFFICIENT_DRIVER" -> "the NVIDIA driver is too old for this CUDA version";
            case "CUDA_ERROR_UNSUPPORTED_PTX_VERSION" -> "the NVIDIA driver is too old for the PTX this jar carries (update the driver)";
            case "CUDA_ERROR_NO_BINARY_FOR_GPU", "CUDA_ERROR_INVALID_PTX" -> "the PTX this jar carries does not suit this GPU";
            case "CUDA_ERROR_OUT_OF_MEMORY" -> "out of device memory";
            case "CUDA_ERROR_DEVICE_UNAVAILABLE", "CUDA_ERROR_DEVICES_UNAVAILABLE" -> "the GPU is busy or in exclusive use";
            default -> "";
        };
        return (meaning.isEmpty() ? "" : meaning + " (") + call + ": " + name + (meaning.isEmpty() ? "" : ")");
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
