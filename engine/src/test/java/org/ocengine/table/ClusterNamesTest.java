package org.ocengine.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusterNamesTest {

    @Test
    void catalogueSpellingsMeet() {
        for (String s : new String[] {"NGC_2682", "NGC2682", "NGC 2682", " ngc 2682  ", "NGC02682", "NGC2682 "}) {
            assertEquals("NGC2682", ClusterNames.normalise(s), s);
        }
        assertEquals("NGC752", ClusterNames.normalise("NGC0752 "));
        assertEquals("MELOTTE22", ClusterNames.normalise("Melotte_22"));
        assertEquals("MELOTTE22", ClusterNames.normalise("Mel 22"));
        assertEquals("TRUMPLER2", ClusterNames.normalise("Trump02 "));
        assertEquals("TRUMPLER2", ClusterNames.normalise("Trumpler_2"));
        assertEquals("STOCK2", ClusterNames.normalise("Stock2  "));
        assertEquals("IC4665", ClusterNames.normalise("IC4665  "));
        assertEquals("COLLINDER135", ClusterNames.normalise("Cr 135"));
        assertEquals("BERKELEY17", ClusterNames.normalise("Be 17"));
        assertEquals("ASCC10", ClusterNames.normalise("ASCC_10"));
    }

    @Test
    void differentClustersStayDifferent() {
        assertFalse(ClusterNames.same("NGC 869", "NGC 884"));
        assertFalse(ClusterNames.same("NGC 2682", "IC 2682"));
        assertFalse(ClusterNames.same("", ""));
        assertFalse(ClusterNames.same("ESO 92-5", "ESO 9-25"));
        assertTrue(ClusterNames.same("ESO 092-05", "ESO_92_5"));
        assertTrue(ClusterNames.same("NGC_884", "NGC0884 "));
        assertEquals("", ClusterNames.normalise(null));
    }
}
