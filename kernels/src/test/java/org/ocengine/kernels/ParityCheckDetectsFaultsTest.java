package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.CpuBackend;

/**
 * The parity check can fail: when the last number of every floating-point copy back from the device
 * is off by 2.4e-4 relative, every comparison that reads one reports a failure, the Monte-Carlo
 * tolerance of 1e-12 included (and the Philox comparison, which reads only integers, still passes).
 */
class ParityCheckDetectsFaultsTest {

    /** An emulated device whose double downloads come back with mantissa bit 40 of the last value flipped. */
    private static final class LastValueOff implements KernelDevice {
        private final EmulatedDevice device = new EmulatedDevice(256L << 20);

        @Override
        public void download(DeviceBuffer src, long srcOffset, double[] dst) {
            device.download(src, srcOffset, dst);
            if (dst.length > 0) {
                int last = dst.length - 1;
                dst[last] = Double.longBitsToDouble(Double.doubleToRawLongBits(dst[last]) ^ (1L << 40));
            }
        }

        @Override
        public String description() {
            return "emulated, last value off";
        }

        @Override
        public long availableBytes() {
            return device.availableBytes();
        }

        @Override
        public void capMemory(long bytes) {
            device.capMemory(bytes);
        }

        @Override
        public DeviceBuffer allocate(long bytes) {
            return device.allocate(bytes);
        }

        @Override
        public void upload(ByteBuffer src, DeviceBuffer dst, long dstOffset) {
            device.upload(src, dst, dstOffset);
        }

        @Override
        public void download(DeviceBuffer src, long srcOffset, ByteBuffer dst) {
            device.download(src, srcOffset, dst);
        }

        @Override
        public void fill32(DeviceBuffer dst, long words, int value) {
            device.fill32(dst, words, value);
        }

        @Override
        public void launch(String kernel, long threads, KernelArgs args) {
            device.launch(kernel, threads, args);
        }

        @Override
        public void launchBlocks(String kernel, long blocks, int threadsPerBlock, long sharedBytes, KernelArgs args) {
            device.launchBlocks(kernel, blocks, threadsPerBlock, sharedBytes, args);
        }

        @Override
        public void close() {
            device.close();
        }
    }

    @Test
    void aWrongResultFailsTheChecksThatReadIt() {
        ParityCheck.Report report;
        try (CudaBackend gpu = new CudaBackend(new LastValueOff(), null, note -> { }); CpuBackend cpu = new CpuBackend(2)) {
            report = new ParityCheck(gpu, cpu, 5, ParityCheck.Scale.QUICK).run(o -> { });
        }
        assertFalse(report.passed());
        for (ParityCheck.Outcome o : report.outcomes()) {
            if (o.check().startsWith("Philox")) {
                assertTrue(o.passed(), o.detail());
            } else {
                assertFalse(o.passed(), o.check() + ": " + o.detail());
            }
        }
        assertEquals(report.outcomes().size(), report.outcomes().stream().map(ParityCheck.Outcome::check).distinct().count());
    }
}
