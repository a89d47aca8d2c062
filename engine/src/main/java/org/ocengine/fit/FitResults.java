package org.ocengine.fit;

import java.util.Arrays;

/**
 * What sampling a {@link FitBatch} gives, as flat arrays aligned with the batch: per parameter slot
 * ({@link FitBatch#paramOffset}) the 16th, 50th and 84th percentiles of the kept samples and the
 * integrated autocorrelation time in sampler steps; per fit the mean acceptance fraction, the kept
 * steps per walker, and a failure message when the fit could not run (its numbers are then NaN).
 * Filled by one backend call; immutable once returned (accessors return copies or single values).
 */
public final class FitResults {

    private final double[] p16;
    private final double[] p50;
    private final double[] p84;
    private final double[] tau;
    private final double[] acceptance;
    private final long[] keptSteps;
    private final String[] failure;

    /** Empty results for a batch, every value NaN until set. */
    public FitResults(FitBatch batch) {
        int slots = batch.paramSlots();
        p16 = nan(slots);
        p50 = nan(slots);
        p84 = nan(slots);
        tau = nan(slots);
        acceptance = nan(batch.size());
        keptSteps = new long[batch.size()];
        failure = new String[batch.size()];
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /**
     * Records one parameter of one fit (backends call this once per slot; distinct slots may be set
     * from different threads).
     */
    public void setParameter(int slot, double q16, double q50, double q84, double tauSteps) {
        p16[slot] = q16;
        p50[slot] = q50;
        p84[slot] = q84;
        tau[slot] = tauSteps;
    }

    /** Records a fit's acceptance and kept steps. */
    public void setFit(int fit, double acceptanceFraction, long kept) {
        acceptance[fit] = acceptanceFraction;
        keptSteps[fit] = kept;
    }

    /** Records why a fit could not be sampled. */
    public void setFailure(int fit, String message) {
        failure[fit] = message;
    }

    public double p16(int slot) {
        return p16[slot];
    }

    public double p50(int slot) {
        return p50[slot];
    }

    public double p84(int slot) {
        return p84[slot];
    }

    /** Integrated autocorrelation time of a parameter, in sampler steps. */
    public double tau(int slot) {
        return tau[slot];
    }

    /** Mean acceptance fraction over the walkers of a fit. */
    public double acceptance(int fit) {
        return acceptance[fit];
    }

    /** Kept steps per walker (after discard and thinning). */
    public long keptSteps(int fit) {
        return keptSteps[fit];
    }

    /** Why a fit failed, or null. */
    public String failure(int fit) {
        return failure[fit];
    }
}
