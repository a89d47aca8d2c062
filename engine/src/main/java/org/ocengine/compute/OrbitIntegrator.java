package org.ocengine.compute;

import java.util.Locale;

/** The orbit integrators of {@link ComputeBackend#integrateOrbits}. */
public enum OrbitIntegrator {
    /** Kick-drift-kick leapfrog: symplectic, second order, one force evaluation per step. */
    LEAPFROG("leapfrog"),
    /**
     * The fourth-order symplectic Runge-Kutta-Nystroem method SRKN_6^b of Blanes &amp; Moan (2002, J. Comput.
     * Appl. Math. 142, 313, Table 3): six force evaluations per step, an error constant about a hundred times
     * smaller than Forest-Ruth/Yoshida's.
     */
    SYMPLECTIC4("symplectic4"),
    /**
     * Dormand-Prince 8(5,3) with adaptive steps and seventh-order dense output (Hairer, Norsett &amp; Wanner's
     * DOP853, as Commons Math implements it): what galpy's {@code dop853_c} is.
     */
    DOP853("dop853");

    private final String label;

    OrbitIntegrator(String label) {
        this.label = label;
    }

    /** The name users choose it by. */
    public String label() {
        return label;
    }

    /** Parses {@code leapfrog|symplectic4|dop853} (any case). */
    public static OrbitIntegrator parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (OrbitIntegrator i : values()) {
            if (i.label.equals(t)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown integrator '" + text + "' (expected leapfrog, symplectic4 or dop853)");
    }
}
