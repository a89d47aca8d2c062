package org.ocengine.compute;

/**
 * Initial conditions of many orbits in one flat array (a GPU copies it as it is): orbit i occupies
 * {@code values[6 i .. 6 i + 5]} = x, y, z (kpc), v_x, v_y, v_z (km/s), Galactocentric Cartesian.
 * The array is not copied; callers hand it over and do not change it afterwards.
 */
public record PhaseSpace(double[] values) {

    public PhaseSpace {
        if (values.length % 6 != 0) {
            throw new IllegalArgumentException("phase-space array length must be a multiple of 6, got " + values.length);
        }
    }

    /** Number of orbits. */
    public int size() {
        return values.length / 6;
    }
}
