package org.ocengine.galaxy;

import java.util.List;

/**
 * MWPotential2014 (Bovy 2015, ApJS 216, 29), the analytic second choice of SPEC.md 6, defined as galpy
 * defines it: with R0 = 8 kpc and v0 = 220 km/s, a power-law bulge (alpha = 1.8, rc = 1.9 kpc)
 * contributing 5% of v_c^2 at R0, a Miyamoto-Nagai disc (a = 3 kpc, b = 0.28 kpc) 60%, and an NFW
 * halo (rs = 16 kpc) 35%. Amplitudes follow from these fractions, so G does not enter. Units of
 * {@link Units}; the potential is zero at infinity (galpy's bulge is zero at the centre, see
 * {@link PowerLawCutoffBulge}).
 */
public final class MWPotential2014 {

    /** The radius (kpc) and circular speed (km/s) the component fractions refer to. */
    public static final double R0 = 8.0;
    public static final double V0 = 220.0;

    private MWPotential2014() {
    }

    /** The potential (immutable, thread-safe). */
    public static CompositePotential create() {
        PowerLawCutoffBulge bulge = new PowerLawCutoffBulge(1, 1.8, 1.9);
        MiyamotoNagaiDisc disc = new MiyamotoNagaiDisc(1, 3.0, 0.28);
        NfwHalo halo = new NfwHalo(1, 16.0);
        return new CompositePotential("MWPotential2014", List.of(
                new PowerLawCutoffBulge(scale(bulge, 0.05), 1.8, 1.9),
                new MiyamotoNagaiDisc(scale(disc, 0.60), 3.0, 0.28),
                new NfwHalo(scale(halo, 0.35), 16.0)));
    }

    /** The amplitude that makes a unit-amplitude component contribute {@code fraction} of v0^2 to v_c^2 at R0. */
    private static double scale(Potential unit, double fraction) {
        double[] f = new double[2];
        unit.forces(R0, 0, f);
        return fraction * V0 * V0 / (-R0 * f[0]);
    }
}
