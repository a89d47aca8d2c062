package org.ocengine.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.GroupStatistics;
import org.ocengine.compute.GroupedSamples;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.MonteCarloSpec;
import org.ocengine.compute.SkyGeometry;
import org.ocengine.compute.GravityField;
import org.ocengine.compute.OrbitIntegrator;
import org.ocengine.compute.OrbitSpec;
import org.ocengine.compute.OrbitSummaries;
import org.ocengine.compute.PhaseSpace;
import org.ocengine.compute.SkyPositions;
import org.ocengine.fit.FitBatch;
import org.ocengine.fit.FitModel;
import org.ocengine.fit.FitResults;
import org.ocengine.fit.SamplerSettings;
import org.ocengine.galaxy.MWPotential2014;
import org.ocengine.galaxy.McMillan17;
import org.ocengine.galaxy.Potential;
import org.ocengine.random.DrawKey;
import org.ocengine.random.Fnv1a;
import org.ocengine.random.NormalQuantile;
import org.ocengine.random.Philox4x64;
import org.ocengine.random.Ziggurat;

/**
 * The GPU against the CPU on fresh random inputs ({@code ocengine check}): the device functions
 * one by one (Philox blocks, whole draws, ziggurat deviates along every path, fdlibm's exp, log and
 * log1p, the normal quantile, degree trigonometry and unit vectors), which must equal Java to the
 * bit; the sky match on several sizes and skies (RA 0/360 and the poles included, and with the
 * device memory capped so that B is cut into bands and A into chunks), whose pairs and separations
 * must be identical; the grouped Monte-Carlo, whose statistics must agree to 1e-12 relative
 * (they are expected to be identical); and batched ensemble MCMC over every gradient model, whose
 * acceptance fractions and percentiles must be identical (the same random words and arithmetic
 * give the same accept/reject decisions, so the same chains) and whose autocorrelation times must
 * agree to {@value #TAU_TOLERANCE} relative (direct lag sums on the GPU, FFTs on the CPU); and
 * orbits (the fields of MWPotential2014 and McMillan17 to {@value #FIELD_TOLERANCE} relative, then
 * orbits over 500 Myr with both symplectic schemes and DOP853: energy to {@value #ORBIT_ENERGY_TOLERANCE}
 * relative, peri/apo, Z_max and snapshots to {@value #ORBIT_TOLERANCE}, the bar; the
 * symplectic schemes also in the CPU's steps). Not thread-safe.
 */
public final class ParityCheck {

    /** How big the inputs are: QUICK for the tests (CPU-emulated device), FULL on a GPU. */
    public enum Scale { QUICK, FULL }

    /**
     * One comparison.
     *
     * @param check      what was compared
     * @param size       the input size, in words
     * @param passed     whether GPU and CPU agreed as required
     * @param detail     counts, the largest difference, or the first disagreement
     * @param gpuSeconds time on the GPU backend (operations only)
     * @param cpuSeconds time of the Java reference
     */
    public record Outcome(String check, String size, boolean passed, String detail, double gpuSeconds, double cpuSeconds) {
    }

    /** All comparisons of one run. */
    public record Report(String device, String cpu, long seed, Scale scale, List<Outcome> outcomes) {
        public boolean passed() {
            return outcomes.stream().allMatch(Outcome::passed);
        }
    }

    /** Largest relative difference allowed in Monte-Carlo statistics. */
    static final double MC_TOLERANCE = 1e-12;
    /** Largest relative difference allowed in autocorrelation times. */
    static final double TAU_TOLERANCE = 1e-9;
    /** Largest relative difference allowed in potentials and forces (CUDA's libm against Java's). */
    static final double FIELD_TOLERANCE = 1e-12;
    /** Largest relative difference allowed in an orbit's energy. */
    static final double ORBIT_ENERGY_TOLERANCE = 1e-9;
    /** Largest relative difference allowed in peri/apo, Z_max and snapshots (absolute in kpc for snapshot z). */
    static final double ORBIT_TOLERANCE = 1e-6;

    private final CudaBackend gpu;
    private final ComputeBackend cpu;
    private final long seed;
    private final Scale scale;
    private final Kernels kernels;
    private final KernelDevice device;

    /**
     * @param gpu   the CUDA backend under test
     * @param cpu   the reference backend
     * @param seed  seed of the random inputs (and of the Monte-Carlo draws)
     * @param scale input sizes
     */
    public ParityCheck(CudaBackend gpu, ComputeBackend cpu, long seed, Scale scale) {
        this.gpu = gpu;
        this.cpu = cpu;
        this.seed = seed;
        this.scale = scale;
        this.kernels = gpu.kernels();
        this.device = kernels.device();
    }

    /** Runs every comparison, handing each outcome to {@code progress} as it completes. */
    public Report run(Consumer<Outcome> progress) {
        boolean full = scale == Scale.FULL;
        int m = full ? 1_000_000 : 20_000;
        List<Map.Entry<String, Supplier<Outcome>>> checks = new ArrayList<>();
        checks.add(Map.entry("Philox4x64-10 blocks", () -> philox(full ? 1_000_000 : 5_000)));
        checks.add(Map.entry("normal deviates (DrawKey)", () -> normals(full ? 4_000_000 : 60_000)));
        checks.add(Map.entry("ziggurat deviates along every path", () -> ziggurat(full ? 200_000 : 6_000)));
        checks.add(Map.entry("exp", () -> math(Kernels.MathFunction.EXP, StrictMath::exp, m)));
        checks.add(Map.entry("log", () -> math(Kernels.MathFunction.LOG, StrictMath::log, m)));
        checks.add(Map.entry("log1p", () -> math(Kernels.MathFunction.LOG1P, StrictMath::log1p, m)));
        checks.add(Map.entry("normal quantile", () -> math(Kernels.MathFunction.NORMAL_QUANTILE, NormalQuantile::inverseCdf, m)));
        checks.add(Map.entry("sin degrees", () -> math(Kernels.MathFunction.SIN_DEGREES, SkyGeometry::sinDegrees, m)));
        checks.add(Map.entry("cos degrees", () -> math(Kernels.MathFunction.COS_DEGREES, SkyGeometry::cosDegrees, m)));
        checks.add(Map.entry("normalise ra", () -> math(Kernels.MathFunction.NORMALISE_RA, SkyGeometry::normaliseRa, m)));
        checks.add(Map.entry("unit vectors", () -> unitVectors(m)));
        for (SkyCase c : full ? FULL_SKY : QUICK_SKY) {
            checks.add(Map.entry(c.check(), () -> sky(c)));
        }
        for (McCase c : full ? FULL_MC : QUICK_MC) {
            checks.add(Map.entry(c.check(), () -> monteCarlo(c)));
        }
        for (FitCase c : full ? FULL_FITS : QUICK_FITS) {
            checks.add(Map.entry(c.check(), () -> ensembleFits(c)));
        }
        checks.add(Map.entry("gravity fields", () -> fields(full ? 100_000 : 300)));
        for (OrbitCase c : full ? FULL_ORBITS : QUICK_ORBITS) {
            checks.add(Map.entry(c.check(), () -> orbits(c)));
        }
        List<Outcome> all = new ArrayList<>();
        for (Map.Entry<String, Supplier<Outcome>> check : checks) {
            Outcome o = guarded(check.getKey(), check.getValue());
            all.add(o);
            progress.accept(o);
        }
        return new Report(gpu.description(), cpu.description(), seed, scale, List.copyOf(all));
    }

    /** A sky-match comparison: sizes, radius, skies, and a device memory cap (0 for none). */
    record SkyCase(String check, int nA, int nB, double radius, ParityInputs.Sky skyA, ParityInputs.Sky skyB, long memoryCap) {
    }

    /** A Monte-Carlo comparison: groups of minStars..maxStars stars, draws, and a device memory cap (0 for none). */
    record McCase(String check, int groups, int minStars, int maxStars, int draws, long memoryCap) {
    }

    private static final List<SkyCase> FULL_SKY = List.of(
            new SkyCase("sky match, hard cases", 20_000, 20_000, 3.5, ParityInputs.Sky.HARD, ParityInputs.Sky.HARD, 0),
            new SkyCase("sky match, hard cases, 1 arcmin", 50_000, 50_000, 60, ParityInputs.Sky.HARD, ParityInputs.Sky.HARD, 0),
            new SkyCase("sky match, hard cases, 2 degrees", 5_000, 5_000, 7200, ParityInputs.Sky.HARD, ParityInputs.Sky.HARD, 0),
            new SkyCase("sky match, field across RA 0", 1_000_000, 4_000_000, 3.5, ParityInputs.Sky.FIELD, ParityInputs.Sky.FIELD, 0),
            new SkyCase("sky match, whole sky", 1_000_000, 10_000_000, 3.5, ParityInputs.Sky.UNIFORM, ParityInputs.Sky.UNIFORM, 0),
            new SkyCase("sky match, hard cases, memory capped (bands, chunks)", 200_000, 2_000_000, 3.5, ParityInputs.Sky.HARD,
                    ParityInputs.Sky.HARD, 48L << 20));
    private static final List<SkyCase> QUICK_SKY = List.of(
            new SkyCase("sky match, hard cases", 700, 900, 3.5, ParityInputs.Sky.HARD, ParityInputs.Sky.HARD, 0),
            new SkyCase("sky match, hard cases, 2 degrees", 300, 400, 7200, ParityInputs.Sky.HARD, ParityInputs.Sky.HARD, 0),
            new SkyCase("sky match, field across RA 0", 2_000, 3_000, 600, ParityInputs.Sky.FIELD, ParityInputs.Sky.FIELD, 0),
            new SkyCase("sky match, hard cases, memory capped (bands, chunks)", 600, 1500, 60, ParityInputs.Sky.HARD,
                    ParityInputs.Sky.HARD, 150_000));
    private static final List<McCase> FULL_MC = List.of(
            new McCase("Monte-Carlo, 500 groups of 0-150 stars", 500, 0, 150, 5000, 0),
            new McCase("Monte-Carlo, 2000 groups of 100 stars", 2000, 100, 100, 5000, 0),
            new McCase("Monte-Carlo, 6 groups of 1000-3000 stars", 6, 1000, 3000, 5000, 0),
            new McCase("Monte-Carlo, odd draws", 100, 1, 60, 4999, 0),
            new McCase("Monte-Carlo, memory capped (chunks of groups)", 400, 20, 80, 5000, 24L << 20));
    private static final List<McCase> QUICK_MC = List.of(
            new McCase("Monte-Carlo, 30 groups of 0-40 stars", 30, 0, 40, 203, 0),
            new McCase("Monte-Carlo, 3 groups of 200-400 stars", 3, 200, 400, 120, 0),
            new McCase("Monte-Carlo, memory capped (chunks of groups)", 12, 5, 30, 64, 40_000));

    /** An ensemble-MCMC comparison: fits (models in turn), points, walkers, steps, discard, thin, likelihood, device memory cap (0 for none). */
    record FitCase(String check, int fits, int points, int walkers, int steps, int discard, int thin, FitBatch.Likelihood likelihood,
                   long memoryCap) {
    }

    private static final List<FitModel> ALL_MODELS = List.of(FitModel.linear(false), FitModel.linear(true), FitModel.quadratic(false),
            FitModel.quadratic(true), FitModel.brokenAt(10.5, false), FitModel.brokenAt(10.5, true), FitModel.brokenFittedKnee(false),
            FitModel.brokenFittedKnee(true));
    private static final List<FitCase> FULL_FITS = List.of(
            new FitCase("ensemble MCMC, every model, 300 walkers", 64, 400, 300, 3000, 600, 1, FitBatch.Likelihood.SUMS, 0),
            new FitCase("ensemble MCMC, every model, point by point", 32, 400, 100, 2000, 400, 2, FitBatch.Likelihood.POINTS, 0),
            new FitCase("ensemble MCMC, memory capped (chunks of fits)", 40, 100, 64, 1500, 300, 1, FitBatch.Likelihood.SUMS, 40L << 20));
    private static final List<FitCase> QUICK_FITS = List.of(
            new FitCase("ensemble MCMC, every model", 8, 30, 16, 200, 40, 1, FitBatch.Likelihood.SUMS, 0),
            new FitCase("ensemble MCMC, memory capped (chunks of fits)", 5, 20, 12, 150, 30, 3, FitBatch.Likelihood.POINTS, 60_000));

    /** An orbit comparison: McMillan17 (else MWPotential2014), orbits, scheme, duration and step (Myr). */
    record OrbitCase(String check, boolean mcMillan, int orbits, OrbitIntegrator integrator, double durationMyr, double stepMyr) {
    }

    private static final List<OrbitCase> FULL_ORBITS = List.of(
            new OrbitCase("orbits, McMillan17, symplectic4, 500 Myr", true, 2000, OrbitIntegrator.SYMPLECTIC4, 500, 0.1),
            new OrbitCase("orbits, MWPotential2014, leapfrog, 500 Myr back", false, 2000, OrbitIntegrator.LEAPFROG, -500, 0.1),
            new OrbitCase("orbits, McMillan17, DOP853, 500 Myr back", true, 2000, OrbitIntegrator.DOP853, -500, 0.1));
    private static final List<OrbitCase> QUICK_ORBITS = List.of(
            new OrbitCase("orbits, McMillan17, symplectic4", true, 12, OrbitIntegrator.SYMPLECTIC4, 30, 0.5),
            new OrbitCase("orbits, MWPotential2014, leapfrog, back", false, 12, OrbitIntegrator.LEAPFROG, -30, 0.5),
            new OrbitCase("orbits, McMillan17, DOP853", true, 12, OrbitIntegrator.DOP853, 30, 0.5));

    /** The outcome of a comparison, or a failed one when the comparison itself threw. */
    private static Outcome guarded(String check, Supplier<Outcome> comparison) {
        try {
            return comparison.get();
        } catch (RuntimeException e) {
            String where = e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : "";
            return new Outcome(check, "", false, "failed: " + e + where, 0, 0);
        }
    }

    private SplittableRandom random(String check) {
        return new SplittableRandom(seed ^ Fnv1a.hash64(check));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private Outcome philox(int n) {
        SplittableRandom rng = random("philox");
        long[] in = new long[6 * n];
        for (int i = 0; i < in.length; i++) {
            in[i] = rng.nextLong();
        }
        long[] got = new long[4 * n];
        long t0 = System.nanoTime();
        try (DeviceBuffer din = device.allocate(8L * in.length); DeviceBuffer dout = device.allocate(8L * got.length)) {
            device.upload(in, din, 0);
            kernels.testPhilox(n, din, dout);
            device.download(dout, 0, got);
        }
        double gpuSeconds = seconds(t0);
        t0 = System.nanoTime();
        long[] block = new long[4];
        int wrong = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            Philox4x64.block(in[6 * i], in[6 * i + 1], in[6 * i + 2], in[6 * i + 3], in[6 * i + 4], in[6 * i + 5], block);
            for (int w = 0; w < 4; w++) {
                if (block[w] != got[4 * i + w]) {
                    wrong++;
                    first = first < 0 ? i : first;
                }
            }
        }
        return new Outcome("Philox4x64-10 blocks", n + " random counters and keys", wrong == 0,
                wrong == 0 ? 4L * n + " words identical" : wrong + " words differ, first in block " + first, gpuSeconds, seconds(t0));
    }

    private Outcome normals(int n) {
        SplittableRandom rng = random("normals");
        long[] groupKeys = new long[n];
        int[] streams = new int[n];
        int[] stars = new int[n];
        long[] draws = new long[n];
        for (int i = 0; i < n; i++) {
            groupKeys[i] = rng.nextLong();
            streams[i] = rng.nextInt(4);
            stars[i] = rng.nextInt(1_000_000);
            draws[i] = rng.nextInt(100_000);
        }
        long drawSeed = rng.nextLong();
        double[] got = new double[n];
        long t0 = System.nanoTime();
        try (DeviceBuffer dk = device.allocate(8L * n); DeviceBuffer ds = device.allocate(4L * n); DeviceBuffer dst = device.allocate(4L * n);
             DeviceBuffer dd = device.allocate(8L * n); DeviceBuffer out = device.allocate(8L * n)) {
            device.upload(groupKeys, dk, 0);
            device.upload(streams, ds, 0);
            device.upload(stars, dst, 0);
            device.upload(draws, dd, 0);
            kernels.testNormal(n, dk, ds, dst, dd, out, gpu.ziggurat(), drawSeed);
            device.download(out, 0, got);
        }
        double gpuSeconds = seconds(t0);
        t0 = System.nanoTime();
        DrawKey key = new DrawKey(drawSeed);
        long[] block = new long[4];
        int wrong = 0;
        int slow = 0;
        for (int i = 0; i < n; i++) {
            double expected = key.normal(groupKeys[i], streams[i], stars[i], draws[i]);
            wrong += sameBits(expected, got[i]) ? 0 : 1;
            Philox4x64.block(draws[i] >>> 2, 0, ((long) streams[i] << 32) | (stars[i] & 0xFFFFFFFFL), groupKeys[i], drawSeed, DrawKey.KEY1, block);
            slow += Double.isNaN(Ziggurat.fast(block[(int) (draws[i] & 3)])) ? 1 : 0;
        }
        return new Outcome("normal deviates (DrawKey)", n + " random (group, stream, star, draw)", wrong == 0,
                (wrong == 0 ? "all identical" : wrong + " differ") + "; " + slow + " took the ziggurat's rare paths", gpuSeconds, seconds(t0));
    }

    /** Word sequences that drive the ziggurat along each path, with the path's share of the sequences. */
    private Outcome ziggurat(int n) {
        SplittableRandom rng = random("ziggurat");
        int words = Ziggurat.MAX_WORDS;
        long[] seq = new long[words * n];
        long[] k = Ziggurat.layerThresholds();
        for (int i = 0; i < n; i++) {
            int kind = i % 6;
            for (int m = 0; m < words; m++) {
                seq[i * words + m] = rng.nextLong();
            }
            int layer = kind == 2 || kind == 4 ? 0 : 1 + rng.nextInt(255);
            long rejected = (Math.max(k[layer], rng.nextLong(1L << 52)) << 12) | (rng.nextBoolean() ? 0x100L : 0) | layer;
            long maxed = (((1L << 52) - 1) << 12) | (rng.nextBoolean() ? 0x100L : 0) | layer;
            switch (kind) {
                case 1, 2 -> seq[i * words] = rejected; // a wedge or tail test decides
                case 3, 4 -> { // every try rejected: the inverse-CDF fallback
                    for (int m = 0; m < words; m++) {
                        seq[i * words + m] = maxed;
                    }
                }
                case 5 -> { // several rejections, then whatever comes
                    for (int m = 0; m < 2 * (1 + rng.nextInt(8)); m += 2) {
                        seq[i * words + m] = rejected;
                        seq[i * words + m + 1] = maxed;
                    }
                }
                default -> {
                }
            }
        }
        double[] got = new double[n];
        long t0 = System.nanoTime();
        try (DeviceBuffer din = device.allocate(8L * seq.length); DeviceBuffer dout = device.allocate(8L * n)) {
            device.upload(seq, din, 0);
            kernels.testZiggurat(n, din, dout, gpu.ziggurat());
            device.download(dout, 0, got);
        }
        double gpuSeconds = seconds(t0);
        t0 = System.nanoTime();
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            int base = i * words;
            wrong += sameBits(Ziggurat.deviate(m -> seq[base + m]), got[i]) ? 0 : 1;
        }
        return new Outcome("ziggurat deviates along every path", n + " word sequences (fast, wedge, tail, exhausted)", wrong == 0,
                wrong == 0 ? "all identical" : wrong + " differ", gpuSeconds, seconds(t0));
    }

    private Outcome math(Kernels.MathFunction function, DoubleUnaryOperator reference, int n) {
        SplittableRandom rng = random(function.name());
        double[] x = new double[n];
        double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1.0, -1.0, 0.5, -0.5, 0x1.0p-28, 0x1.0p-54, 709.78, 709.79,
            -745.13, -745.14, 0.34657359027997264, 1.0397207708399179, 0.41422, -0.2929, -1.0 + 0x1.0p-53, 1e-300, 1 - 0x1.0p-53, 90.0,
            -90.0, 45.0, 180.0, 270.0, 360.0, -360.0, 720.0, 359.99999999999994, -1e-300, 1e6, Math.nextDown(360.0)};
        for (int i = 0; i < n; i++) {
            if (i < special.length) {
                x[i] = special[i];
                continue;
            }
            double u = rng.nextDouble();
            x[i] = switch (function) {
                case EXP -> i % 3 == 0 ? rng.nextDouble(-1, 1) : rng.nextDouble(-750, 750);
                case LOG -> i % 3 == 0 ? rng.nextDouble(0.5, 2) : Math.pow(10, rng.nextDouble(-320, 308));
                case LOG1P -> i % 3 == 0 ? -rng.nextDouble() : i % 3 == 1 ? rng.nextDouble(-1e-3, 1e-3) : Math.pow(10, rng.nextDouble(-20, 300));
                case NORMAL_QUANTILE -> i % 2 == 0 ? Philox4x64.uniformOpen(rng.nextLong()) : Math.pow(10, -rng.nextDouble(0, 300));
                case SIN_DEGREES, COS_DEGREES -> i % 4 == 0 ? 15 * Math.rint(rng.nextDouble(-100, 100)) : rng.nextDouble(-1e4, 1e4) * u;
                case NORMALISE_RA -> i % 4 == 0 ? 360 * Math.rint(rng.nextDouble(-5, 5)) : rng.nextDouble(-1e4, 1e4) * u;
            };
        }
        double[] got = new double[n];
        long t0 = System.nanoTime();
        try (DeviceBuffer din = device.allocate(8L * n); DeviceBuffer dout = device.allocate(8L * n)) {
            device.upload(x, din, 0);
            kernels.testMath(n, din, dout, function);
            device.download(dout, 0, got);
        }
        double gpuSeconds = seconds(t0);
        t0 = System.nanoTime();
        int wrong = 0;
        String first = "";
        for (int i = 0; i < n; i++) {
            double expected = reference.applyAsDouble(x[i]);
            if (!sameBits(expected, got[i])) {
                if (wrong++ == 0) {
                    first = String.format(Locale.ROOT, ", first at x = %s: %s, Java %s", x[i], got[i], expected);
                }
            }
        }
        return new Outcome(function.name().toLowerCase(Locale.ROOT).replace('_', ' '), n + " arguments (random and special)", wrong == 0,
                (wrong == 0 ? "all identical" : wrong + " differ") + first, gpuSeconds, seconds(t0));
    }

    private Outcome unitVectors(int n) {
        SplittableRandom rng = random("unit vectors");
        double[] ra = new double[n];
        double[] dec = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = i % 5 == 0 ? 90 * Math.rint(rng.nextDouble(-8, 8)) : rng.nextDouble(-720, 720);
            dec[i] = i % 7 == 0 ? (i % 2 == 0 ? 90.0 : -90.0) : i % 11 == 0 ? 0.0 : rng.nextDouble(-90, 90);
        }
        double[] got = new double[3 * n];
        long t0 = System.nanoTime();
        try (DeviceBuffer dra = device.allocate(8L * n); DeviceBuffer ddec = device.allocate(8L * n); DeviceBuffer out = device.allocate(24L * n)) {
            device.upload(ra, dra, 0);
            device.upload(dec, ddec, 0);
            kernels.testUnitVector(n, dra, ddec, out);
            device.download(out, 0, got);
        }
        double gpuSeconds = seconds(t0);
        t0 = System.nanoTime();
        double[] v = new double[3];
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            SkyGeometry.unitVector(ra[i], dec[i], v, 0);
            for (int c = 0; c < 3; c++) {
                wrong += sameBits(v[c], got[3 * i + c]) ? 0 : 1;
            }
        }
        return new Outcome("unit vectors", n + " positions (poles, multiples of 90 degrees, RA outside [0, 360))", wrong == 0,
                wrong == 0 ? "all identical" : wrong + " components differ", gpuSeconds, seconds(t0));
    }

    private Outcome sky(SkyCase c) {
        String check = c.check();
        int nA = c.nA();
        int nB = c.nB();
        double radius = c.radius();
        long memoryCap = c.memoryCap();
        SplittableRandom rng = random(check);
        String size = String.format(Locale.ROOT, "%d x %d at %s arcsec", nA, nB, radius)
                + (memoryCap > 0 ? ", device memory capped at " + memoryCap + " bytes" : "");
        try (RootAllocator allocator = new RootAllocator()) {
            Float8Vector[] a = ParityInputs.positions(allocator, rng, nA, radius, c.skyA());
            Float8Vector[] b = ParityInputs.positions(allocator, rng, nB, radius, c.skyB());
            try (Float8Vector ar = a[0]; Float8Vector ad = a[1]; Float8Vector br = b[0]; Float8Vector bd = b[1]) {
                SkyPositions pa = new SkyPositions(ar, ad);
                SkyPositions pb = new SkyPositions(br, bd);
                if (memoryCap > 0) {
                    device.capMemory(memoryCap);
                }
                long t0 = System.nanoTime();
                MatchPairs got;
                try {
                    got = gpu.skyMatch(pa, pb, radius);
                } finally {
                    device.capMemory(Long.MAX_VALUE);
                }
                double gpuSeconds = seconds(t0);
                t0 = System.nanoTime();
                MatchPairs expected = cpu.skyMatch(pa, pb, radius);
                double cpuSeconds = seconds(t0);
                String difference = difference(expected, got);
                return new Outcome(check, size, difference == null,
                        difference == null ? expected.size() + " pairs identical (rows and separations)" : difference, gpuSeconds, cpuSeconds);
            }
        }
    }

    /** Null when the pairs are identical, else the first difference. */
    static String difference(MatchPairs expected, MatchPairs got) {
        if (expected.size() != got.size()) {
            return "GPU found " + got.size() + " pairs, CPU " + expected.size();
        }
        for (int k = 0; k < expected.size(); k++) {
            if (expected.a(k) != got.a(k) || expected.b(k) != got.b(k) || !sameBits(expected.separationArcsec(k), got.separationArcsec(k))) {
                return String.format(Locale.ROOT, "pair %d: GPU (A %d, B %d, %s arcsec), CPU (A %d, B %d, %s arcsec)", k, got.a(k), got.b(k),
                        got.separationArcsec(k), expected.a(k), expected.b(k), expected.separationArcsec(k));
            }
        }
        return null;
    }

    private Outcome monteCarlo(McCase c) {
        String check = c.check();
        int groups = c.groups();
        int draws = c.draws();
        long memoryCap = c.memoryCap();
        SplittableRandom rng = random(check);
        GroupedSamples samples = ParityInputs.samples(rng, groups, c.minStars(), c.maxStars());
        MonteCarloSpec spec = new MonteCarloSpec(rng.nextLong(), rng.nextInt(3), draws);
        String size = String.format(Locale.ROOT, "%d groups, %d stars, %d draws", groups, samples.starCount(), draws)
                + (memoryCap > 0 ? ", device memory capped at " + memoryCap + " bytes" : "");
        if (memoryCap > 0) {
            device.capMemory(memoryCap);
        }
        long t0 = System.nanoTime();
        GroupStatistics got;
        try {
            got = gpu.groupedMonteCarlo(samples, spec);
        } finally {
            device.capMemory(Long.MAX_VALUE);
        }
        double gpuSeconds = seconds(t0);
        t0 = System.nanoTime();
        GroupStatistics expected = cpu.groupedMonteCarlo(samples, spec);
        double cpuSeconds = seconds(t0);
        double[][] e = {expected.mean(), expected.meanStd(), expected.median(), expected.medianStd(), expected.dispersion()};
        double[][] g = {got.mean(), got.meanStd(), got.median(), got.medianStd(), got.dispersion()};
        double worst = 0;
        long identical = 0;
        for (int s = 0; s < 5; s++) {
            for (int i = 0; i < groups; i++) {
                if (sameBits(e[s][i], g[s][i])) {
                    identical++;
                } else {
                    double scaleOf = Math.max(Math.abs(e[s][i]), Double.MIN_NORMAL);
                    worst = Math.max(worst, Double.isNaN(e[s][i]) || Double.isNaN(g[s][i]) ? Double.POSITIVE_INFINITY
                            : Math.abs(e[s][i] - g[s][i]) / scaleOf);
                }
            }
        }
        return new Outcome(check, size, worst <= MC_TOLERANCE,
                String.format(Locale.ROOT, "%d of %d statistics identical, largest relative difference %.3g (allowed %.0g)", identical, 5L * groups,
                        worst, MC_TOLERANCE), gpuSeconds, cpuSeconds);
    }

    /** Equal bits, any NaN equal to any NaN. */
    static boolean sameBits(double x, double y) {
        return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
    }

    private Outcome ensembleFits(FitCase c) {
        SplittableRandom rng = random(c.check());
        FitBatch batch = FitBatch.of(ParityInputs.fits(rng, c.fits(), c.points(), ALL_MODELS)).with(c.likelihood());
        SamplerSettings settings = SamplerSettings.paper(rng.nextLong()).withWalkers(c.walkers()).withSteps(c.steps())
                .withDiscard(c.discard()).withThin(c.thin());
        String size = String.format(Locale.ROOT, "%d fits x %d points, %d walkers x %d steps (discard %d, thin %d), %s likelihood", c.fits(),
                c.points(), c.walkers(), c.steps(), c.discard(), c.thin(), c.likelihood().name().toLowerCase(Locale.ROOT))
                + (c.memoryCap() > 0 ? ", device memory capped at " + c.memoryCap() + " bytes" : "");
        if (c.memoryCap() > 0) {
            device.capMemory(c.memoryCap());
        }
        long t0 = System.nanoTime();
        FitResults got;
        try {
            got = gpu.sampleEnsembles(batch, settings, f -> { });
        } finally {
            device.capMemory(Long.MAX_VALUE);
        }
        double gpuSeconds = seconds(t0);
        t0 = System.nanoTime();
        FitResults expected = cpu.sampleEnsembles(batch, settings, f -> { });
        double cpuSeconds = seconds(t0);
        String difference = fitDifference(batch, expected, got);
        return new Outcome(c.check(), size, difference == null, difference == null
                ? batch.paramSlots() + " parameters: percentiles and acceptance identical, tau within " + TAU_TOLERANCE + " relative" : difference,
                gpuSeconds, cpuSeconds);
    }

    /** Null when the fits agree as required (see the class comment), else the first disagreement. */
    static String fitDifference(FitBatch batch, FitResults expected, FitResults got) {
        for (int f = 0; f < batch.size(); f++) {
            String label = batch.problem(f).label();
            if (!java.util.Objects.equals(expected.failure(f), got.failure(f))) {
                return label + ": failure " + got.failure(f) + ", expected " + expected.failure(f);
            }
            if (!sameBits(expected.acceptance(f), got.acceptance(f)) || expected.keptSteps(f) != got.keptSteps(f)) {
                return label + ": acceptance " + got.acceptance(f) + " over " + got.keptSteps(f) + " kept steps, expected " + expected.acceptance(f)
                        + " over " + expected.keptSteps(f);
            }
            for (int d = 0; d < batch.dimension(f); d++) {
                int slot = batch.paramOffset(f) + d;
                double[] e = {expected.p16(slot), expected.p50(slot), expected.p84(slot)};
                double[] g = {got.p16(slot), got.p50(slot), got.p84(slot)};
                for (int q = 0; q < 3; q++) {
                    if (!sameBits(e[q], g[q])) {
                        return label + " parameter " + d + ": percentile " + new int[] {16, 50, 84}[q] + " is " + g[q] + ", expected " + e[q];
                    }
                }
                double te = expected.tau(slot);
                double tg = got.tau(slot);
                if (!sameBits(te, tg) && !(Math.abs(te - tg) <= TAU_TOLERANCE * Math.abs(te))) {
                    return label + " parameter " + d + ": tau " + tg + ", expected " + te;
                }
            }
        }
        return null;
    }

    private Outcome fields(int n) {
        SplittableRandom rng = random("gravity fields");
        double[] cylR = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            cylR[i] = i % 7 == 0 ? 0 : Math.pow(10, rng.nextDouble(-5, 3.5));
            z[i] = i % 5 == 0 ? 0 : (rng.nextBoolean() ? 1 : -1) * Math.pow(10, rng.nextDouble(-5, 3.5));
        }
        double worst = 0;
        double gpuSeconds = 0;
        double cpuSeconds = 0;
        double[] f = new double[2];
        for (Potential p : new Potential[] {MWPotential2014.create(), McMillan17.standard()}) {
            long t0 = System.nanoTime();
            double[] got = new GpuOrbits(kernels).field(p, cylR, z);
            gpuSeconds += seconds(t0);
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                double phi = p.potential(cylR[i], z[i]);
                p.forces(cylR[i], z[i], f);
                double scale = Math.hypot(f[0], f[1]);
                worst = Math.max(worst, relativeDifference(phi, got[3 * i], Math.abs(phi)));
                worst = Math.max(worst, relativeDifference(f[0], got[3 * i + 1], scale));
                worst = Math.max(worst, relativeDifference(f[1], got[3 * i + 2], scale));
            }
            cpuSeconds += seconds(t0);
        }
        return new Outcome("gravity fields", n + " points (R, z from 1e-5 to 3000 kpc, the centre, the plane) in MWPotential2014 and McMillan17",
                worst <= FIELD_TOLERANCE, String.format(Locale.ROOT, "largest relative difference %.3g (allowed %.0g)", worst, FIELD_TOLERANCE),
                gpuSeconds, cpuSeconds);
    }

    private static double relativeDifference(double expected, double got, double scale) {
        if (sameBits(expected, got)) {
            return 0;
        }
        return Double.isNaN(expected) || Double.isNaN(got) ? Double.POSITIVE_INFINITY : Math.abs(expected - got) / Math.max(scale, Double.MIN_NORMAL);
    }

    private Outcome orbits(OrbitCase c) {
        SplittableRandom rng = random(c.check());
        GravityField field = c.mcMillan() ? McMillan17.standard() : MWPotential2014.create();
        PhaseSpace starts = new PhaseSpace(ParityInputs.orbits(rng, c.orbits()));
        double d = c.durationMyr();
        OrbitSpec spec = new OrbitSpec(c.integrator(), d, c.stepMyr(), OrbitSpec.DEFAULT_TOLERANCE, new double[] {0, d / 3, d / 2, d});
        String size = String.format(Locale.ROOT, "%d orbits, %s Myr in steps of %s Myr, 4 snapshots", c.orbits(), d, c.stepMyr());
        long t0 = System.nanoTime();
        OrbitSummaries got = gpu.integrateOrbits(field, starts, spec);
        double gpuSeconds = seconds(t0);
        t0 = System.nanoTime();
        OrbitSummaries expected = cpu.integrateOrbits(field, starts, spec);
        double cpuSeconds = seconds(t0);
        String difference = orbitDifference(expected, got, c.integrator() != OrbitIntegrator.DOP853);
        return new Outcome(c.check(), size, difference == null, difference == null ? "energy within " + ORBIT_ENERGY_TOLERANCE
                + ", peri/apo, Z_max and snapshots within " + ORBIT_TOLERANCE + " (" + got.forceEvaluations() + " force evaluations)" : difference,
                gpuSeconds, cpuSeconds);
    }

    /**
     * Null when the orbits agree to the bar (see the class comment), else the first disagreement.
     *
     * @param sameSteps whether every orbit must also take the CPU's number of steps (the symplectic schemes)
     */
    static String orbitDifference(OrbitSummaries e, OrbitSummaries g, boolean sameSteps) {
        if (e.size() != g.size() || e.snapshots() != g.snapshots()) {
            return "shapes differ";
        }
        for (int i = 0; i < e.size(); i++) {
            String o = "orbit " + i;
            if (!java.util.Objects.equals(e.failure()[i], g.failure()[i]) || (sameSteps && e.steps()[i] != g.steps()[i])) {
                return o + ": " + g.failure()[i] + " after " + g.steps()[i] + " steps, expected " + e.failure()[i] + " after " + e.steps()[i];
            }
            double[][] pairs = {{e.energy()[i], g.energy()[i], ORBIT_ENERGY_TOLERANCE}, {e.rPeri()[i], g.rPeri()[i], ORBIT_TOLERANCE},
                {e.rApo()[i], g.rApo()[i], ORBIT_TOLERANCE}, {e.zMax()[i], g.zMax()[i], ORBIT_TOLERANCE}};
            String[] names = {"energy", "pericentre", "apocentre", "Z_max"};
            for (int k = 0; k < pairs.length; k++) {
                if (relativeDifference(pairs[k][0], pairs[k][1], Math.abs(pairs[k][0])) > pairs[k][2]) {
                    return o + ": " + names[k] + " " + pairs[k][1] + ", expected " + pairs[k][0];
                }
            }
            for (int k = 0; k < e.snapshots(); k++) {
                int s = i * e.snapshots() + k;
                if (relativeDifference(e.snapshotR()[s], g.snapshotR()[s], Math.abs(e.snapshotR()[s])) > ORBIT_TOLERANCE
                        || relativeDifference(e.snapshotZ()[s], g.snapshotZ()[s], 1.0) > ORBIT_TOLERANCE) {
                    return o + ": snapshot " + k + " at (" + g.snapshotR()[s] + ", " + g.snapshotZ()[s] + "), expected (" + e.snapshotR()[s] + ", "
                            + e.snapshotZ()[s] + ")";
                }
            }
        }
        return null;
    }
}
