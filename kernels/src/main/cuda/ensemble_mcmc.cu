/*
 * Batched ensemble MCMC (SPEC.md 7), the device half of org.ocengine.kernels.GpuEnsembleFits and the
 * twin of org.ocengine.fit.EnsembleFits with the stretch move: the same walkers, the same random
 * words, the same arithmetic in the same order, so the same accept/reject decisions and chains.
 *
 * oc_fit_sample: one block per fit. The walkers' positions, log-posteriors, acceptance counts, the
 * step's random words and the split into two sub-ensembles live in shared memory. The block draws
 * the starting ball (WalkerStreams step START, ziggurat normals), then loops over the steps inside
 * the kernel: every thread computes Philox block 0 of its walkers (lanes 0-3: split key, acceptance
 * uniform, stretch u, partner); thread 0 shuffles (Fisher-Yates, as EnsembleSampler) and lists the
 * two sub-ensembles by ascending walker; then each half is updated in parallel (a walker's proposal
 * reads only the other half, which does not move meanwhile), with a barrier between the halves,
 * as emcee's red-blue update. Kept steps are written to the chunk's chain in Chain's layout,
 * [(d * walkers + w) * kept + k], so a parameter's samples are one contiguous block.
 *
 * oc_fit_acf / oc_fit_tau: emcee's integrated autocorrelation time (Autocorrelation.java) by direct
 * lag sums instead of FFTs: acf_w(m) = sum_i y_i y_{i+m} / sum_i y_i^2 with y = x - mean, summed over
 * walkers in walker order, then the cumulative sum and Sokal's window, a block of lags per launch
 * until every slot's window closed. Equal to the FFT's result up to rounding (the lags needed are a
 * few times tau, so the direct sums cost kept x walkers x window per parameter).
 *
 * oc_fit_percentiles: one thread per parameter, Percentiles.ofInPlace on its contiguous block of
 * kept samples (the same selection, so the same values to the bit), after the autocorrelation.
 *
 * Block kernels: OC_BLOCK_KERNEL runs name##_block once per block with the block's dynamic shared
 * memory; OC_THREAD_LOOP spreads a loop over the block's threads and OC_SYNC is the barrier. Between
 * two barriers threads communicate only through shared memory written before the first, so the CPU
 * emulation (one thread running every iteration of each loop in turn, barriers empty) computes what
 * the block computes.
 */
#include "oc_args.cuh"
#include "oc_random.cuh"

/* WalkerStreams.KEY1: "ocfitmcm" in ASCII. */
#define OC_FIT_KEY1 0x6F636669746D636Dull
/* The most parameters of any model (broken line with a fitted knee and scatter). */
#define OC_FIT_MAX_DIM 5
/* FitModel codes. */
#define OC_FIT_LINEAR 0
#define OC_FIT_BROKEN_FIXED 1
#define OC_FIT_BROKEN_FITTED 2
#define OC_FIT_QUADRATIC 3
#define OC_FIT_SCATTER_BIT 0x10
#define OC_FIT_SHAPE_MASK 0x0F
/* Lags of the autocorrelation per thread of oc_fit_acf. */
#define OC_FIT_ACF_LAGS_PER_THREAD 32

#ifdef __CUDACC__
#define OC_BLOCK_KERNEL(name, Args)                                                  \
    extern "C" __global__ void name(oc_i64 count, Args args) {                       \
        extern __shared__ double oc_shared[];                                        \
        if ((oc_i64) blockIdx.x < count) {                                           \
            name##_block((oc_i64) blockIdx.x, args, oc_shared);                      \
        }                                                                            \
    }
#define OC_BLOCK_FN __device__ __forceinline__
#define OC_THREAD_LOOP(i, n) for (oc_i64 i = threadIdx.x; i < (oc_i64) (n); i += blockDim.x)
#define OC_SYNC() __syncthreads()
#define OC_FIRST_THREAD (threadIdx.x == 0)
#else
/* The emulator's per-"thread" entry is one whole block, with its shared memory on the heap. */
#define OC_BLOCK_KERNEL(name, Args)                                                  \
    static void name##_thread(oc_i64 block, Args args) {                             \
        size_t bytes = (size_t) name##_shared_bytes(args);                           \
        double* shared = (double*) malloc(bytes);                                    \
        memset(shared, 0xA5, bytes);                                                 \
        name##_block(block, args, shared);                                           \
        free(shared);                                                                \
    }
#define OC_BLOCK_FN static inline
#define OC_THREAD_LOOP(i, n) for (oc_i64 i = 0; i < (oc_i64) (n); i++)
#define OC_SYNC()
#define OC_FIRST_THREAD 1
#endif

/* One fit's model and data, as ModelKernel reads them. */
typedef struct {
    int code;
    int dim;
    int paramBase;
    int from;
    int to;
    int sums;                 /* first slot of the normal equations, or -1 */
    double knee;
    double logNorm;
} OcFitModel;

/* ModelKernel.logProbability of one position p[0..dim). */
OC_HD double oc_fit_log_prob(const OcFitSampleArgs& a, const OcFitModel& m, const double* p) {
    const double inf = oc_double(0x7ff0000000000000ull);
    double prior = 0.0;
    for (int d = 0; d < m.dim; d++) {
        int s = m.paramBase + d;
        double t = p[d];
        double z = (t - a.priorMean[s]) * a.priorInvSigma[s];
        prior += t >= a.priorLo[s] && t <= a.priorHi[s] ? -0.5 * z * z : -inf;
    }
    double out;
    if (m.sums >= 0) {
        const double* q = a.sums + m.sums;
        double x0 = q[0];
        double syy = q[1];
        if (m.code == OC_FIT_LINEAR) {
            double t0 = p[0];
            double t1 = p[1] + p[0] * x0;
            double chi2 = syy - 2 * (t0 * q[2] + t1 * q[3]) + (q[4] * t0 * t0 + 2 * q[5] * t0 * t1 + q[7] * t1 * t1);
            out = prior - 0.5 * chi2 + m.logNorm;
        } else {
            int quadratic = m.code == OC_FIT_QUADRATIC;
            double t0 = p[0];
            double t1 = quadratic ? p[1] + 2 * p[0] * x0 : p[1];
            double t2 = quadratic ? p[2] + (p[1] + p[0] * x0) * x0 : p[2];
            double chi2 = syy - 2 * (t0 * q[2] + t1 * q[3] + t2 * q[4])
                    + (q[5] * t0 * t0 + q[9] * t1 * t1 + q[13] * t2 * t2 + 2 * (q[6] * t0 * t1 + q[7] * t0 * t2 + q[10] * t1 * t2));
            out = prior - 0.5 * chi2 + m.logNorm;
        }
        return prior == -inf || out != out ? -inf : out;
    }
    int scatter = (m.code & OC_FIT_SCATTER_BIT) != 0;
    int shape = m.code & OC_FIT_SHAPE_MASK;
    double sc = scatter ? p[m.dim - 1] : 0.0;
    double acc = 0.0;
    for (int i = m.from; i < m.to; i++) {
        double x = a.x[i];
        double y = a.y[i];
        double r;
        switch (shape) {
            case OC_FIT_LINEAR:
                r = y - (p[0] * x + p[1]);
                break;
            case OC_FIT_QUADRATIC:
                r = y - ((p[0] * x + p[1]) * x + p[2]);
                break;
            case OC_FIT_BROKEN_FIXED: {
                double dx = x - m.knee;
                r = y - (p[2] + (x < m.knee ? p[0] : p[1]) * dx);
                break;
            }
            default: {
                double k = p[3];
                r = y - (p[2] + (x < k ? p[0] : p[1]) * (x - k));
                break;
            }
        }
        if (scatter) {
            double v = a.var[i] + sc * sc;
            acc += r * r / v + oc_log(v);
        } else {
            acc += a.invVar[i] * (r * r);
        }
    }
    double constant = scatter ? -0.5 * (double) (m.to - m.from) * a.log2Pi : m.logNorm;
    out = prior - 0.5 * acc + constant;
    return prior == -inf || out != out ? -inf : out;
}

/* The word sequence of a WalkerStreams normal past its first word: word m is word 0 of block c1 = 2^63 | lane << 32 | m. */
typedef struct {
    oc_u64 first;
    oc_u64 step;
    oc_u64 walker;
    oc_u64 fitKey;
    oc_u64 seed;
    int lane;
} OcWalkerWords;

OC_HD oc_u64 oc_word(const OcWalkerWords& w, int m) {
    if (m == 0) {
        return w.first;
    }
    oc_u64 block[4];
    oc_philox4x64(w.step, 0x8000000000000000ull | ((oc_u64) w.lane << 32) | (oc_u64) m, w.walker, w.fitKey, w.seed, OC_FIT_KEY1, block);
    return block[0];
}

OC_HD_COLD double oc_walker_normal_slow(const OcWalkerWords& words, OcZiggurat zig) {
    return oc_zig_deviate(words, zig);
}

/* WalkerStreams.normal(step, walker, lane) for a walker index >= 0. */
OC_HD double oc_walker_normal(oc_u64 seed, oc_u64 fitKey, oc_u64 step, oc_u64 walker, int lane, OcZiggurat zig) {
    oc_u64 block[4];
    oc_philox4x64(step, (oc_u64) (lane >> 2), walker, fitKey, seed, OC_FIT_KEY1, block);
    int l = lane & 3;
    oc_u64 first = l == 0 ? block[0] : l == 1 ? block[1] : l == 2 ? block[2] : block[3];
    double z;
    if (oc_zig_fast(first, zig, &z)) {
        return z;
    }
    OcWalkerWords words;
    words.first = first;
    words.step = step;
    words.walker = walker;
    words.fitKey = fitKey;
    words.seed = seed;
    words.lane = lane;
    return oc_walker_normal_slow(words, zig);
}

/* Shared memory of one block (walker state for up to OC_FIT_MAX_DIM parameters); GpuEnsembleFits.sharedBytes mirrors it. */
OC_HD oc_i64 oc_fit_sample_shared_bytes(const OcFitSampleArgs& a) {
    return 8 * a.walkers * (OC_FIT_MAX_DIM + 6) + 4 * 3 * a.walkers + 16;
}

OC_BLOCK_FN void oc_fit_sample_block(oc_i64 b, OcFitSampleArgs a, double* shared) {
    const int W = (int) a.walkers;
    const oc_i64 f = a.fitIndex[b];
    OcFitModel m;
    m.code = a.code[f];
    m.paramBase = a.paramOffset[f];
    m.dim = a.paramOffset[f + 1] - m.paramBase;
    m.from = a.pointOffset[f];
    m.to = a.pointOffset[f + 1];
    m.sums = a.sumsOffset[f];
    m.knee = a.knee[f];
    m.logNorm = a.logNorm[f];
    const int D = m.dim;
    const oc_u64 key = a.key[f];
    OcZiggurat zig;
    zig.k = a.zigK;
    zig.w = a.zigW;
    zig.f = a.zigF;

    double* coords = shared;                                  /* [w * D + d] */
    double* lp = coords + W * OC_FIT_MAX_DIM;                 /* [w] */
    oc_u64* words = (oc_u64*) (lp + W);                       /* [4 w + lane] */
    oc_i64* accepted = (oc_i64*) (words + 4 * W);             /* [w] */
    int* permutation = (int*) (accepted + W);                 /* [rank] */
    int* sets = permutation + W;                              /* [s * W + i] */
    int* sizes = sets + 2 * W;                                /* [2], then the failure flag */

    /* the starting ball (EnsembleFits.startingBall) */
    if (OC_FIRST_THREAD) {
        sizes[2] = 0;
    }
    OC_SYNC();
    OC_THREAD_LOOP(w, W) {
        double one[OC_FIT_MAX_DIM];
        double width[OC_FIT_MAX_DIM];
        for (int d = 0; d < D; d++) {
            double e = a.startError[m.paramBase + d];
            double c = a.startCentre[m.paramBase + d];
            width[d] = e > 0 && oc_is_finite(e) ? a.startScale * e : 1e-4 * fmax(fabs(c), 1e-3);
        }
        int found = 0;
        double value = 0;
        for (oc_i64 attempt = 0; attempt < a.startAttempts && !found; attempt++) {
            for (int d = 0; d < D; d++) {
                one[d] = a.startCentre[m.paramBase + d]
                        + width[d] * oc_walker_normal(a.seed, key, ~0ull, (oc_u64) w, (int) (attempt * D + d), zig);
            }
            value = oc_fit_log_prob(a, m, one);
            found = oc_is_finite(value);
        }
        if (!found) {
            sizes[2] = 1;
        }
        for (int d = 0; d < D; d++) {
            coords[w * D + d] = one[d];
        }
        lp[w] = value;
        accepted[w] = 0;
    }
    OC_SYNC();
    if (sizes[2] != 0) {
        if (OC_FIRST_THREAD) {
            a.status[b] = 1;
            a.acceptance[b] = oc_double(0x7ff8000000000000ull);
        }
        return;
    }
    double* chain = a.chain + a.chainOffset[b];
    const double stretch = a.stretchA;
    for (oc_i64 step = 0; step < a.steps; step++) {
        OC_THREAD_LOOP(w, W) {
            oc_philox4x64((oc_u64) step, 0, (oc_u64) w, key, a.seed, OC_FIT_KEY1, words + 4 * w);
        }
        OC_SYNC();
        if (OC_FIRST_THREAD) {
            /* EnsembleSampler.step: Fisher-Yates from the last position down, rank r to sub-ensemble r mod 2 */
            for (int w = 0; w < W; w++) {
                permutation[w] = w;
            }
            for (int i = W - 1; i > 0; i--) {
                int j = (int) oc_umulhi(words[4 * i], (oc_u64) (i + 1));
                int t = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = t;
            }
            /* sets[0..W) first holds each walker's sub-ensemble (its rank mod 2) */
            for (int r = 0; r < W; r++) {
                sets[permutation[r]] = r & 1;
            }
            int n0 = 0;
            int n1 = 0;
            for (int w = 0; w < W; w++) {
                if (sets[w] == 0) {
                    permutation[n0++] = w; /* the permutation is no longer needed: sub-ensemble 0 */
                } else {
                    sets[W + n1++] = w;
                }
            }
            for (int i = 0; i < n0; i++) {
                sets[i] = permutation[i];
            }
            sizes[0] = n0;
            sizes[1] = n1;
        }
        OC_SYNC();
        for (int s = 0; s < 2; s++) {
            const int n = sizes[s];
            const int* moving = sets + s * W;
            const int* other = sets + (1 - s) * W;
            const oc_u64 complement = (oc_u64) sizes[1 - s];
            OC_THREAD_LOOP(i, n) {
                int w = moving[i];
                /* StretchMove.propose */
                double u = oc_uniform_open(words[4 * w + 2]);
                double t = (stretch - 1.0) * u + 1.0;
                double z = t * t / stretch;
                int partner = other[(int) oc_umulhi(words[4 * w + 3], complement)];
                double proposal[OC_FIT_MAX_DIM];
                for (int d = 0; d < D; d++) {
                    double c = coords[partner * D + d];
                    proposal[d] = c - (c - coords[w * D + d]) * z;
                }
                double logFactor = ((double) D - 1.0) * oc_log(z);
                double newLp = oc_fit_log_prob(a, m, proposal);
                double diff = logFactor + newLp - lp[w];
                if (diff >= 0 || diff > oc_log(oc_uniform_open(words[4 * w + 1]))) {
                    for (int d = 0; d < D; d++) {
                        coords[w * D + d] = proposal[d];
                    }
                    lp[w] = newLp;
                    accepted[w]++;
                }
            }
            OC_SYNC();
        }
        if (step >= a.discard && (step - a.discard) % a.thin == 0) {
            oc_i64 k = (step - a.discard) / a.thin;
            if (k < a.kept) {
                OC_THREAD_LOOP(i, W * D) {
                    int d = (int) (i / W);
                    int w = (int) (i - (oc_i64) d * W);
                    chain[((oc_i64) d * W + w) * a.kept + k] = coords[w * D + d];
                }
            }
        }
        /* the next writes to coords and words come after at least one more barrier */
    }
    if (OC_FIRST_THREAD) {
        oc_i64 total = 0;
        for (int w = 0; w < W; w++) {
            total += accepted[w];
        }
        a.acceptance[b] = (double) total / ((double) a.steps * (double) W);
        a.status[b] = 0;
    }
}
OC_BLOCK_KERNEL(oc_fit_sample, OcFitSampleArgs)

/* One thread per (slot, OC_FIT_ACF_LAGS_PER_THREAD lags): sum over walkers of acf_w(m) for its lags. */
OC_HD void oc_fit_acf_thread(oc_i64 t, OcFitAcfArgs a) {
    oc_i64 groups = a.lags / OC_FIT_ACF_LAGS_PER_THREAD;
    oc_i64 slot = t / groups;
    oc_i64 first = a.lag0 + (t - slot * groups) * OC_FIT_ACF_LAGS_PER_THREAD;
    oc_i64 n = a.kept;
    oc_i64 W = a.walkers;
    const double* base = a.chain + a.chainOffset[a.slotFit[slot]] + a.slotDim[slot] * W * n;
    double sum[OC_FIT_ACF_LAGS_PER_THREAD];
    for (int j = 0; j < OC_FIT_ACF_LAGS_PER_THREAD; j++) {
        sum[j] = 0.0;
    }
    for (oc_i64 w = 0; w < W; w++) {
        const double* x = base + w * n;
        double mean = 0.0;
        for (oc_i64 i = 0; i < n; i++) {
            mean += x[i];
        }
        mean /= (double) n;
        double c0 = 0.0;
        for (oc_i64 i = 0; i < n; i++) {
            double y = x[i] - mean;
            c0 += y * y;
        }
        double r[OC_FIT_ACF_LAGS_PER_THREAD];
        for (int j = 0; j < OC_FIT_ACF_LAGS_PER_THREAD; j++) {
            r[j] = 0.0;
        }
        for (oc_i64 i = 0; i < n; i++) {
            double yi = x[i] - mean;
#ifdef __CUDA_ARCH__
#pragma unroll
#endif
            for (int j = 0; j < OC_FIT_ACF_LAGS_PER_THREAD; j++) {
                oc_i64 k = i + first + j;
                if (k < n) {
                    r[j] += yi * (x[k] - mean);
                }
            }
        }
        for (int j = 0; j < OC_FIT_ACF_LAGS_PER_THREAD; j++) {
            sum[j] += r[j] / c0;
        }
    }
    for (int j = 0; j < OC_FIT_ACF_LAGS_PER_THREAD; j++) {
        a.acfSum[slot * a.lags + (first - a.lag0) + j] = sum[j];
    }
}
OC_KERNEL(oc_fit_acf, OcFitAcfArgs)

/* One thread per slot: Autocorrelation.fromAveragedAcf over the lags [lag0, lag0 + lags). */
OC_HD void oc_fit_tau_thread(oc_i64 slot, OcFitTauArgs a) {
    double* st = a.state + 4 * slot;
    if (a.lag0 == 0) {
        st[0] = 0.0;
        st[2] = 0.0;
        st[3] = oc_double(0x7ff8000000000000ull);
    }
    if (st[2] != 0.0) {
        return;
    }
    for (oc_i64 t = 0; t < a.lags; t++) {
        oc_i64 m = a.lag0 + t;
        if (m >= a.kept) {
            break;
        }
        double f = a.acfSum[slot * a.lags + t] / (double) a.walkers;
        if (m == 0) {
            st[1] = f;
        }
        st[0] += f;
        double tau = 2.0 * st[0] - 1.0;
        if (!((double) m < a.windowC * tau)) {
            st[2] = 1.0;
            st[3] = tau;
            return;
        }
    }
    if (a.lag0 + a.lags >= a.kept) {
        st[2] = 1.0;
        st[3] = 2.0 * st[1] - 1.0; /* every lag inside the window: numpy's argmin of an all-true mask is 0 */
    }
}
OC_KERNEL(oc_fit_tau, OcFitTauArgs)

/* Percentiles.select: a[lo..hi] reordered so that a[k] holds the value of rank k. */
OC_HD void oc_fit_select(double* a, oc_i64 lo, oc_i64 hi, oc_i64 k) {
    while (hi > lo) {
        oc_i64 mid = (lo + hi) >> 1;
        double t;
        if (a[mid] < a[lo]) {
            t = a[mid]; a[mid] = a[lo]; a[lo] = t;
        }
        if (a[hi] < a[lo]) {
            t = a[hi]; a[hi] = a[lo]; a[lo] = t;
        }
        if (a[hi] < a[mid]) {
            t = a[hi]; a[hi] = a[mid]; a[mid] = t;
        }
        double pivot = a[mid];
        oc_i64 i = lo;
        oc_i64 j = hi;
        while (i <= j) {
            while (a[i] < pivot) {
                i++;
            }
            while (a[j] > pivot) {
                j--;
            }
            if (i <= j) {
                t = a[i]; a[i] = a[j]; a[j] = t;
                i++;
                j--;
            }
        }
        if (k <= j) {
            hi = j;
        } else if (k >= i) {
            lo = i;
        } else {
            return;
        }
    }
}

/* One thread per slot: Percentiles.ofInPlace(samples, 16, 50, 84). */
OC_HD void oc_fit_percentiles_thread(oc_i64 slot, OcFitPercentileArgs a) {
    oc_i64 n = a.walkers * a.kept;
    double* v = a.chain + a.chainOffset[a.slotFit[slot]] + a.slotDim[slot] * n;
    const double qs[3] = {16.0, 50.0, 84.0};
    oc_i64 from = 0;
    for (int q = 0; q < 3; q++) {
        double h = (double) (n - 1) * (qs[q] / 100.0);
        oc_i64 k = (oc_i64) floor(h);
        oc_fit_select(v, from, n - 1, k);
        double lower = v[k];
        double frac = h - (double) k;
        double result = lower;
        if (frac > 0 && k + 1 < n) {
            double upper = v[k + 1];
            for (oc_i64 j = k + 2; j < n; j++) {
                upper = fmin(upper, v[j]);
            }
            result = lower + frac * (upper - lower);
        }
        a.out[3 * slot + q] = result;
        from = k;
    }
}
OC_KERNEL(oc_fit_percentiles, OcFitPercentileArgs)
