package org.ocengine.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * How the fits of one ensemble-sampling call are cut into chunks whose chains fit in device memory
 * together ({@link GpuEnsembleFits}). A fit of d parameters keeps {@code 8 * d * walkers * kept}
 * bytes of chain (every kept sample: the exact percentiles select among them) plus a few bytes per
 * fit and per parameter (indices, the autocorrelation sums of one launch, the outputs); fits are
 * taken in order while the chunk's bytes stay within the budget. Immutable.
 *
 * @param from first fit (index into the list planned) of each chunk, then the number of fits
 */
record FitChunkPlan(int[] from) {

    /** Device bytes of one fit besides its chain: index, chain offset, acceptance, status. */
    static final long PER_FIT = 4 * 8;

    /** Device bytes of one parameter slot besides its chain: fit and parameter index, tau state, percentiles, acf sums. */
    static long perSlot(int lagsPerLaunch) {
        return 2 * 8 + 4 * 8 + 3 * 8 + 8L * lagsPerLaunch;
    }

    /** Chain bytes of a fit of {@code dimension} parameters. */
    static long chainBytes(int dimension, int walkers, long kept) {
        return 8L * dimension * walkers * kept;
    }

    /** Device bytes of one fit in a chunk. */
    static long fitBytes(int dimension, int walkers, long kept, int lagsPerLaunch) {
        return chainBytes(dimension, walkers, kept) + PER_FIT + dimension * perSlot(lagsPerLaunch);
    }

    /**
     * Greedy chunks in order.
     *
     * @param dimensions the parameters of each fit, in order
     * @param budget     device bytes one chunk may use
     * @throws DeviceFailure (out of memory) when a single fit does not fit in the budget
     */
    static FitChunkPlan plan(int[] dimensions, int walkers, long kept, int lagsPerLaunch, long budget) {
        List<Integer> starts = new ArrayList<>();
        long used = 0;
        for (int f = 0; f < dimensions.length; f++) {
            long bytes = fitBytes(dimensions[f], walkers, kept, lagsPerLaunch);
            if (bytes > budget) {
                throw new DeviceFailure(String.format(java.util.Locale.ROOT,
                        "too little device memory for the chain of one fit: %.1f MiB needed, %.1f MiB available (thin the chain or discard more)",
                        bytes / 1048576.0, budget / 1048576.0), true);
            }
            if (starts.isEmpty() || used + bytes > budget) {
                starts.add(f);
                used = 0;
            }
            used += bytes;
        }
        int[] from = new int[starts.size() + 1];
        for (int i = 0; i < starts.size(); i++) {
            from[i] = starts.get(i);
        }
        from[starts.size()] = dimensions.length;
        return new FitChunkPlan(from);
    }

    /** Number of chunks. */
    int chunks() {
        return from.length - 1;
    }

    /** First fit of chunk c. */
    int start(int c) {
        return from[c];
    }

    /** One past the last fit of chunk c. */
    int end(int c) {
        return from[c + 1];
    }
}
