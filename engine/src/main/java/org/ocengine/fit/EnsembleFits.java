package org.ocengine.fit;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The reference implementation of batched ensemble sampling (the CPU twin of a GPU backend's): each
 * fit of a {@link FitBatch} is sampled by its own {@link EnsembleSampler} with the batched
 * {@link ModelKernel} log-posterior, then reduced to percentiles 16/50/84 over the kept samples,
 * emcee's integrated autocorrelation time per parameter and the mean acceptance fraction. Fits are
 * independent and their random streams keyed by their own keys, so the results do not depend on how
 * fits are spread over threads or on which other fits are in the batch.
 *
 * <p>The starting ball: walker w, parameter d starts at {@code start[d] + startScale * error[d] * z},
 * z the normal deviate of lane {@code attempt * dim + d} at step {@link WalkerStreams#START}; attempts
 * 0, 1, ... until the position has a finite log-posterior (at most {@link #START_ATTEMPTS}). A
 * parameter without a usable least-squares error gets the width {@code 1e-4 * max(|start|, 1e-3)}.
 *
 * <p>Memory: one chain per fit in flight, 8 * (dim + 1) * walkers * kept steps bytes (300 walkers x
 * 8,000 kept steps x 3 parameters: 77 MB). Stateless; thread-safe.
 */
public final class EnsembleFits {

    /** How many starting positions a walker may try before the fit fails. */
    public static final int START_ATTEMPTS = 100;

    private static final double[] PERCENTILES = {16, 50, 84};

    private EnsembleFits() {
    }

    /** Samples every fit in the calling thread, in order; {@code done} hears each finished fit. */
    public static FitResults runSequential(FitBatch batch, SamplerSettings settings, IntConsumer done) {
        FitResults results = new FitResults(batch);
        for (int f = 0; f < batch.size(); f++) {
            sample(batch, f, settings, results);
            done.accept(f);
        }
        return results;
    }

    /** Samples the fits in parallel on a pool, one fit per task; {@code done} hears each finished fit (from any thread). */
    public static FitResults runParallel(FitBatch batch, SamplerSettings settings, ForkJoinPool pool, IntConsumer done) {
        FitResults results = new FitResults(batch);
        try {
            pool.submit(() -> IntStream.range(0, batch.size()).parallel().forEach(f -> {
                sample(batch, f, settings, results);
                done.accept(f);
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }

    /** Samples one fit of the batch and writes its summary into {@code results}. */
    public static void sample(FitBatch batch, int fit, SamplerSettings settings, FitResults results) {
        Chain chain = new Chain(settings.walkers(), batch.dimension(fit), settings.steps(), settings.discard(), settings.thin());
        String failure = sampleInto(batch, fit, settings, chain, results);
        if (failure != null) {
            results.setFailure(fit, failure);
            return;
        }
        int dim = batch.dimension(fit);
        int off = batch.paramOffset(fit);
        for (int d = 0; d < dim; d++) {
            double[] q = Percentiles.ofInPlace(chain.flat(d, 0, 1), PERCENTILES);
            double tau = Autocorrelation.integratedTime(chain, d, 0, 1, settings.windowC()) * settings.thin();
            results.setParameter(off + d, q[0], q[1], q[2], tau);
        }
    }

    /**
     * Runs the sampler of one fit into a chain (for callers that want the chain itself); returns a
     * failure message or null, and records the acceptance into {@code results} when given.
     */
    public static String sampleInto(FitBatch batch, int fit, SamplerSettings settings, Chain chain, FitResults results) {
        WalkerStreams streams = new WalkerStreams(settings.seed(), batch.key[fit]);
        LogProbability lp = ModelKernel.of(batch, fit);
        EnsembleSampler sampler;
        try {
            sampler = new EnsembleSampler(settings.walkers(), lp, settings.moves(), streams);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        double[] start = startingBall(batch, fit, settings, streams, lp);
        if (start == null) {
            return "no starting position with a finite log-posterior after " + START_ATTEMPTS + " attempts per walker";
        }
        EnsembleState initial = sampler.start(start);
        sampler.run(initial, settings.steps(), chain);
        if (results != null) {
            results.setFit(fit, sampler.meanAcceptanceFraction(), chain.length());
        }
        return null;
    }

    /** The walkers' starting positions (see the class comment), or null when some walker found none. */
    static double[] startingBall(FitBatch batch, int fit, SamplerSettings settings, WalkerStreams streams, LogProbability lp) {
        int dim = batch.dimension(fit);
        int walkers = settings.walkers();
        int off = batch.paramOffset(fit);
        double[] width = new double[dim];
        for (int d = 0; d < dim; d++) {
            double e = batch.error[off + d];
            width[d] = e > 0 && Double.isFinite(e) ? settings.startScale() * e : 1e-4 * Math.max(Math.abs(batch.centre[off + d]), 1e-3);
        }
        double[] coords = new double[walkers * dim];
        double[] one = new double[dim];
        double[] value = new double[1];
        for (int w = 0; w < walkers; w++) {
            boolean found = false;
            for (int attempt = 0; attempt < START_ATTEMPTS && !found; attempt++) {
                for (int d = 0; d < dim; d++) {
                    one[d] = batch.centre[off + d] + width[d] * streams.normal(WalkerStreams.START, w, attempt * dim + d);
                }
                lp.evaluate(one, 1, value);
                found = Double.isFinite(value[0]);
            }
            if (!found) {
                return null;
            }
            System.arraycopy(one, 0, coords, w * dim, dim);
        }
        return coords;
    }
}
