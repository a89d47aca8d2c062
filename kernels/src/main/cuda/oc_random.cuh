/*
 * The Monte-Carlo draws of org.ocengine.random, bit for bit: Philox4x64-10 (Philox4x64.java), the
 * draw layout of DrawKey.java, the 256-layer ziggurat of Ziggurat.java (its tables are computed in
 * Java and uploaded, so both sides use the same numbers) and Wichura's AS 241 normal quantile of
 * NormalQuantile.java for the ziggurat's last resort.
 */
#ifndef OC_RANDOM_CUH
#define OC_RANDOM_CUH

#include "oc_common.cuh"
#include "oc_fdlibm.cuh"

#define OC_PHILOX_M0 0xD2E7470EE14C6C93ull
#define OC_PHILOX_M1 0xCA5A826395121157ull
#define OC_PHILOX_W0 0x9E3779B97F4A7C15ull
#define OC_PHILOX_W1 0xBB67AE8584CAA73Bull
/* DrawKey.KEY1: "ocengine" in ASCII. */
#define OC_DRAW_KEY1 0x6F63656E67696E65ull
/* Ziggurat.R, Ziggurat.MAX_WORDS, Ziggurat.LAYERS */
#define OC_ZIG_R 3.6541528853610088
#define OC_ZIG_MAX_WORDS 32
#define OC_ZIG_LAYERS 256

/* One Philox4x64-10 block: counter (c0..c3), key (k0, k1) -> out[0..3]. */
OC_HD void oc_philox4x64(oc_u64 c0, oc_u64 c1, oc_u64 c2, oc_u64 c3, oc_u64 k0, oc_u64 k1, oc_u64 out[4]) {
#ifdef __CUDA_ARCH__
#pragma unroll
#endif
    for (int round = 0; round < 10; round++) {
        oc_u64 lo0 = OC_PHILOX_M0 * c0;
        oc_u64 hi0 = oc_umulhi(OC_PHILOX_M0, c0);
        oc_u64 lo1 = OC_PHILOX_M1 * c2;
        oc_u64 hi1 = oc_umulhi(OC_PHILOX_M1, c2);
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
        k0 += OC_PHILOX_W0;
        k1 += OC_PHILOX_W1;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
}

/* Philox4x64.uniformOpen: (top 52 bits + 0.5) * 2^-52, in (0, 1). */
OC_HD double oc_uniform_open(oc_u64 word) {
    return ((double) (word >> 12) + 0.5) * 0x1.0p-52;
}

/* The ziggurat tables (Ziggurat.layerThresholds/layerWidths/layerDensities), in device memory. */
typedef struct {
    const oc_i64* k;
    const double* w;
    const double* f;
} OcZiggurat;

/* Ziggurat.fast: 1 and the deviate in *z when the first word is accepted at once, else 0. */
OC_HD int oc_zig_fast(oc_u64 word, OcZiggurat zig, double* z) {
    int layer = (int) (word & 0xFF);
    oc_i64 magnitude = (oc_i64) (word >> 12);
    if (magnitude < zig.k[layer]) {
        *z = oc_double(oc_bits((double) magnitude * zig.w[layer]) ^ ((word & 0x100ull) << 55));
        return 1;
    }
    return 0;
}

OC_HD double oc_normal_quantile(double p) {
    const double split1 = 0.425;
    const double split2 = 5.0;
    const double const1 = 0.180625;
    const double const2 = 1.6;
    if (!(p > 0.0 && p < 1.0)) {
        return oc_double(0x7ff8000000000000ull);
    }
    double q = p - 0.5;
    if (fabs(q) <= split1) {
        double r = const1 - q * q;
        return q * (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r + 6.7265770927008700853e+4) * r
                        + 4.5921953931549871457e+4) * r + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
                        + 1.3314166789178437745e+2) * r + 3.3871328727963666080e0)
                / (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r + 3.9307895800092710610e+4) * r
                        + 2.1213794301586595867e+4) * r + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
                        + 4.2313330701600911252e+1) * r + 1.0);
    }
    double r = q < 0.0 ? p : 1.0 - p;
    r = sqrt(-oc_log(r));
    double value;
    if (r <= split2) {
        r -= const2;
        value = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r
                        + 1.27045825245236838258e0) * r + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                        + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
                / (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r
                        + 1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                        + 2.05319162663775882187e0) * r + 1.0);
    } else {
        r -= split2;
        value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r
                        + 2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                        + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
                / (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r
                        + 7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                        + 5.99832206555887937690e-1) * r + 1.0);
    }
    return q < 0.0 ? -value : value;
}

/*
 * The word sequence of one draw (DrawKey's layout): word 0 is `first` (lane `lane` of the block with
 * counter (c0, 0, c2, c3)); word m > 0 is lane `lane` of the block with counter (c0, m, c2, c3).
 */
typedef struct {
    oc_u64 first;
    oc_u64 c0;
    oc_u64 c2;
    oc_u64 c3;
    oc_u64 k0;
    int lane;
} OcDrawWords;

OC_HD oc_u64 oc_word(const OcDrawWords& w, int m) {
    if (m == 0) {
        return w.first;
    }
    oc_u64 block[4];
    oc_philox4x64(w.c0, (oc_u64) m, w.c2, w.c3, w.k0, OC_DRAW_KEY1, block);
    switch (w.lane) {
        case 0: return block[0];
        case 1: return block[1];
        case 2: return block[2];
        default: return block[3];
    }
}

/* Given words (for the tests: a plain array of OC_ZIG_MAX_WORDS words). */
typedef struct {
    const oc_u64* words;
} OcArrayWords;

OC_HD oc_u64 oc_word(const OcArrayWords& w, int m) {
    return w.words[m];
}

/* Ziggurat.deviate: the full method over a word sequence, rare paths included. */
template <class Words>
OC_HD double oc_zig_deviate(const Words& words, OcZiggurat zig) {
    int used = 0;
    oc_u64 word = 0;
    while (used < OC_ZIG_MAX_WORDS) {
        word = oc_word(words, used++);
        int layer = (int) (word & 0xFF);
        int negative = (word & 0x100ull) != 0;
        oc_i64 magnitude = (oc_i64) (word >> 12);
        double x = (double) magnitude * zig.w[layer];
        if (magnitude < zig.k[layer]) {
            return negative ? -x : x;
        }
        if (layer == 0) {
            while (used + 1 < OC_ZIG_MAX_WORDS) {
                double xx = -oc_log1p(-oc_uniform_open(oc_word(words, used++))) / OC_ZIG_R;
                double yy = -oc_log1p(-oc_uniform_open(oc_word(words, used++)));
                if (yy + yy > xx * xx) {
                    return negative ? -(OC_ZIG_R + xx) : OC_ZIG_R + xx;
                }
            }
            break;
        }
        if (used >= OC_ZIG_MAX_WORDS) {
            break;
        }
        double u = oc_uniform_open(oc_word(words, used++));
        if ((zig.f[layer - 1] - zig.f[layer]) * u + zig.f[layer] < oc_exp(-0.5 * x * x)) {
            return negative ? -x : x;
        }
    }
    return oc_normal_quantile(oc_uniform_open(word));
}

/* The full ziggurat over one draw's words (see oc_draw_deviate), kept out of line: 1.5% of draws. */
OC_HD_COLD double oc_draw_deviate_slow(oc_u64 first, oc_u64 quad, oc_u64 c2, oc_u64 groupKey, oc_u64 seed, int lane,
                                       OcZiggurat zig) {
    OcDrawWords words;
    words.first = first;
    words.c0 = quad;
    words.c2 = c2;
    words.c3 = groupKey;
    words.k0 = seed;
    words.lane = lane;
    return oc_zig_deviate(words, zig);
}

/*
 * The standard normal deviate of one draw whose first word (lane `lane` of the block with counter
 * (quad, 0, c2 = tag | star, groupKey), key (seed, KEY1)) is known: DrawKey's fast path, else the
 * full ziggurat over the draw's words.
 */
OC_HD double oc_draw_deviate(oc_u64 first, oc_u64 quad, oc_u64 c2, oc_u64 groupKey, oc_u64 seed, int lane, OcZiggurat zig) {
    double z;
    if (oc_zig_fast(first, zig, &z)) {
        return z;
    }
    return oc_draw_deviate_slow(first, quad, c2, groupKey, seed, lane, zig);
}

/* DrawKey.normal: the deviate of (seed, group, stream, star, draw). */
OC_HD double oc_draw_normal(oc_u64 seed, oc_u64 groupKey, int stream, int star, oc_u64 draw, OcZiggurat zig) {
    oc_u64 quad = draw >> 2;
    int lane = (int) (draw & 3);
    oc_u64 c2 = ((oc_u64) (oc_u32) stream << 32) | (oc_u64) (oc_u32) star;
    oc_u64 block[4];
    oc_philox4x64(quad, 0, c2, groupKey, seed, OC_DRAW_KEY1, block);
    oc_u64 first = lane == 0 ? block[0] : lane == 1 ? block[1] : lane == 2 ? block[2] : block[3];
    return oc_draw_deviate(first, quad, c2, groupKey, seed, lane, zig);
}

#endif
