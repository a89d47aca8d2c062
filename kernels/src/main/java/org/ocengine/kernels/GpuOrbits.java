package org.ocengine.kernels;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Gamma;
import org.ocengine.compute.GravityField;
import org.ocengine.compute.OrbitIntegrator;
import org.ocengine.compute.OrbitSpec;
import org.ocengine.compute.OrbitSummaries;
import org.ocengine.compute.PhaseSpace;
import org.ocengine.galaxy.CompositePotential;
import org.ocengine.galaxy.DiscAnsatz;
import org.ocengine.galaxy.DiscProfile;
import org.ocengine.galaxy.MiyamotoNagaiDisc;
import org.ocengine.galaxy.MultipoleExpansion;
import org.ocengine.galaxy.NfwHalo;
import org.ocengine.galaxy.Potential;
import org.ocengine.galaxy.PowerLawCutoffBulge;
import org.ocengine.galaxy.Units;

/**
 * The host half of the GPU orbit integration (the device half is {@code orbits.cu}), the twin of
 * {@code CpuOrbitIntegration}: the field is described as a flat list of
 * components ({@link #describe}) with the multipole expansions' tables as
 * {@link MultipoleExpansion#table()} gives them, the starts are uploaded as they are, one thread
 * integrates one orbit with the same splitting coefficients and step, or with DOP853 and Commons
 * Math's step control and coefficients (backwards a few orbits still take a step more or fewer than
 * on the CPU: see bench/gpu/NOTES.md), and the same recorder, and nine numbers per orbit (plus the snapshots) come
 * back. DOP853's turning points and snapshots come from the cubic Hermite of each step's ends (the
 * CPU uses the 7th-order dense output, which also costs it three more force evaluations per step:
 * the device's counts are that much lower). The device's exp, log, log1p, expm1 and pow are CUDA's,
 * so results agree with the CPU's to rounding amplified by the dynamics (the bar: energy to
 * 1e-9 relative, peri/apo to 1e-6, over 500 Myr), not to the bit.
 *
 * <p>Handled here: every {@link OrbitIntegrator} in a field made of the galaxy package's Miyamoto-Nagai discs, NFW haloes, power-law bulges, disc
 * ansatz parts and multipole expansions (MWPotential2014 and McMillan17); anything else is not
 * ({@link #supports}). Device memory: 48 bytes per orbit in, 72 + 16 per snapshot out, the tables.
 * Not thread-safe.
 */
final class GpuOrbits {

    /** Doubles per field component (OC_ORBIT_FIELD_WORDS). */
    static final int FIELD_WORDS = 16;
    /** Doubles out per orbit (OC_ORBIT_OUT_WORDS). */
    static final int OUT_WORDS = 9;
    /** Orbits per launch. */
    static final int ORBITS_PER_LAUNCH = 1 << 18;

    private static final int MIYAMOTO_NAGAI = 1;
    private static final int NFW = 2;
    private static final int BULGE = 3;
    private static final int DISC_ANSATZ = 4;
    private static final int MULTIPOLE = 5;

    private final Kernels kernels;
    private final KernelDevice device;

    GpuOrbits(Kernels kernels) {
        this.kernels = kernels;
        this.device = kernels.device();
    }

    /** The field as the kernel reads it: components and the tables they point into. */
    record Field(double[] components, double[] tables) {
        int count() {
            return components.length / FIELD_WORDS;
        }
    }

    /** Whether the kernel integrates orbits in this field: one {@link #describe} knows. */
    static boolean supports(GravityField field) {
        return describe(field) != null;
    }

    /** The flat description of a field, or null when some component is not one the kernel knows. */
    static Field describe(GravityField field) {
        List<Potential> parts = new ArrayList<>();
        if (field instanceof CompositePotential c) {
            parts.addAll(c.components());
        } else if (field instanceof Potential p) {
            parts.add(p);
        } else {
            return null;
        }
        double[] components = new double[FIELD_WORDS * parts.size()];
        List<double[]> tables = new ArrayList<>();
        long tableWords = 0;
        for (int i = 0; i < parts.size(); i++) {
            int o = FIELD_WORDS * i;
            Potential p = parts.get(i);
            if (p instanceof MiyamotoNagaiDisc mn) {
                put(components, o, MIYAMOTO_NAGAI, mn.gm(), mn.a(), mn.b());
            } else if (p instanceof NfwHalo nfw) {
                put(components, o, NFW, nfw.gm(), nfw.rs());
            } else if (p instanceof PowerLawCutoffBulge b) {
                double inner = 1.5 - b.alpha() / 2;
                double outer = 1 - b.alpha() / 2;
                put(components, o, BULGE, b.amplitude(), b.alpha(), b.rc(), Gamma.gamma(inner), Gamma.gamma(outer), Gamma.logGamma(inner),
                        Gamma.logGamma(outer));
            } else if (p instanceof DiscAnsatz d) {
                DiscProfile disc = d.disc();
                put(components, o, DISC_ANSATZ, disc.sigma0(), disc.rd(), disc.zd(), disc.rHole(),
                        disc.vertical() == DiscProfile.Vertical.EXPONENTIAL ? 0 : 1, 4 * Math.PI * Units.G);
            } else if (p instanceof MultipoleExpansion m) {
                MultipoleExpansion.Grid g = m.grid();
                double[] table = m.table();
                double x0 = Math.log(g.rMin());
                double step = (Math.log(g.rMax()) - x0) / (g.nodes() - 1);
                put(components, o, MULTIPOLE, tableWords, x0, step, g.nodes(), g.lMax() / 2 + 1, g.rMin(), g.rMax(), g.lMax());
                tables.add(table);
                tableWords += table.length;
            } else {
                return null;
            }
        }
        double[] all = new double[(int) Math.max(1, tableWords)];
        int at = 0;
        for (double[] t : tables) {
            System.arraycopy(t, 0, all, at, t.length);
            at += t.length;
        }
        return new Field(components, all);
    }

    private static void put(double[] into, int offset, int type, double... values) {
        into[offset] = type;
        System.arraycopy(values, 0, into, offset + 1, values.length);
    }

    /** Kick and drift coefficients of a scheme: CpuOrbitIntegration's, the same numbers (none for DOP853). */
    static double[][] coefficients(OrbitIntegrator integrator) {
        if (integrator == OrbitIntegrator.DOP853) {
            return new double[][] {{0.0}, {0.0}};
        }
        if (integrator == OrbitIntegrator.LEAPFROG) {
            return new double[][] {{0.5, 0.5}, {1.0}};
        }
        double b1 = 0.0829844064174052;
        double b2 = 0.396309801498368;
        double b3 = -0.0390563049223486;
        double b4 = 1 - 2 * (b1 + b2 + b3);
        double a1 = 0.245298957184271;
        double a2 = 0.604872665711080;
        double a3 = 0.5 - (a1 + a2);
        return new double[][] {{b1, b2, b3, b4, b3, b2, b1}, {a1, a2, a3, a3, a2, a1}};
    }

    /**
     * DOP853's stage rows and error weights as Commons Math's DormandPrince853Integrator has them
     * (private constants, read by reflection so that the device's step control sees the CPU's
     * numbers): 12 rows of 12 (row s - 1 for stage s, zero-padded), then E1 and E2 of stages 1, 6..12.
     */
    static double[] dop853Coefficients() {
        try {
            Class<?> c = org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator.class;
            java.lang.reflect.Field a = c.getDeclaredField("STATIC_A");
            a.setAccessible(true);
            double[][] rows = (double[][]) a.get(null);
            double[] out = new double[12 * 12 + 16];
            for (int r = 0; r < 12; r++) {
                System.arraycopy(rows[r], 0, out, 12 * r, rows[r].length);
            }
            String[] stages = {"01", "06", "07", "08", "09", "10", "11", "12"};
            for (int e = 0; e < 2; e++) {
                for (int m = 0; m < 8; m++) {
                    java.lang.reflect.Field f = c.getDeclaredField("E" + (e + 1) + "_" + stages[m]);
                    f.setAccessible(true);
                    out[144 + 8 * e + m] = f.getDouble(null);
                }
            }
            return out;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read DOP853's coefficients from Commons Math: " + e, e);
        }
    }

    /** Steps of a symplectic integration: as CpuOrbitIntegration, the last one ending exactly at the duration (1 for DOP853: unused). */
    static long steps(OrbitSpec spec) {
        return spec.integrator() == OrbitIntegrator.DOP853 ? 1 : (long) Math.ceil(Math.abs(spec.durationMyr()) / spec.stepMyr() - 1e-9);
    }

    OrbitSummaries run(GravityField gravity, PhaseSpace starts, OrbitSpec spec) {
        Field field = describe(gravity);
        if (field == null) {
            throw new IllegalArgumentException("the GPU integrates orbits in the galaxy package's potentials only");
        }
        int n = starts.size();
        int s = spec.snapshotCount();
        double total = spec.durationMyr() * OrbitSpec.NATURAL_TIME_PER_MYR;
        long steps = steps(spec);
        double h = total / steps;
        double[][] coefficients = coefficients(spec.integrator());
        double[] snapTimes = spec.snapshotsMyr();
        for (int k = 0; k < s; k++) {
            snapTimes[k] *= OrbitSpec.NATURAL_TIME_PER_MYR;
        }
        double[] out = new double[OUT_WORDS * n];
        double[] snapR = new double[n * s];
        double[] snapZ = new double[n * s];
        if (n > 0) {
            try (DeviceBuffer dStart = device.allocate(48L * n);
                 DeviceBuffer dField = device.allocate(8L * field.components().length);
                 DeviceBuffer dTables = device.allocate(8L * field.tables().length);
                 DeviceBuffer dKicks = device.allocate(8L * coefficients[0].length);
                 DeviceBuffer dDrifts = device.allocate(8L * coefficients[1].length);
                 DeviceBuffer dSnapTimes = device.allocate(8L * Math.max(1, s));
                 DeviceBuffer dDop = device.allocate(8L * (12 * 12 + 16));
                 DeviceBuffer dOut = device.allocate(8L * OUT_WORDS * n);
                 DeviceBuffer dSnapR = device.allocate(8L * Math.max(1, (long) n * s));
                 DeviceBuffer dSnapZ = device.allocate(8L * Math.max(1, (long) n * s))) {
                device.upload(starts.values(), dStart, 0);
                device.upload(field.components(), dField, 0);
                device.upload(field.tables(), dTables, 0);
                device.upload(coefficients[0], dKicks, 0);
                device.upload(coefficients[1], dDrifts, 0);
                device.upload(dop853Coefficients(), dDop, 0);
                if (s > 0) {
                    device.upload(snapTimes, dSnapTimes, 0);
                }
                for (int first = 0; first < n; first += ORBITS_PER_LAUNCH) {
                    int count = Math.min(ORBITS_PER_LAUNCH, n - first);
                    kernels.orbitIntegrate(count, new Kernels.OrbitLaunch(dStart, dField, field.count(), dTables, dKicks, dDrifts,
                            coefficients[1].length, steps, h, total, dSnapTimes, s, Math.signum(total), dOut, dSnapR, dSnapZ, first,
                            spec.integrator() == OrbitIntegrator.DOP853 ? 1 : 0, spec.tolerance(), dDop));
                }
                device.download(dOut, 0, out);
                if (s > 0) {
                    device.download(dSnapR, 0, snapR);
                    device.download(dSnapZ, 0, snapZ);
                }
            }
        }
        return assemble(out, snapR, snapZ, s);
    }

    /** The summaries from the kernel's nine numbers per orbit (see orbits.cu), with the CPU's failure messages. */
    static OrbitSummaries assemble(double[] out, double[] snapR, double[] snapZ, int snapshots) {
        int n = out.length / OUT_WORDS;
        double[][] v = new double[6][n];
        long[] steps = new long[n];
        String[] failure = new String[n];
        long evaluations = 0;
        for (int i = 0; i < n; i++) {
            int o = OUT_WORDS * i;
            for (int k = 0; k < 6; k++) {
                v[k][i] = out[o + k];
            }
            int status = (int) out[o + 6];
            failure[i] = switch (status) {
                case 0 -> null;
                case 1 -> "not integrated: the starting position or velocity is not a finite number";
                case 2 -> "integration failed: a turning point of the orbit could not be bracketed";
                default -> "integration failed: the orbit left the range of finite numbers";
            };
            steps[i] = (long) out[o + 8];
            evaluations += status == 0 || status == 3 ? (long) out[o + 7] : 0;
        }
        return new OrbitSummaries(v[0], v[1], v[2], v[3], v[4], v[5], snapR, snapZ, snapshots, steps, failure, evaluations);
    }

    /** Potential and forces of a field at points, on the device: 3 values per point (for the checks). */
    double[] field(GravityField gravity, double[] cylR, double[] z) {
        Field field = describe(gravity);
        if (field == null) {
            throw new IllegalArgumentException("not a field the GPU evaluates");
        }
        int n = cylR.length;
        double[] out = new double[3 * n];
        try (DeviceBuffer dField = device.allocate(8L * field.components().length);
             DeviceBuffer dTables = device.allocate(8L * field.tables().length);
             DeviceBuffer dR = device.allocate(8L * Math.max(1, n));
             DeviceBuffer dZ = device.allocate(8L * Math.max(1, n));
             DeviceBuffer dOut = device.allocate(24L * Math.max(1, n))) {
            device.upload(field.components(), dField, 0);
            device.upload(field.tables(), dTables, 0);
            if (n > 0) {
                device.upload(cylR, dR, 0);
                device.upload(z, dZ, 0);
                kernels.orbitField(n, dField, field.count(), dTables, dR, dZ, dOut);
                device.download(dOut, 0, out);
            }
        }
        return out;
    }
}
