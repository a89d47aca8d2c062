package org.ocengine.compute;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;

/**
 * The CPU twin of the batched orbit integration: orbits are independent and each is integrated
 * alone, in Galactocentric Cartesian coordinates, by one thread (parallel streams on the caller's
 * pool), so results do not depend on the thread count.
 *
 * <p>Internally time runs in kpc / (km/s) (977.79 Myr), so that dx/dt = v and dv/dt = F in kpc, km/s
 * and (km/s)^2 / kpc. After every step the {@link Recorder} looks at the step's continuous
 * interpolant (cubic Hermite through positions and velocities for the symplectic schemes, DOP853's
 * seventh-order dense output otherwise): where d(r^2)/dt or v_z changes sign inside the step it finds
 * the turning point (Brent) and takes r or |z| there, so pericentres, apocentres and Z_max are those
 * of the continuous orbit, not of the step ends; snapshots are interpolated the same way. Energy and
 * L_z are checked at every step end. Stateless.
 */
final class CpuOrbitIntegration {

    /** Blanes &amp; Moan (2002) SRKN_6^b: kick, drift, kick, ... (7 kicks, 6 drifts, first and last kick shared). */
    private static final double[] BM4_KICKS = kicks();
    private static final double[] BM4_DRIFTS = drifts();
    private static final double[] LEAPFROG_KICKS = {0.5, 0.5};
    private static final double[] LEAPFROG_DRIFTS = {1.0};

    /** DOP853 gives up on an orbit after this many force evaluations (a well-behaved 500 Myr orbit needs about 3000). */
    private static final int MAX_EVALUATIONS = 10_000_000;

    private CpuOrbitIntegration() {
    }

    private static double[] kicks() {
        double b1 = 0.0829844064174052;
        double b2 = 0.396309801498368;
        double b3 = -0.0390563049223486;
        double b4 = 1 - 2 * (b1 + b2 + b3);
        return new double[] {b1, b2, b3, b4, b3, b2, b1};
    }

    private static double[] drifts() {
        double a1 = 0.245298957184271;
        double a2 = 0.604872665711080;
        double a3 = 0.5 - (a1 + a2);
        return new double[] {a1, a2, a3, a3, a2, a1};
    }

    static OrbitSummaries run(GravityField field, PhaseSpace starts, OrbitSpec spec) {
        int n = starts.size();
        int s = spec.snapshotCount();
        double[] rPeri = new double[n];
        double[] rApo = new double[n];
        double[] zMax = new double[n];
        double[] energy = new double[n];
        double[] energyDrift = new double[n];
        double[] lzChange = new double[n];
        double[] snapR = new double[n * s];
        double[] snapZ = new double[n * s];
        long[] steps = new long[n];
        String[] failure = new String[n];
        AtomicLong evaluations = new AtomicLong();
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] y0 = Arrays.copyOfRange(starts.values(), 6 * i, 6 * i + 6);
            Recorder rec = new Recorder(field, spec);
            long evals = 0;
            if (!allFinite(y0)) {
                failure[i] = "not integrated: the starting position or velocity is not a finite number";
            } else {
                try {
                    evals = integrate(field, y0, spec, rec);
                } catch (MathIllegalStateException | MathIllegalArgumentException e) {
                    failure[i] = "integration failed: " + e.getMessage();
                }
            }
            if (failure[i] == null && !rec.finite()) {
                failure[i] = "integration failed: the orbit left the range of finite numbers";
            }
            evaluations.addAndGet(evals);
            boolean ok = failure[i] == null;
            rPeri[i] = ok ? rec.rMin : Double.NaN;
            rApo[i] = ok ? rec.rMax : Double.NaN;
            zMax[i] = ok ? rec.zMax : Double.NaN;
            energy[i] = ok ? rec.e0 : Double.NaN;
            energyDrift[i] = ok ? rec.energyDrift : Double.NaN;
            lzChange[i] = ok ? rec.lzChange : Double.NaN;
            steps[i] = rec.steps;
            for (int k = 0; k < s; k++) {
                snapR[i * s + k] = ok ? rec.snapR[k] : Double.NaN;
                snapZ[i * s + k] = ok ? rec.snapZ[k] : Double.NaN;
            }
        });
        return new OrbitSummaries(rPeri, rApo, zMax, energy, energyDrift, lzChange, snapR, snapZ, s, steps, failure,
                evaluations.get());
    }

    /** Integrates one orbit into its recorder; returns the force evaluations. */
    private static long integrate(GravityField field, double[] y0, OrbitSpec spec, Recorder rec) {
        return switch (spec.integrator()) {
            case LEAPFROG -> symplectic(field, y0, spec, LEAPFROG_KICKS, LEAPFROG_DRIFTS, rec);
            case SYMPLECTIC4 -> symplectic(field, y0, spec, BM4_KICKS, BM4_DRIFTS, rec);
            case DOP853 -> dop853(field, y0, spec, rec);
        };
    }

    private static boolean allFinite(double[] y) {
        for (double v : y) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Accelerations at a Cartesian position into acc[0..2] (force scratch f[0..1]). */
    private static void accelerate(GravityField field, double x, double y, double z, double[] f, double[] acc) {
        double cylR = Math.sqrt(x * x + y * y);
        field.forces(cylR, z, f);
        double radial = cylR > 0 ? f[0] / cylR : 0;
        acc[0] = radial * x;
        acc[1] = radial * y;
        acc[2] = f[1];
    }

    /**
     * A symmetric kick-drift splitting with shared first and last kicks.
     *
     * @return force evaluations
     */
    private static long symplectic(GravityField field, double[] y0, OrbitSpec spec, double[] kick, double[] drift, Recorder rec) {
        double total = spec.durationMyr() * OrbitSpec.NATURAL_TIME_PER_MYR;
        long n = (long) Math.ceil(Math.abs(spec.durationMyr()) / spec.stepMyr() - 1e-9);
        double h = total / n;
        double[] q = {y0[0], y0[1], y0[2]};
        double[] p = {y0[3], y0[4], y0[5]};
        double[] f = new double[2];
        double[] acc = new double[3];
        accelerate(field, q[0], q[1], q[2], f, acc);
        long evals = 1;
        double[] a0 = acc.clone();
        Hermite step = new Hermite();
        double[] yA = y0.clone();
        double[] yB = new double[6];
        rec.start(0, yA);
        for (long k = 0; k < n; k++) {
            double tA = k * h;
            double tB = k == n - 1 ? total : (k + 1) * h;
            for (int stage = 0; stage < drift.length; stage++) {
                double b = kick[stage] * h;
                p[0] += b * acc[0];
                p[1] += b * acc[1];
                p[2] += b * acc[2];
                double a = drift[stage] * h;
                q[0] += a * p[0];
                q[1] += a * p[1];
                q[2] += a * p[2];
                accelerate(field, q[0], q[1], q[2], f, acc);
                evals++;
            }
            double b = kick[kick.length - 1] * h;
            p[0] += b * acc[0];
            p[1] += b * acc[1];
            p[2] += b * acc[2];
            yB[0] = q[0];
            yB[1] = q[1];
            yB[2] = q[2];
            yB[3] = p[0];
            yB[4] = p[1];
            yB[5] = p[2];
            step.set(tA, yA, tB, yB);
            rec.step(tA, yA, tB, yB, step);
            System.arraycopy(yB, 0, yA, 0, 6);
        }
        return evals;
    }

    private static long dop853(GravityField field, double[] y0, OrbitSpec spec, Recorder rec) {
        double total = spec.durationMyr() * OrbitSpec.NATURAL_TIME_PER_MYR;
        double tol = spec.tolerance();
        double[] absTol = {tol, tol, tol, 100 * tol, 100 * tol, 100 * tol};
        double[] relTol = {tol, tol, tol, tol, tol, tol};
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-12 * Math.abs(total), Math.abs(total), absTol, relTol);
        integrator.setMaxEvaluations(MAX_EVALUATIONS);
        double[] f = new double[2];
        double[] acc = new double[3];
        FirstOrderDifferentialEquations equations = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 6;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] yDot) {
                yDot[0] = y[3];
                yDot[1] = y[4];
                yDot[2] = y[5];
                accelerate(field, y[0], y[1], y[2], f, acc);
                yDot[3] = acc[0];
                yDot[4] = acc[1];
                yDot[5] = acc[2];
            }
        };
        double[] yA = y0.clone();
        rec.start(0, yA);
        integrator.addStepHandler(new StepHandler() {
            private final Dense dense = new Dense();
            private final double[] yB = new double[6];

            @Override
            public void init(double t0, double[] start, double t) {
                // the recorder was started above
            }

            @Override
            public void handleStep(StepInterpolator interpolator, boolean isLast) {
                double tA = interpolator.getPreviousTime();
                double tB = interpolator.getCurrentTime();
                interpolator.setInterpolatedTime(tB);
                System.arraycopy(interpolator.getInterpolatedState(), 0, yB, 0, 6);
                dense.interpolator = interpolator;
                rec.step(tA, yA, tB, yB, dense);
                System.arraycopy(yB, 0, yA, 0, 6);
            }
        });
        double[] end = new double[6];
        integrator.integrate(equations, 0, y0.clone(), total, end);
        return integrator.getEvaluations();
    }

    /** The state anywhere inside the current step. */
    private interface StepState {
        void at(double t, double[] y);
    }

    /** DOP853's dense output of the current step. */
    private static final class Dense implements StepState {
        StepInterpolator interpolator;

        @Override
        public void at(double t, double[] y) {
            interpolator.setInterpolatedTime(t);
            System.arraycopy(interpolator.getInterpolatedState(), 0, y, 0, 6);
        }
    }

    /** The cubic Hermite through the positions and velocities at the ends of a step; velocities are its derivative. */
    private static final class Hermite implements StepState {
        private double tA;
        private double h;
        private final double[] p0 = new double[3];
        private final double[] p1 = new double[3];
        private final double[] m0 = new double[3];
        private final double[] m1 = new double[3];

        void set(double tA, double[] yA, double tB, double[] yB) {
            this.tA = tA;
            this.h = tB - tA;
            for (int k = 0; k < 3; k++) {
                p0[k] = yA[k];
                p1[k] = yB[k];
                m0[k] = yA[k + 3] * h;
                m1[k] = yB[k + 3] * h;
            }
        }

        @Override
        public void at(double t, double[] y) {
            double s = (t - tA) / h;
            double s2 = s * s;
            double s3 = s2 * s;
            double h00 = 2 * s3 - 3 * s2 + 1;
            double h10 = s3 - 2 * s2 + s;
            double h01 = -2 * s3 + 3 * s2;
            double h11 = s3 - s2;
            double d00 = 6 * s2 - 6 * s;
            double d10 = 3 * s2 - 4 * s + 1;
            double d01 = -6 * s2 + 6 * s;
            double d11 = 3 * s2 - 2 * s;
            for (int k = 0; k < 3; k++) {
                y[k] = h00 * p0[k] + h10 * m0[k] + h01 * p1[k] + h11 * m1[k];
                y[k + 3] = (d00 * p0[k] + d10 * m0[k] + d01 * p1[k] + d11 * m1[k]) / h;
            }
        }
    }

    /** Follows one orbit's extremes, snapshots and invariants, step by step. Not thread-safe: one per orbit. */
    private static final class Recorder {
        private final GravityField field;
        private final double[] snapTimes;
        private final double direction;
        private final BrentSolver solver = new BrentSolver(1e-14, 1e-12);
        private final double[] y = new double[6];
        final double[] snapR;
        final double[] snapZ;
        double rMin = Double.POSITIVE_INFINITY;
        double rMax = 0;
        double zMax = 0;
        double e0;
        double lz0;
        double energyDrift;
        double lzChange;
        long steps;

        Recorder(GravityField field, OrbitSpec spec) {
            this.field = field;
            this.direction = Math.signum(spec.durationMyr());
            this.snapTimes = new double[spec.snapshotCount()];
            for (int k = 0; k < snapTimes.length; k++) {
                snapTimes[k] = spec.snapshot(k) * OrbitSpec.NATURAL_TIME_PER_MYR;
            }
            this.snapR = new double[snapTimes.length];
            this.snapZ = new double[snapTimes.length];
            Arrays.fill(snapR, Double.NaN);
            Arrays.fill(snapZ, Double.NaN);
        }

        void start(double t, double[] y0) {
            e0 = energy(y0);
            lz0 = y0[1] * y0[3] - y0[0] * y0[4];
            extremesAt(y0);
            for (int k = 0; k < snapTimes.length; k++) {
                if (snapTimes[k] == t) {
                    snap(k, y0);
                }
            }
        }

        boolean finite() {
            return Double.isFinite(rMin) && Double.isFinite(rMax) && Double.isFinite(zMax) && Double.isFinite(energyDrift);
        }

        void step(double tA, double[] yA, double tB, double[] yB, StepState state) {
            steps++;
            extremesAt(yB);
            double gA = yA[0] * yA[3] + yA[1] * yA[4] + yA[2] * yA[5];
            double gB = yB[0] * yB[3] + yB[1] * yB[4] + yB[2] * yB[5];
            if (gA * gB < 0) {
                double t = root(t1 -> {
                    state.at(t1, y);
                    return y[0] * y[3] + y[1] * y[4] + y[2] * y[5];
                }, tA, tB);
                state.at(t, y);
                extremesAt(y);
            }
            if (yA[5] * yB[5] < 0) {
                double t = root(t1 -> {
                    state.at(t1, y);
                    return y[5];
                }, tA, tB);
                state.at(t, y);
                extremesAt(y);
            }
            for (int k = 0; k < snapTimes.length; k++) {
                double s = snapTimes[k] * direction;
                if (s > tA * direction && s <= tB * direction) {
                    state.at(snapTimes[k], y);
                    snap(k, y);
                }
            }
            double dE = Math.abs(energy(yB) - e0) / Math.abs(e0);
            energyDrift = Math.max(energyDrift, dE);
            double lz = yB[1] * yB[3] - yB[0] * yB[4];
            lzChange = Math.max(lzChange, Math.abs(lz - lz0));
        }

        private double root(UnivariateFunction g, double tA, double tB) {
            return solver.solve(200, g, Math.min(tA, tB), Math.max(tA, tB));
        }

        private void extremesAt(double[] s) {
            double r = Math.sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
            rMin = Math.min(rMin, r);
            rMax = Math.max(rMax, r);
            zMax = Math.max(zMax, Math.abs(s[2]));
        }

        private void snap(int k, double[] s) {
            snapR[k] = Math.sqrt(s[0] * s[0] + s[1] * s[1]);
            snapZ[k] = s[2];
        }

        private double energy(double[] s) {
            double v2 = s[3] * s[3] + s[4] * s[4] + s[5] * s[5];
            return 0.5 * v2 + field.potential(Math.sqrt(s[0] * s[0] + s[1] * s[1]), s[2]);
        }
    }
}
