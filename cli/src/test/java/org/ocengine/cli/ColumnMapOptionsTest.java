package org.ocengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnMapOptionsTest {

    @Test
    void assignmentsGoToTheirRoleAndUnmarkedOnesToTheFirst() {
        var byRole = ColumnMapOptions.byRole(List.of("rv=RV_KMS", "members:ra=RA_ICRS", "teff=TEFF_K"),
                List.of("spectra", "members", "clusters"));
        assertEquals(Map.of("rv", "RV_KMS", "teff", "TEFF_K"), byRole.get("spectra"));
        assertEquals(Map.of("ra", "RA_ICRS"), byRole.get("members"));
        assertEquals(Map.of(), byRole.get("clusters"));
    }

    @Test
    void anUnknownRoleIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> ColumnMapOptions.byRole(List.of("mine:rv=RV"), List.of("theirs", "ours")));
        assertEquals("--map role must be theirs or ours, not mine", e.getMessage());
        var three = assertThrows(IllegalArgumentException.class,
                () -> ColumnMapOptions.byRole(List.of("stars:rv=RV"), List.of("spectra", "members", "clusters")));
        assertEquals("--map role must be spectra, members or clusters, not stars", three.getMessage());
    }
}
