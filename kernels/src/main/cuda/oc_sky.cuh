/*
 * The sky-match geometry of org.ocengine.compute.SkyGeometry, bit for bit: RA wrapping, sine and
 * cosine of degrees by fdlibm's kernels after an exact reduction to [-45, 45] degrees, unit vectors
 * and the squared chord that the match predicate tests. The separation (2 asin(chord/2)) is not
 * computed here: the host converts the chord with SkyGeometry.separationArcsec itself.
 */
#ifndef OC_SKY_CUH
#define OC_SKY_CUH

#include "oc_common.cuh"

/* SkyGeometry.normaliseRa: wrapped into [0, 360). */
OC_HD double oc_normalise_ra(double ra) {
    if (ra >= 0.0 && ra < 360.0) {
        return ra;
    }
    double r = fmod(ra, 360.0);
    if (r < 0) {
        r += 360.0;
    }
    return r < 360.0 ? r : 0.0;
}

/* fdlibm's __kernel_cos as SkyGeometry.kernelCos states it (|t| <= pi/4, z = t*t). */
OC_HD double oc_kernel_cos(double t, double z) {
    const double c1 = 4.16666666666666019037e-02;
    const double c2 = -1.38888888888741095749e-03;
    const double c3 = 2.48015872894767294178e-05;
    const double c4 = -2.75573143513906633035e-07;
    const double c5 = 2.08757232129817482790e-09;
    const double c6 = -1.13596475577881948265e-11;
    double r = z * (c1 + z * (c2 + z * (c3 + z * (c4 + z * (c5 + z * c6)))));
    double at = fabs(t);
    if (at < 0.3) {
        return 1.0 - (0.5 * z - z * r);
    }
    double qx = at > 0.78125 ? 0.28125 : oc_double((oc_bits(at) - 0x0020000000000000ull) & 0xFFFFFFFF00000000ull);
    double hz = 0.5 * z - qx;
    double a = 1.0 - qx;
    return a - (hz - z * r);
}

/* Java's (long) cast of a double: truncation, saturating at the long range, 0 for NaN (C leaves those undefined). */
OC_HD oc_i64 oc_java_long(double x) {
    if (x != x) {
        return 0;
    }
    if (x >= 0x1.0p63) {
        return 0x7fffffffffffffffll;
    }
    if (x <= -0x1.0p63) {
        return -0x7fffffffffffffffll - 1;
    }
    return (oc_i64) x;
}

/* SkyGeometry.sinDegrees (sine != 0) and cosDegrees (sine == 0). */
OC_HD double oc_sin_cos_degrees(double x, int sine) {
    const double s1 = -1.66666666666666324348e-01;
    const double s2 = 8.33333333332248946124e-03;
    const double s3 = -1.98412698298579493134e-04;
    const double s4 = 2.75573137070700676789e-06;
    const double s5 = -2.50507602534068634195e-08;
    const double s6 = 1.58969099521155010221e-10;
    const double radPerDeg = 0x1.1df46a2529d39p-6; /* Math.PI / 180.0 */
    double n = rint(x / 90.0);
    double t = (x - 90.0 * n) * radPerDeg;
    int quadrant = (int) (oc_java_long(n) & 3) + (sine ? 0 : 1);
    double z = t * t;
    double value;
    if ((quadrant & 1) == 0) {
        value = t + t * z * (s1 + z * (s2 + z * (s3 + z * (s4 + z * (s5 + z * s6)))));
    } else {
        value = oc_kernel_cos(t, z);
    }
    return (quadrant & 2) == 0 ? value : -value;
}

/* SkyGeometry.unitVector (ra any finite value, dec in [-90, 90]). */
OC_HD void oc_unit_vector(double ra, double dec, double* x, double* y, double* z) {
    double r = oc_normalise_ra(ra);
    double cosDec = oc_sin_cos_degrees(dec, 0);
    *x = cosDec * oc_sin_cos_degrees(r, 0);
    *y = cosDec * oc_sin_cos_degrees(r, 1);
    *z = oc_sin_cos_degrees(dec, 1);
}

/* SkyGeometry.chordSquared. */
OC_HD double oc_chord_squared(double ax, double ay, double az, double bx, double by, double bz) {
    double dx = ax - bx;
    double dy = ay - by;
    double dz = az - bz;
    return dx * dx + dy * dy + dz * dz;
}

/* RA quantisation of the zone index: 2^31 steps over 360 degrees (as ZoneIndex). */
#define OC_RA_STEPS_PER_DEG (2147483648.0 / 360.0)

OC_HD oc_u32 oc_ra_key(double raNormalised) {
    double k = floor(raNormalised * OC_RA_STEPS_PER_DEG);
    return k < 2147483647.0 ? (oc_u32) k : 2147483647u;
}

/* The zone of a declination on the grid of `zones` zones of `height` degrees from -90, clamped. */
OC_HD oc_i64 oc_zone(double dec, double height, oc_i64 zones) {
    double z = floor((dec + 90.0) / height);
    if (!(z >= 0.0)) {
        return 0;
    }
    if (z >= (double) (zones - 1)) {
        return zones - 1;
    }
    return (oc_i64) z;
}

#endif
