package org.ocengine.fit;

/**
 * Storage of an ensemble's positions over steps (emcee's backend), kept apart from sampling. A chain
 * is told which sampler steps to keep: from step {@code discard} on, every {@code thin}-th, up to a
 * fixed capacity. Reads apply a further discard and thin like emcee's {@code get_chain(discard, thin)}.
 *
 * <p>Layout: one contiguous series per (parameter, walker), {@code values[(d * walkers + w) * capacity + k]},
 * so an autocorrelation reads a walker's series in place and percentiles read a parameter's samples as
 * one block (steps are gathered eight at a time and written a cache line per series); log-probabilities
 * step-major, {@code logProb[k * walkers + w]}. Memory: 8 * (dimension + 1) * walkers * capacity bytes. Not thread-safe (written by one
 * sampler; read after it finished).
 */
public final class Chain {

    private final int walkers;
    private final int dimension;
    private final int capacity;
    private final long discard;
    private final int thin;
    private final double[] values;
    private final double[] logProb;
    private int length;
    /** Kept steps not yet written into {@link #values}: step-major, {@code tile[(k * walkers + w) * dimension + d]}. */
    private final double[] tile;
    private int pending;

    /**
     * @param walkers   number of walkers
     * @param dimension number of parameters
     * @param steps     sampler steps that will be offered to this chain
     * @param discard   steps to skip before keeping any (burn-in)
     * @param thin      keep every thin-th step after the discard
     */
    public Chain(int walkers, int dimension, long steps, long discard, int thin) {
        if (walkers < 1 || dimension < 1 || steps < 0 || discard < 0 || thin < 1) {
            throw new IllegalArgumentException("bad chain shape: " + walkers + " walkers, " + dimension + " parameters, "
                    + steps + " steps, discard " + discard + ", thin " + thin);
        }
        long kept = steps > discard ? (steps - discard + thin - 1) / thin : 0;
        long cells = kept * walkers * (dimension + 1L);
        if (cells > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a chain of " + kept + " kept steps x " + walkers + " walkers x " + dimension
                    + " parameters does not fit in memory arrays; thin it (--thin) or discard more");
        }
        this.walkers = walkers;
        this.dimension = dimension;
        this.capacity = (int) kept;
        this.discard = discard;
        this.thin = thin;
        this.values = new double[capacity * walkers * dimension];
        this.logProb = new double[capacity * walkers];
        this.tile = new double[TILE * walkers * dimension];
    }

    /** Steps gathered before they are written into the per-walker series (one cache line of each). */
    private static final int TILE = 8;

    /** A chain that keeps every one of {@code steps} steps. */
    public static Chain keepingAll(int walkers, int dimension, int steps) {
        return new Chain(walkers, dimension, steps, 0, 1);
    }

    /**
     * Offers the positions after sampler step {@code step} (0-based, counted from the chain's first
     * offered step); kept when the discard and thin say so.
     */
    void offer(long step, double[] coords, double[] lp) {
        if (step < discard || (step - discard) % thin != 0 || length >= capacity) {
            return;
        }
        int k = length++;
        System.arraycopy(coords, 0, tile, pending * walkers * dimension, walkers * dimension);
        System.arraycopy(lp, 0, logProb, k * walkers, walkers);
        if (++pending == TILE || length == capacity) {
            flush();
        }
    }

    /** Writes the pending steps into the per-walker series, eight consecutive values of each at a time. */
    private void flush() {
        int first = length - pending;
        for (int d = 0; d < dimension; d++) {
            for (int w = 0; w < walkers; w++) {
                int base = (d * walkers + w) * capacity + first;
                for (int t = 0; t < pending; t++) {
                    values[base + t] = tile[(t * walkers + w) * dimension + d];
                }
            }
        }
        pending = 0;
    }

    public int walkers() {
        return walkers;
    }

    public int dimension() {
        return dimension;
    }

    /** Number of kept steps. */
    public int length() {
        return length;
    }

    /** The thinning applied while sampling (a step of this chain is {@code thin} sampler steps). */
    public int thin() {
        return thin;
    }

    /** Position of a walker in parameter d at kept step k. */
    public double value(int k, int walker, int d) {
        check(k);
        return values[(d * walkers + walker) * capacity + k];
    }

    /** Log-probability of a walker at kept step k. */
    public double logProb(int k, int walker) {
        check(k);
        return logProb[k * walkers + walker];
    }

    private void check(int k) {
        settle();
        if (k < 0 || k >= length) {
            throw new IndexOutOfBoundsException("step " + k + " of " + length);
        }
    }

    /** A walker's series in parameter d over kept steps discard, discard + thin, ... (a copy). */
    public double[] series(int walker, int d, int discard, int thin) {
        settle();
        int n = count(discard, thin);
        double[] out = new double[n];
        int base = (d * walkers + walker) * capacity + discard;
        for (int i = 0; i < n; i++) {
            out[i] = values[base + i * thin];
        }
        return out;
    }

    /**
     * Every walker's samples of parameter d over kept steps discard, discard + thin, ..., walker after
     * walker (the flat chain's column d, as emcee's {@code get_chain(flat=True)[:, d]} up to order).
     */
    public double[] flat(int d, int discard, int thin) {
        settle();
        int n = count(discard, thin);
        double[] out = new double[n * walkers];
        for (int w = 0; w < walkers; w++) {
            int base = (d * walkers + w) * capacity + discard;
            if (thin == 1) {
                System.arraycopy(values, base, out, w * n, n);
            } else {
                for (int i = 0; i < n; i++) {
                    out[w * n + i] = values[base + i * thin];
                }
            }
        }
        return out;
    }

    private void settle() {
        if (pending > 0) {
            flush();
        }
    }

    /** Number of kept steps read by a further discard and thin. */
    public int count(int discard, int thin) {
        if (discard < 0 || thin < 1) {
            throw new IllegalArgumentException("discard must be >= 0 and thin >= 1");
        }
        return discard >= length ? 0 : (length - discard + thin - 1) / thin;
    }
}
