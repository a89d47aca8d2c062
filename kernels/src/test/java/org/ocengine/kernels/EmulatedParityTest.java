package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.CpuBackend;

/** The parity check of {@code ocengine check}, at small scale, with the kernels run on the CPU. */
class EmulatedParityTest {

    @Test
    void argumentBlocksAgreeWithTheKernels() {
        try (EmulatedDevice device = new EmulatedDevice(1 << 20)) {
            assertNull(new Kernels(device).checkAbi());
        }
    }

    @Test
    void everyComparisonPasses() {
        List<ParityCheck.Outcome> seen = new ArrayList<>();
        ParityCheck.Report report;
        try (CudaBackend gpu = new CudaBackend(new EmulatedDevice(256L << 20), null, note -> { });
             CpuBackend cpu = new CpuBackend(2)) {
            report = new ParityCheck(gpu, cpu, 20261121L, ParityCheck.Scale.QUICK).run(seen::add);
        }
        StringBuilder failures = new StringBuilder();
        for (ParityCheck.Outcome o : report.outcomes()) {
            System.out.printf("%-55s %-70s %8.3f s %8.3f s  %s%n", o.check(), o.size(), o.gpuSeconds(), o.cpuSeconds(), o.detail());
            if (!o.passed()) {
                failures.append('\n').append(o.check()).append(" (").append(o.size()).append("): ").append(o.detail());
            }
        }
        assertTrue(report.passed(), failures.toString());
        assertEquals(report.outcomes(), seen);
        assertTrue(report.outcomes().size() >= 15, "checks: " + report.outcomes().size());
    }
}
