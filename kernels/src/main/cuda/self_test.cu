/*
 * Kernels that expose single device functions, so that the host can compare them with Java on any
 * inputs (ocengine check on a GPU, the kernels tests on the CPU): Philox blocks, whole draws,
 * ziggurat deviates of given word sequences, fdlibm's exp/log/log1p, the normal quantile, degree
 * sines and cosines, unit vectors; and oc_abi_sizes, the sizes of the argument blocks.
 */
#include "oc_args.cuh"
#include "oc_random.cuh"
#include "oc_sky.cuh"

OC_HD void oc_test_philox_thread(oc_i64 t, OcTestPhiloxArgs a) {
    const oc_u64* in = a.in + 6 * t;
    oc_u64 block[4];
    oc_philox4x64(in[0], in[1], in[2], in[3], in[4], in[5], block);
    for (int i = 0; i < 4; i++) {
        a.out[4 * t + i] = block[i];
    }
}
OC_KERNEL(oc_test_philox, OcTestPhiloxArgs)

OC_HD void oc_test_normal_thread(oc_i64 t, OcTestNormalArgs a) {
    OcZiggurat zig;
    zig.k = a.zigK;
    zig.w = a.zigW;
    zig.f = a.zigF;
    a.out[t] = oc_draw_normal(a.seed, a.groupKeys[t], a.streams[t], a.stars[t], a.draws[t], zig);
}
OC_KERNEL(oc_test_normal, OcTestNormalArgs)

OC_HD void oc_test_ziggurat_thread(oc_i64 t, OcTestZigguratArgs a) {
    OcZiggurat zig;
    zig.k = a.zigK;
    zig.w = a.zigW;
    zig.f = a.zigF;
    OcArrayWords words;
    words.words = a.words + (oc_i64) OC_ZIG_MAX_WORDS * t;
    a.out[t] = oc_zig_deviate(words, zig);
}
OC_KERNEL(oc_test_ziggurat, OcTestZigguratArgs)

OC_HD void oc_test_math_thread(oc_i64 t, OcTestMathArgs a) {
    double x = a.in[t];
    double y;
    switch (a.function) {
        case 0: y = oc_exp(x); break;
        case 1: y = oc_log(x); break;
        case 2: y = oc_log1p(x); break;
        case 3: y = oc_normal_quantile(x); break;
        case 4: y = oc_sin_cos_degrees(x, 1); break;
        case 5: y = oc_sin_cos_degrees(x, 0); break;
        default: y = oc_normalise_ra(x); break;
    }
    a.out[t] = y;
}
OC_KERNEL(oc_test_math, OcTestMathArgs)

OC_HD void oc_test_unit_vector_thread(oc_i64 t, OcTestUnitVectorArgs a) {
    oc_unit_vector(a.ra[t], a.dec[t], a.xyz + 3 * t, a.xyz + 3 * t + 1, a.xyz + 3 * t + 2);
}
OC_KERNEL(oc_test_unit_vector, OcTestUnitVectorArgs)

OC_HD void oc_abi_sizes_thread(oc_i64 t, OcAbiArgs a) {
    oc_i64 sizes[] = {
        (oc_i64) sizeof(OcScanArgs), (oc_i64) sizeof(OcRadixArgs), (oc_i64) sizeof(OcSkyRowsArgs),
        (oc_i64) sizeof(OcSkyGatherArgs), (oc_i64) sizeof(OcSkySearchArgs), (oc_i64) sizeof(OcMcDrawArgs),
        (oc_i64) sizeof(OcMcReduceArgs), (oc_i64) sizeof(OcTestPhiloxArgs), (oc_i64) sizeof(OcTestNormalArgs),
        (oc_i64) sizeof(OcTestZigguratArgs), (oc_i64) sizeof(OcTestMathArgs), (oc_i64) sizeof(OcTestUnitVectorArgs),
        (oc_i64) sizeof(OcAbiArgs), (oc_i64) sizeof(OcFitSampleArgs), (oc_i64) sizeof(OcFitAcfArgs),
        (oc_i64) sizeof(OcFitTauArgs), (oc_i64) sizeof(OcFitPercentileArgs), (oc_i64) sizeof(OcOrbitArgs),
        (oc_i64) sizeof(OcOrbitFieldArgs)};
    a.out[t] = sizes[t];
}
OC_KERNEL(oc_abi_sizes, OcAbiArgs)
