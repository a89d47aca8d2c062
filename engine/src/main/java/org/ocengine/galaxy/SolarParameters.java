package org.ocengine.galaxy;

/**
 * Where the Sun is and how it moves (SPEC.md 6; Fu et al. 2022, Sec. 4.1), in the conventions of
 * astropy's {@code Galactocentric} frame so that the two agree to round-off: the Sun lies
 * {@code distanceKpc} from the Galactic centre (a 3-D distance, as astropy's {@code galcen_distance};
 * its cylindrical radius is sqrt(d^2 - z_sun^2), 26 micro-kpc less at the defaults) and
 * {@code zSunKpc} above the plane; its velocity is the circular speed plus the peculiar motion
 * (U, V, W) relative to the local standard of rest (U towards the Galactic centre, V in the sense of
 * rotation, W towards the north Galactic pole). Immutable.
 *
 * @param distanceKpc     Sun - Galactic centre distance R0 (default 8.2 kpc, McMillan 2017)
 * @param zSunKpc         height of the Sun above the plane (default 0.0208 kpc, Bennett &amp; Bovy 2019)
 * @param circularSpeed   circular speed at the Sun, km/s (default 232.8, McMillan 2017)
 * @param uSun            peculiar motion towards the Galactic centre, km/s (default 11.1, Schoenrich et al. 2010)
 * @param vSun            peculiar motion in the sense of rotation, km/s (default 12.24)
 * @param wSun            peculiar motion towards the north Galactic pole, km/s (default 7.25)
 * @param centreRaDeg     ICRS right ascension of the Galactic centre (default 266.4051 deg, Sgr A*, Reid &amp; Brunthaler 2004)
 * @param centreDecDeg    ICRS declination of the Galactic centre (default -28.936175 deg)
 * @param rollDeg         astropy's extra roll of the Galactocentric frame about its x axis (default 0)
 */
public record SolarParameters(double distanceKpc, double zSunKpc, double circularSpeed, double uSun, double vSun,
                              double wSun, double centreRaDeg, double centreDecDeg, double rollDeg) {

    public SolarParameters {
        if (!(distanceKpc > 0) || !Double.isFinite(distanceKpc)) {
            throw new IllegalArgumentException("the Sun's distance to the Galactic centre must be positive, got " + distanceKpc);
        }
        if (!(Math.abs(zSunKpc) < distanceKpc)) {
            throw new IllegalArgumentException("the Sun's height must be smaller than its distance to the centre, got " + zSunKpc);
        }
        for (double v : new double[] {circularSpeed, uSun, vSun, wSun, centreRaDeg, centreDecDeg, rollDeg}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("solar parameters must be finite numbers");
            }
        }
    }

    /** SPEC.md 6: R0 = 8.2 kpc, v_c = 232.8 km/s, (U, V, W) = (11.1, 12.24, 7.25) km/s, z_sun = 20.8 pc. */
    public static SolarParameters defaults() {
        return new SolarParameters(8.2, 0.0208, 232.8, 11.1, 12.24, 7.25, 266.4051, -28.936175, 0.0);
    }
}
