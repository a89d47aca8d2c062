package org.ocengine.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * The statistical tests of emcee's own suite (tests/integration/test_proposal.py, fixed seeds), on our
 * sampler: a standard normal target sampled by the stretch move and by differential evolution gives
 * the right mean, standard deviation and a passing Kolmogorov-Smirnov test; a correlated 3-D Gaussian
 * gives its mean and covariance; acceptance fractions and autocorrelation times are those emcee 3.1.4
 * reaches on the same set-up (measured once with {@code emcee.EnsembleSampler}, numpy seed 1234:
 * 1-D stretch 0.811 and tau 23.1; 1-D DE 0.444 and 4.2; 3-D stretch 0.647 and 34; 3-D DE 0.320 and
 * 10.4). Same sizes as emcee's tests: 32 walkers x 2,000 steps in 1-D, 64 x 4,000 in 3-D.
 */
class EnsembleSamplerTest {

    /** -0.5 x^T C^-1 x for a covariance C (the identity when null). */
    static LogProbability gaussian(int dim, double[][] covariance) {
        RealMatrix inverse = covariance == null ? null
                : new org.apache.commons.math3.linear.LUDecomposition(new Array2DRowRealMatrix(covariance)).getSolver().getInverse();
        return new LogProbability() {
            @Override
            public int dimension() {
                return dim;
            }

            @Override
            public void evaluate(double[] positions, int count, double[] out) {
                for (int i = 0; i < count; i++) {
                    double s = 0;
                    for (int a = 0; a < dim; a++) {
                        for (int b = 0; b < dim; b++) {
                            double cab = inverse == null ? (a == b ? 1 : 0) : inverse.getEntry(a, b);
                            s += positions[i * dim + a] * cab * positions[i * dim + b];
                        }
                    }
                    out[i] = -0.5 * s;
                }
            }
        };
    }

    /** Start positions: independent standard normals from a stream of their own (emcee: np.random.randn). */
    static double[] normalStart(int walkers, int dim, long seed) {
        WalkerStreams s = new WalkerStreams(seed, 0x5EEDL);
        double[] c = new double[walkers * dim];
        for (int w = 0; w < walkers; w++) {
            for (int d = 0; d < dim; d++) {
                c[w * dim + d] = s.normal(WalkerStreams.START, w, d);
            }
        }
        return c;
    }

    record Run(Chain chain, EnsembleSampler sampler, EnsembleState last) {
    }

    static Run run(Move move, int dim, double[][] cov, int walkers, int steps, long seed) {
        EnsembleSampler sampler = new EnsembleSampler(walkers, gaussian(dim, cov), List.of(new WeightedMove(move, 1)),
                new WalkerStreams(seed, 7));
        double[] start = normalStart(walkers, dim, seed);
        if (cov != null) {
            RealMatrix l = new CholeskyDecomposition(new Array2DRowRealMatrix(cov)).getL();
            double[] z = start.clone();
            for (int w = 0; w < walkers; w++) {
                for (int a = 0; a < dim; a++) {
                    double v = 0;
                    for (int b = 0; b < dim; b++) {
                        v += l.getEntry(a, b) * z[w * dim + b];
                    }
                    start[w * dim + a] = v;
                }
            }
        }
        Chain chain = Chain.keepingAll(walkers, dim, steps);
        EnsembleState last = sampler.run(sampler.start(start), steps, chain);
        return new Run(chain, sampler, last);
    }

    /** emcee's _test_normal checks on a 1-D chain. */
    static void checkStandardNormal(Run r, double expectedAcceptance, double expectedTau) {
        for (double a : r.sampler().acceptanceFraction()) {
            assertTrue(a > 0.1 && a < 0.9, "acceptance " + a);
        }
        assertEquals(expectedAcceptance, r.sampler().meanAcceptanceFraction(), 0.02, "mean acceptance");
        double[] x = r.chain().flat(0, 0, 1);
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / x.length);
        assertTrue(Math.abs(mean) < 0.08, "mean " + mean);
        assertTrue(Math.abs(sd - 1) < 0.05, "standard deviation " + sd);
        double ks = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(new NormalDistribution(null, 0, 1), x);
        assertTrue(ks < 0.05, "Kolmogorov-Smirnov statistic " + ks);
        double tau = Autocorrelation.integratedTime(r.chain(), 0, 0, 1, 5);
        assertEquals(expectedTau, tau, 0.2 * expectedTau, "autocorrelation time");
    }

    @Test
    void stretchMoveSamplesAStandardNormal() {
        checkStandardNormal(run(new StretchMove(2), 1, null, 32, 2000, 1234), 0.811, 23.1);
    }

    @Test
    void differentialEvolutionSamplesAStandardNormal() {
        checkStandardNormal(run(DifferentialEvolutionMove.defaults(), 1, null, 32, 2000, 1234), 0.444, 4.2);
    }

    static final double[][] COV = {{2.0, 0.9, -0.5}, {0.9, 1.0, 0.2}, {-0.5, 0.2, 0.5}};

    /** Mean and covariance of a correlated Gaussian, and the acceptance and tau emcee has on its isotropic twin (affine invariance). */
    static void checkCorrelated(Run r, double expectedAcceptance, double expectedTau) {
        int dim = 3;
        double[][] x = new double[dim][];
        for (int d = 0; d < dim; d++) {
            x[d] = r.chain().flat(d, 500, 1);
        }
        int n = x[0].length;
        double[] mean = new double[dim];
        for (int d = 0; d < dim; d++) {
            for (double v : x[d]) {
                mean[d] += v;
            }
            mean[d] /= n;
            assertTrue(Math.abs(mean[d]) < 0.06 * Math.sqrt(COV[d][d]), "mean of " + d + ": " + mean[d]);
        }
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < dim; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (x[a][i] - mean[a]) * (x[b][i] - mean[b]);
                }
                s /= n;
                double scale = Math.sqrt(COV[a][a] * COV[b][b]);
                assertEquals(COV[a][b], s, 0.06 * scale, "covariance " + a + "," + b);
            }
        }
        assertEquals(expectedAcceptance, r.sampler().meanAcceptanceFraction(), 0.02, "mean acceptance");
        for (int d = 0; d < dim; d++) {
            double tau = Autocorrelation.integratedTime(r.chain(), d, 500, 1, 5);
            assertEquals(expectedTau, tau, 0.2 * expectedTau, "autocorrelation time of " + d);
        }
    }

    @Test
    void stretchMoveSamplesACorrelatedGaussian() {
        checkCorrelated(run(new StretchMove(2), 3, COV, 64, 4000, 1234), 0.647, 34.2);
    }

    @Test
    void differentialEvolutionSamplesACorrelatedGaussian() {
        checkCorrelated(run(DifferentialEvolutionMove.defaults(), 3, COV, 64, 4000, 1234), 0.320, 10.4);
    }

    @Test
    void aChainIsAPureFunctionOfSeedKeyAndState() {
        Run a = run(new StretchMove(2), 2, null, 16, 300, 99);
        Run b = run(new StretchMove(2), 2, null, 16, 300, 99);
        assertArrayEquals(a.chain().flat(0, 0, 1), b.chain().flat(0, 0, 1));
        Run c = run(new StretchMove(2), 2, null, 16, 300, 100);
        assertFalse(java.util.Arrays.equals(a.chain().flat(0, 0, 1), c.chain().flat(0, 0, 1)));
    }

    @Test
    void continuingFromAStateEqualsOneLongRun() {
        LogProbability lp = gaussian(2, null);
        List<WeightedMove> moves = List.of(new WeightedMove(new StretchMove(2), 0.7), new WeightedMove(DifferentialEvolutionMove.defaults(), 0.3));
        double[] start = normalStart(12, 2, 5);
        EnsembleSampler one = new EnsembleSampler(12, lp, moves, new WalkerStreams(5, 11));
        EnsembleState end = one.run(one.start(start), 200, null);
        EnsembleSampler two = new EnsembleSampler(12, lp, moves, new WalkerStreams(5, 11));
        EnsembleState half = two.run(two.start(start), 120, null);
        EnsembleState end2 = two.run(half, 80, null);
        assertEquals(200, end2.iteration());
        assertArrayEquals(end.coords(), end2.coords());
        assertArrayEquals(one.acceptanceFraction(), two.acceptanceFraction());
    }

    @Test
    void tooFewWalkersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EnsembleSampler(5, gaussian(3, null),
                List.of(new WeightedMove(new StretchMove(2), 1)), new WalkerStreams(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new EnsembleSampler(5, gaussian(1, null),
                List.of(new WeightedMove(DifferentialEvolutionMove.defaults(), 1)), new WalkerStreams(1, 1)));
    }

    @Test
    void aStartOutsideTheSupportIsRefused() {
        LogProbability halfLine = new LogProbability() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public void evaluate(double[] positions, int count, double[] out) {
                for (int i = 0; i < count; i++) {
                    out[i] = positions[i] > 0 ? 0 : Double.NEGATIVE_INFINITY;
                }
            }
        };
        EnsembleSampler s = new EnsembleSampler(4, halfLine, List.of(new WeightedMove(new StretchMove(2), 1)), new WalkerStreams(1, 1));
        assertThrows(IllegalArgumentException.class, () -> s.start(new double[] {1, 2, -1, 3}));
    }
}
