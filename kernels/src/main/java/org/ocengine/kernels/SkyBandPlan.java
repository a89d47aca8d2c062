package org.ocengine.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * How a B catalogue too large for device memory is cut into declination bands: runs of consecutive
 * zones, each holding at most a given number of rows. Every zone with rows lies in exactly one band,
 * so every pair is found in exactly one band (the one holding its B row). Empty zones at either end
 * belong to no band. Immutable.
 *
 * @param bands the bands, in zone order
 */
record SkyBandPlan(List<Band> bands) {

    /** Zones [zoneLo, zoneHi] with {@code rows} rows in all. */
    record Band(long zoneLo, long zoneHi, long rows) {
    }

    /**
     * Greedy bands from per-zone row counts.
     *
     * @param zoneCounts   rows per zone
     * @param capacityRows most rows per band
     * @throws DeviceFailure (out of memory) when one zone alone holds more rows than a band can
     */
    static SkyBandPlan of(long[] zoneCounts, long capacityRows) {
        List<Band> bands = new ArrayList<>();
        int z = 0;
        while (z < zoneCounts.length) {
            if (zoneCounts[z] == 0) {
                z++;
                continue;
            }
            if (zoneCounts[z] > capacityRows) {
                throw new DeviceFailure("zone " + z + " of the sky match holds " + zoneCounts[z] + " B rows, more than the "
                        + capacityRows + " that fit in the device memory available", true);
            }
            int lo = z;
            long rows = 0;
            while (z < zoneCounts.length && rows + zoneCounts[z] <= capacityRows) {
                rows += zoneCounts[z++];
            }
            int hi = z - 1;
            while (zoneCounts[hi] == 0) {
                hi--;
            }
            bands.add(new Band(lo, hi, rows));
        }
        return new SkyBandPlan(List.copyOf(bands));
    }
}
