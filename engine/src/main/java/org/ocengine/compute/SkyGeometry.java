package org.ocengine.compute;

/**
 * The sky-match geometry every matcher, reference and stage shares, so that they agree to the last
 * bit: unit vectors from (ra, dec) in degrees, the one match predicate (squared chord between unit
 * vectors at most {@link #chordSquaredLimit}) and the one separation formula, {@code 2 asin(chord/2)}
 * of the same chord ({@link #separationArcsec(double)}). Stateless and thread-safe.
 */
public final class SkyGeometry {

    /** Arcseconds in one radian. */
    public static final double ARCSEC_PER_RADIAN = 180.0 * 3600.0 / Math.PI;

    /** Largest accepted match radius, arcsec (180 degrees: everything matches). */
    public static final double MAX_RADIUS_ARCSEC = 180.0 * 3600.0;

    private SkyGeometry() {
    }

    /** True when both coordinates are finite numbers (NaN or infinite means "no position"). */
    public static boolean hasPosition(double raDeg, double decDeg) {
        return Double.isFinite(raDeg) && Double.isFinite(decDeg);
    }

    /** Right ascension wrapped into [0, 360) degrees. */
    public static double normaliseRa(double raDeg) {
        if (raDeg >= 0.0 && raDeg < 360.0) {
            return raDeg;
        }
        double r = raDeg % 360.0;
        if (r < 0) {
            r += 360.0;
        }
        return r < 360.0 ? r : 0.0;
    }

    /**
     * Writes the unit vector of (ra, dec), degrees, into {@code out[offset..offset+2]}. The RA is
     * first wrapped with {@link #normaliseRa} (as the matchers' RA windows are), and sines and
     * cosines are {@link #sinDegrees}/{@link #cosDegrees}: exact at multiples of 90 degrees, so the
     * poles are (0, 0, +-1) whatever the RA and all pole positions coincide.
     */
    public static void unitVector(double raDeg, double decDeg, double[] out, int offset) {
        double ra = normaliseRa(raDeg);
        double cosDec = cosDegrees(decDeg);
        out[offset] = cosDec * cosDegrees(ra);
        out[offset + 1] = cosDec * sinDegrees(ra);
        out[offset + 2] = sinDegrees(decDeg);
    }

    /** sin(x) for x in degrees (see {@link #cosDegrees} for how). */
    public static double sinDegrees(double xDeg) {
        return sinCosDegrees(xDeg, true);
    }

    /**
     * cos(x) for x in degrees, deterministic to the bit on every platform (plain IEEE
     * multiplications and additions, which Java never contracts into fused ones): the angle is
     * reduced to [-45, 45] degrees by subtracting a multiple of 90, exactly (Sterbenz's lemma) for
     * |x| up to 2^50 degrees, converted to radians with one rounding, and evaluated with fdlibm's
     * kernels (kernel error below 1 ulp). Exact at multiples of 90 degrees, unlike
     * {@code Math.cos(Math.toRadians(x))}, and about twice as fast. A GPU twin can reproduce it bit
     * for bit when compiled without fused multiply-add contraction.
     */
    public static double cosDegrees(double xDeg) {
        return sinCosDegrees(xDeg, false);
    }

    // fdlibm 5.3 __kernel_sin / __kernel_cos coefficients (|x| <= pi/4, error below 1 ulp)
    private static final double S1 = -1.66666666666666324348e-01;
    private static final double S2 = 8.33333333332248946124e-03;
    private static final double S3 = -1.98412698298579493134e-04;
    private static final double S4 = 2.75573137070700676789e-06;
    private static final double S5 = -2.50507602534068634195e-08;
    private static final double S6 = 1.58969099521155010221e-10;
    private static final double C1 = 4.16666666666666019037e-02;
    private static final double C2 = -1.38888888888741095749e-03;
    private static final double C3 = 2.48015872894767294178e-05;
    private static final double C4 = -2.75573143513906633035e-07;
    private static final double C5 = 2.08757232129817482790e-09;
    private static final double C6 = -1.13596475577881948265e-11;
    private static final double RAD_PER_DEG = Math.PI / 180.0;

    private static double sinCosDegrees(double xDeg, boolean sine) {
        double n = Math.rint(xDeg / 90.0);
        double t = (xDeg - 90.0 * n) * RAD_PER_DEG;
        int quadrant = (int) ((long) n & 3) + (sine ? 0 : 1);
        double z = t * t;
        double value;
        if ((quadrant & 1) == 0) {
            value = t + t * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
        } else {
            value = kernelCos(t, z);
        }
        return (quadrant & 2) == 0 ? value : -value;
    }

    private static double kernelCos(double t, double z) {
        double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        double at = Math.abs(t);
        if (at < 0.3) {
            return 1.0 - (0.5 * z - z * r);
        }
        // qx: |t|/4 rounded down to 21 significant bits (fdlibm), so 1 - qx is exact
        double qx = at > 0.78125 ? 0.28125
                : Double.longBitsToDouble((Double.doubleToRawLongBits(at) - 0x0020000000000000L) & 0xFFFFFFFF00000000L);
        double hz = 0.5 * z - qx;
        double a = 1.0 - qx;
        return a - (hz - z * r);
    }

    /** Squared chord length between two unit vectors (the quantity the match predicate tests). */
    public static double chordSquared(double ax, double ay, double az, double bx, double by, double bz) {
        double dx = ax - bx;
        double dy = ay - by;
        double dz = az - bz;
        return dx * dx + dy * dy + dz * dz;
    }

    /**
     * The predicate's limit: a pair matches when its {@link #chordSquared} is at most
     * {@code (2 sin(r/2))^2} for radius r.
     *
     * @param radiusArcsec match radius, arcsec, in [0, {@link #MAX_RADIUS_ARCSEC}]
     */
    public static double chordSquaredLimit(double radiusArcsec) {
        checkRadius(radiusArcsec);
        double chord = 2.0 * Math.sin(0.5 * radiusArcsec / ARCSEC_PER_RADIAN);
        return chord * chord;
    }

    /**
     * Angular separation in arcsec of two positions whose unit vectors are {@code chordSquared}
     * apart: {@code 2 asin(chord / 2)}. For chords below 2e-3 (separations below about 6.9 arcmin,
     * every realistic match) the arcsine is its Taylor series to the x^7 term, exact to rounding
     * (the next term is 1e-26 relative) and made of plain multiplications and additions, so another
     * backend can reproduce it; above, {@link Math#asin}. Well conditioned except within a few
     * degrees of 180, where any chord-based formula loses digits.
     */
    public static double separationArcsec(double chordSquared) {
        double x = 0.5 * Math.sqrt(chordSquared);
        double angle;
        if (x < 1e-3) {
            double x2 = x * x;
            angle = x + x * x2 * (1.0 / 6 + x2 * (3.0 / 40 + x2 * (5.0 / 112)));
        } else {
            angle = Math.asin(Math.min(1.0, x));
        }
        return 2.0 * angle * ARCSEC_PER_RADIAN;
    }

    /** Angular separation of two positions (degrees) in arcsec; NaN if either has no position. */
    public static double separationArcsec(double raA, double decA, double raB, double decB) {
        if (!hasPosition(raA, decA) || !hasPosition(raB, decB)) {
            return Double.NaN;
        }
        double[] v = new double[6];
        unitVector(raA, decA, v, 0);
        unitVector(raB, decB, v, 3);
        return separationArcsec(chordSquared(v[0], v[1], v[2], v[3], v[4], v[5]));
    }

    /** Rejects a radius that is negative, not a number, or above {@link #MAX_RADIUS_ARCSEC}. */
    public static void checkRadius(double radiusArcsec) {
        if (!(radiusArcsec >= 0 && radiusArcsec <= MAX_RADIUS_ARCSEC)) {
            throw new IllegalArgumentException("match radius must be in [0, " + MAX_RADIUS_ARCSEC + "] arcsec, got " + radiusArcsec);
        }
    }
}
