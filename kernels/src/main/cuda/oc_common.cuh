/*
 * Shared definitions of the ocengine kernels. Every device function is written once, as a
 * __host__ __device__ function, so that the same source runs on the GPU (nvcc, PTX) and on the CPU
 * (the kernels module's tests compile it with g++ and run each kernel thread by thread against the
 * Java reference). Kernels are thin wrappers: one thread per work item, the work item a function
 * of the thread index alone, no shared memory and no barriers, so a sequential loop over the thread
 * indices is a faithful emulation apart from atomics (plain operations there).
 *
 * Floating point: compiled with -fmad=false (nvcc) and -ffp-contract=off (g++), so every
 * multiplication and addition is rounded on its own, as in Java; double division and sqrt are
 * IEEE-rounded on both. That is what makes the ports below agree with Java to the bit.
 */
#ifndef OC_COMMON_CUH
#define OC_COMMON_CUH

#include <math.h>
#include <string.h>

typedef unsigned long long oc_u64;
typedef long long oc_i64;
typedef unsigned int oc_u32;

#ifdef __CUDACC__
#define OC_HD __host__ __device__ __forceinline__
/* Rare paths: one copy instead of one inlined copy per call site. */
#define OC_HD_COLD __host__ __device__ __noinline__
#else
#define OC_HD static inline
#define OC_HD_COLD static
#endif

/* One thread per work item: thread t of `count` runs name##_thread(t, args). */
#ifdef __CUDACC__
#define OC_KERNEL(name, Args)                                                     \
    extern "C" __global__ void name(oc_i64 count, Args args) {                    \
        oc_i64 t = (oc_i64) blockIdx.x * (oc_i64) blockDim.x + (oc_i64) threadIdx.x; \
        if (t < count) {                                                          \
            name##_thread(t, args);                                               \
        }                                                                         \
    }
#else
#define OC_KERNEL(name, Args)
#endif

OC_HD oc_u64 oc_bits(double x) {
#ifdef __CUDA_ARCH__
    return (oc_u64) __double_as_longlong(x);
#else
    oc_u64 u;
    memcpy(&u, &x, sizeof u);
    return u;
#endif
}

OC_HD double oc_double(oc_u64 u) {
#ifdef __CUDA_ARCH__
    return __longlong_as_double((long long) u);
#else
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
#endif
}

/* High 64 bits of the 128-bit product a * b (Java's Math.unsignedMultiplyHigh). */
OC_HD oc_u64 oc_umulhi(oc_u64 a, oc_u64 b) {
#ifdef __CUDA_ARCH__
    return __umul64hi(a, b);
#else
    return (oc_u64) (((unsigned __int128) a * b) >> 64);
#endif
}

/* *p = min(*p, v), atomically on the GPU. */
OC_HD void oc_atomic_min_u64(oc_u64* p, oc_u64 v) {
#ifdef __CUDA_ARCH__
    atomicMin(p, v);
#else
    if (v < *p) {
        *p = v;
    }
#endif
}

/* (*p)++, atomically on the GPU. */
OC_HD void oc_atomic_inc_u32(oc_u32* p) {
#ifdef __CUDA_ARCH__
    atomicAdd(p, 1u);
#else
    (*p)++;
#endif
}

/* True when bit i of an Arrow validity bitmap is set; a null bitmap means every row is valid. */
OC_HD int oc_valid_bit(const unsigned char* bitmap, oc_i64 i) {
    return bitmap == 0 || ((bitmap[i >> 3] >> (i & 7)) & 1);
}

OC_HD int oc_is_finite(double x) {
    return (oc_bits(x) & 0x7ff0000000000000ull) != 0x7ff0000000000000ull;
}

#endif
