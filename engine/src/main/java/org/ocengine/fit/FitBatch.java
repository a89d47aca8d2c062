package org.ocengine.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * Many independent fits as flat arrays, the unit a backend samples in one call
 * ({@code ComputeBackend.sampleEnsembles}): a GPU kernel can take these arrays as they are.
 * <pre>
 *   per fit f:            code[f] (FitModel code), knee[f] (fixed knee or NaN), key[f],
 *                         logNorm[f] = -0.5 * sum log(2 pi err^2) over its points
 *   parameters of fit f:  slots paramOffset[f] .. paramOffset[f+1]-1:
 *                         priorLo, priorHi, priorMean, priorInvSigma (0 when the prior has no normal factor),
 *                         start (centre of the starting ball), startScale (its per-parameter sigma)
 *   points of fit f:      pointOffset[f] .. pointOffset[f+1]-1: x, y, invVar = 1/err^2, var = err^2
 * </pre>
 * The starting ball is centred on the weighted-least-squares solution (clamped into the prior's
 * support) with a width of {@code startScale} times its errors, set when the batch is sampled; the
 * least-squares results are kept for the output. Immutable and thread-safe.
 */
public final class FitBatch {

    private final List<FitProblem> problems;
    private final List<WeightedLeastSquares.Result> leastSquares;
    final int[] code;
    final double[] knee;
    final long[] key;
    final double[] logNorm;
    final int[] paramOffset;
    final int[] pointOffset;
    final double[] priorLo;
    final double[] priorHi;
    final double[] priorMean;
    final double[] priorInvSigma;
    final double[] centre;
    final double[] error;
    final double[] x;
    final double[] y;
    final double[] invVar;
    final double[] var;

    private FitBatch(List<FitProblem> problems, List<WeightedLeastSquares.Result> leastSquares) {
        this.problems = List.copyOf(problems);
        this.leastSquares = List.copyOf(leastSquares);
        int n = problems.size();
        code = new int[n];
        knee = new double[n];
        key = new long[n];
        logNorm = new double[n];
        paramOffset = new int[n + 1];
        pointOffset = new int[n + 1];
        for (int f = 0; f < n; f++) {
            FitProblem p = problems.get(f);
            paramOffset[f + 1] = paramOffset[f] + p.model().dimension();
            pointOffset[f + 1] = pointOffset[f] + p.data().size();
        }
        int params = paramOffset[n];
        int points = pointOffset[n];
        priorLo = new double[params];
        priorHi = new double[params];
        priorMean = new double[params];
        priorInvSigma = new double[params];
        centre = new double[params];
        error = new double[params];
        x = new double[points];
        y = new double[points];
        invVar = new double[points];
        var = new double[points];
        for (int f = 0; f < n; f++) {
            FitProblem p = problems.get(f);
            WeightedLeastSquares.Result wls = leastSquares.get(f);
            if (!wls.ok()) {
                throw new IllegalArgumentException(p.label() + ": no least-squares start: " + wls.message());
            }
            code[f] = p.model().code();
            knee[f] = p.model().knee();
            key[f] = p.key();
            for (int j = 0; j < p.model().dimension(); j++) {
                int s = paramOffset[f] + j;
                Prior prior = p.priors().get(j);
                priorLo[s] = prior.lo();
                priorHi[s] = prior.hi();
                priorMean[s] = prior.mean();
                priorInvSigma[s] = prior.hasNormal() ? 1.0 / prior.sigma() : 0.0;
                centre[s] = inside(wls.params()[j], prior);
                error[s] = wls.errors()[j];
            }
            double norm = 0;
            FitData d = p.data();
            for (int i = 0; i < d.size(); i++) {
                int s = pointOffset[f] + i;
                x[s] = d.x(i);
                y[s] = d.y(i);
                double e = d.yErr(i);
                var[s] = e * e;
                invVar[s] = 1.0 / var[s];
                norm += Math.log(2 * Math.PI * var[s]);
            }
            logNorm[f] = -0.5 * norm;
        }
    }

    /** A batch whose starting points are the least-squares solutions computed here. */
    public static FitBatch of(List<FitProblem> problems) {
        List<WeightedLeastSquares.Result> wls = new ArrayList<>();
        for (FitProblem p : problems) {
            wls.add(WeightedLeastSquares.fit(p.model(), p.data(), p.priors()));
        }
        return new FitBatch(problems, wls);
    }

    /**
     * A batch with least-squares solutions already computed (one per problem, in order).
     *
     * @throws IllegalArgumentException when a solution is degenerate (the caller should leave such fits out)
     */
    public static FitBatch of(List<FitProblem> problems, List<WeightedLeastSquares.Result> leastSquares) {
        if (problems.size() != leastSquares.size()) {
            throw new IllegalArgumentException("one least-squares result per problem is needed");
        }
        return new FitBatch(problems, leastSquares);
    }

    /** The centre of the starting ball: the solution moved just inside a bounded prior when outside it. */
    private static double inside(double v, Prior prior) {
        double lo = prior.lo();
        double hi = prior.hi();
        if (v > lo && v < hi) {
            return v;
        }
        if (Double.isFinite(lo) && Double.isFinite(hi)) {
            double margin = 1e-3 * (hi - lo);
            return Math.min(Math.max(v, lo + margin), hi - margin);
        }
        double margin = 1e-3 * Math.max(Math.abs(v), 1e-3);
        return v <= lo ? lo + margin : hi - margin;
    }

    /** Number of fits. */
    public int size() {
        return code.length;
    }

    public FitProblem problem(int fit) {
        return problems.get(fit);
    }

    public WeightedLeastSquares.Result leastSquares(int fit) {
        return leastSquares.get(fit);
    }

    /** The model code of a fit ({@link FitModel#code()}). */
    public int code(int fit) {
        return code[fit];
    }

    public int dimension(int fit) {
        return paramOffset[fit + 1] - paramOffset[fit];
    }

    /** First parameter slot of a fit in the flat parameter arrays. */
    public int paramOffset(int fit) {
        return paramOffset[fit];
    }

    /** Total parameter slots. */
    public int paramSlots() {
        return paramOffset[code.length];
    }

    public int points(int fit) {
        return pointOffset[fit + 1] - pointOffset[fit];
    }

    /** The largest dimension of any fit (0 when empty). */
    public int maxDimension() {
        int m = 0;
        for (int f = 0; f < size(); f++) {
            m = Math.max(m, dimension(f));
        }
        return m;
    }
}
