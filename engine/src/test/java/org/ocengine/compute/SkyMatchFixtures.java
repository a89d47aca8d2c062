package org.ocengine.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;

/** Test inputs for sky matchers, and the brute-force O(N*M) reference they must equal. */
final class SkyMatchFixtures {

    private SkyMatchFixtures() {
    }

    /**
     * Positions in degrees; {@code null} marks an Arrow null (NaN values stay NaN values, which the
     * matchers also treat as missing).
     */
    record Points(double[] ra, double[] dec, boolean[] isNull) {
        int size() {
            return ra.length;
        }

        /** Arrow vectors owned by the caller (close them, or the allocator reports a leak). */
        Float8Vector[] vectors(BufferAllocator allocator) {
            Float8Vector r = new Float8Vector("ra", allocator);
            Float8Vector d = new Float8Vector("dec", allocator);
            r.allocateNew(size());
            d.allocateNew(size());
            for (int i = 0; i < size(); i++) {
                if (isNull[i]) {
                    r.setNull(i);
                    d.setNull(i);
                } else {
                    r.set(i, ra[i]);
                    d.set(i, dec[i]);
                }
            }
            r.setValueCount(size());
            d.setValueCount(size());
            return new Float8Vector[] {r, d};
        }
    }

    /**
     * Hard cases at a scale set by the radius: clumps straddling RA 0/360 (some RAs given as negative
     * or above 360), clumps around both poles with some declinations exactly +-90 at different RAs,
     * dec above 89 degrees, mid-latitude clumps, duplicates of earlier points, a few uniform points
     * over the sphere, and missing positions (Arrow nulls and NaNs). Clumps have a radius of 4 match
     * radii.
     */
    static Points hardCases(SplittableRandom rng, int n, double radiusArcsec, Points duplicatesFrom) {
        return hardCases(rng, n, radiusArcsec, duplicatesFrom, 4);
    }

    /** {@link #hardCases} with clumps of {@code clumpRadii} match radii. */
    static Points hardCases(SplittableRandom rng, int n, double radiusArcsec, Points duplicatesFrom, double clumpRadii) {
        double r = radiusArcsec / 3600.0;
        double[][] centres = {{0.0, 0.0}, {359.99, 30.0}, {0.001, -60.0}, {180.0, 89.7}, {37.0, 90.0},
            {250.0, -90.0}, {123.0, -89.2}, {10.0, 45.0}, {0.0, 89.0}};
        double[] ra = new double[n];
        double[] dec = new double[n];
        boolean[] isNull = new boolean[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            if (u < 0.03) {
                isNull[i] = true;
                ra[i] = Double.NaN;
                dec[i] = Double.NaN;
            } else if (u < 0.05) {
                ra[i] = rng.nextBoolean() ? Double.NaN : 12.0;
                dec[i] = Double.isNaN(ra[i]) ? 5.0 : Double.NaN;
            } else if (u < 0.12 && duplicatesFrom != null && duplicatesFrom.size() > 0) {
                int j = rng.nextInt(duplicatesFrom.size());
                ra[i] = duplicatesFrom.ra()[j];
                dec[i] = duplicatesFrom.dec()[j];
                isNull[i] = duplicatesFrom.isNull()[j];
            } else if (u < 0.16 && i > 0) {
                int j = rng.nextInt(i);
                ra[i] = ra[j];
                dec[i] = dec[j];
                isNull[i] = isNull[j];
            } else if (u < 0.19) {
                ra[i] = rng.nextDouble(0, 360);
                dec[i] = rng.nextBoolean() ? 90.0 : -90.0;
            } else if (u < 0.22) {
                ra[i] = rng.nextDouble(0, 360);
                dec[i] = Math.toDegrees(Math.asin(rng.nextDouble(-1, 1)));
            } else {
                double[] c = centres[rng.nextInt(centres.length)];
                double spread = clumpRadii * r * Math.sqrt(rng.nextDouble());
                double angle = rng.nextDouble(0, 2 * Math.PI);
                double d = c[1] + spread * Math.sin(angle);
                double cos = Math.max(Math.cos(Math.toRadians(Math.min(89.999, Math.abs(c[1])))), 1e-3);
                double a = c[0] + spread * Math.cos(angle) / cos;
                if (d > 90) {
                    d = 180 - d;
                    a += 180;
                } else if (d < -90) {
                    d = -180 - d;
                    a += 180;
                }
                double wrap = rng.nextDouble();
                if (wrap < 0.1) {
                    a -= 360;
                } else if (wrap < 0.2) {
                    a += 360;
                } else if (a >= 360) {
                    a -= 360;
                } else if (a < 0 && wrap < 0.8) {
                    a += 360;
                }
                ra[i] = a;
                dec[i] = d;
            }
        }
        return new Points(ra, dec, isNull);
    }

    /** Every pair accepted by the {@link SkyGeometry} predicate, by testing all N*M combinations. */
    static MatchPairs bruteForce(Points a, Points b, double radiusArcsec) {
        double limit = SkyGeometry.chordSquaredLimit(radiusArcsec);
        double[] va = new double[3 * a.size()];
        double[] vb = new double[3 * b.size()];
        for (int i = 0; i < a.size(); i++) {
            SkyGeometry.unitVector(a.ra()[i], a.dec()[i], va, 3 * i);
        }
        for (int j = 0; j < b.size(); j++) {
            SkyGeometry.unitVector(b.ra()[j], b.dec()[j], vb, 3 * j);
        }
        List<int[]> rows = new ArrayList<>();
        List<Double> seps = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (a.isNull()[i] || !SkyGeometry.hasPosition(a.ra()[i], a.dec()[i])) {
                continue;
            }
            for (int j = 0; j < b.size(); j++) {
                if (b.isNull()[j] || !SkyGeometry.hasPosition(b.ra()[j], b.dec()[j])) {
                    continue;
                }
                double ax = va[3 * i], ay = va[3 * i + 1], az = va[3 * i + 2];
                double bx = vb[3 * j], by = vb[3 * j + 1], bz = vb[3 * j + 2];
                double c2 = SkyGeometry.chordSquared(ax, ay, az, bx, by, bz);
                if (c2 <= limit) {
                    rows.add(new int[] {i, j});
                    seps.add(SkyGeometry.separationArcsec(c2));
                }
            }
        }
        int[] ai = new int[rows.size()];
        int[] bi = new int[rows.size()];
        double[] s = new double[rows.size()];
        for (int k = 0; k < s.length; k++) {
            ai[k] = rows.get(k)[0];
            bi[k] = rows.get(k)[1];
            s[k] = seps.get(k);
        }
        return MatchPairs.sorted(ai, bi, s);
    }
}
