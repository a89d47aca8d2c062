package org.ocengine.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.ocengine.compute.GroupedSamples;
import org.ocengine.fit.FitData;
import org.ocengine.fit.FitModel;
import org.ocengine.fit.FitProblem;
import org.ocengine.fit.Prior;

/**
 * Fresh random inputs for comparing the GPU with the CPU (ocengine check, the tests): positions
 * with the hard cases of a sky match, and grouped samples. Stateless.
 */
final class ParityInputs {

    private ParityInputs() {
    }

    /** Where positions lie. */
    enum Sky {
        /** Clumps four radii (at most 20 degrees) wide across RA 0/360 (RAs also given below 0 and above 360) and at both poles (declinations exactly +-90 at many RAs), mid-latitude clumps, duplicates, uniform points, and rows without a position (nulls, NaN, infinity). */
        HARD,
        /** Uniform over the sphere. */
        UNIFORM,
        /** Uniform over a 20 x 20 degree field straddling RA 0. */
        FIELD
    }

    /**
     * Positions as Arrow vectors {ra, dec}, owned by the caller.
     *
     * @param radiusArcsec the match radius the clumps are scaled to
     */
    static Float8Vector[] positions(BufferAllocator allocator, SplittableRandom rng, int n, double radiusArcsec, Sky sky) {
        Float8Vector ra = new Float8Vector("ra", allocator);
        Float8Vector dec = new Float8Vector("dec", allocator);
        ra.allocateNew(n);
        dec.allocateNew(n);
        double r = radiusArcsec / 3600.0;
        double[][] centres = {{0.0, 0.0}, {359.99, 30.0}, {0.001, -60.0}, {180.0, 89.7}, {37.0, 90.0}, {250.0, -90.0}, {123.0, -89.2},
            {10.0, 45.0}, {0.0, 89.0}};
        for (int i = 0; i < n; i++) {
            double a;
            double d;
            double u = rng.nextDouble();
            if (sky == Sky.UNIFORM || (sky == Sky.HARD && u < 0.05)) {
                a = rng.nextDouble(0, 360);
                d = Math.toDegrees(Math.asin(rng.nextDouble(-1, 1)));
            } else if (sky == Sky.FIELD) {
                a = rng.nextDouble(-10, 10);
                a = a < 0 ? a + 360 : a;
                d = rng.nextDouble(20, 40);
            } else if (u < 0.08) {
                ra.setNull(i);
                if (rng.nextBoolean()) {
                    dec.set(i, rng.nextDouble(-90, 90));
                } else {
                    dec.setNull(i);
                }
                continue;
            } else if (u < 0.11) {
                double bad = rng.nextBoolean() ? Double.NaN : rng.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                boolean onRa = rng.nextBoolean();
                ra.set(i, onRa ? bad : rng.nextDouble(0, 360));
                dec.set(i, onRa ? rng.nextDouble(-90, 90) : bad);
                continue;
            } else if (u < 0.16 && i > 0) {
                int j = rng.nextInt(i);
                if (ra.isNull(j) || dec.isNull(j)) {
                    ra.setNull(i);
                    dec.setNull(i);
                } else {
                    ra.set(i, ra.get(j));
                    dec.set(i, dec.get(j));
                }
                continue;
            } else if (u < 0.20) {
                a = rng.nextDouble(0, 360);
                d = rng.nextBoolean() ? 90.0 : -90.0;
            } else {
                double[] c = centres[rng.nextInt(centres.length)];
                double spread = Math.min(4 * r, 20.0) * Math.sqrt(rng.nextDouble());
                double angle = rng.nextDouble(0, 2 * Math.PI);
                d = c[1] + spread * Math.sin(angle);
                double cos = Math.max(Math.cos(Math.toRadians(Math.min(89.999, Math.abs(c[1])))), 1e-3);
                a = c[0] + spread * Math.cos(angle) / cos;
                if (d > 90) {
                    d = 180 - d;
                    a += 180;
                } else if (d < -90) {
                    d = -180 - d;
                    a += 180;
                }
                double wrap = rng.nextDouble();
                a = wrap < 0.1 ? a - 360 : wrap < 0.2 ? a + 360 : a >= 360 ? a - 360 : a < 0 && wrap < 0.8 ? a + 360 : a;
            }
            ra.set(i, a);
            dec.set(i, d);
        }
        ra.setValueCount(n);
        dec.setValueCount(n);
        return new Float8Vector[] {ra, dec};
    }

    /**
     * Grouped samples: {@code groups} groups of {@code minStars..maxStars} stars (the first group
     * empty when minStars is 0), values with a spread of 30 and errors from 0.1 to 5 (every seventh
     * error 0), ordinals with gaps, random 64-bit group keys.
     */
    static GroupedSamples samples(SplittableRandom rng, int groups, int minStars, int maxStars) {
        int[] offsets = new int[groups + 1];
        long[] keys = new long[groups];
        for (int g = 0; g < groups; g++) {
            int size = minStars == 0 && g == 0 ? 0 : minStars + rng.nextInt(maxStars - minStars + 1);
            offsets[g + 1] = offsets[g] + size;
            keys[g] = rng.nextLong();
        }
        int n = offsets[groups];
        double[] values = new double[n];
        double[] errors = new double[n];
        int[] ordinals = new int[n];
        for (int g = 0; g < groups; g++) {
            double centre = 100 * rng.nextGaussian();
            int ordinal = 0;
            for (int i = offsets[g]; i < offsets[g + 1]; i++) {
                values[i] = centre + 30 * rng.nextGaussian();
                errors[i] = i % 7 == 0 ? 0.0 : 0.1 + 5 * rng.nextDouble();
                ordinal += 1 + rng.nextInt(3);
                ordinals[i] = ordinal;
            }
        }
        return new GroupedSamples(values, errors, ordinals, offsets, keys);
    }

    /**
     * Gradient fits for the ensemble sampler: fit i has model {@code models.get(i % models.size())},
     * {@code points} stars at galactocentric radii 6-16 kpc with [Fe/H] errors 0.05-0.2 dex about a
     * random truth (plus 0.08 dex of intrinsic scatter when the model has it), the default priors,
     * and every third fit a normal prior on its first parameter (so the prior's normal factor is
     * exercised). Keys are 1000 + i.
     */
    static List<FitProblem> fits(SplittableRandom rng, int count, int points, List<FitModel> models) {
        List<FitProblem> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FitModel model = models.get(i % models.size());
            int dim = model.dimension();
            double[] truth = new double[dim];
            truth[0] = rng.nextDouble(-0.09, -0.03);
            truth[1] = model.shape() == FitModel.Shape.QUADRATIC ? rng.nextDouble(-0.1, 0.1) : rng.nextDouble(-0.08, -0.01);
            if (dim > 2) {
                truth[2] = model.shape() == FitModel.Shape.QUADRATIC ? rng.nextDouble(0.1, 0.5) : rng.nextDouble(-0.3, 0.0);
            }
            if (model.kneeFitted()) {
                truth[3] = rng.nextDouble(9, 12);
            }
            if (model.shape() == FitModel.Shape.QUADRATIC) {
                truth[0] = rng.nextDouble(-0.004, 0.004);
            }
            if (model.scatter()) {
                truth[dim - 1] = 0.08;
            }
            double[] x = new double[points];
            double[] y = new double[points];
            double[] e = new double[points];
            for (int k = 0; k < points; k++) {
                x[k] = rng.nextDouble(6, 16);
                e[k] = rng.nextDouble(0.05, 0.2);
                double sigma = model.scatter() ? Math.sqrt(e[k] * e[k] + 0.08 * 0.08) : e[k];
                y[k] = model.value(x[k], truth) + sigma * gaussian(rng);
            }
            FitData data = new FitData(x, y, e);
            Map<String, Prior> overrides = i % 3 == 2 ? Map.of(model.parameterNames().get(0), Prior.normal(truth[0], 0.05)) : Map.of();
            out.add(new FitProblem("fit " + i + " " + model.describe(), 1000 + i, model, data, FitProblem.priors(model, data, overrides)));
        }
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Orbit starts (6 per orbit, Galactocentric Cartesian kpc and km/s): disc stars at R 3-15 kpc,
     * |z| up to 1 kpc, rotating at 150-260 km/s with 40 km/s in R and 30 in z, every tenth a halo
     * star (R up to 40 kpc, |z| up to 20, isotropic 150 km/s), and orbit 5 (when there are that
     * many) starting exactly in the plane on the x axis, so the recorder's turning points and the
     * field's z = 0 and y = 0 paths are exercised.
     */
    static double[] orbits(SplittableRandom rng, int n) {
        double[] v = new double[6 * n];
        for (int i = 0; i < n; i++) {
            boolean halo = i % 10 == 9;
            double cylR = halo ? rng.nextDouble(2, 40) : rng.nextDouble(3, 15);
            double phi = rng.nextDouble(0, 2 * Math.PI);
            double z = halo ? rng.nextDouble(-20, 20) : rng.nextDouble(-1, 1);
            double vPhi = halo ? 150 * gaussian(rng) : rng.nextDouble(150, 260);
            double vR = (halo ? 150 : 40) * gaussian(rng);
            double vz = (halo ? 150 : 30) * gaussian(rng);
            if (i == 5) {
                phi = 0;
                z = 0;
            }
            double c = Math.cos(phi);
            double s = Math.sin(phi);
            int o = 6 * i;
            v[o] = cylR * c;
            v[o + 1] = cylR * s;
            v[o + 2] = z;
            v[o + 3] = vR * c - vPhi * s;
            v[o + 4] = vR * s + vPhi * c;
            v[o + 5] = vz;
        }
        return v;
    }
}
