/**
 * Metallicity gradients (SPEC.md 7; Fu et al. 2022, Sec. 4.1 and Table 6): sweeps of fits of a
 * cluster quantity ([Fe/H] by default) against Galactic variables (R_GC, L_z, E, |Z|, look-back
 * snapshots), per age bin, knee position, minimum flag-12 count and prior set
 * ({@link org.ocengine.gradient.SweepSpec}, {@link org.ocengine.gradient.GradientConfig}), sampled in
 * one batched backend call ({@link org.ocengine.gradient.GradientFits}) and written one row per fit.
 * The models and the sampler are {@code org.ocengine.fit}'s; this package selects the clusters,
 * reads the columns and assembles the table.
 */
package org.ocengine.gradient;
