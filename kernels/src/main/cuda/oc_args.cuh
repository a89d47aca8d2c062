/*
 * The argument block of every kernel, passed by value as the kernel's second parameter (the first is
 * the thread count). Every field is 8 bytes (pointers, oc_i64, oc_u64, double), so the layout has no
 * padding and org.ocengine.kernels.KernelArgs can pack it field by field, little-endian, in the order
 * written here; Kernels.java builds each block in this order, and oc_abi_sizes lets the host check the
 * sizes when it loads the module. Pointers are device addresses; a null pointer is 0.
 */
#ifndef OC_ARGS_CUH
#define OC_ARGS_CUH

#include "oc_common.cuh"

/* scan_sort.cu: exclusive prefix sums of 32-bit counts, by segments of `segment` elements. */
typedef struct {
    oc_u32* data;             /* oc_scan_sums reads it; oc_scan_apply replaces it by exclusive sums */
    oc_u64* segmentSums;      /* oc_scan_sums: the total of each segment */
    const oc_u64* segmentBase; /* oc_scan_apply: the exclusive sum before each segment (host-scanned) */
    oc_i64 n;
    oc_i64 segment;
} OcScanArgs;

/* scan_sort.cu: one pass of a stable LSD radix sort on 8 bits of 64-bit keys with 32-bit values. */
typedef struct {
    const oc_u64* keysIn;
    const oc_u32* valuesIn;
    oc_u64* keysOut;
    oc_u32* valuesOut;
    oc_u32* histogram;        /* [digit * tiles + tile]: counts (oc_radix_count), then their exclusive sums */
    oc_i64 n;
    oc_i64 tile;              /* elements per thread */
    oc_i64 tiles;
    oc_i64 shift;             /* the digit is (key >> shift) & 255 */
} OcRadixArgs;

/* sky_match.cu: passes over B rows (zone histogram, band count, band scatter). */
typedef struct {
    const double* ra;
    const double* dec;
    const unsigned char* raValid;  /* Arrow validity bitmaps of this chunk (bit i = row i), or null */
    const unsigned char* decValid;
    oc_i64 n;                 /* rows in this chunk */
    oc_i64 rowBase;           /* the table row of the chunk's row 0 */
    double zoneHeight;        /* degrees */
    oc_i64 zones;             /* zones over [-90, 90] */
    oc_i64 zoneLo;            /* the band: zones [zoneLo, zoneHi] */
    oc_i64 zoneHi;
    oc_i64 tile;              /* rows per thread (band count and scatter) */
    oc_u64* firstBad;         /* lowest table row whose declination lies outside [-90, 90] (atomic min) */
    oc_u32* zoneCounts;       /* oc_sky_zone_histogram: rows per zone, [zones] */
    oc_u32* tileCounts;       /* oc_sky_band_count: band rows per tile */
    const oc_u32* tileBase;   /* oc_sky_band_scatter: where each tile's band rows go */
    oc_u64* keys;             /* oc_sky_band_scatter: (zone - zoneLo) << 31 | RA key */
    oc_u32* slots;            /* oc_sky_band_scatter: the slot index itself (the sort's payload) */
    double* xyz;              /* oc_sky_band_scatter: unit vectors, 3 per slot */
    oc_u32* rows;             /* oc_sky_band_scatter: table row per slot */
} OcSkyRowsArgs;

/* sky_match.cu: the band's rows in (zone, RA) order after the sort. */
typedef struct {
    const oc_u64* sortedKeys;
    const oc_u32* sortedSlots;
    const double* xyzIn;
    const oc_u32* rowsIn;
    double* xyzOut;
    oc_u32* rowsOut;
    oc_u32* raKeyOut;
    oc_u32* zoneStart;        /* [bandZones + 1]: first sorted index of each band zone, then the count */
    oc_i64 n;
    oc_i64 bandZones;
} OcSkyGatherArgs;

/* sky_match.cu: the search of A rows against one band (count pass, then write pass). */
typedef struct {
    const double* ra;
    const double* dec;
    const unsigned char* raValid;
    const unsigned char* decValid;
    oc_i64 rowBase;           /* the table row of the chunk's row 0 (for firstBad) */
    oc_i64 rowFrom;           /* thread t searches chunk row rowFrom + t */
    const double* xyz;        /* the band (OcSkyGatherArgs outputs) */
    const oc_u32* raKey;
    const oc_u32* bRows;
    const oc_u32* zoneStart;
    double zoneHeight;
    oc_i64 zones;
    oc_i64 zoneLo;
    oc_i64 zoneHi;
    double searchDeg;         /* padded radius, degrees */
    double sinSearch;         /* sin of min(searchDeg, 90) degrees */
    double limit2;            /* SkyGeometry.chordSquaredLimit */
    oc_u64* firstBad;
    oc_u32* counts;           /* count pass: pairs per chunk row */
    const oc_u32* offsets;    /* write pass: exclusive sums of counts */
    oc_i64 offsetBase;        /* write pass: offsets[rowFrom], the first pair of this launch */
    oc_u32* pairB;            /* write pass: B table row of each pair */
    double* pairChord2;       /* write pass: squared chord of each pair */
} OcSkySearchArgs;

/* monte_carlo.cu: per-realisation statistics of a chunk of groups. */
typedef struct {
    const double* values;
    const double* errors;
    const int* ordinals;
    const int* offsets;       /* group offsets, [groups + 1], absolute star rows */
    const oc_u64* groupKeys;
    const oc_i64* zigK;
    const double* zigW;
    const double* zigF;
    double* meanJ;            /* [(g - g0) * draws + j] */
    double* medianJ;
    double* squaresJ;
    double* scratch;          /* one column of n doubles per thread, for exact selections */
    oc_i64 g0;                /* first group of the chunk */
    oc_i64 draws;
    oc_i64 quadBase;          /* realisation quads [quadBase, quadEnd) of every group */
    oc_i64 quadEnd;
    oc_i64 quadsPerRun;       /* quads per thread */
    oc_i64 runsPerGroup;      /* threads per group */
    oc_i64 scratchStarBase;   /* offsets[g0] */
    oc_i64 pilotMedians;      /* medians medianJ[0 .. pilotMedians) a thread learns its window from first */
    oc_u64 seed;
    oc_i64 stream;
    double windowSigmas;      /* median window half-width in learnt standard deviations */
    oc_i64 windowCapacity;    /* values gathered per window, at most OC_MC_WINDOW_CAP */
} OcMcDrawArgs;

/* monte_carlo.cu: per-group reduction of the per-realisation statistics. */
typedef struct {
    const int* offsets;
    const double* meanJ;
    double* medianJ;          /* reordered by the selection of the median */
    const double* squaresJ;
    double* out;              /* [statistic * groups + (g - g0)]: mean, meanStd, median, medianStd, dispersion */
    oc_i64 g0;
    oc_i64 groups;            /* groups in the chunk */
    oc_i64 draws;
} OcMcReduceArgs;

/* ensemble_mcmc.cu, oc_fit_sample: one block per fit of a chunk; the FitBatch.flat() arrays as they are. */
typedef struct {
    const int* code;          /* per batch fit: FitModel code */
    const double* knee;
    const oc_u64* key;
    const double* logNorm;
    const int* paramOffset;   /* [fits + 1] */
    const int* pointOffset;   /* [fits + 1] */
    const double* priorLo;    /* per parameter slot */
    const double* priorHi;
    const double* priorMean;
    const double* priorInvSigma;
    const double* startCentre;
    const double* startError;
    const double* x;          /* per point */
    const double* y;
    const double* invVar;
    const double* var;
    const int* sumsOffset;    /* per fit: first slot of its normal equations in sums, or -1 */
    const double* sums;
    const oc_i64* zigK;
    const double* zigW;
    const double* zigF;
    const oc_i64* fitIndex;   /* per chunk fit (block): its batch fit */
    const oc_i64* chainOffset; /* per chunk fit: first double of its chain, [(d * walkers + w) * kept + k] */
    double* chain;
    double* acceptance;       /* per chunk fit: mean acceptance fraction */
    oc_i64* status;           /* per chunk fit: 0 sampled, 1 no finite starting position */
    oc_i64 walkers;
    oc_i64 steps;
    oc_i64 discard;
    oc_i64 thin;
    oc_i64 kept;              /* steps kept per walker: (steps - discard + thin - 1) / thin */
    oc_u64 seed;
    double stretchA;          /* the stretch move's scale a */
    double startScale;
    oc_i64 startAttempts;
    double log2Pi;            /* StrictMath.log(2 pi), as ModelKernel uses it */
} OcFitSampleArgs;

/* ensemble_mcmc.cu, oc_fit_acf: walker-summed normalised autocorrelations of a chunk's parameter chains. */
typedef struct {
    const double* chain;
    const oc_i64* chainOffset; /* per chunk fit */
    const oc_i64* slotFit;    /* per chunk slot: its chunk fit */
    const oc_i64* slotDim;    /* per chunk slot: its parameter */
    double* acfSum;           /* [slot * lags + t]: sum over walkers of acf(lag0 + t) */
    oc_i64 slots;
    oc_i64 walkers;
    oc_i64 kept;
    oc_i64 lag0;
    oc_i64 lags;              /* lags per launch, a multiple of OC_FIT_ACF_LAGS_PER_THREAD */
} OcFitAcfArgs;

/* ensemble_mcmc.cu, oc_fit_tau: Sokal's window over the lags of one oc_fit_acf launch. */
typedef struct {
    const double* acfSum;
    double* state;            /* 4 per slot: cumulative sum, f[0], done (0/1), tau */
    oc_i64 walkers;
    oc_i64 kept;
    oc_i64 lag0;
    oc_i64 lags;
    double windowC;
} OcFitTauArgs;

/* ensemble_mcmc.cu, oc_fit_percentiles: percentiles 16/50/84 of each slot's kept samples, selected in place. */
typedef struct {
    double* chain;            /* reordered by the selection */
    const oc_i64* chainOffset;
    const oc_i64* slotFit;
    const oc_i64* slotDim;
    double* out;              /* 3 per slot: p16, p50, p84 */
    oc_i64 walkers;
    oc_i64 kept;
} OcFitPercentileArgs;

/* orbits.cu, oc_orbit_integrate: one orbit per thread with a symplectic scheme (see orbits.cu for the field layout). */
typedef struct {
    const double* start;      /* 6 per orbit: x, y, z (kpc), vx, vy, vz (km/s) */
    const double* field;      /* OC_ORBIT_FIELD_WORDS per component */
    oc_i64 components;
    const double* tables;     /* the multipole tables the field points into */
    const double* kicks;      /* stages + 1 kick coefficients */
    const double* drifts;     /* stages drift coefficients */
    oc_i64 stages;
    oc_i64 steps;
    double h;                 /* step, natural time units (kpc / (km/s)); negative back in time */
    double total;             /* the whole interval, natural units */
    const double* snapTimes;  /* natural units */
    oc_i64 snapshots;
    double direction;         /* sign of the interval */
    double* out;              /* OC_ORBIT_OUT_WORDS per orbit */
    double* snapR;            /* [orbit * snapshots + k] */
    double* snapZ;
    oc_i64 orbit0;            /* thread t integrates orbit orbit0 + t */
    oc_i64 scheme;            /* 0 the symplectic splitting of kicks and drifts, 1 DOP853 */
    double tolerance;         /* DOP853: relative tolerance; absolute: this many kpc, 100 times this many km/s */
    const double* dop;        /* DOP853: the 12 stage rows of 12 (row s - 1 for stage s), then the error weights E1 and E2
                                 of stages 1, 6..12 (8 each), as Commons Math's DormandPrince853Integrator has them */
} OcOrbitArgs;

/* orbits.cu, oc_orbit_field: potential and forces at points, 3 values per point. */
typedef struct {
    const double* field;
    oc_i64 components;
    const double* tables;
    const double* cylR;
    const double* z;
    double* out;
} OcOrbitFieldArgs;

/* self_test.cu: device functions against Java (ocengine check and the tests). */
typedef struct {
    const oc_u64* in;         /* 6 words per item: counter c0..c3, key k0, k1 */
    oc_u64* out;              /* 4 words per item */
} OcTestPhiloxArgs;

typedef struct {
    const oc_u64* groupKeys;
    const int* streams;
    const int* stars;
    const oc_u64* draws;
    double* out;
    const oc_i64* zigK;
    const double* zigW;
    const double* zigF;
    oc_u64 seed;
} OcTestNormalArgs;

typedef struct {
    const oc_u64* words;      /* OC_ZIG_MAX_WORDS per item */
    double* out;
    const oc_i64* zigK;
    const double* zigW;
    const double* zigF;
} OcTestZigguratArgs;

typedef struct {
    const double* in;
    double* out;
    oc_i64 function;          /* 0 exp, 1 log, 2 log1p, 3 normal quantile, 4 sin degrees, 5 cos degrees, 6 normalise RA */
} OcTestMathArgs;

typedef struct {
    const double* ra;
    const double* dec;
    double* xyz;
} OcTestUnitVectorArgs;

typedef struct {
    oc_i64* out;              /* sizeof of each argument block, in the order of oc_abi_sizes */
} OcAbiArgs;

#endif
