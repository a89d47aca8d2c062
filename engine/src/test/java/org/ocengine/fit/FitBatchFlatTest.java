package org.ocengine.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link FitBatch#flat()}, what a device backend uploads: the arrays follow the layout of the class
 * comment (offsets, points, priors, starts, normal equations) and are copies the caller may change.
 */
class FitBatchFlatTest {

    @Test
    void theFlatArraysFollowTheDocumentedLayoutAndAreCopies() {
        FitModel line = FitModel.linear(false);
        FitModel scattered = FitModel.quadratic(true);
        FitData a = SyntheticGradients.points(line, new double[] {-0.06, 0.5}, 12, 6, 18, 0.02, 0.1, 0, 1);
        FitData b = SyntheticGradients.points(scattered, new double[] {0.002, -0.1, 0.5, 0.05}, 9, 6, 18, 0.02, 0.1, 0.05, 2);
        FitBatch batch = FitBatch.of(List.of(
                new FitProblem("a", 41, line, a, FitProblem.priors(line, a, Map.of("slope", Prior.normal(-0.05, 0.5)))),
                new FitProblem("b", 42, scattered, b, FitProblem.priors(scattered, b, Map.of()))));
        FitBatch.Flat flat = batch.flat();

        assertArrayEquals(new int[] {line.code(), scattered.code()}, flat.code());
        assertArrayEquals(new long[] {41, 42}, flat.key());
        assertArrayEquals(new int[] {0, 2, 6}, flat.paramOffset());
        assertArrayEquals(new int[] {0, 12, 21}, flat.pointOffset());
        assertEquals(-0.05, flat.priorMean()[0]);
        assertEquals(2.0, flat.priorInvSigma()[0]);
        assertEquals(0.0, flat.priorInvSigma()[1], "a flat prior has no normal factor");
        for (int d = 0; d < 2; d++) {
            assertEquals(batch.leastSquares(0).params()[d], flat.startCentre()[d]);
            assertEquals(batch.leastSquares(0).errors()[d], flat.startError()[d]);
        }
        double norm = 0;
        for (int i = 0; i < b.size(); i++) {
            int s = 12 + i;
            assertEquals(b.x(i), flat.x()[s]);
            assertEquals(b.y(i), flat.y()[s]);
            assertEquals(b.yErr(i) * b.yErr(i), flat.var()[s], 1e-18);
            assertEquals(1 / (b.yErr(i) * b.yErr(i)), flat.invVar()[s], 1e-9);
            norm += Math.log(2 * Math.PI * b.yErr(i) * b.yErr(i));
        }
        assertEquals(-0.5 * norm, flat.logNorm()[1], 1e-12);
        // the line has normal equations [x0, S, b0, b1, A00, A01, A10, A11]; the scattered quadratic is point by point
        assertArrayEquals(new int[] {0, -1}, flat.sumsOffset());
        assertEquals(8, flat.sums().length);
        double sw = 0;
        double swx = 0;
        for (int i = 0; i < a.size(); i++) {
            double w = 1 / (a.yErr(i) * a.yErr(i));
            sw += w;
            swx += w * a.x(i);
        }
        assertEquals(swx / sw, flat.sums()[0], 1e-12);
        assertEquals(sw, flat.sums()[7], 1e-9 * sw, "A11 = sum w");

        flat.x()[0] = 1e9;
        flat.code()[0] = -1;
        assertEquals(a.x(0), batch.flat().x()[0]);
        assertEquals(line.code(), batch.code(0));
    }
}
