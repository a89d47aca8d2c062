package org.ocengine.galaxy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * The potential and forces of an axisymmetric density by direct numerical integration, the reference
 * the expansions are checked against: Phi(R, z) = -G int int rho(R', z') R' 4 K(m) / D dR' dz', with
 * D^2 = (R + R')^2 + (z - z')^2 and m = 4 R R' / D^2 (the azimuthal integral of 1 / |x - x'| done
 * exactly as a complete elliptic integral), and the forces from the derivatives of that kernel. The
 * (R', z') plane is cut at R' = R, z' = z, z' = 0 and a few more radii, so the kernel's logarithmic
 * (potential) and 1/distance (forces) singularity, and the kink of exponential discs at z' = 0, sit at
 * corners of the rectangles, where the tanh-sinh rule used in both directions converges
 * exponentially. Test-only; single-threaded.
 */
final class DirectIntegral {

    /** One density with the rectangle it lives in (zero outside), and the cuts where it is not smooth. */
    record Component(DoubleBinaryOperator density, double rMax, double zMax) {
    }

    private final double[] nodes;
    private final double[] weights;
    /** Distances of each node from the left and the right end of [0, 1], free of cancellation. */
    private final double[] fromLeft;
    private final double[] fromRight;

    /** @param h tanh-sinh step (1/16 gives about 1e-9 on the McMillan densities, see {@code McMillan17Test}) */
    DirectIntegral(double h) {
        List<double[]> rule = new ArrayList<>();
        for (int k = -(int) Math.ceil(3.6 / h); k <= (int) Math.ceil(3.6 / h); k++) {
            double t = k * h;
            double u = 0.5 * Math.PI * Math.sinh(t);
            double w = h * 0.5 * Math.PI * Math.cosh(t) / (Math.cosh(u) * Math.cosh(u)) / 2;
            double left = 1 / (1 + Math.exp(-2 * u));
            double right = 1 / (1 + Math.exp(2 * u));
            rule.add(new double[] {left, w, left, right});
        }
        int n = rule.size();
        nodes = new double[n];
        weights = new double[n];
        fromLeft = new double[n];
        fromRight = new double[n];
        for (int i = 0; i < n; i++) {
            nodes[i] = rule.get(i)[0];
            weights[i] = rule.get(i)[1];
            fromLeft[i] = rule.get(i)[2];
            fromRight[i] = rule.get(i)[3];
        }
    }

    /**
     * Potential, F_R and F_z at (R, z) (R &gt; 0) of the sum of the components.
     *
     * @return {Phi, F_R, F_z} in (km/s)^2 and (km/s)^2 / kpc
     */
    double[] evaluate(List<Component> components, double cylR, double z) {
        double[] sum = new double[3];
        for (Component c : components) {
            double[] rCuts = cuts(0, c.rMax(), cylR, cylR + 1, cylR + 4, cylR + 16, cylR + 64);
            double[] zCuts = cuts(-c.zMax(), c.zMax(), 0, z);
            for (int i = 0; i + 1 < rCuts.length; i++) {
                for (int j = 0; j + 1 < zCuts.length; j++) {
                    rectangle(c.density(), cylR, z, rCuts[i], rCuts[i + 1], zCuts[j], zCuts[j + 1], sum);
                }
            }
        }
        sum[0] *= -Units.G;
        sum[1] *= Units.G;
        sum[2] *= Units.G;
        return sum;
    }

    /** The sorted cut points inside [lo, hi], with lo and hi. */
    private static double[] cuts(double lo, double hi, double... inner) {
        List<Double> c = new ArrayList<>(List.of(lo, hi));
        for (double x : inner) {
            if (x > lo && x < hi && !c.contains(x)) {
                c.add(x);
            }
        }
        return c.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private void rectangle(DoubleBinaryOperator rho, double cylR, double z, double r0, double r1, double z0, double z1,
                           double[] sum) {
        double lr = r1 - r0;
        double lz = z1 - z0;
        for (int i = 0; i < nodes.length; i++) {
            // R' and its offset from the field point, taken from the nearer end so no digits cancel
            double rp = r0 + lr * nodes[i];
            double dR = r0 == cylR ? lr * fromLeft[i] : r1 == cylR ? -lr * fromRight[i] : rp - cylR;
            for (int j = 0; j < nodes.length; j++) {
                double zp = z0 + lz * nodes[j];
                double dz = z0 == z ? lz * fromLeft[j] : z1 == z ? -lz * fromRight[j] : zp - z;
                double density = rho.applyAsDouble(rp, zp);
                if (density == 0) {
                    continue;
                }
                double w = lr * lz * weights[i] * weights[j] * density * rp;
                kernel(cylR, rp, dR, dz, w, sum);
            }
        }
    }

    /** Adds w times the ring kernel 4K/D and its R and z derivatives (at the field point). */
    private static void kernel(double cylR, double rp, double dR, double dz, double w, double[] sum) {
        double sR = cylR + rp;
        double bigD2 = sR * sR + dz * dz;
        double d2 = dR * dR + dz * dz;
        double bigD = Math.sqrt(bigD2);
        double kc2 = d2 / bigD2;
        double m = 4 * cylR * rp / bigD2;
        // arithmetic-geometric mean for K(m) and E(m), from the complementary modulus
        double a = 1;
        double b = Math.sqrt(kc2);
        double c2sum = 0.5 * m;
        double pow = 0.5;
        for (int it = 0; it < 40; it++) {
            double c = 0.5 * (a - b);
            double an = 0.5 * (a + b);
            b = Math.sqrt(a * b);
            a = an;
            pow *= 2;
            c2sum += pow * c * c;
            if (Math.abs(c) < 1e-17 * a) {
                break;
            }
        }
        double bigK = Math.PI / (2 * a);
        double bigE = bigK * (1 - c2sum);
        sum[0] += w * 4 * bigK / bigD;
        // dG/dz at the field point: z - z' = -dz
        sum[2] += w * 4 * dz * bigE / (d2 * bigD);
        // dG/dR = [E - (1-m) K] / (2 (1-m)) [1/R - 2 (R+R') / D^2] 4 / D - 4 K (R+R') / D^3
        double dGdR = (bigE - kc2 * bigK) / (2 * kc2) * (1 / cylR - 2 * sR / bigD2) * 4 / bigD - 4 * bigK * sR / (bigD2 * bigD);
        sum[1] += w * dGdR;
    }
}
