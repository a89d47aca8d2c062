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
 * least-squares results are kept for the output.
 *
 * <p>Models linear in their parameters without a scatter parameter (line, quadratic, broken line at a
 * fixed knee) also carry their weighted normal equations, so that chi^2 of any parameters is a
 * quadratic form whose cost does not grow with the number of points ({@link Likelihood#SUMS}):
 * with the basis phi(u) in the centred variable u = x - x0 (line: [u, 1]; quadratic: [u^2, u, 1],
 * x0 the weighted mean of x; broken line: [u if x &lt; knee else 0, u if x &ge; knee else 0, 1], x0 =
 * the knee), and the parameters t mapped onto that basis, chi^2(t) = S - 2 t.b + t^T A t where
 * S = sum w y^2, b = sum w y phi, A = sum w phi phi^T. Per fit at {@code sumsOffset[f]}:
 * [x0, S, b_0..b_{q-1}, A_00, A_01, .., A_{q-1,q-1}]. The same chi^2 as the per-point sum up to
 * rounding (relative 1e-12 of the terms' size). Immutable and thread-safe.
 */
public final class FitBatch {

    /** How the kernel evaluates the likelihood of models linear in their parameters. */
    public enum Likelihood {
        /** From the normal equations: cost independent of the number of points (default). */
        SUMS,
        /** Point by point, the arithmetic emcee users write: cost proportional to the points. */
        POINTS
    }

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
    final Likelihood likelihood;
    /** Per fit: first slot of its normal equations in {@link #sums}, or -1 when it is evaluated point by point. */
    final int[] sumsOffset;
    final double[] sums;

    private FitBatch(List<FitProblem> problems, List<WeightedLeastSquares.Result> leastSquares, Likelihood likelihood) {
        this.likelihood = likelihood;
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
        sumsOffset = new int[n];
        int total = 0;
        for (int f = 0; f < n; f++) {
            int q = paramOffset[f + 1] - paramOffset[f];
            sumsOffset[f] = usesSums(code[f], likelihood) ? total : -1;
            total += sumsOffset[f] >= 0 ? 2 + q + q * q : 0;
        }
        sums = new double[total];
        for (int f = 0; f < n; f++) {
            if (sumsOffset[f] >= 0) {
                normalEquations(f);
            }
        }
    }

    /** Whether a model code is evaluated from its normal equations under a likelihood choice. */
    static boolean usesSums(int code, Likelihood likelihood) {
        return likelihood == Likelihood.SUMS && (code == FitModel.CODE_LINEAR || code == FitModel.CODE_QUADRATIC
                || code == FitModel.CODE_BROKEN_FIXED_KNEE);
    }

    private void normalEquations(int f) {
        int q = dimension(f);
        int off = sumsOffset[f];
        int from = pointOffset[f];
        int to = pointOffset[f + 1];
        double x0;
        if (code[f] == FitModel.CODE_BROKEN_FIXED_KNEE) {
            x0 = knee[f];
        } else {
            double sw = 0;
            double swx = 0;
            for (int i = from; i < to; i++) {
                sw += invVar[i];
                swx += invVar[i] * x[i];
            }
            x0 = swx / sw;
        }
        double[] phi = new double[q];
        double s = 0;
        for (int i = from; i < to; i++) {
            double u = x[i] - x0;
            switch (code[f]) {
                case FitModel.CODE_LINEAR -> {
                    phi[0] = u;
                    phi[1] = 1;
                }
                case FitModel.CODE_QUADRATIC -> {
                    phi[0] = u * u;
                    phi[1] = u;
                    phi[2] = 1;
                }
                default -> {
                    phi[0] = x[i] < x0 ? u : 0;
                    phi[1] = x[i] < x0 ? 0 : u;
                    phi[2] = 1;
                }
            }
            double w = invVar[i];
            s += w * y[i] * y[i];
            for (int j = 0; j < q; j++) {
                sums[off + 2 + j] += w * y[i] * phi[j];
                for (int k = 0; k < q; k++) {
                    sums[off + 2 + q + j * q + k] += w * phi[j] * phi[k];
                }
            }
        }
        sums[off] = x0;
        sums[off + 1] = s;
    }

    /** A batch whose starting points are the least-squares solutions computed here. */
    public static FitBatch of(List<FitProblem> problems) {
        List<WeightedLeastSquares.Result> wls = new ArrayList<>();
        for (FitProblem p : problems) {
            wls.add(WeightedLeastSquares.fit(p.model(), p.data(), p.priors()));
        }
        return new FitBatch(problems, wls, Likelihood.SUMS);
    }

    /**
     * A batch with least-squares solutions already computed (one per problem, in order).
     *
     * @throws IllegalArgumentException when a solution is degenerate (the caller should leave such fits out)
     */
    public static FitBatch of(List<FitProblem> problems, List<WeightedLeastSquares.Result> leastSquares) {
        return of(problems, leastSquares, Likelihood.SUMS);
    }

    /** As {@link #of(List, List)}, choosing how linear models' likelihoods are evaluated. */
    public static FitBatch of(List<FitProblem> problems, List<WeightedLeastSquares.Result> leastSquares, Likelihood likelihood) {
        if (problems.size() != leastSquares.size()) {
            throw new IllegalArgumentException("one least-squares result per problem is needed");
        }
        return new FitBatch(problems, leastSquares, likelihood);
    }

    /** The same fits with another likelihood evaluation. */
    public FitBatch with(Likelihood value) {
        return new FitBatch(problems, leastSquares, value);
    }

    public Likelihood likelihood() {
        return likelihood;
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

    /**
     * Copies of the flat arrays (layout in the class comment), for a backend in another module that
     * uploads them to a device.
     */
    public record Flat(int[] code, double[] knee, long[] key, double[] logNorm, int[] paramOffset, int[] pointOffset,
                       double[] priorLo, double[] priorHi, double[] priorMean, double[] priorInvSigma, double[] startCentre,
                       double[] startError, double[] x, double[] y, double[] invVar, double[] var, int[] sumsOffset, double[] sums) {
    }

    /** The batch's arrays, copied. */
    public Flat flat() {
        return new Flat(code.clone(), knee.clone(), key.clone(), logNorm.clone(), paramOffset.clone(), pointOffset.clone(),
                priorLo.clone(), priorHi.clone(), priorMean.clone(), priorInvSigma.clone(), centre.clone(), error.clone(), x.clone(),
                y.clone(), invVar.clone(), var.clone(), sumsOffset.clone(), sums.clone());
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
}
