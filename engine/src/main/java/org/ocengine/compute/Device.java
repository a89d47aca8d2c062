package org.ocengine.compute;

import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * The {@code --device} choice and how it becomes a backend: {@code cpu} always works;
 * {@code cuda} fails with the reason when no GPU backend can open; {@code auto} tries the GPU and falls
 * back to the CPU, saying why in one line (also later, for a call that fails on the device, when the
 * GPU backend supports that: see {@link BackendProvider#open(java.util.function.Supplier, Consumer)}).
 */
public enum Device {
    AUTO, CPU, CUDA;

    /** Parses {@code auto|cpu|cuda} (any case). */
    public static Device parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown device '" + text + "' (expected auto, cpu or cuda)", e);
        }
    }

    /**
     * Opens the backend this choice names.
     *
     * @param threads CPU worker threads (0 = one per available processor)
     * @param notes   receives one-line notes, such as why {@code auto} fell back to the CPU
     * @throws BackendUnavailableException for {@code cuda} when no GPU backend can open
     */
    public ComputeBackend open(int threads, Consumer<String> notes) throws BackendUnavailableException {
        if (this == CPU) {
            return new CpuBackend(threads);
        }
        String reason = "no GPU backend on the class path (the kernels module is missing)";
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            if (!provider.name().equals("cuda")) {
                continue;
            }
            try {
                return provider.open(this == AUTO ? () -> new CpuBackend(threads) : null, notes);
            } catch (BackendUnavailableException e) {
                reason = e.getMessage();
            } catch (LinkageError | RuntimeException e) {
                reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        if (this == CUDA) {
            throw new BackendUnavailableException("CUDA backend unavailable: " + reason);
        }
        notes.accept("device auto: using the CPU (" + reason + ")");
        return new CpuBackend(threads);
    }
}
