package org.ocengine.datasets.mock;

/**
 * The coordinate conversions the mock survey needs: ICRS (ra, dec), Galactic (l, b) and the
 * Galactocentric Cartesian frame, for positions and velocities. Minimal on purpose: the engine's
 * {@code galaxy} package (issue 6) is the full implementation; this one only has to be consistent
 * between what the generator draws (Galactocentric velocities) and what it writes (pm, RV).
 *
 * <p>Conventions are astropy's (5.2): the ICRS-to-Galactic rotation is astropy's (the one of
 * {@code org.ocengine.table.CanonicalTables}); the Galactocentric frame is astropy's
 * {@code Galactocentric} with {@code galcen_coord} at Galactic (l, b) = (0, 0), {@code roll} 0,
 * {@code galcen_distance} = R0, {@code z_sun} and {@code galcen_v_sun} = (U, V + v_c, W): the Galactic
 * centre at the origin, x from the Sun's projection towards the centre, y along Galactic rotation at
 * the Sun, z towards the north Galactic pole, the Sun at (-R0 cos t, 0, R0 sin t) with sin t = z_sun/R0.
 * Units: kpc, km/s, degrees, mas/yr. Checked against astropy in the tests.
 *
 * <p>Immutable and thread-safe.
 */
public final class GalacticFrame {

    /** km/s per (kpc x mas/yr): 1 au/yr in km/s. */
    public static final double KMS_PER_KPC_MASYR = 4.740470463533348;

    /**
     * Rotation from ICRS to Galactic unit vectors (rows: Galactic x, y, z in ICRS components), as
     * astropy defines it; the same numbers as {@code CanonicalTables.ICRS_TO_GALACTIC}.
     */
    private static final double[][] ICRS_TO_GALACTIC = {
            {-0.05487565771259158, -0.873437051955616, -0.4838350736167153},
            {0.49410943719272676, -0.4448297212232952, 0.7469821839866675},
            {-0.8676661375596576, -0.19807633727300059, 0.45598381368730156},
    };

    /**
     * The Sun's place and motion (SPEC.md 6).
     *
     * @param r0Kpc     distance of the Sun from the Galactic centre, kpc (8.2)
     * @param zSunKpc   height of the Sun above the plane, kpc (0.0208)
     * @param vCircKms  circular speed at the Sun, km/s (232.8)
     * @param uSunKms   solar motion towards the centre relative to the LSR, km/s (11.1; Schoenrich et al. 2010)
     * @param vSunKms   ... along rotation, km/s (12.24)
     * @param wSunKms   ... towards the north Galactic pole, km/s (7.25)
     */
    public record Sun(double r0Kpc, double zSunKpc, double vCircKms, double uSunKms, double vSunKms, double wSunKms) {
        /** SPEC.md 6: R0 = 8.2 kpc, z = 20.8 pc, v_c = 232.8 km/s, (U, V, W) = (11.1, 12.24, 7.25) km/s. */
        public static final Sun SPEC = new Sun(8.2, 0.0208, 232.8, 11.1, 12.24, 7.25);
    }

    private final Sun sun;
    private final double cosTilt;
    private final double sinTilt;
    private final double[] vSun;

    public GalacticFrame(Sun sun) {
        this.sun = sun;
        this.sinTilt = sun.zSunKpc() / sun.r0Kpc();
        this.cosTilt = Math.sqrt(1 - sinTilt * sinTilt);
        this.vSun = new double[] {sun.uSunKms(), sun.vCircKms() + sun.vSunKms(), sun.wSunKms()};
    }

    public Sun sun() {
        return sun;
    }

    /** Galactic (l, b) in degrees of an ICRS position; {@code out[0]} = l in [0, 360), {@code out[1]} = b. */
    public static void icrsToGalactic(double raDeg, double decDeg, double[] out) {
        double[] u = unit(raDeg, decDeg);
        double x = dot(ICRS_TO_GALACTIC[0], u);
        double y = dot(ICRS_TO_GALACTIC[1], u);
        double z = dot(ICRS_TO_GALACTIC[2], u);
        double l = Math.toDegrees(Math.atan2(y, x));
        out[0] = l < 0 ? l + 360 : l;
        out[1] = Math.toDegrees(Math.atan2(z, Math.hypot(x, y)));
    }

    /** ICRS (ra, dec) in degrees of a Galactic position; {@code out[0]} = ra in [0, 360), {@code out[1]} = dec. */
    public static void galacticToIcrs(double lDeg, double bDeg, double[] out) {
        double[] g = unit(lDeg, bDeg);
        double x = 0;
        double y = 0;
        double z = 0;
        for (int k = 0; k < 3; k++) {
            x += ICRS_TO_GALACTIC[k][0] * g[k];
            y += ICRS_TO_GALACTIC[k][1] * g[k];
            z += ICRS_TO_GALACTIC[k][2] * g[k];
        }
        double ra = Math.toDegrees(Math.atan2(y, x));
        out[0] = ra < 0 ? ra + 360 : ra;
        out[1] = Math.toDegrees(Math.atan2(z, Math.hypot(x, y)));
    }

    /**
     * Galactocentric Cartesian position (kpc) of a point at ICRS (ra, dec) and heliocentric distance
     * {@code dKpc}, into {@code out[0..2]}.
     */
    public void position(double raDeg, double decDeg, double dKpc, double[] out) {
        double[] u = unit(raDeg, decDeg);
        double gx = dKpc * dot(ICRS_TO_GALACTIC[0], u) - sun.r0Kpc();
        double gy = dKpc * dot(ICRS_TO_GALACTIC[1], u);
        double gz = dKpc * dot(ICRS_TO_GALACTIC[2], u);
        // astropy: H = rotation_matrix(-asin(z_sun / R0), 'y') applied after the translation
        out[0] = cosTilt * gx + sinTilt * gz;
        out[1] = gy;
        out[2] = -sinTilt * gx + cosTilt * gz;
    }

    /**
     * Galactocentric Cartesian velocity (km/s) of a star at ICRS (ra, dec), distance {@code dKpc},
     * with proper motion (pmra = mu_alpha* = mu_alpha cos dec, pmdec; mas/yr) and radial velocity
     * (km/s), into {@code out[0..2]}.
     */
    public void velocity(double raDeg, double decDeg, double dKpc, double pmra, double pmdec, double rv, double[] out) {
        double a = Math.toRadians(raDeg);
        double d = Math.toRadians(decDeg);
        double ca = Math.cos(a);
        double sa = Math.sin(a);
        double cd = Math.cos(d);
        double sd = Math.sin(d);
        double k = KMS_PER_KPC_MASYR * dKpc;
        double[] v = {
            rv * cd * ca + k * (-pmra * sa - pmdec * sd * ca),
            rv * cd * sa + k * (pmra * ca - pmdec * sd * sa),
            rv * sd + k * pmdec * cd,
        };
        double gx = dot(ICRS_TO_GALACTIC[0], v);
        double gy = dot(ICRS_TO_GALACTIC[1], v);
        double gz = dot(ICRS_TO_GALACTIC[2], v);
        out[0] = cosTilt * gx + sinTilt * gz + vSun[0];
        out[1] = gy + vSun[1];
        out[2] = -sinTilt * gx + cosTilt * gz + vSun[2];
    }

    /**
     * What the Sun sees of a star at ICRS (ra, dec), distance {@code dKpc}, moving with the
     * Galactocentric velocity (vx, vy, vz) km/s: {@code out[0]} = pmra (mu_alpha*, mas/yr),
     * {@code out[1]} = pmdec (mas/yr), {@code out[2]} = radial velocity (km/s).
     */
    public void observe(double raDeg, double decDeg, double dKpc, double vx, double vy, double vz, double[] out) {
        double hx = vx - vSun[0];
        double hy = vy - vSun[1];
        double hz = vz - vSun[2];
        // undo the tilt, then Galactic to ICRS (the transpose)
        double gx = cosTilt * hx - sinTilt * hz;
        double gy = hy;
        double gz = sinTilt * hx + cosTilt * hz;
        double ix = ICRS_TO_GALACTIC[0][0] * gx + ICRS_TO_GALACTIC[1][0] * gy + ICRS_TO_GALACTIC[2][0] * gz;
        double iy = ICRS_TO_GALACTIC[0][1] * gx + ICRS_TO_GALACTIC[1][1] * gy + ICRS_TO_GALACTIC[2][1] * gz;
        double iz = ICRS_TO_GALACTIC[0][2] * gx + ICRS_TO_GALACTIC[1][2] * gy + ICRS_TO_GALACTIC[2][2] * gz;
        double a = Math.toRadians(raDeg);
        double d = Math.toRadians(decDeg);
        double ca = Math.cos(a);
        double sa = Math.sin(a);
        double cd = Math.cos(d);
        double sd = Math.sin(d);
        double k = KMS_PER_KPC_MASYR * dKpc;
        out[0] = (-sa * ix + ca * iy) / k;
        out[1] = (-sd * ca * ix - sd * sa * iy + cd * iz) / k;
        out[2] = cd * ca * ix + cd * sa * iy + sd * iz;
    }

    /**
     * Velocity (km/s) of a circular orbit at Galactocentric (x, y) plus a peculiar motion given in
     * cylindrical components (towards larger R, along rotation, towards the north pole), into
     * {@code out[0..2]}. Rotation is along +y at the Sun; the circular speed is flat at v_c.
     */
    public void rotation(double x, double y, double vR, double vPhi, double vZ, double[] out) {
        double r = Math.hypot(x, y);
        double ex = x / r;
        double ey = y / r;
        // the rotation direction is (y, -x) / R: +y at the Sun's position (x < 0, y = 0)
        double speed = sun.vCircKms() + vPhi;
        out[0] = vR * ex + speed * ey;
        out[1] = vR * ey - speed * ex;
        out[2] = vZ;
    }

    private static double[] unit(double lonDeg, double latDeg) {
        double lon = Math.toRadians(lonDeg);
        double lat = Math.toRadians(latDeg);
        return new double[] {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
