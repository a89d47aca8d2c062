package org.ocengine.fit;

/**
 * The affine-invariant stretch move of Goodman &amp; Weare (2010), as emcee's {@code StretchMove}:
 * walker s moves along the line to a walker c drawn uniformly from the complementary sub-ensembles,
 * to c + z (s - c) with z drawn from g(z) proportional to 1/sqrt(z) on [1/a, a]
 * (z = ((a - 1) u + 1)^2 / a), and the log Hastings factor is (nDim - 1) log z. Uses lane 2 (u) and
 * lane 3 (the partner) of the walker's streams. Immutable and thread-safe.
 */
public final class StretchMove implements Move {

    private final double a;

    /** @param a the scale parameter, greater than 1 (emcee's default and the papers': 2) */
    public StretchMove(double a) {
        if (!(a > 1) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("the stretch scale a must be a finite number above 1, got " + a);
        }
        this.a = a;
    }

    public double a() {
        return a;
    }

    @Override
    public int splits() {
        return 2;
    }

    @Override
    public void propose(double[] coords, int nDim, int[][] sets, int[] sizes, int active, long step, WalkerStreams random,
                        double[] proposal, double[] logFactor) {
        int complementSize = 0;
        for (int s = 0; s < sets.length; s++) {
            complementSize += s == active ? 0 : sizes[s];
        }
        int[] moving = sets[active];
        for (int i = 0; i < sizes[active]; i++) {
            int w = moving[i];
            double u = random.uniform(step, w, WalkerStreams.FIRST_MOVE_LANE);
            double t = (a - 1.0) * u + 1.0;
            double z = t * t / a;
            int partner = complementWalker(sets, sizes, active, random.index(step, w, WalkerStreams.FIRST_MOVE_LANE + 1, complementSize));
            int sOff = w * nDim;
            int cOff = partner * nDim;
            int pOff = i * nDim;
            for (int d = 0; d < nDim; d++) {
                double c = coords[cOff + d];
                proposal[pOff + d] = c - (c - coords[sOff + d]) * z;
            }
            logFactor[i] = (nDim - 1.0) * StrictMath.log(z);
        }
    }

    /** The k-th walker of the complement: the other sub-ensembles concatenated in order (as emcee). */
    static int complementWalker(int[][] sets, int[] sizes, int active, int k) {
        for (int s = 0; s < sets.length; s++) {
            if (s == active) {
                continue;
            }
            if (k < sizes[s]) {
                return sets[s][k];
            }
            k -= sizes[s];
        }
        throw new IllegalStateException("complement index out of range");
    }

    @Override
    public String describe() {
        return "stretch(a=" + a + ")";
    }
}
