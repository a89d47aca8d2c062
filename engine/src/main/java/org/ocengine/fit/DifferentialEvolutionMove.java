package org.ocengine.fit;

/**
 * The differential-evolution proposal of ter Braak (2006) as emcee's {@code DEMove} (after Nelson et
 * al. 2013): walkers are split into three sub-ensembles; walker s moves to
 * s + gamma0 (c2 - c1) + f, with c1 and c2 drawn uniformly from the two other sub-ensembles (one
 * from each, in random order) and f = sigma * N(0, 1) added to every coordinate (emcee adds the same
 * scalar to each); symmetric, so the log Hastings factor is 0. Lanes: 2 and 3 the partners, 4 their
 * order, 5 the normal deviate. Immutable and thread-safe.
 */
public final class DifferentialEvolutionMove implements Move {

    private final double sigma;
    private final double gamma0;

    /**
     * @param sigma  the jitter (emcee's default 1e-5)
     * @param gamma0 the mean stretch of the difference vector; NaN for emcee's default 2.38 / sqrt(2 nDim)
     */
    public DifferentialEvolutionMove(double sigma, double gamma0) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite and non-negative, got " + sigma);
        }
        if (!Double.isNaN(gamma0) && !(gamma0 > 0 && Double.isFinite(gamma0))) {
            throw new IllegalArgumentException("gamma0 must be positive and finite, got " + gamma0);
        }
        this.sigma = sigma;
        this.gamma0 = gamma0;
    }

    /** emcee's defaults: sigma = 1e-5, gamma0 = 2.38 / sqrt(2 nDim). */
    public static DifferentialEvolutionMove defaults() {
        return new DifferentialEvolutionMove(1e-5, Double.NaN);
    }

    @Override
    public int splits() {
        return 3;
    }

    @Override
    public void propose(double[] coords, int nDim, int[][] sets, int[] sizes, int active, long step, WalkerStreams random,
                        double[] proposal, double[] logFactor) {
        double g0 = Double.isNaN(gamma0) ? 2.38 / Math.sqrt(2.0 * nDim) : gamma0;
        int first = active == 0 ? 1 : 0;
        int second = active == 2 ? 1 : 2;
        int[] moving = sets[active];
        int lane = WalkerStreams.FIRST_MOVE_LANE;
        for (int i = 0; i < sizes[active]; i++) {
            int w = moving[i];
            int c1 = sets[first][random.index(step, w, lane, sizes[first])];
            int c2 = sets[second][random.index(step, w, lane + 1, sizes[second])];
            if ((random.word(step, w, lane + 2) & 1L) != 0) {
                int t = c1;
                c1 = c2;
                c2 = t;
            }
            double f = sigma * random.normal(step, w, lane + 3);
            int sOff = w * nDim;
            int pOff = i * nDim;
            for (int d = 0; d < nDim; d++) {
                proposal[pOff + d] = coords[sOff + d] + (coords[c2 * nDim + d] - coords[c1 * nDim + d]) * g0 + f;
            }
            logFactor[i] = 0;
        }
    }

    @Override
    public String describe() {
        return "de(sigma=" + sigma + ",gamma0=" + (Double.isNaN(gamma0) ? "2.38/sqrt(2*ndim)" : Double.toString(gamma0)) + ")";
    }
}
