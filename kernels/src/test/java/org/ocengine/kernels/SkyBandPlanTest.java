package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SkyBandPlanTest {

    @Test
    void everyZoneWithRowsIsInExactlyOneBandWithinCapacity() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            long[] counts = new long[1 + rng.nextInt(300)];
            long largest = 0;
            for (int z = 0; z < counts.length; z++) {
                counts[z] = rng.nextInt(4) == 0 ? 0 : rng.nextInt(50);
                largest = Math.max(largest, counts[z]);
            }
            long capacity = Math.max(1, largest) + rng.nextInt(200);
            List<SkyBandPlan.Band> bands = SkyBandPlan.of(counts, capacity).bands();
            int[] owner = new int[counts.length];
            long previousHi = -1;
            for (int k = 0; k < bands.size(); k++) {
                SkyBandPlan.Band b = bands.get(k);
                assertTrue(b.zoneLo() > previousHi && b.zoneHi() >= b.zoneLo(), "bands in order, disjoint");
                assertTrue(counts[(int) b.zoneLo()] > 0 && counts[(int) b.zoneHi()] > 0, "bands start and end on rows");
                long rows = 0;
                for (long z = b.zoneLo(); z <= b.zoneHi(); z++) {
                    rows += counts[(int) z];
                    owner[(int) z]++;
                }
                assertEquals(rows, b.rows());
                assertTrue(rows <= capacity);
                previousHi = b.zoneHi();
            }
            for (int z = 0; z < counts.length; z++) {
                if (counts[z] > 0) {
                    assertEquals(1, owner[z], "zone " + z);
                }
            }
        }
    }

    @Test
    void aZoneLargerThanABandIsOutOfMemory() {
        DeviceFailure e = assertThrows(DeviceFailure.class, () -> SkyBandPlan.of(new long[] {3, 0, 12, 4}, 10));
        assertTrue(e.outOfMemory());
        assertTrue(e.getMessage().contains("zone 2"), e.getMessage());
    }

    @Test
    void noRowsNoBands() {
        assertEquals(List.of(), SkyBandPlan.of(new long[] {0, 0, 0}, 5).bands());
    }
}
