package org.ocengine.cluster;

/**
 * The rules of SPEC.md 5 (Fu et al. 2022, Sec. 2.1-2.2), each a default a run can change. Immutable.
 *
 * @param draws               Monte-Carlo realisations per cluster (5000)
 * @param seed                the run's seed for the counter-based draws
 * @param flagSigma           stars within this many sigma of the cluster's first-pass MC mean RV get flag 1 (2)
 * @param maxRvDispersion     clusters whose final RV dispersion exceeds this are dropped, km/s (50, MRS paper)
 * @param minTeff             [Fe/H] stars must have Teff at or above this, K (4000)
 * @param maxTeff             ... and at or below this, K (7500)
 * @param coolDwarfTeff       cool dwarfs (Teff below this, K, 5000) ...
 * @param coolDwarfLogg       ... with logg at or above this, dex (3.5), are left out of [Fe/H]
 * @param highQualityMinStars clusters with at least this many flag-12 stars are the high-quality set (3)
 * @param teffLoggSelection   apply the Teff range and cool-dwarf rules to the [Fe/H] stars (true); false
 *                            for catalogues whose own pipeline already vetted its abundances and that give
 *                            no Teff/logg (the APOGEE OCCAM member table): every flag-1 star with a usable
 *                            [Fe/H] then gets flag 12
 */
public record ClusterConfig(int draws, long seed, double flagSigma, double maxRvDispersion, double minTeff,
                            double maxTeff, double coolDwarfTeff, double coolDwarfLogg, int highQualityMinStars,
                            boolean teffLoggSelection) {

    public ClusterConfig {
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be at least 1");
        }
    }

    /** The published defaults with the given seed. */
    public static ClusterConfig defaults(long seed) {
        return new ClusterConfig(5000, seed, 2.0, 50.0, 4000, 7500, 5000, 3.5, 3, true);
    }

    public ClusterConfig withDraws(int value) {
        return new ClusterConfig(value, seed, flagSigma, maxRvDispersion, minTeff, maxTeff, coolDwarfTeff, coolDwarfLogg, highQualityMinStars,
                teffLoggSelection);
    }

    /** The same rules with the Teff/cool-dwarf selection of the [Fe/H] stars on or off. */
    public ClusterConfig withTeffLoggSelection(boolean value) {
        return new ClusterConfig(draws, seed, flagSigma, maxRvDispersion, minTeff, maxTeff, coolDwarfTeff, coolDwarfLogg, highQualityMinStars,
                value);
    }
}
