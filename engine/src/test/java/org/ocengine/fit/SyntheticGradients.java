package org.ocengine.fit;

import org.ocengine.random.Philox4x64;

/**
 * Synthetic gradient data for tests: x uniform on [xMin, xMax], errors uniform on [eMin, eMax], y the
 * model plus Gaussian noise of that error (and of an optional intrinsic scatter), all from Philox
 * streams keyed by a seed, so every JVM makes the same points.
 */
final class SyntheticGradients {

    private SyntheticGradients() {
    }

    static FitData points(FitModel model, double[] truth, int n, double xMin, double xMax, double eMin, double eMax,
                          double scatter, long seed) {
        WalkerStreams s = new WalkerStreams(seed, 0xDA7AL);
        double[] x = new double[n];
        double[] y = new double[n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xMin + (xMax - xMin) * Philox4x64.uniformOpen(s.word(0, i, 0));
            e[i] = eMin + (eMax - eMin) * Philox4x64.uniformOpen(s.word(0, i, 1));
            double sigma = Math.sqrt(e[i] * e[i] + scatter * scatter);
            y[i] = model.value(x[i], truth) + sigma * s.normal(1, i, 0);
        }
        return new FitData(x, y, e);
    }
}
