package org.ocengine.fit;

/**
 * The batched log-posterior of a fit of a {@link FitBatch}: many walkers' positions at once, models
 * selected by type code, no allocation (the caller owns a {@link Scratch}). The CPU twin of a GPU
 * kernel that would give each walker a thread.
 * <pre>
 *   log p = log prior + log likelihood
 *   log prior      = sum over parameters of Prior.logDensity (-inf outside the support)
 *   log likelihood = -0.5 * sum_i (y_i - m(x_i))^2 / err_i^2 + logNorm                 (no scatter)
 *                  = -0.5 * sum_i [(y_i - m(x_i))^2 / v_i + log(2 pi v_i)],  v_i = err_i^2 + s^2   (scatter s)
 * </pre>
 * Positions are first copied into one array per parameter. Models linear in their parameters without
 * scatter take chi^2 from the batch's normal equations ({@link FitBatch.Likelihood#SUMS}: about 20
 * operations per walker whatever the number of points); the others (and every model under
 * {@link FitBatch.Likelihood#POINTS}) loop over points outside and walkers inside, so each walker's
 * sum is taken in point order. Either way a walker's value does not depend on the walkers evaluated
 * beside it, and the inner loops are simple enough for the JIT to vectorise.
 *
 * <p>Logarithms are {@link StrictMath#log} (fdlibm), not {@code Math.log} (an intrinsic that may
 * differ in the last bit from one JVM or CPU to another), here and in the sampler's acceptance test
 * and the stretch move's Hastings factor: the CUDA kernel ports fdlibm, so both backends take the
 * same accept/reject decisions to the bit.
 *
 * <p>Stateless; thread-safe with one scratch per thread.
 */
public final class ModelKernel {

    private static final double LOG_2PI = StrictMath.log(2 * Math.PI);

    private ModelKernel() {
    }

    /** Working arrays for up to {@code capacity} walkers; grows on demand. Not thread-safe. */
    public static final class Scratch {
        double[] p0 = new double[0];
        double[] p1 = new double[0];
        double[] p2 = new double[0];
        double[] p3 = new double[0];
        double[] p4 = new double[0];
        double[] acc = new double[0];
        double[] prior = new double[0];

        void ensure(int count) {
            if (acc.length < count) {
                p0 = new double[count];
                p1 = new double[count];
                p2 = new double[count];
                p3 = new double[count];
                p4 = new double[count];
                acc = new double[count];
                prior = new double[count];
            }
        }

        double[] param(int d) {
            return switch (d) {
                case 0 -> p0;
                case 1 -> p1;
                case 2 -> p2;
                case 3 -> p3;
                case 4 -> p4;
                default -> throw new IllegalArgumentException("at most 5 parameters");
            };
        }
    }

    /**
     * Log-posterior of {@code count} positions of fit {@code fit}.
     *
     * @param positions walker-major, {@code dimension(fit)} values per position
     * @param out       receives one value per position
     */
    public static void logProbability(FitBatch b, int fit, double[] positions, int count, double[] out, Scratch s) {
        s.ensure(count);
        int dim = b.dimension(fit);
        int off = b.paramOffset[fit];
        double[] prior = s.prior;
        java.util.Arrays.fill(prior, 0, count, 0.0);
        for (int d = 0; d < dim; d++) {
            double[] p = s.param(d);
            double lo = b.priorLo[off + d];
            double hi = b.priorHi[off + d];
            double mean = b.priorMean[off + d];
            double inv = b.priorInvSigma[off + d];
            for (int w = 0; w < count; w++) {
                double t = positions[w * dim + d];
                p[w] = t;
                double z = (t - mean) * inv;
                prior[w] += t >= lo && t <= hi ? -0.5 * z * z : Double.NEGATIVE_INFINITY;
            }
        }
        int code = b.code[fit];
        if (b.sumsOffset[fit] >= 0) {
            normalEquations(b, fit, code, s, count, out);
            return;
        }
        double[] acc = s.acc;
        java.util.Arrays.fill(acc, 0, count, 0.0);
        int from = b.pointOffset[fit];
        int to = b.pointOffset[fit + 1];
        boolean scatter = (code & FitModel.SCATTER_BIT) != 0;
        double[] sc = scatter ? s.param(dim - 1) : null;
        switch (code & FitModel.SHAPE_MASK) {
            case FitModel.CODE_LINEAR -> {
                if (scatter) {
                    linearScatter(b, from, to, s.p0, s.p1, sc, acc, count);
                } else {
                    linear(b, from, to, s.p0, s.p1, acc, count);
                }
            }
            case FitModel.CODE_QUADRATIC -> {
                if (scatter) {
                    quadraticScatter(b, from, to, s.p0, s.p1, s.p2, sc, acc, count);
                } else {
                    quadratic(b, from, to, s.p0, s.p1, s.p2, acc, count);
                }
            }
            case FitModel.CODE_BROKEN_FIXED_KNEE -> brokenFixed(b, from, to, b.knee[fit], s.p0, s.p1, s.p2, sc, acc, count);
            case FitModel.CODE_BROKEN_FITTED_KNEE -> brokenFitted(b, from, to, s.p0, s.p1, s.p2, s.p3, sc, acc, count);
            default -> throw new IllegalArgumentException("unknown model code " + code);
        }
        double constant = scatter ? -0.5 * (to - from) * LOG_2PI : b.logNorm[fit];
        for (int w = 0; w < count; w++) {
            double lp = prior[w] - 0.5 * acc[w] + constant;
            out[w] = prior[w] == Double.NEGATIVE_INFINITY || Double.isNaN(lp) ? Double.NEGATIVE_INFINITY : lp;
        }
    }

    /**
     * chi^2 from the fit's normal equations (see {@link FitBatch}): the parameters mapped onto the
     * centred basis, then S - 2 t.b + t^T A t.
     */
    private static void normalEquations(FitBatch b, int fit, int code, Scratch s, int count, double[] out) {
        double[] m = b.sums;
        int o = b.sumsOffset[fit];
        double x0 = m[o];
        double syy = m[o + 1];
        double constant = b.logNorm[fit];
        double[] prior = s.prior;
        if (code == FitModel.CODE_LINEAR) {
            double b0 = m[o + 2];
            double b1 = m[o + 3];
            double a00 = m[o + 4];
            double a01 = m[o + 5];
            double a11 = m[o + 7];
            double[] slope = s.p0;
            double[] icpt = s.p1;
            for (int w = 0; w < count; w++) {
                double t0 = slope[w];
                double t1 = icpt[w] + slope[w] * x0;
                double chi2 = syy - 2 * (t0 * b0 + t1 * b1) + (a00 * t0 * t0 + 2 * a01 * t0 * t1 + a11 * t1 * t1);
                out[w] = prior[w] - 0.5 * chi2 + constant;
            }
        } else {
            double b0 = m[o + 2];
            double b1 = m[o + 3];
            double b2 = m[o + 4];
            double a00 = m[o + 5];
            double a01 = m[o + 6];
            double a02 = m[o + 7];
            double a11 = m[o + 9];
            double a12 = m[o + 10];
            double a22 = m[o + 13];
            boolean quadratic = code == FitModel.CODE_QUADRATIC;
            double[] p0 = s.p0;
            double[] p1 = s.p1;
            double[] p2 = s.p2;
            for (int w = 0; w < count; w++) {
                double t0 = p0[w];
                double t1 = quadratic ? p1[w] + 2 * p0[w] * x0 : p1[w];
                double t2 = quadratic ? p2[w] + (p1[w] + p0[w] * x0) * x0 : p2[w];
                double chi2 = syy - 2 * (t0 * b0 + t1 * b1 + t2 * b2)
                        + (a00 * t0 * t0 + a11 * t1 * t1 + a22 * t2 * t2 + 2 * (a01 * t0 * t1 + a02 * t0 * t2 + a12 * t1 * t2));
                out[w] = prior[w] - 0.5 * chi2 + constant;
            }
        }
        for (int w = 0; w < count; w++) {
            if (prior[w] == Double.NEGATIVE_INFINITY || Double.isNaN(out[w])) {
                out[w] = Double.NEGATIVE_INFINITY;
            }
        }
    }

    private static void linear(FitBatch b, int from, int to, double[] slope, double[] icpt, double[] acc, int n) {
        double[] xs = b.x;
        double[] ys = b.y;
        double[] iv = b.invVar;
        for (int i = from; i < to; i++) {
            double x = xs[i];
            double y = ys[i];
            double wt = iv[i];
            for (int w = 0; w < n; w++) {
                double r = y - (slope[w] * x + icpt[w]);
                acc[w] += wt * (r * r);
            }
        }
    }

    private static void linearScatter(FitBatch b, int from, int to, double[] slope, double[] icpt, double[] sc, double[] acc, int n) {
        double[] xs = b.x;
        double[] ys = b.y;
        double[] vs = b.var;
        for (int i = from; i < to; i++) {
            double x = xs[i];
            double y = ys[i];
            double v0 = vs[i];
            for (int w = 0; w < n; w++) {
                double r = y - (slope[w] * x + icpt[w]);
                double v = v0 + sc[w] * sc[w];
                acc[w] += r * r / v + StrictMath.log(v);
            }
        }
    }

    private static void quadratic(FitBatch b, int from, int to, double[] qa, double[] qb, double[] qc, double[] acc, int n) {
        double[] xs = b.x;
        double[] ys = b.y;
        double[] iv = b.invVar;
        for (int i = from; i < to; i++) {
            double x = xs[i];
            double y = ys[i];
            double wt = iv[i];
            for (int w = 0; w < n; w++) {
                double r = y - ((qa[w] * x + qb[w]) * x + qc[w]);
                acc[w] += wt * (r * r);
            }
        }
    }

    private static void quadraticScatter(FitBatch b, int from, int to, double[] qa, double[] qb, double[] qc, double[] sc,
                                         double[] acc, int n) {
        double[] xs = b.x;
        double[] ys = b.y;
        double[] vs = b.var;
        for (int i = from; i < to; i++) {
            double x = xs[i];
            double y = ys[i];
            double v0 = vs[i];
            for (int w = 0; w < n; w++) {
                double r = y - ((qa[w] * x + qb[w]) * x + qc[w]);
                double v = v0 + sc[w] * sc[w];
                acc[w] += r * r / v + StrictMath.log(v);
            }
        }
    }

    /** Broken line at a fixed knee: each point is on one side for every walker, so its side is chosen once. */
    private static void brokenFixed(FitBatch b, int from, int to, double knee, double[] in, double[] out, double[] atKnee,
                                    double[] sc, double[] acc, int n) {
        double[] xs = b.x;
        double[] ys = b.y;
        double[] iv = b.invVar;
        double[] vs = b.var;
        for (int i = from; i < to; i++) {
            double dx = xs[i] - knee;
            double y = ys[i];
            double[] slope = xs[i] < knee ? in : out;
            if (sc == null) {
                double wt = iv[i];
                for (int w = 0; w < n; w++) {
                    double r = y - (atKnee[w] + slope[w] * dx);
                    acc[w] += wt * (r * r);
                }
            } else {
                double v0 = vs[i];
                for (int w = 0; w < n; w++) {
                    double r = y - (atKnee[w] + slope[w] * dx);
                    double v = v0 + sc[w] * sc[w];
                    acc[w] += r * r / v + StrictMath.log(v);
                }
            }
        }
    }

    private static void brokenFitted(FitBatch b, int from, int to, double[] in, double[] out, double[] atKnee, double[] knee,
                                     double[] sc, double[] acc, int n) {
        double[] xs = b.x;
        double[] ys = b.y;
        double[] iv = b.invVar;
        double[] vs = b.var;
        for (int i = from; i < to; i++) {
            double x = xs[i];
            double y = ys[i];
            if (sc == null) {
                double wt = iv[i];
                for (int w = 0; w < n; w++) {
                    double k = knee[w];
                    double r = y - (atKnee[w] + (x < k ? in[w] : out[w]) * (x - k));
                    acc[w] += wt * (r * r);
                }
            } else {
                double v0 = vs[i];
                for (int w = 0; w < n; w++) {
                    double k = knee[w];
                    double r = y - (atKnee[w] + (x < k ? in[w] : out[w]) * (x - k));
                    double v = v0 + sc[w] * sc[w];
                    acc[w] += r * r / v + StrictMath.log(v);
                }
            }
        }
    }

    /** The log-posterior of one fit of a batch as a {@link LogProbability}, with its own scratch. Not thread-safe. */
    public static LogProbability of(FitBatch b, int fit) {
        int dim = b.dimension(fit);
        Scratch scratch = new Scratch();
        return new LogProbability() {
            @Override
            public int dimension() {
                return dim;
            }

            @Override
            public void evaluate(double[] positions, int count, double[] out) {
                logProbability(b, fit, positions, count, out, scratch);
            }
        };
    }
}
