package org.ocengine.fit;

/**
 * The walkers of an ensemble at one moment: their positions, their log-probabilities and how many
 * steps have been taken to reach them (emcee's {@code State}). Immutable: arrays are copied in and out.
 */
public final class EnsembleState {

    private final int walkers;
    private final int dimension;
    private final double[] coords;
    private final double[] logProb;
    private final long iteration;

    /**
     * @param walkers   number of walkers
     * @param dimension number of parameters
     * @param coords    positions, walker-major ({@code coords[w * dimension + d]})
     * @param logProb   log-probability of each walker
     * @param iteration steps taken so far (0 for a starting state); the next step uses this as its random-stream step
     */
    public EnsembleState(int walkers, int dimension, double[] coords, double[] logProb, long iteration) {
        if (coords.length != walkers * dimension || logProb.length != walkers) {
            throw new IllegalArgumentException("state arrays do not match " + walkers + " walkers x " + dimension + " parameters");
        }
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be non-negative");
        }
        this.walkers = walkers;
        this.dimension = dimension;
        this.coords = coords.clone();
        this.logProb = logProb.clone();
        this.iteration = iteration;
    }

    public int walkers() {
        return walkers;
    }

    public int dimension() {
        return dimension;
    }

    /** Positions, walker-major (a copy). */
    public double[] coords() {
        return coords.clone();
    }

    /** Log-probabilities (a copy). */
    public double[] logProb() {
        return logProb.clone();
    }

    public long iteration() {
        return iteration;
    }

    void copyCoords(double[] into) {
        System.arraycopy(coords, 0, into, 0, coords.length);
    }

    void copyLogProb(double[] into) {
        System.arraycopy(logProb, 0, into, 0, logProb.length);
    }
}
