/*
 * exp, log and log1p as fdlibm 5.3 computes them (Sun Microsystems, 1993; freely distributable with
 * its notice), which is what Java's StrictMath returns: the Ziggurat's rare paths call these, and a
 * GPU draw must equal the CPU's to the bit. Written from fdlibm's e_exp.c, e_log.c and s_log1p.c
 * as Java's FdLibm class states them, with word arithmetic done in unsigned types (C leaves signed
 * overflow and negative left shifts undefined). Checked against StrictMath in the kernels tests.
 */
#ifndef OC_FDLIBM_CUH
#define OC_FDLIBM_CUH

#include "oc_common.cuh"

OC_HD int oc_hi_word(double x) {
    return (int) (oc_u32) (oc_bits(x) >> 32);
}

OC_HD oc_u32 oc_lo_word(double x) {
    return (oc_u32) oc_bits(x);
}

/* x with its high word replaced. */
OC_HD double oc_with_hi_word(double x, int hi) {
    return oc_double(((oc_u64) (oc_u32) hi << 32) | (oc_bits(x) & 0xffffffffull));
}

/* k << 20 for any int k, as Java computes it (two's complement, no undefined behaviour). */
OC_HD int oc_shl20(int k) {
    return (int) ((oc_u32) k << 20);
}

OC_HD double oc_exp(double x) {
    const double huge = 1.0e+300;
    const double twom1000 = 0x1.0p-1000;
    const double o_threshold = 0x1.62e42fefa39efp9;
    const double u_threshold = -0x1.74910d52d3051p9;
    const double ln2hi = 0x1.62e42feep-1;
    const double ln2lo = 0x1.a39ef35793c76p-33;
    const double invln2 = 0x1.71547652b82fep0;
    const double p1 = 0x1.555555555553ep-3;
    const double p2 = -0x1.6c16c16bebd93p-9;
    const double p3 = 0x1.1566aaf25de2cp-14;
    const double p4 = -0x1.bbd41c5d26bf1p-20;
    const double p5 = 0x1.6376972bea4d0p-25;
    double y;
    double hi = 0.0;
    double lo = 0.0;
    double c;
    double t;
    int k = 0;
    int hx = oc_hi_word(x);
    int xsb = (int) (((oc_u32) hx >> 31) & 1u);
    hx &= 0x7fffffff;
    if (hx >= 0x40862E42) { /* |x| >= 709.78... */
        if (hx >= 0x7ff00000) {
            if (((oc_u32) (hx & 0xfffff) | oc_lo_word(x)) != 0) {
                return x + x; /* NaN */
            }
            return xsb == 0 ? x : 0.0; /* exp(+-inf) = {inf, 0} */
        }
        if (x > o_threshold) {
            return oc_double(0x7ff0000000000000ull); /* overflow: fdlibm's huge * huge */
        }
        if (x < u_threshold) {
            return 0.0; /* underflow: fdlibm's twom1000 * twom1000 */
        }
    }
    if (hx > 0x3fd62e42) { /* |x| > 0.5 ln2 */
        if (hx < 0x3FF0A2B2) { /* and |x| < 1.5 ln2 */
            hi = x - (xsb == 0 ? ln2hi : -ln2hi);
            lo = xsb == 0 ? ln2lo : -ln2lo;
            k = 1 - xsb - xsb;
        } else {
            k = (int) (invln2 * x + (xsb == 0 ? 0.5 : -0.5));
            t = k;
            hi = x - t * ln2hi; /* t * ln2hi is exact here */
            lo = t * ln2lo;
        }
        x = hi - lo;
    } else if (hx < 0x3e300000) { /* |x| < 2^-28 */
        if (huge + x > 1.0) {
            return 1.0 + x;
        }
    } else {
        k = 0;
    }
    t = x * x;
    c = x - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))));
    if (k == 0) {
        return 1.0 - ((x * c) / (c - 2.0) - x);
    }
    y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
    if (k >= -1021) {
        return oc_with_hi_word(y, oc_hi_word(y) + oc_shl20(k));
    }
    y = oc_with_hi_word(y, oc_hi_word(y) + oc_shl20(k + 1000));
    return y * twom1000;
}

OC_HD double oc_log(double x) {
    const double two54 = 0x1.0p54;
    const double ln2_hi = 0x1.62e42feep-1;
    const double ln2_lo = 0x1.a39ef35793c76p-33;
    const double lg1 = 0x1.5555555555593p-1;
    const double lg2 = 0x1.999999997fa04p-2;
    const double lg3 = 0x1.2492494229359p-2;
    const double lg4 = 0x1.c71c51d8e78afp-3;
    const double lg5 = 0x1.7466496cb03dep-3;
    const double lg6 = 0x1.39a09d078c69fp-3;
    const double lg7 = 0x1.2f112df3e5244p-3;
    double hfsq, f, s, z, r, w, t1, t2, dk;
    int k, hx, i, j;
    oc_u32 lx;
    hx = oc_hi_word(x);
    lx = oc_lo_word(x);
    k = 0;
    if (hx < 0x00100000) { /* x < 2^-1022 */
        if (((oc_u32) (hx & 0x7fffffff) | lx) == 0) {
            return oc_double(0xfff0000000000000ull); /* log(+-0) = -inf */
        }
        if (hx < 0) {
            return oc_double(0x7ff8000000000000ull); /* log(-#) = NaN */
        }
        k -= 54;
        x *= two54; /* subnormal: scale up */
        hx = oc_hi_word(x);
    }
    if (hx >= 0x7ff00000) {
        return x + x;
    }
    k += (hx >> 20) - 1023;
    hx &= 0x000fffff;
    i = (hx + 0x95f64) & 0x100000;
    x = oc_with_hi_word(x, hx | (i ^ 0x3ff00000)); /* normalise x or x/2 */
    k += (i >> 20);
    f = x - 1.0;
    if ((0x000fffff & (2 + hx)) < 3) { /* |f| < 2^-20 */
        if (f == 0.0) {
            if (k == 0) {
                return 0.0;
            }
            dk = (double) k;
            return dk * ln2_hi + dk * ln2_lo;
        }
        r = f * f * (0.5 - 0.33333333333333333 * f);
        if (k == 0) {
            return f - r;
        }
        dk = (double) k;
        return dk * ln2_hi - ((r - dk * ln2_lo) - f);
    }
    s = f / (2.0 + f);
    dk = (double) k;
    z = s * s;
    i = hx - 0x6147a;
    w = z * z;
    j = 0x6b851 - hx;
    t1 = w * (lg2 + w * (lg4 + w * lg6));
    t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)));
    i |= j;
    r = t2 + t1;
    if (i > 0) {
        hfsq = 0.5 * f * f;
        if (k == 0) {
            return f - (hfsq - s * (hfsq + r));
        }
        return dk * ln2_hi - ((hfsq - (s * (hfsq + r) + dk * ln2_lo)) - f);
    }
    if (k == 0) {
        return f - s * (f - r);
    }
    return dk * ln2_hi - ((s * (f - r) - dk * ln2_lo) - f);
}

OC_HD double oc_log1p(double x) {
    const double two54 = 0x1.0p54;
    const double ln2_hi = 0x1.62e42feep-1;
    const double ln2_lo = 0x1.a39ef35793c76p-33;
    const double lp1 = 0x1.5555555555593p-1;
    const double lp2 = 0x1.999999997fa04p-2;
    const double lp3 = 0x1.2492494229359p-2;
    const double lp4 = 0x1.c71c51d8e78afp-3;
    const double lp5 = 0x1.7466496cb03dep-3;
    const double lp6 = 0x1.39a09d078c69fp-3;
    const double lp7 = 0x1.2f112df3e5244p-3;
    double hfsq, f = 0, c = 0, s, z, r, u;
    int k, hx, hu = 0, ax;
    hx = oc_hi_word(x);
    ax = hx & 0x7fffffff;
    k = 1;
    if (hx < 0x3FDA827A) { /* x < 0.41422 */
        if (ax >= 0x3ff00000) { /* x <= -1.0 */
            if (x == -1.0) {
                return oc_double(0xfff0000000000000ull); /* log1p(-1) = -inf */
            }
            return oc_double(0x7ff8000000000000ull); /* log1p(x < -1) = NaN */
        }
        if (ax < 0x3e200000) { /* |x| < 2^-29 */
            if (two54 + x > 0.0 && ax < 0x3c900000) { /* |x| < 2^-54 */
                return x;
            }
            return x - x * x * 0.5;
        }
        if (hx > 0 || hx <= (int) 0xbfd2bec3) { /* -0.2929 < x < 0.41422 */
            k = 0;
            f = x;
            hu = 1;
        }
    }
    if (hx >= 0x7ff00000) {
        return x + x;
    }
    if (k != 0) {
        if (hx < 0x43400000) {
            u = 1.0 + x;
            hu = oc_hi_word(u);
            k = (hu >> 20) - 1023;
            c = (k > 0) ? 1.0 - (u - x) : x - (u - 1.0); /* correction term */
            c /= u;
        } else {
            u = x;
            hu = oc_hi_word(u);
            k = (hu >> 20) - 1023;
            c = 0;
        }
        hu &= 0x000fffff;
        if (hu < 0x6a09e) {
            u = oc_with_hi_word(u, hu | 0x3ff00000); /* normalise u */
        } else {
            k += 1;
            u = oc_with_hi_word(u, hu | 0x3fe00000); /* normalise u/2 */
            hu = (0x00100000 - hu) >> 2;
        }
        f = u - 1.0;
    }
    hfsq = 0.5 * f * f;
    if (hu == 0) { /* |f| < 2^-20 */
        if (f == 0.0) {
            if (k == 0) {
                return 0.0;
            }
            c += k * ln2_lo;
            return k * ln2_hi + c;
        }
        r = hfsq * (1.0 - 0.66666666666666666 * f);
        if (k == 0) {
            return f - r;
        }
        return k * ln2_hi - ((r - (k * ln2_lo + c)) - f);
    }
    s = f / (2.0 + f);
    z = s * s;
    r = z * (lp1 + z * (lp2 + z * (lp3 + z * (lp4 + z * (lp5 + z * (lp6 + z * lp7))))));
    if (k == 0) {
        return f - (hfsq - s * (hfsq + r));
    }
    return k * ln2_hi - ((hfsq - (s * (hfsq + r) + (k * ln2_lo + c))) - f);
}

#endif
