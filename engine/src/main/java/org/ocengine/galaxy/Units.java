package org.ocengine.galaxy;

/**
 * The unit system of the {@code galaxy} package: lengths in kpc, velocities in km/s, masses in solar
 * masses, times in Myr; potentials are (km/s)^2, forces (accelerations) (km/s)^2 / kpc, densities
 * Msun / kpc^3, angular momenta kpc km/s.
 *
 * <p>G enters only where a potential is built from masses or densities (McMillan 2017); potentials
 * defined by their circular-speed contributions (MWPotential2014) never use it. Its value here is
 * astropy's (CODATA 2018 G and the IAU 2015 nominal solar mass), the one GalPot's unit header also
 * implies to six digits; galpy uses 4.302e-3 pc (km/s)^2 / Msun when astropy is absent, 2.5e-4 apart.
 */
public final class Units {

    /** Newton's constant in kpc (km/s)^2 / Msun: (G Msun / kpc) in (km/s)^2. */
    public static final double G = 4.30091727003628e-06;

    /** Transverse speed in km/s of a proper motion of 1 mas/yr at a distance of 1 kpc. */
    public static final double KMS_PER_MAS_YR_KPC = 4.740470463533349;

    private Units() {
    }
}
