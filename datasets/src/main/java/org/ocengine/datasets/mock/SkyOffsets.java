package org.ocengine.datasets.mock;

/**
 * Small-field sky geometry: points at a given angular distance and position angle from a centre, the
 * gnomonic (tangent-plane) projection about a centre and its inverse, and angular distances. Angles
 * in degrees; position angles from north through east. Stateless and thread-safe.
 */
public final class SkyOffsets {

    private SkyOffsets() {
    }

    /**
     * The point at angular distance {@code rhoDeg} and position angle {@code paDeg} from (ra0, dec0):
     * {@code out[0]} = ra in [0, 360), {@code out[1]} = dec.
     */
    public static void offset(double ra0Deg, double dec0Deg, double rhoDeg, double paDeg, double[] out) {
        double d0 = Math.toRadians(dec0Deg);
        double rho = Math.toRadians(rhoDeg);
        double pa = Math.toRadians(paDeg);
        double sinDec = Math.sin(d0) * Math.cos(rho) + Math.cos(d0) * Math.sin(rho) * Math.cos(pa);
        double dec = Math.asin(Math.max(-1, Math.min(1, sinDec)));
        double dRa = Math.atan2(Math.sin(pa) * Math.sin(rho) * Math.cos(d0), Math.cos(rho) - Math.sin(d0) * sinDec);
        out[0] = wrap(ra0Deg + Math.toDegrees(dRa));
        out[1] = Math.toDegrees(dec);
    }

    /**
     * Gnomonic projection of (ra, dec) about (ra0, dec0): {@code out[0]} = xi (towards east),
     * {@code out[1]} = eta (towards north), in degrees of the tangent plane.
     */
    public static void project(double ra0Deg, double dec0Deg, double raDeg, double decDeg, double[] out) {
        double d0 = Math.toRadians(dec0Deg);
        double d = Math.toRadians(decDeg);
        double dRa = Math.toRadians(raDeg - ra0Deg);
        double cosC = Math.sin(d0) * Math.sin(d) + Math.cos(d0) * Math.cos(d) * Math.cos(dRa);
        out[0] = Math.toDegrees(Math.cos(d) * Math.sin(dRa) / cosC);
        out[1] = Math.toDegrees((Math.cos(d0) * Math.sin(d) - Math.sin(d0) * Math.cos(d) * Math.cos(dRa)) / cosC);
    }

    /** Angular distance between two points, degrees. */
    public static double distance(double ra1Deg, double dec1Deg, double ra2Deg, double dec2Deg) {
        double d1 = Math.toRadians(dec1Deg);
        double d2 = Math.toRadians(dec2Deg);
        double sDec = Math.sin((d2 - d1) / 2);
        double sRa = Math.sin(Math.toRadians(ra2Deg - ra1Deg) / 2);
        double h = sDec * sDec + Math.cos(d1) * Math.cos(d2) * sRa * sRa;
        return Math.toDegrees(2 * Math.asin(Math.min(1, Math.sqrt(h))));
    }

    /** An angle reduced to [0, 360). */
    public static double wrap(double deg) {
        double r = deg % 360.0;
        if (r < 0) {
            r += 360.0;
        }
        return r >= 360.0 ? 0.0 : r;
    }
}
