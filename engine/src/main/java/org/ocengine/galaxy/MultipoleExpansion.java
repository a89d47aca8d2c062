package org.ocengine.galaxy;

import java.util.function.DoubleBinaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;

/**
 * The potential of an axisymmetric, z-symmetric density by a multipole expansion, computed once into
 * tables: Phi(r, theta) = sum over even l of Phi_l(r) P_l(cos theta), with
 * Phi_l(r) = -4 pi G / (2l + 1) [r^-(l+1) int_0^r rho_l a^(l+2) da + r^l int_r^inf rho_l a^(1-l) da] and
 * rho_l(r) = (2l + 1) / 2 int rho(r, mu) P_l(mu) d mu.
 *
 * <p>How it is computed: rho_l is projected with a composite Gauss-Legendre rule in mu = cos theta
 * whose panels shrink geometrically towards the plane (down to 1e-6), so discs far thinner than the
 * radius are resolved; the two radial integrals are accumulated outwards and inwards over a
 * logarithmic grid of radii with a Gauss-Legendre rule inside each interval, each interval's
 * contribution carried to the next node by the exact factor (r_k / r_k+1)^(l+1) or ^l, so no power
 * overflows. At every node Phi_l, dPhi_l/dln r follow exactly from the two integrals and
 * d^2 Phi_l / dln r^2 from the radial Poisson equation; between nodes Phi_l is the quintic Hermite
 * polynomial in ln r through these (C^2, so the forces are the exact gradient of the interpolated
 * potential and integrators conserve its energy). Outside the grid Phi_l continues as r^l inside
 * and r^-(l+1) outside.
 *
 * <p>The tables are one flat array a GPU can read as it is ({@link #table()}, layout there). Units
 * of {@link Units}. Immutable and thread-safe; evaluations allocate nothing.
 */
public final class MultipoleExpansion implements Potential {

    /**
     * The expansion's resolution.
     *
     * @param rMin  innermost grid radius, kpc
     * @param rMax  outermost grid radius, kpc (the density must vanish beyond it)
     * @param nodes radii of the logarithmic grid
     * @param lMax  highest (even) multipole order
     */
    public record Grid(double rMin, double rMax, int nodes, int lMax) {
        public Grid {
            if (!(rMin > 0) || !(rMax > rMin) || nodes < 3 || lMax < 0 || lMax % 2 != 0) {
                throw new IllegalArgumentException("multipole grid needs 0 < rMin < rMax, at least 3 nodes and an even lMax >= 0");
            }
        }
    }

    /** Gauss-Legendre points per radial interval and per angular panel. */
    private static final int RADIAL_POINTS = 10;
    private static final int ANGULAR_POINTS = 10;
    /** Smallest angular panel edge next to the plane, and the widest panel. */
    private static final double MU_FINEST = 1e-6;
    private static final double MU_WIDEST = 0.04;

    private final String name;
    private final DoubleBinaryOperator density;
    private final Grid grid;
    private final int orders;
    private final double x0;
    private final double step;
    /** Polynomial coefficients, see {@link #table()}. */
    private final double[] coefficients;
    /** Legendre recurrence factors (2l+1)/(l+1) and l/(l+1) for l = 0 .. lMax-1. */
    private final double[] recA;
    private final double[] recB;

    /**
     * Expands {@code density} (Msun / kpc^3 at (R, z); must be symmetric in z and negligible beyond
     * {@code grid.rMax()}). Costs about (nodes x 10 x 400) density evaluations.
     */
    public MultipoleExpansion(String name, DoubleBinaryOperator density, Grid grid) {
        this.name = name;
        this.density = density;
        this.grid = grid;
        this.orders = grid.lMax() / 2 + 1;
        this.x0 = Math.log(grid.rMin());
        this.step = (Math.log(grid.rMax()) - x0) / (grid.nodes() - 1);
        this.recA = new double[Math.max(grid.lMax(), 1)];
        this.recB = new double[Math.max(grid.lMax(), 1)];
        for (int l = 0; l < grid.lMax(); l++) {
            recA[l] = (2.0 * l + 1) / (l + 1);
            recB[l] = (double) l / (l + 1);
        }
        this.coefficients = build();
    }

    /** The resolution the expansion was built with. */
    public Grid grid() {
        return grid;
    }

    /**
     * The precomputed table (a copy), laid out for a GPU kernel: with K = nodes, L = lMax / 2 + 1 and
     * h = ln(rMax / rMin) / (K - 1), entry {@code ((k * L) + j) * 6 + m} is the coefficient of t^m of
     * Phi_2j on interval k (k = 0 .. K-2), Phi_2j(r) = sum_m c_m t^m with t = (ln r - ln rMin) / h - k,
     * in (km/s)^2.
     */
    public double[] table() {
        return coefficients.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double density(double cylR, double z) {
        return density.applyAsDouble(cylR, z);
    }

    @Override
    public double potential(double cylR, double z) {
        double r = Math.sqrt(cylR * cylR + z * z);
        double mu = r > 0 ? z / r : 0;
        double x = Math.log(r);
        int k = interval(x);
        double t = (x - x0) / step - k;
        boolean inside = x >= x0 && k < grid.nodes() - 1 && t <= 1;
        // P_l by the three-term recurrence, two orders per pass (only even orders contribute)
        double p = 1;
        double pOdd = mu;
        double sum = inside ? value(k, 0, t) : outsideValue(0, r);
        for (int j = 1; j < orders; j++) {
            int l = 2 * j - 1;
            p = recA[l] * mu * pOdd - recB[l] * p;
            double phi = inside ? value(k, j, t) : outsideValue(j, r);
            sum += phi * p;
            if (j < orders - 1) {
                pOdd = recA[l + 1] * mu * p - recB[l + 1] * pOdd;
            }
        }
        return sum;
    }

    @Override
    public void addForces(double cylR, double z, double[] acc) {
        double r = Math.sqrt(cylR * cylR + z * z);
        if (r == 0) {
            return;
        }
        double mu = z / r;
        double x = Math.log(r);
        int k = interval(x);
        double t = (x - x0) / step - k;
        if (!(x >= x0 && k < grid.nodes() - 1 && t <= 1)) {
            addForcesOutside(cylR, z, r, mu, acc);
            return;
        }
        double[] c = coefficients;
        int o = k * orders * 6;
        // l = 0: P = 1, P' = 0
        double sumDx = c[o + 1] + t * (2 * c[o + 2] + t * (3 * c[o + 3] + t * (4 * c[o + 4] + t * 5 * c[o + 5])));
        double sumDmu = 0;
        // P_l and P'_l, two orders per pass: P'_(l+1) = P'_(l-1) + (2l + 1) P_l
        double p = 1;
        double dp = 0;
        double pOdd = mu;
        double dpOdd = 1;
        for (int j = 1; j < orders; j++) {
            int l = 2 * j - 1;
            double pEven = recA[l] * mu * pOdd - recB[l] * p;
            dp = dp + (2 * l + 1) * pOdd;
            p = pEven;
            o += 6;
            double phi = c[o] + t * (c[o + 1] + t * (c[o + 2] + t * (c[o + 3] + t * (c[o + 4] + t * c[o + 5]))));
            double dphi = c[o + 1] + t * (2 * c[o + 2] + t * (3 * c[o + 3] + t * (4 * c[o + 4] + t * 5 * c[o + 5])));
            sumDx += dphi * p;
            sumDmu += phi * dp;
            if (j < orders - 1) {
                double pNext = recA[l + 1] * mu * p - recB[l + 1] * pOdd;
                dpOdd = dpOdd + (2 * l + 3) * p;
                pOdd = pNext;
            }
        }
        addGradient(cylR, z, r, sumDx / step, sumDmu, acc);
    }

    /** The forces beyond the grid, where every order is a power of r. */
    private void addForcesOutside(double cylR, double z, double r, double mu, double[] acc) {
        double p = 1;
        double pPrev = 0;
        double dp = 0;
        double dpPrev = 0;
        double sumDx = 0;
        double sumDmu = 0;
        for (int l = 0, j = 0; ; l++) {
            if ((l & 1) == 0) {
                double phi = outsideValue(j, r);
                sumDx += outsideSlope(j, r) * phi * p;
                sumDmu += phi * dp;
                j++;
            }
            if (l == grid.lMax()) {
                break;
            }
            double next = recA[l] * mu * p - recB[l] * pPrev;
            double dNext = dpPrev + (2 * l + 1) * p;
            pPrev = p;
            p = next;
            dpPrev = dp;
            dp = dNext;
        }
        addGradient(cylR, z, r, sumDx, sumDmu, acc);
    }

    /** Adds minus the gradient from dPhi/dln r and dPhi/dmu (mu = z / r). */
    private static void addGradient(double cylR, double z, double r, double dPhiDx, double dPhiDmu, double[] acc) {
        // Phi_r = dPhi/dln r / r; d mu / dR = -z R / r^3, d mu / dz = R^2 / r^3
        double inv = 1 / r;
        double phiR = dPhiDx * inv;
        double m = dPhiDmu * inv * inv * inv;
        acc[0] -= phiR * cylR * inv - m * z * cylR;
        acc[1] -= phiR * z * inv + m * cylR * cylR;
    }

    /** The grid interval of ln r (clamped to the grid; callers check whether x is inside). */
    private int interval(double x) {
        int k = (int) Math.floor((x - x0) / step);
        return Math.max(0, Math.min(grid.nodes() - 2, k));
    }

    private double value(int k, int j, double t) {
        int o = (k * orders + j) * 6;
        double[] c = coefficients;
        return c[o] + t * (c[o + 1] + t * (c[o + 2] + t * (c[o + 3] + t * (c[o + 4] + t * c[o + 5]))));
    }

    /** Phi_2j beyond the grid: r^l inside rMin, r^-(l+1) outside rMax. */
    private double outsideValue(int j, double r) {
        int l = 2 * j;
        if (r < grid.rMin()) {
            return value(0, j, 0) * Math.pow(r / grid.rMin(), l);
        }
        int last = grid.nodes() - 2;
        return value(last, j, 1) * Math.pow(grid.rMax() / r, l + 1);
    }

    /** d ln Phi_2j / d ln r beyond the grid. */
    private double outsideSlope(int j, double r) {
        return r < grid.rMin() ? 2 * j : -(2 * j + 1);
    }

    // ------------------------------------------------------------------ construction

    private double[] build() {
        int nodes = grid.nodes();
        double[][] angular = angularRule();
        double[] mu = angular[0];
        double[] sinTheta = new double[mu.length];
        // weights times (2l+1) P_l(mu), so rho_l = sum_a w[j][a] rho(a)
        double[][] w = new double[orders][mu.length];
        for (int a = 0; a < mu.length; a++) {
            sinTheta[a] = Math.sqrt((1 - mu[a]) * (1 + mu[a]));
            double p = 1;
            double pPrev = 0;
            for (int l = 0; l <= grid.lMax(); l++) {
                if ((l & 1) == 0) {
                    w[l / 2][a] = angular[1][a] * (2 * l + 1) * p;
                }
                if (l < grid.lMax()) {
                    double next = recA[l] * mu[a] * p - recB[l] * pPrev;
                    pPrev = p;
                    p = next;
                }
            }
        }
        GaussIntegrator gauss = new GaussIntegratorFactory().legendre(RADIAL_POINTS, 0, 1);
        int ng = gauss.getNumberOfPoints();
        double[] rhoL = new double[orders];
        double[] values = new double[mu.length];
        double[][] rhoNode = new double[nodes][];
        double[][] inner = new double[nodes][orders];
        double[][] outer = new double[nodes][orders];
        // per interval, per Gauss point: rho_l at that radius
        double[][][] rhoGauss = new double[nodes - 1][ng][];
        for (int k = 0; k < nodes; k++) {
            rhoNode[k] = project(Math.exp(x0 + k * step), mu, sinTheta, w, values, new double[orders]);
            if (k < nodes - 1) {
                for (int g = 0; g < ng; g++) {
                    double x = x0 + (k + gauss.getPoint(g)) * step;
                    rhoGauss[k][g] = project(Math.exp(x), mu, sinTheta, w, values, new double[orders]);
                }
            }
        }
        double rMin = grid.rMin();
        for (int j = 0; j < orders; j++) {
            int l = 2 * j;
            // below rMin the density is taken as constant: int_0^rMin rho (a / rMin)^(l+1) a da
            inner[0][j] = rhoNode[0][j] * rMin * rMin / (l + 3);
            double carryIn = Math.exp(-(l + 1) * step);
            for (int k = 0; k < nodes - 1; k++) {
                double sum = 0;
                for (int g = 0; g < ng; g++) {
                    double s = gauss.getPoint(g);
                    double r = Math.exp(x0 + (k + s) * step);
                    sum += gauss.getWeight(g) * rhoGauss[k][g][j] * Math.exp((l + 1) * (s - 1) * step) * r * r;
                }
                inner[k + 1][j] = inner[k][j] * carryIn + step * sum;
            }
            double carryOut = Math.exp(-l * step);
            outer[nodes - 1][j] = 0;
            for (int k = nodes - 2; k >= 0; k--) {
                double sum = 0;
                for (int g = 0; g < ng; g++) {
                    double s = gauss.getPoint(g);
                    double r = Math.exp(x0 + (k + s) * step);
                    sum += gauss.getWeight(g) * rhoGauss[k][g][j] * Math.exp(-l * s * step) * r * r;
                }
                outer[k][j] = outer[k + 1][j] * carryOut + step * sum;
            }
        }
        double fourPiG = 4 * Math.PI * Units.G;
        double[][] f = new double[nodes][orders];
        double[][] fx = new double[nodes][orders];
        double[][] fxx = new double[nodes][orders];
        for (int k = 0; k < nodes; k++) {
            double r = Math.exp(x0 + k * step);
            for (int j = 0; j < orders; j++) {
                int l = 2 * j;
                double c = -fourPiG / (2 * l + 1);
                f[k][j] = c * (inner[k][j] + outer[k][j]);
                fx[k][j] = c * (-(l + 1) * inner[k][j] + l * outer[k][j]);
                fxx[k][j] = -fx[k][j] + l * (l + 1.0) * f[k][j] + fourPiG * r * r * rhoNode[k][j];
            }
        }
        double[] table = new double[(nodes - 1) * orders * 6];
        double h = step;
        for (int k = 0; k < nodes - 1; k++) {
            for (int j = 0; j < orders; j++) {
                double f0 = f[k][j];
                double f1 = f[k + 1][j];
                double d0 = h * fx[k][j];
                double d1 = h * fx[k + 1][j];
                double s0 = h * h * fxx[k][j];
                double s1 = h * h * fxx[k + 1][j];
                int o = (k * orders + j) * 6;
                table[o] = f0;
                table[o + 1] = d0;
                table[o + 2] = 0.5 * s0;
                table[o + 3] = 10 * (f1 - f0) - 6 * d0 - 4 * d1 - 0.5 * (3 * s0 - s1);
                table[o + 4] = -15 * (f1 - f0) + 8 * d0 + 7 * d1 + 0.5 * (3 * s0 - 2 * s1);
                table[o + 5] = 6 * (f1 - f0) - 3 * (d0 + d1) + 0.5 * (s1 - s0);
            }
        }
        return table;
    }

    /** rho_l(r) for every even l, into {@code out}. */
    private double[] project(double r, double[] mu, double[] sinTheta, double[][] w, double[] values, double[] out) {
        for (int a = 0; a < mu.length; a++) {
            values[a] = density.applyAsDouble(r * sinTheta[a], r * mu[a]);
        }
        for (int j = 0; j < orders; j++) {
            double sum = 0;
            double[] wj = w[j];
            for (int a = 0; a < mu.length; a++) {
                sum += wj[a] * values[a];
            }
            out[j] = sum;
        }
        return out;
    }

    /**
     * Nodes and weights on mu in [0, 1]: panels [0, 1e-6], then doubling up to {@value #MU_WIDEST},
     * then panels no wider than that and than half a period of P_lMax in theta.
     */
    private double[][] angularRule() {
        java.util.List<Double> edges = new java.util.ArrayList<>();
        edges.add(0.0);
        double e = MU_FINEST;
        double widest = Math.min(MU_WIDEST, Math.PI / (grid.lMax() + 1));
        while (e < widest) {
            edges.add(e);
            e *= 2;
        }
        double last = edges.get(edges.size() - 1);
        int wide = (int) Math.ceil((1 - last) / widest);
        for (int i = 1; i <= wide; i++) {
            edges.add(last + (1 - last) * i / wide);
        }
        int panels = edges.size() - 1;
        GaussIntegrator unit = new GaussIntegratorFactory().legendre(ANGULAR_POINTS, 0, 1);
        double[] nodes = new double[panels * ANGULAR_POINTS];
        double[] weights = new double[panels * ANGULAR_POINTS];
        for (int p = 0; p < panels; p++) {
            double a = edges.get(p);
            double b = edges.get(p + 1);
            for (int i = 0; i < ANGULAR_POINTS; i++) {
                nodes[p * ANGULAR_POINTS + i] = a + (b - a) * unit.getPoint(i);
                weights[p * ANGULAR_POINTS + i] = (b - a) * unit.getWeight(i);
            }
        }
        return new double[][] {nodes, weights};
    }
}
