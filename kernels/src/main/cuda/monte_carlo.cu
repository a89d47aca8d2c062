/*
 * Grouped Monte-Carlo sampling (SPEC.md 5), the device half of org.ocengine.kernels.GpuMonteCarlo
 * and the twin of org.ocengine.compute.CpuGroupedMonteCarlo, with the same results to the bit.
 *
 * oc_mc_draws: one thread per (group, run of realisation quads). For each quad it draws one Philox
 * block per star (DrawKey's layout: four realisations per block), turns the words into deviates
 * with the ziggurat, and keeps per realisation the sum and the sum of squares of the draws about the
 * group's mean value (summed in star order, as the CPU does) and the exact median. The median comes
 * from a window learnt from the medians already known (their running mean plus and minus
 * windowSigmas spreads, as CpuGroupedMonteCarlo.MedianWindow): the pass gathers the draws inside it
 * and counts those below; when the middle rank falls inside, a short sort finishes the job. When it
 * does not (or before anything is learnt), the realisation's draws are made again into the thread's
 * scratch column and selected exactly. A first launch over the first four quads (16 realisations)
 * gives every later thread medians to learn from (pilotMedians).
 *
 * oc_mc_reduce: one thread per group; sums over realisations in realisation order as the CPU does,
 * and the exact median of the per-realisation medians.
 */
#include "oc_args.cuh"
#include "oc_random.cuh"
#include "oc_select.cuh"

/* Most draws a median window may gather per realisation. */
#define OC_MC_WINDOW_CAP 48
/* Medians learnt before the window is used (CpuGroupedMonteCarlo.MedianWindow.LEARN). */
#define OC_MC_LEARN 16

/* The median of realisation (quad, lane) of one group's n stars, drawn again into column. */
OC_HD_COLD double oc_mc_exact_median(const double* v, const double* e, const int* ord, int n, oc_u64 tag, oc_u64 quad,
                                     int lane, oc_u64 key, oc_u64 seed, OcZiggurat zig, double* column) {
    for (int i = 0; i < n; i++) {
        oc_u64 c2 = tag | (oc_u64) (oc_u32) ord[i];
        oc_u64 w[4];
        oc_philox4x64(quad, 0, c2, key, seed, OC_DRAW_KEY1, w);
        oc_u64 first = lane == 0 ? w[0] : lane == 1 ? w[1] : lane == 2 ? w[2] : w[3];
        column[i] = v[i] + e[i] * oc_draw_deviate(first, quad, c2, key, seed, lane, zig);
    }
    return oc_median_in_place(column, n);
}

/* Welford's running mean and spread of the medians seen so far. */
typedef struct {
    oc_i64 seen;
    double mean;
    double m2;
} OcMedianWindow;

OC_HD void oc_window_learn(OcMedianWindow& w, double median) {
    w.seen++;
    double delta = median - w.mean;
    w.mean += delta / (double) w.seen;
    w.m2 += delta * (median - w.mean);
}

OC_HD void oc_mc_draws_thread(oc_i64 t, OcMcDrawArgs a) {
    oc_i64 local = t / a.runsPerGroup;
    oc_i64 run = t - local * a.runsPerGroup;
    oc_i64 g = a.g0 + local;
    oc_i64 start = a.offsets[g];
    int n = a.offsets[g + 1] - a.offsets[g];
    oc_i64 q0 = a.quadBase + run * a.quadsPerRun;
    oc_i64 q1 = q0 + a.quadsPerRun < a.quadEnd ? q0 + a.quadsPerRun : a.quadEnd;
    if (n == 0 || q0 >= q1) {
        return;
    }
    const double* v = a.values + start;
    const double* e = a.errors + start;
    const int* ord = a.ordinals + start;
    double shift = 0;
    for (int i = 0; i < n; i++) {
        shift += v[i];
    }
    shift /= n;
    OcZiggurat zig;
    zig.k = a.zigK;
    zig.w = a.zigW;
    zig.f = a.zigF;
    oc_u64 key = a.groupKeys[g];
    oc_u64 tag = (oc_u64) a.stream << 32;
    oc_i64 base = local * a.draws;
    double* column = a.scratch + (start - a.scratchStarBase) * a.runsPerGroup + run * n;
    int k = n >> 1;
    int first = (n & 1) == 1 ? k : k - 1;
    int cap = (int) (a.windowCapacity < OC_MC_WINDOW_CAP ? a.windowCapacity : OC_MC_WINDOW_CAP);
    OcMedianWindow window;
    window.seen = 0;
    window.mean = 0;
    window.m2 = 0;
    for (oc_i64 j = 0; j < a.pilotMedians; j++) {
        oc_window_learn(window, a.medianJ[base + j]);
    }
    double gathered[4][OC_MC_WINDOW_CAP];
    for (oc_i64 q = q0; q < q1; q++) {
        double lo = oc_double(0x7ff0000000000000ull); /* +infinity: nothing inside while learning */
        double hi = lo;
        if (window.seen >= OC_MC_LEARN) {
            double spread = sqrt(window.m2 / (double) window.seen);
            lo = window.mean - a.windowSigmas * spread;
            hi = window.mean + a.windowSigmas * spread;
        }
        double sum[4] = {0, 0, 0, 0};
        double sq[4] = {0, 0, 0, 0};
        int below[4] = {0, 0, 0, 0};
        int inside[4] = {0, 0, 0, 0};
        for (int i = 0; i < n; i++) {
            oc_u64 c2 = tag | (oc_u64) (oc_u32) ord[i];
            oc_u64 w[4];
            oc_philox4x64((oc_u64) q, 0, c2, key, a.seed, OC_DRAW_KEY1, w);
            double vi = v[i];
            double ei = e[i];
#ifdef __CUDA_ARCH__
#pragma unroll
#endif
            for (int lane = 0; lane < 4; lane++) {
                double x = vi + ei * oc_draw_deviate(w[lane], (oc_u64) q, c2, key, a.seed, lane, zig);
                double d = x - shift;
                sum[lane] += d;
                sq[lane] += d * d;
                if (x < lo) {
                    below[lane]++;
                } else if (x < hi) {
                    if (inside[lane] < cap) {
                        gathered[lane][inside[lane]] = x;
                    }
                    inside[lane]++;
                }
            }
        }
        for (int lane = 0; lane < 4; lane++) {
            oc_i64 j = 4 * q + lane;
            if (j >= a.draws) {
                break;
            }
            a.meanJ[base + j] = shift + sum[lane] / n;
            double squares = sq[lane] - sum[lane] * sum[lane] / n;
            a.squaresJ[base + j] = (squares > 0.0 || squares != squares) ? squares : 0.0; /* Math.max(0.0, squares) */
            double median;
            if (first >= below[lane] && k < below[lane] + inside[lane] && inside[lane] <= cap) {
                double* g = gathered[lane];
                oc_insertion_sort(g, inside[lane]);
                double upper = g[k - below[lane]];
                median = (n & 1) == 1 ? upper : 0.5 * (g[first - below[lane]] + upper);
            } else {
                median = oc_mc_exact_median(v, e, ord, n, tag, (oc_u64) q, lane, key, a.seed, zig, column);
            }
            a.medianJ[base + j] = median;
            oc_window_learn(window, median);
        }
    }
}
OC_KERNEL(oc_mc_draws, OcMcDrawArgs)

OC_HD void oc_mc_reduce_thread(oc_i64 t, OcMcReduceArgs a) {
    oc_i64 g = a.g0 + t;
    int n = a.offsets[g + 1] - a.offsets[g];
    oc_i64 groups = a.groups;
    if (n == 0) {
        double nan = oc_double(0x7ff8000000000000ull);
        for (int s = 0; s < 5; s++) {
            a.out[s * groups + t] = nan;
        }
        return;
    }
    oc_i64 draws = a.draws;
    const double* meanJ = a.meanJ + t * draws;
    double* medianJ = a.medianJ + t * draws;
    const double* squaresJ = a.squaresJ + t * draws;
    double sum = 0;
    for (oc_i64 j = 0; j < draws; j++) {
        sum += meanJ[j];
    }
    double grand = sum / (double) draws;
    double devMeans = 0;
    double within = 0;
    for (oc_i64 j = 0; j < draws; j++) {
        double d = meanJ[j] - grand;
        devMeans += d * d;
        within += squaresJ[j];
    }
    double medianSum = 0;
    for (oc_i64 j = 0; j < draws; j++) {
        medianSum += medianJ[j];
    }
    double medianMean = medianSum / (double) draws;
    double devMedians = 0;
    for (oc_i64 j = 0; j < draws; j++) {
        double d = medianJ[j] - medianMean;
        devMedians += d * d;
    }
    a.out[0 * groups + t] = grand;
    a.out[1 * groups + t] = sqrt(devMeans / (double) draws);
    a.out[2 * groups + t] = oc_median_in_place(medianJ, draws);
    a.out[3 * groups + t] = sqrt(devMedians / (double) draws);
    a.out[4 * groups + t] = sqrt((within + (double) n * devMeans) / ((double) n * (double) draws));
}
OC_KERNEL(oc_mc_reduce, OcMcReduceArgs)
