package org.ocengine.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Batched fits: a fit's result is the same alone or in a batch, on one thread or several; a linear
 * model's posterior is the analytic Gaussian; injected gradients and knees are recovered, with
 * uncertainties that cover the truth as often as they should. Shorter chains than the paper's
 * (stated per test), which these statistics allow.
 */
class EnsembleFitsTest {

    static FitProblem problem(String label, long key, FitModel model, FitData data) {
        return new FitProblem(label, key, model, data, FitProblem.priors(model, data, Map.of()));
    }

    static SamplerSettings settings(int walkers, int steps, int discard) {
        return SamplerSettings.paper(42).withWalkers(walkers).withSteps(steps).withDiscard(discard);
    }

    @Test
    void aFitGivesTheSameResultAloneOrInABatchOnAnyThreadCount() {
        FitModel q = FitModel.quadratic(false);
        FitProblem target = problem("target", 17, q, SyntheticGradients.points(q, new double[] {0.002, -0.1, 0.5}, 80, 6, 18, 0.03, 0.1, 0, 1));
        List<FitProblem> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FitModel l = FitModel.linear(i == 1);
            others.add(problem("other" + i, 100 + i, l, SyntheticGradients.points(l, new double[] {-0.05, 0.4, 0.05}, 50 + i, 6, 16, 0.03, 0.1, 0.05, 10 + i)));
        }
        SamplerSettings s = settings(40, 600, 100);
        FitResults alone = EnsembleFits.runSequential(FitBatch.of(List.of(target)), s, f -> { });
        List<FitProblem> mixed = new ArrayList<>(others);
        mixed.add(2, target);
        AtomicInteger done = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(2);
        FitResults inBatch;
        try {
            inBatch = EnsembleFits.runParallel(FitBatch.of(mixed), s, pool, f -> done.incrementAndGet());
        } finally {
            pool.shutdown();
        }
        assertEquals(4, done.get());
        FitBatch mixedBatch = FitBatch.of(mixed);
        for (int d = 0; d < 3; d++) {
            int slot = mixedBatch.paramOffset(2) + d;
            assertEquals(alone.p16(d), inBatch.p16(slot), 0.0);
            assertEquals(alone.p50(d), inBatch.p50(slot), 0.0);
            assertEquals(alone.p84(d), inBatch.p84(slot), 0.0);
            assertEquals(alone.tau(d), inBatch.tau(slot), 0.0);
        }
        assertEquals(alone.acceptance(0), inBatch.acceptance(2), 0.0);
        assertEquals(500, inBatch.keptSteps(2));
        for (int f = 0; f < 4; f++) {
            assertNull(inBatch.failure(f));
        }
    }

    /** 100 walkers x 5,000 steps (1,000 discarded) on 150 points: the posterior of a line under flat priors is N(WLS, cov). */
    @Test
    void aLinePosteriorIsTheAnalyticGaussian() {
        FitModel l = FitModel.linear(false);
        FitProblem p = problem("line", 5, l, SyntheticGradients.points(l, new double[] {-0.06, 0.5}, 150, 6, 16, 0.03, 0.12, 0, 5));
        FitBatch batch = FitBatch.of(List.of(p));
        FitResults r = EnsembleFits.runSequential(batch, settings(100, 5000, 1000), f -> { });
        WeightedLeastSquares.Result wls = batch.leastSquares(0);
        for (int d = 0; d < 2; d++) {
            double sigma = wls.errors()[d];
            assertEquals(wls.params()[d], r.p50(d), 0.04 * sigma, "median of " + d);
            assertEquals(sigma, 0.5 * (r.p84(d) - r.p16(d)), 0.05 * sigma, "half-width of " + d);
            // the 16th and 84th percentiles of a normal are mean -+ 0.9945 sigma
            assertEquals(wls.params()[d] - 0.9945 * sigma, r.p16(d), 0.06 * sigma);
            assertTrue(r.tau(d) > 10 && r.tau(d) < 80, "tau " + r.tau(d));
        }
        assertTrue(r.acceptance(0) > 0.55 && r.acceptance(0) < 0.8, "acceptance " + r.acceptance(0));
    }

    /**
     * An injected broken gradient (knee at 11.5 kpc; -0.07 dex/kpc inside, -0.02 outside, as the
     * thesis finds) on 400 clusters, knee fitted: 200 walkers x 4,000 steps (1,000 discarded).
     * Every parameter is within two reported sigma of the truth.
     */
    @Test
    void anInjectedGradientAndKneeAreRecovered() {
        FitModel broken = FitModel.brokenFittedKnee(false);
        double[] truth = {-0.07, -0.02, -0.30, 11.5};
        FitData data = SyntheticGradients.points(broken, truth, 400, 6, 18, 0.02, 0.08, 0, 77);
        FitBatch batch = FitBatch.of(List.of(problem("knee", 77, broken, data)));
        FitResults r = EnsembleFits.runSequential(batch, settings(200, 4000, 1000), f -> { });
        for (int d = 0; d < 4; d++) {
            double sigma = 0.5 * (r.p84(d) - r.p16(d));
            assertTrue(Math.abs(r.p50(d) - truth[d]) < 2 * sigma,
                    broken.parameterNames().get(d) + ": " + r.p50(d) + " +- " + sigma + " vs " + truth[d]);
        }
        assertTrue(0.5 * (r.p84(3) - r.p16(3)) < 0.5, "the knee is constrained to better than 0.5 kpc");
    }

    /**
     * Calibration: 24 independent synthetic data sets of a line with intrinsic scatter (60 points each;
     * 48 walkers x 1,000 steps, 300 discarded). The 16-84% interval of the slope should contain the
     * truth in 68% of them; with 24 sets, between 10 and 23 (a binomial 99.8% range).
     */
    @Test
    void credibleIntervalsCoverTheTruthAsOftenAsTheyShould() {
        FitModel model = FitModel.linear(true);
        double[] truth = {-0.05, 0.4, 0.08};
        List<FitProblem> problems = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            problems.add(problem("set" + i, 1000 + i, model, SyntheticGradients.points(model, truth, 60, 6, 16, 0.03, 0.1, 0.08, 500 + i)));
        }
        FitResults r = EnsembleFits.runSequential(FitBatch.of(problems), settings(48, 1000, 300), f -> { });
        int slopeCovered = 0;
        int scatterCovered = 0;
        for (int f = 0; f < problems.size(); f++) {
            int off = 3 * f;
            slopeCovered += r.p16(off) <= truth[0] && truth[0] <= r.p84(off) ? 1 : 0;
            scatterCovered += r.p16(off + 2) <= truth[2] && truth[2] <= r.p84(off + 2) ? 1 : 0;
        }
        assertTrue(slopeCovered >= 10 && slopeCovered <= 23, "slope covered in " + slopeCovered + " of 24");
        assertTrue(scatterCovered >= 10 && scatterCovered <= 23, "scatter covered in " + scatterCovered + " of 24");
    }

    @Test
    void aFitThatCannotStartIsReportedNotThrown() {
        FitModel l = FitModel.linear(false);
        FitData data = SyntheticGradients.points(l, new double[] {-0.05, 0.4}, 30, 6, 16, 0.03, 0.1, 0, 9);
        // a prior far narrower than the starting ball: no walker lands inside it
        FitProblem p = new FitProblem("narrow", 1, l, data, List.of(Prior.uniform(5, 5 + 1e-12), Prior.flat()));
        FitResults r = EnsembleFits.runSequential(FitBatch.of(List.of(p)), settings(8, 50, 10), f -> { });
        assertNotNull(r.failure(0));
        assertTrue(Double.isNaN(r.p50(0)));
    }
}
