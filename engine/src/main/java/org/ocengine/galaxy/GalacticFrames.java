package org.ocengine.galaxy;

/**
 * Coordinate frames of SPEC.md 6: ICRS (ra, dec, distance, proper motions, radial velocity) to
 * Galactic (l, b and the heliocentric U, V, W relative to the local standard of rest) and to
 * Galactocentric Cartesian and cylindrical coordinates, and back.
 *
 * <p>Galactocentric Cartesian coordinates are astropy's {@code Galactocentric} frame, built the same
 * way from the same {@link SolarParameters} (rotation to the Galactic centre's ICRS direction, roll
 * {@value #ROLL0_DEG} deg to the Galactic plane, translation by R0 and tilt by asin(z_sun / R0)): x
 * points from the Sun's projection towards the centre, so the Sun sits near x = -R0, y along the
 * Sun's rotation, z to the north Galactic pole. Cylindrical quantities follow galpy and Fu et al.
 * (2022): R = sqrt(x^2 + y^2), v_R positive outwards, v_phi positive in the sense of Galactic rotation,
 * and L_z = R v_phi (kpc km/s, positive for prograde orbits; the right-handed x v_y - y v_x of
 * astropy's frame with its sign flipped). Galactic l, b and the LSR velocities use astropy's
 * ICRS - FK5 (J2000) - Galactic matrices; U, V, W are astropy's {@code GalacticLSR} velocity components
 * with the solar peculiar motion of the parameters.
 *
 * <p>Units: degrees, kpc, mas/yr, km/s. Immutable and thread-safe: results go into arrays the
 * caller provides.
 */
public final class GalacticFrames {

    /**
     * astropy's {@code Galactocentric.get_roll0()}: the roll about the final x axis that puts the
     * frame's z axis in the Galactic yz plane (the value astropy hard-codes, 10 decimals).
     */
    public static final double ROLL0_DEG = 58.5986320306;

    /** FK5 (J2000) position of the north Galactic pole and longitude of the north celestial pole (astropy). */
    private static final double NGP_RA_DEG = 192.8594812065348;
    private static final double NGP_DEC_DEG = 27.12825118085622;
    private static final double LON0_DEG = 122.9319185680026;
    /** ICRS to FK5 frame bias (USNO circular 179, as in astropy), arcsec converted to degrees. */
    private static final double BIAS_ETA0_DEG = -19.9 / 3600000.0;
    private static final double BIAS_XI0_DEG = 9.1 / 3600000.0;
    private static final double BIAS_DA0_DEG = -22.9 / 3600000.0;

    private final SolarParameters sun;
    /** ICRS (heliocentric) to Galactocentric rotation, row-major. */
    private final double[] toCentre;
    /** Galactocentric position of the Sun (= the translation, x_gc = A x_icrs + offset). */
    private final double[] sunPosition;
    /** Galactocentric velocity of the Sun. */
    private final double[] sunVelocity;
    /** ICRS to Galactic rotation, row-major. */
    private final double[] toGalactic;

    public GalacticFrames(SolarParameters sun) {
        this.sun = sun;
        double[] r = multiply(rotation(ROLL0_DEG - sun.rollDeg(), 0),
                multiply(rotation(-sun.centreDecDeg(), 1), rotation(sun.centreRaDeg(), 2)));
        double[] tilt = rotation(-Math.toDegrees(Math.asin(sun.zSunKpc() / sun.distanceKpc())), 1);
        this.toCentre = multiply(tilt, r);
        // offset = -(H (d, 0, 0))
        double d = sun.distanceKpc();
        this.sunPosition = new double[] {-tilt[0] * d, -tilt[3] * d, -tilt[6] * d};
        this.sunVelocity = new double[] {sun.uSun(), sun.circularSpeed() + sun.vSun(), sun.wSun()};
        double[] fk5ToGalactic = multiply(rotation(180 - LON0_DEG, 2),
                multiply(rotation(90 - NGP_DEC_DEG, 1), rotation(NGP_RA_DEG, 2)));
        double[] icrsToFk5 = multiply(rotation(-BIAS_ETA0_DEG, 0),
                multiply(rotation(BIAS_XI0_DEG, 1), rotation(BIAS_DA0_DEG, 2)));
        this.toGalactic = multiply(fk5ToGalactic, icrsToFk5);
    }

    /** Frames with the defaults of SPEC.md 6. */
    public static GalacticFrames defaults() {
        return new GalacticFrames(SolarParameters.defaults());
    }

    /** The solar parameters these frames were built with. */
    public SolarParameters sun() {
        return sun;
    }

    /**
     * ICRS to Galactocentric Cartesian phase space.
     *
     * @param out receives x, y, z (kpc) and v_x, v_y, v_z (km/s)
     */
    public void icrsToGalactocentric(double raDeg, double decDeg, double distanceKpc, double pmraMasYr,
                                     double pmdecMasYr, double rvKms, double[] out) {
        double[] icrs = new double[6];
        heliocentricCartesian(raDeg, decDeg, distanceKpc, pmraMasYr, pmdecMasYr, rvKms, icrs);
        double[] a = toCentre;
        for (int i = 0; i < 3; i++) {
            out[i] = a[3 * i] * icrs[0] + a[3 * i + 1] * icrs[1] + a[3 * i + 2] * icrs[2] + sunPosition[i];
            out[i + 3] = a[3 * i] * icrs[3] + a[3 * i + 1] * icrs[4] + a[3 * i + 2] * icrs[5] + sunVelocity[i];
        }
    }

    /**
     * Galactocentric Cartesian phase space back to ICRS.
     *
     * @param xv  x, y, z (kpc), v_x, v_y, v_z (km/s)
     * @param out receives ra, dec (deg), distance (kpc), pmra (times cos dec), pmdec (mas/yr), radial velocity (km/s)
     */
    public void galactocentricToIcrs(double[] xv, double[] out) {
        double[] a = toCentre;
        double[] h = new double[6];
        for (int i = 0; i < 3; i++) {
            double dx = xv[0] - sunPosition[0];
            double dy = xv[1] - sunPosition[1];
            double dz = xv[2] - sunPosition[2];
            double dvx = xv[3] - sunVelocity[0];
            double dvy = xv[4] - sunVelocity[1];
            double dvz = xv[5] - sunVelocity[2];
            // transpose of the rotation
            h[i] = a[i] * dx + a[3 + i] * dy + a[6 + i] * dz;
            h[i + 3] = a[i] * dvx + a[3 + i] * dvy + a[6 + i] * dvz;
        }
        sphericalFromCartesian(h, out);
    }

    /**
     * Galactic coordinates of an ICRS direction.
     *
     * @param out receives l in [0, 360) and b in [-90, 90], degrees
     */
    public void icrsToGalactic(double raDeg, double decDeg, double[] out) {
        double ra = Math.toRadians(raDeg);
        double dec = Math.toRadians(decDeg);
        double cd = Math.cos(dec);
        double x = cd * Math.cos(ra);
        double y = cd * Math.sin(ra);
        double z = Math.sin(dec);
        double[] g = toGalactic;
        double gx = g[0] * x + g[1] * y + g[2] * z;
        double gy = g[3] * x + g[4] * y + g[5] * z;
        double gz = g[6] * x + g[7] * y + g[8] * z;
        double l = Math.toDegrees(Math.atan2(gy, gx));
        out[0] = l < 0 ? l + 360 : l;
        out[1] = Math.toDegrees(Math.atan2(gz, Math.hypot(gx, gy)));
    }

    /**
     * ICRS coordinates of a Galactic direction: the inverse of {@link #icrsToGalactic}.
     *
     * @param out receives ra in [0, 360) and dec in [-90, 90], degrees
     */
    public void galacticToIcrs(double lDeg, double bDeg, double[] out) {
        double l = Math.toRadians(lDeg);
        double b = Math.toRadians(bDeg);
        double cb = Math.cos(b);
        double gx = cb * Math.cos(l);
        double gy = cb * Math.sin(l);
        double gz = Math.sin(b);
        double[] g = toGalactic;
        // transpose of the rotation
        double x = g[0] * gx + g[3] * gy + g[6] * gz;
        double y = g[1] * gx + g[4] * gy + g[7] * gz;
        double z = g[2] * gx + g[5] * gy + g[8] * gz;
        double ra = Math.toDegrees(Math.atan2(y, x));
        out[0] = ra < 0 ? ra + 360 : ra;
        out[1] = Math.toDegrees(Math.atan2(z, Math.hypot(x, y)));
    }

    /**
     * Heliocentric space velocity in Galactic axes relative to the local standard of rest: the
     * Sun's own velocity plus its peculiar motion (astropy's {@code GalacticLSR} with
     * {@code v_bary} = (U, V, W) of the solar parameters).
     *
     * @param out receives U (towards l = 0), V (towards l = 90 deg), W (towards b = 90 deg), km/s
     */
    public void velocityRelativeToLsr(double raDeg, double decDeg, double distanceKpc, double pmraMasYr,
                                      double pmdecMasYr, double rvKms, double[] out) {
        double[] icrs = new double[6];
        heliocentricCartesian(raDeg, decDeg, distanceKpc, pmraMasYr, pmdecMasYr, rvKms, icrs);
        double[] g = toGalactic;
        out[0] = g[0] * icrs[3] + g[1] * icrs[4] + g[2] * icrs[5] + sun.uSun();
        out[1] = g[3] * icrs[3] + g[4] * icrs[4] + g[5] * icrs[5] + sun.vSun();
        out[2] = g[6] * icrs[3] + g[7] * icrs[4] + g[8] * icrs[5] + sun.wSun();
    }

    /**
     * Galactocentric cylindrical coordinates of a Cartesian phase-space point (conventions in the class
     * comment).
     *
     * @param xv  x, y, z (kpc), v_x, v_y, v_z (km/s)
     * @param out receives R (kpc), phi (deg, astropy's right-handed azimuth atan2(y, x)), z (kpc),
     *            v_R, v_phi, v_z (km/s)
     */
    public static void cylindrical(double[] xv, double[] out) {
        double x = xv[0];
        double y = xv[1];
        double r = Math.hypot(x, y);
        out[0] = r;
        out[1] = Math.toDegrees(Math.atan2(y, x));
        out[2] = xv[2];
        out[3] = r > 0 ? (x * xv[3] + y * xv[4]) / r : Math.hypot(xv[3], xv[4]);
        out[4] = r > 0 ? (y * xv[3] - x * xv[4]) / r : 0.0;
        out[5] = xv[5];
    }

    /**
     * Galactocentric Cartesian velocity of a point at (x, y) moving with the given cylindrical
     * components: the inverse of the velocity part of {@link #cylindrical} (same conventions).
     *
     * @param xKpc x, kpc (with y, not both 0: the azimuthal direction is undefined on the axis)
     * @param yKpc y, kpc
     * @param vR   velocity away from the z axis, km/s
     * @param vPhi velocity in the sense of Galactic rotation, km/s
     * @param vZ   velocity towards the north Galactic pole, km/s
     * @param out  receives v_x, v_y, v_z (km/s)
     */
    public static void cartesianVelocity(double xKpc, double yKpc, double vR, double vPhi, double vZ, double[] out) {
        double r = Math.hypot(xKpc, yKpc);
        if (!(r > 0)) {
            throw new IllegalArgumentException("no azimuthal direction on the z axis (x = y = 0)");
        }
        double ex = xKpc / r;
        double ey = yKpc / r;
        // the direction of rotation is (y, -x) / R: +y at the Sun (x < 0, y = 0)
        out[0] = vR * ex + vPhi * ey;
        out[1] = vR * ey - vPhi * ex;
        out[2] = vZ;
    }

    /** L_z = R v_phi in kpc km/s, positive in the sense of Galactic rotation. */
    public static double angularMomentumZ(double[] xv) {
        return xv[1] * xv[3] - xv[0] * xv[4];
    }

    /** Heliocentric ICRS Cartesian position (kpc) and velocity (km/s) of an observed object. */
    static void heliocentricCartesian(double raDeg, double decDeg, double distanceKpc, double pmraMasYr,
                                      double pmdecMasYr, double rvKms, double[] out) {
        double ra = Math.toRadians(raDeg);
        double dec = Math.toRadians(decDeg);
        double ca = Math.cos(ra);
        double sa = Math.sin(ra);
        double cd = Math.cos(dec);
        double sd = Math.sin(dec);
        out[0] = distanceKpc * cd * ca;
        out[1] = distanceKpc * cd * sa;
        out[2] = distanceKpc * sd;
        double k = Units.KMS_PER_MAS_YR_KPC * distanceKpc;
        double va = k * pmraMasYr;
        double vd = k * pmdecMasYr;
        out[3] = rvKms * cd * ca - va * sa - vd * sd * ca;
        out[4] = rvKms * cd * sa + va * ca - vd * sd * sa;
        out[5] = rvKms * sd + vd * cd;
    }

    /** The inverse of {@link #heliocentricCartesian}. */
    private static void sphericalFromCartesian(double[] h, double[] out) {
        double x = h[0];
        double y = h[1];
        double z = h[2];
        double rho = Math.hypot(x, y);
        double d = Math.hypot(rho, z);
        double ra = Math.atan2(y, x);
        double dec = Math.atan2(z, rho);
        double ca = Math.cos(ra);
        double sa = Math.sin(ra);
        double cd = Math.cos(dec);
        double sd = Math.sin(dec);
        double raDeg = Math.toDegrees(ra);
        out[0] = raDeg < 0 ? raDeg + 360 : raDeg;
        out[1] = Math.toDegrees(dec);
        out[2] = d;
        double k = Units.KMS_PER_MAS_YR_KPC * d;
        out[3] = (-sa * h[3] + ca * h[4]) / k;
        out[4] = (-sd * ca * h[3] - sd * sa * h[4] + cd * h[5]) / k;
        out[5] = cd * ca * h[3] + cd * sa * h[4] + sd * h[5];
    }

    /**
     * astropy's {@code rotation_matrix(angle, axis)} (a rotation of the coordinate axes), row-major.
     *
     * @param axis 0, 1, 2 for x, y, z
     */
    private static double[] rotation(double angleDeg, int axis) {
        double a = Math.toRadians(angleDeg);
        double s = Math.sin(a);
        double c = Math.cos(a);
        int a1 = (axis + 1) % 3;
        int a2 = (axis + 2) % 3;
        double[] m = new double[9];
        m[3 * axis + axis] = 1;
        m[3 * a1 + a1] = c;
        m[3 * a1 + a2] = s;
        m[3 * a2 + a1] = -s;
        m[3 * a2 + a2] = c;
        return m;
    }

    private static double[] multiply(double[] p, double[] q) {
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[3 * i + j] = p[3 * i] * q[j] + p[3 * i + 1] * q[3 + j] + p[3 * i + 2] * q[6 + j];
            }
        }
        return m;
    }
}
