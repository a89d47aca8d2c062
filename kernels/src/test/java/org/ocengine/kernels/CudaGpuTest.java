package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.ocengine.compute.BackendUnavailableException;
import org.ocengine.compute.CpuBackend;

/**
 * On a real GPU only (skipped elsewhere, with the reason): the CUDA C ports against Java, bit for
 * bit (Philox4x64-10, the ziggurat's every path with fdlibm's exp and log1p, the normal quantile,
 * degree trigonometry), and the sky match, the Monte-Carlo and the ensemble MCMC against the CPU backend, through the
 * parity check at its small scale. {@code ocengine check --device cuda} runs the same at full scale.
 */
class CudaGpuTest {

    @Test
    void theDeviceAgreesWithJava() {
        CudaDevice device;
        try {
            device = CudaBackendProvider.openDevice();
        } catch (BackendUnavailableException e) {
            assumeTrue(false, "no usable GPU here: " + e.getMessage());
            return;
        }
        StringBuilder failures = new StringBuilder();
        try (CudaBackend gpu = new CudaBackend(device, null, note -> { }); CpuBackend cpu = new CpuBackend(0)) {
            ParityCheck.Report report = new ParityCheck(gpu, cpu, System.nanoTime(), ParityCheck.Scale.QUICK).run(o -> {
                if (!o.passed()) {
                    failures.append('\n').append(o.check()).append(": ").append(o.detail());
                }
            });
            assertTrue(report.passed(), failures.toString());
        }
    }
}
