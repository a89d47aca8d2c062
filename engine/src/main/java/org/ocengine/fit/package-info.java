/**
 * Fitting models to points with errors (SPEC.md 7): the gradient models ({@link org.ocengine.fit.FitModel},
 * type codes plus flat parameters), per-parameter priors, weighted least squares, and an
 * affine-invariant ensemble sampler with emcee's shape ({@link org.ocengine.fit.EnsembleSampler}:
 * walkers, pluggable {@link org.ocengine.fit.Move}s, immutable states, chains with discard and thin,
 * acceptance, emcee's integrated autocorrelation time, percentiles). Many independent fits travel as
 * one flat {@link org.ocengine.fit.FitBatch}, the unit a compute backend samples in one call;
 * {@link org.ocengine.fit.EnsembleFits} is the reference (CPU) implementation. Random numbers are
 * keyed by (seed, fit, walker, step) ({@link org.ocengine.fit.WalkerStreams}).
 *
 * <p>This package depends on nothing of the pipeline's but {@code random}; the gradient stage that
 * selects clusters and calls the backend is {@code org.ocengine.gradient}.
 */
package org.ocengine.fit;
