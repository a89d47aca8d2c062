package org.ocengine.compute;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;

class CpuBackendTest {

    /** An error inside a worker reaches the caller as it was thrown, not as a copy naming its class. */
    @Test
    void workerErrorsKeepTheirMessage() {
        try (var alloc = new RootAllocator();
             Float8Vector ra = new Float8Vector("ra", alloc);
             Float8Vector dec = new Float8Vector("dec", alloc);
             CpuBackend cpu = new CpuBackend(2)) {
            ra.allocateNew(2);
            dec.allocateNew(2);
            ra.set(0, 1);
            ra.set(1, 2);
            dec.set(0, 0);
            dec.set(1, 95);
            ra.setValueCount(2);
            dec.setValueCount(2);
            SkyPositions p = new SkyPositions(ra, dec);
            RuntimeException e = assertThrows(RuntimeException.class, () -> cpu.skyMatch(p, p, 1));
            assertFalse(e.getMessage().startsWith("java.lang."), e.getMessage());
            assertTrue(e.getMessage().contains("declination"), e.getMessage());
        }
    }
}
