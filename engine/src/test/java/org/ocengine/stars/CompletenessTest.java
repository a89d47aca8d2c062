package org.ocengine.stars;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

class CompletenessTest {

    @Test
    void fractionsPerHalfMagnitudeBinPerClusterAndOverTheSurveyedClusters() {
        // NGC 2682 spelled two ways; Berkeley 17 has no member observed, so it stays out of "all";
        // a member without G is left out; G 12.0 belongs to the bin 12.0-12.5
        String[] cluster = {"NGC_2682", "NGC 2682", "NGC2682", "NGC2682", "Berkeley 17", "Berkeley 17", "NGC2682"};
        double[] g = {11.9, 12.0, 12.4, 13.2, 12.1, 12.2, Double.NaN};
        boolean[] observed = {true, true, false, true, false, false, true};
        try (var alloc = new RootAllocator();
             Table t = Completeness.perMagnitudeBin(cluster, g, observed, 0.5, alloc)) {
            assertArrayEquals(new String[] {"Berkeley 17", "NGC_2682", "NGC_2682", "NGC_2682", "all", "all", "all"},
                    t.strings(Columns.CLUSTER.name()));
            assertArrayEquals(new double[] {12.0, 11.5, 12.0, 13.0, 11.5, 12.0, 13.0}, t.doubles(Completeness.G_MIN.name()));
            assertArrayEquals(new int[] {2, 1, 2, 1, 1, 2, 1}, t.ints(Completeness.N_MEMBERS.name()));
            assertArrayEquals(new int[] {0, 1, 1, 1, 1, 1, 1}, t.ints(Completeness.N_OBSERVED.name()));
            assertArrayEquals(new double[] {0, 1, 0.5, 1, 1, 0.5, 1}, t.doubles(Completeness.FRACTION.name()));
        }
    }
}
