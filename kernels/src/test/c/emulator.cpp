/*
 * Runs the ocengine kernels on the CPU, one thread index after another (a block kernel's "thread"
 * is a whole block, its loops over the block's threads run in turn: see ensemble_mcmc.cu), for the kernels module's
 * tests (org.ocengine.kernels.EmulatedDevice drives it). The kernel sources are compiled as plain
 * C++ (no __CUDACC__), so each kernel's per-thread function is the same code the GPU runs.
 *
 * Protocol on stdin/stdout, binary, little-endian; the process prints nothing else to stdout:
 *   'A' u64 bytes                       -> u64 address  (memory filled with 0xA5 bytes, so unwritten
 *                                                          reads show up as garbage, not as zeros)
 *   'D' u64 address                     (free)
 *   'W' u64 address u64 length bytes    (host to device)
 *   'R' u64 address u64 length          -> bytes
 *   'S' u64 address u64 words u32 value (fill 32-bit words)
 *   'L' u32 nameLength name i64 count u64 argsLength args
 *                                       -> u32 status (0 ok, 1 unknown kernel, 2 argument size) u64 expected size
 *   'Q'                                 (quit)
 */
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "scan_sort.cu"
#include "sky_match.cu"
#include "monte_carlo.cu"
#include "self_test.cu"
#include "ensemble_mcmc.cu"
#include "orbits.cu"

namespace {

struct Kernel {
    const char* name;
    size_t argsSize;
    void (*run)(long long count, const void* args);
};

#define OC_EMULATE(name, Args)                                         \
    Kernel{#name, sizeof(Args), [](long long count, const void* raw) { \
               Args args;                                              \
               memcpy(&args, raw, sizeof args);                        \
               for (long long t = 0; t < count; t++) {                 \
                   name##_thread(t, args);                             \
               }                                                       \
           }}

const Kernel kernels[] = {
    OC_EMULATE(oc_scan_sums, OcScanArgs),
    OC_EMULATE(oc_scan_apply, OcScanArgs),
    OC_EMULATE(oc_radix_count, OcRadixArgs),
    OC_EMULATE(oc_radix_scatter, OcRadixArgs),
    OC_EMULATE(oc_sky_zone_histogram, OcSkyRowsArgs),
    OC_EMULATE(oc_sky_band_count, OcSkyRowsArgs),
    OC_EMULATE(oc_sky_band_scatter, OcSkyRowsArgs),
    OC_EMULATE(oc_sky_gather, OcSkyGatherArgs),
    OC_EMULATE(oc_sky_count, OcSkySearchArgs),
    OC_EMULATE(oc_sky_write, OcSkySearchArgs),
    OC_EMULATE(oc_mc_draws, OcMcDrawArgs),
    OC_EMULATE(oc_mc_reduce, OcMcReduceArgs),
    OC_EMULATE(oc_test_philox, OcTestPhiloxArgs),
    OC_EMULATE(oc_test_normal, OcTestNormalArgs),
    OC_EMULATE(oc_test_ziggurat, OcTestZigguratArgs),
    OC_EMULATE(oc_test_math, OcTestMathArgs),
    OC_EMULATE(oc_test_unit_vector, OcTestUnitVectorArgs),
    OC_EMULATE(oc_abi_sizes, OcAbiArgs),
    OC_EMULATE(oc_fit_sample, OcFitSampleArgs),
    OC_EMULATE(oc_fit_acf, OcFitAcfArgs),
    OC_EMULATE(oc_fit_tau, OcFitTauArgs),
    OC_EMULATE(oc_fit_percentiles, OcFitPercentileArgs),
    OC_EMULATE(oc_orbit_integrate, OcOrbitArgs),
    OC_EMULATE(oc_orbit_field, OcOrbitFieldArgs),
};

void readFully(void* to, size_t n) {
    if (n > 0 && fread(to, 1, n, stdin) != n) {
        exit(3);
    }
}

template <class T>
T readValue() {
    T v;
    readFully(&v, sizeof v);
    return v;
}

template <class T>
void writeValue(T v) {
    fwrite(&v, sizeof v, 1, stdout);
}

}  // namespace

int main() {
    for (;;) {
        int command = fgetc(stdin);
        if (command == EOF || command == 'Q') {
            return 0;
        }
        switch (command) {
            case 'A': {
                unsigned long long bytes = readValue<unsigned long long>();
                void* p = malloc(bytes > 0 ? bytes : 1);
                if (p == nullptr) {
                    return 4;
                }
                memset(p, 0xA5, bytes);
                writeValue<unsigned long long>((unsigned long long) (uintptr_t) p);
                fflush(stdout);
                break;
            }
            case 'D':
                free((void*) (uintptr_t) readValue<unsigned long long>());
                break;
            case 'W': {
                char* to = (char*) (uintptr_t) readValue<unsigned long long>();
                unsigned long long length = readValue<unsigned long long>();
                readFully(to, length);
                break;
            }
            case 'R': {
                const char* from = (const char*) (uintptr_t) readValue<unsigned long long>();
                unsigned long long length = readValue<unsigned long long>();
                fwrite(from, 1, length, stdout);
                fflush(stdout);
                break;
            }
            case 'S': {
                unsigned int* to = (unsigned int*) (uintptr_t) readValue<unsigned long long>();
                unsigned long long words = readValue<unsigned long long>();
                unsigned int value = readValue<unsigned int>();
                for (unsigned long long i = 0; i < words; i++) {
                    to[i] = value;
                }
                break;
            }
            case 'L': {
                unsigned int nameLength = readValue<unsigned int>();
                std::string name(nameLength, '\0');
                readFully(&name[0], nameLength);
                long long count = readValue<long long>();
                unsigned long long argsLength = readValue<unsigned long long>();
                std::string args(argsLength, '\0');
                readFully(&args[0], argsLength);
                const Kernel* found = nullptr;
                for (const Kernel& k : kernels) {
                    if (name == k.name) {
                        found = &k;
                    }
                }
                if (found == nullptr) {
                    writeValue<unsigned int>(1);
                    writeValue<unsigned long long>(0);
                } else if (found->argsSize != argsLength) {
                    writeValue<unsigned int>(2);
                    writeValue<unsigned long long>(found->argsSize);
                } else {
                    found->run(count, args.data());
                    writeValue<unsigned int>(0);
                    writeValue<unsigned long long>(found->argsSize);
                }
                fflush(stdout);
                break;
            }
            default:
                return 5;
        }
    }
}
