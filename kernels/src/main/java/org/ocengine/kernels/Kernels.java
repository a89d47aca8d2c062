package org.ocengine.kernels;

import java.util.Arrays;
import java.util.List;

/**
 * Typed launchers for the kernels of {@code src/main/cuda}: one method per kernel, whose parameters
 * follow the fields of its argument block in {@code oc_args.cuh}, in order (fields a kernel does not
 * read are passed as null or 0). This class and that header are the two halves of one contract;
 * {@link #checkAbi()} compares the block sizes the device was built with against the ones packed
 * here. Not thread-safe.
 */
final class Kernels {

    /** The size in bytes of each argument block, in the order of {@code oc_abi_sizes}. */
    static final long[] ABI_SIZES = {
        5 * 8, // OcScanArgs
        9 * 8, // OcRadixArgs
        19 * 8, // OcSkyRowsArgs
        10 * 8, // OcSkyGatherArgs
        23 * 8, // OcSkySearchArgs
        24 * 8, // OcMcDrawArgs
        8 * 8, // OcMcReduceArgs
        2 * 8, // OcTestPhiloxArgs
        9 * 8, // OcTestNormalArgs
        5 * 8, // OcTestZigguratArgs
        3 * 8, // OcTestMathArgs
        3 * 8, // OcTestUnitVectorArgs
        1 * 8, // OcAbiArgs
        36 * 8, // OcFitSampleArgs
        10 * 8, // OcFitAcfArgs
        7 * 8, // OcFitTauArgs
        7 * 8, // OcFitPercentileArgs
        20 * 8, // OcOrbitArgs
        6 * 8, // OcOrbitFieldArgs
    };
    private static final int SCAN = 0;
    private static final int RADIX = 1;
    private static final int SKY_ROWS = 2;
    private static final int SKY_GATHER = 3;
    private static final int SKY_SEARCH = 4;
    private static final int MC_DRAW = 5;
    private static final int MC_REDUCE = 6;
    private static final int TEST_PHILOX = 7;
    private static final int TEST_NORMAL = 8;
    private static final int TEST_ZIGGURAT = 9;
    private static final int TEST_MATH = 10;
    private static final int TEST_UNIT_VECTOR = 11;
    private static final int ABI = 12;
    private static final int FIT_SAMPLE = 13;
    private static final int FIT_ACF = 14;
    private static final int FIT_TAU = 15;
    private static final int FIT_PERCENTILES = 16;
    private static final int ORBIT = 17;
    private static final int ORBIT_FIELD = 18;

    /** Every kernel launched from here. */
    static final List<String> NAMES = List.of("oc_abi_sizes", "oc_scan_sums", "oc_scan_apply", "oc_radix_count", "oc_radix_scatter",
            "oc_sky_zone_histogram", "oc_sky_band_count", "oc_sky_band_scatter", "oc_sky_gather", "oc_sky_count", "oc_sky_write",
            "oc_mc_draws", "oc_mc_reduce", "oc_test_philox", "oc_test_normal", "oc_test_ziggurat", "oc_test_math", "oc_test_unit_vector",
            "oc_fit_sample", "oc_fit_acf", "oc_fit_tau", "oc_fit_percentiles",
            "oc_orbit_integrate", "oc_orbit_field");

    private final KernelDevice device;

    Kernels(KernelDevice device) {
        this.device = device;
    }

    KernelDevice device() {
        return device;
    }

    private void launch(String kernel, long threads, int abi, KernelArgs args) {
        checkArgs(kernel, abi, args);
        if (threads > 0) {
            device.launch(kernel, threads, args);
        }
    }

    private static void checkArgs(String kernel, int abi, KernelArgs args) {
        if (!NAMES.contains(kernel)) {
            throw new IllegalStateException(kernel + " is not in Kernels.NAMES");
        }
        if (args.bytes().length != ABI_SIZES[abi]) {
            throw new IllegalStateException(kernel + ": packed " + args.bytes().length + " argument bytes, expected " + ABI_SIZES[abi]);
        }
    }

    /**
     * Runs {@code oc_abi_sizes} and compares the device's argument block sizes with {@link #ABI_SIZES}.
     *
     * @return null when they agree, else a one-line description of the mismatch
     */
    String checkAbi() {
        try (DeviceBuffer out = device.allocate(8L * ABI_SIZES.length)) {
            launch("oc_abi_sizes", ABI_SIZES.length, ABI, new KernelArgs().pointer(out));
            long[] sizes = new long[ABI_SIZES.length];
            device.download(out, 0, sizes);
            return Arrays.equals(sizes, ABI_SIZES) ? null
                    : "the kernels' argument blocks have sizes " + Arrays.toString(sizes) + ", this build packs "
                    + Arrays.toString(ABI_SIZES) + " (PTX and Java classes from different builds)";
        }
    }

    // ---- scan_sort.cu

    void scanSums(long segments, DeviceBuffer data, DeviceBuffer segmentSums, long n, long segment) {
        launch("oc_scan_sums", segments, SCAN, new KernelArgs().pointer(data).pointer(segmentSums).pointer(null).i64(n).i64(segment));
    }

    void scanApply(long segments, DeviceBuffer data, DeviceBuffer segmentBase, long n, long segment) {
        launch("oc_scan_apply", segments, SCAN, new KernelArgs().pointer(data).pointer(null).pointer(segmentBase).i64(n).i64(segment));
    }

    void radixCount(long tiles, DeviceBuffer keysIn, DeviceBuffer histogram, long n, long tile, long shift) {
        launch("oc_radix_count", tiles, RADIX, new KernelArgs().pointer(keysIn).pointer(null).pointer(null).pointer(null)
                .pointer(histogram).i64(n).i64(tile).i64(tiles).i64(shift));
    }

    void radixScatter(long tiles, DeviceBuffer keysIn, DeviceBuffer valuesIn, DeviceBuffer keysOut, DeviceBuffer valuesOut,
                      DeviceBuffer histogram, long n, long tile, long shift) {
        launch("oc_radix_scatter", tiles, RADIX, new KernelArgs().pointer(keysIn).pointer(valuesIn).pointer(keysOut).pointer(valuesOut)
                .pointer(histogram).i64(n).i64(tile).i64(tiles).i64(shift));
    }

    // ---- sky_match.cu

    /** The B-row fields common to the three passes over B rows. */
    record SkyChunk(DeviceBuffer ra, DeviceBuffer dec, DeviceBuffer raValid, DeviceBuffer decValid, long n, long rowBase) {
    }

    /** The zone grid and the band being built. */
    record SkyGrid(double zoneHeight, long zones, long zoneLo, long zoneHi) {
    }

    private static KernelArgs skyRows(SkyChunk c, SkyGrid g, long tile, DeviceBuffer firstBad, DeviceBuffer zoneCounts,
                                      DeviceBuffer tileCounts, DeviceBuffer tileBase, DeviceBuffer keys, DeviceBuffer slots,
                                      DeviceBuffer xyz, DeviceBuffer rows) {
        return new KernelArgs().pointer(c.ra()).pointer(c.dec()).pointer(c.raValid()).pointer(c.decValid()).i64(c.n()).i64(c.rowBase())
                .f64(g.zoneHeight()).i64(g.zones()).i64(g.zoneLo()).i64(g.zoneHi()).i64(tile).pointer(firstBad).pointer(zoneCounts)
                .pointer(tileCounts).pointer(tileBase).pointer(keys).pointer(slots).pointer(xyz).pointer(rows);
    }

    void skyZoneHistogram(SkyChunk c, SkyGrid g, DeviceBuffer firstBad, DeviceBuffer zoneCounts) {
        launch("oc_sky_zone_histogram", c.n(), SKY_ROWS, skyRows(c, g, 1, firstBad, zoneCounts, null, null, null, null, null, null));
    }

    void skyBandCount(long tiles, SkyChunk c, SkyGrid g, long tile, DeviceBuffer firstBad, DeviceBuffer tileCounts) {
        launch("oc_sky_band_count", tiles, SKY_ROWS, skyRows(c, g, tile, firstBad, null, tileCounts, null, null, null, null, null));
    }

    void skyBandScatter(long tiles, SkyChunk c, SkyGrid g, long tile, DeviceBuffer tileBase, DeviceBuffer keys, DeviceBuffer slots,
                        DeviceBuffer xyz, DeviceBuffer rows) {
        launch("oc_sky_band_scatter", tiles, SKY_ROWS, skyRows(c, g, tile, null, null, null, tileBase, keys, slots, xyz, rows));
    }

    void skyGather(long n, DeviceBuffer sortedKeys, DeviceBuffer sortedSlots, DeviceBuffer xyzIn, DeviceBuffer rowsIn,
                   DeviceBuffer xyzOut, DeviceBuffer rowsOut, DeviceBuffer raKeyOut, DeviceBuffer zoneStart, long bandZones) {
        launch("oc_sky_gather", n, SKY_GATHER, new KernelArgs().pointer(sortedKeys).pointer(sortedSlots).pointer(xyzIn).pointer(rowsIn)
                .pointer(xyzOut).pointer(rowsOut).pointer(raKeyOut).pointer(zoneStart).i64(n).i64(bandZones));
    }

    /** A band's index as the search reads it. */
    record SkyBand(DeviceBuffer xyz, DeviceBuffer raKey, DeviceBuffer bRows, DeviceBuffer zoneStart, SkyGrid grid) {
    }

    /** The match radius as the search uses it. */
    record SkySearch(double searchDeg, double sinSearch, double limit2) {
    }

    private static KernelArgs skySearch(SkyChunk a, long rowFrom, SkyBand band, SkySearch s, DeviceBuffer firstBad, DeviceBuffer counts,
                                        DeviceBuffer offsets, long offsetBase, DeviceBuffer pairB, DeviceBuffer pairChord2) {
        SkyGrid g = band.grid();
        return new KernelArgs().pointer(a.ra()).pointer(a.dec()).pointer(a.raValid()).pointer(a.decValid()).i64(a.rowBase()).i64(rowFrom)
                .pointer(band.xyz()).pointer(band.raKey()).pointer(band.bRows()).pointer(band.zoneStart())
                .f64(g.zoneHeight()).i64(g.zones()).i64(g.zoneLo()).i64(g.zoneHi())
                .f64(s.searchDeg()).f64(s.sinSearch()).f64(s.limit2())
                .pointer(firstBad).pointer(counts).pointer(offsets).i64(offsetBase).pointer(pairB).pointer(pairChord2);
    }

    void skyCount(SkyChunk a, SkyBand band, SkySearch s, DeviceBuffer firstBad, DeviceBuffer counts) {
        launch("oc_sky_count", a.n(), SKY_SEARCH, skySearch(a, 0, band, s, firstBad, counts, null, 0, null, null));
    }

    void skyWrite(long rows, SkyChunk a, long rowFrom, SkyBand band, SkySearch s, DeviceBuffer offsets, long offsetBase,
                  DeviceBuffer pairB, DeviceBuffer pairChord2) {
        launch("oc_sky_write", rows, SKY_SEARCH, skySearch(a, rowFrom, band, s, null, null, offsets, offsetBase, pairB, pairChord2));
    }

    // ---- monte_carlo.cu

    /** The samples of one grouped Monte-Carlo call on the device. */
    record McInputs(DeviceBuffer values, DeviceBuffer errors, DeviceBuffer ordinals, DeviceBuffer offsets, DeviceBuffer groupKeys) {
    }

    /** The ziggurat tables on the device (see {@code Ziggurat.layerThresholds} etc.). */
    record ZigguratTables(DeviceBuffer k, DeviceBuffer w, DeviceBuffer f) {
    }

    /** Per-realisation statistics of a chunk of groups, and scratch columns. */
    record McWork(DeviceBuffer meanJ, DeviceBuffer medianJ, DeviceBuffer squaresJ, DeviceBuffer scratch) {
    }

    /** Which realisation quads a draws launch covers, and how its threads split them. */
    record McLaunch(long g0, long groups, long draws, long quadBase, long quadEnd, long quadsPerRun, long runsPerGroup,
                    long scratchStarBase, long pilotMedians) {
    }

    void mcDraws(McInputs in, ZigguratTables zig, McWork work, McLaunch l, long seed, long stream, double windowSigmas,
                 long windowCapacity) {
        launch("oc_mc_draws", l.groups() * l.runsPerGroup(), MC_DRAW, new KernelArgs()
                .pointer(in.values()).pointer(in.errors()).pointer(in.ordinals()).pointer(in.offsets()).pointer(in.groupKeys())
                .pointer(zig.k()).pointer(zig.w()).pointer(zig.f())
                .pointer(work.meanJ()).pointer(work.medianJ()).pointer(work.squaresJ()).pointer(work.scratch())
                .i64(l.g0()).i64(l.draws()).i64(l.quadBase()).i64(l.quadEnd()).i64(l.quadsPerRun()).i64(l.runsPerGroup())
                .i64(l.scratchStarBase()).i64(l.pilotMedians()).i64(seed).i64(stream).f64(windowSigmas).i64(windowCapacity));
    }

    void mcReduce(long groups, DeviceBuffer offsets, McWork work, DeviceBuffer out, long g0, long draws) {
        launch("oc_mc_reduce", groups, MC_REDUCE, new KernelArgs().pointer(offsets).pointer(work.meanJ()).pointer(work.medianJ())
                .pointer(work.squaresJ()).pointer(out).i64(g0).i64(groups).i64(draws));
    }

    // ---- self_test.cu

    void testPhilox(long n, DeviceBuffer in, DeviceBuffer out) {
        launch("oc_test_philox", n, TEST_PHILOX, new KernelArgs().pointer(in).pointer(out));
    }

    void testNormal(long n, DeviceBuffer groupKeys, DeviceBuffer streams, DeviceBuffer stars, DeviceBuffer draws, DeviceBuffer out,
                    ZigguratTables zig, long seed) {
        launch("oc_test_normal", n, TEST_NORMAL, new KernelArgs().pointer(groupKeys).pointer(streams).pointer(stars).pointer(draws)
                .pointer(out).pointer(zig.k()).pointer(zig.w()).pointer(zig.f()).i64(seed));
    }

    void testZiggurat(long n, DeviceBuffer words, DeviceBuffer out, ZigguratTables zig) {
        launch("oc_test_ziggurat", n, TEST_ZIGGURAT, new KernelArgs().pointer(words).pointer(out).pointer(zig.k()).pointer(zig.w())
                .pointer(zig.f()));
    }

    /** The functions {@code oc_test_math} applies. */
    enum MathFunction { EXP, LOG, LOG1P, NORMAL_QUANTILE, SIN_DEGREES, COS_DEGREES, NORMALISE_RA }

    void testMath(long n, DeviceBuffer in, DeviceBuffer out, MathFunction function) {
        launch("oc_test_math", n, TEST_MATH, new KernelArgs().pointer(in).pointer(out).i64(function.ordinal()));
    }

    void testUnitVector(long n, DeviceBuffer ra, DeviceBuffer dec, DeviceBuffer xyz) {
        launch("oc_test_unit_vector", n, TEST_UNIT_VECTOR, new KernelArgs().pointer(ra).pointer(dec).pointer(xyz));
    }

    // ---- ensemble_mcmc.cu

    /** A fit batch's flat arrays on the device ({@code FitBatch.flat()}), in the order of {@code OcFitSampleArgs}. */
    record FitInputs(DeviceBuffer code, DeviceBuffer knee, DeviceBuffer key, DeviceBuffer logNorm, DeviceBuffer paramOffset,
                     DeviceBuffer pointOffset, DeviceBuffer priorLo, DeviceBuffer priorHi, DeviceBuffer priorMean,
                     DeviceBuffer priorInvSigma, DeviceBuffer startCentre, DeviceBuffer startError, DeviceBuffer x, DeviceBuffer y,
                     DeviceBuffer invVar, DeviceBuffer var, DeviceBuffer sumsOffset, DeviceBuffer sums) {
    }

    /** One chunk of fits: which batch fits, where their chains go, and the per-fit and per-slot outputs. */
    record FitChunk(long fits, DeviceBuffer fitIndex, DeviceBuffer chainOffset, DeviceBuffer chain, DeviceBuffer acceptance,
                    DeviceBuffer status, long slots, DeviceBuffer slotFit, DeviceBuffer slotDim) {
    }

    /** The sampler's settings as the kernel reads them. */
    record FitSampling(long walkers, long steps, long discard, long thin, long kept, long seed, double stretchA, double startScale,
                       long startAttempts, double log2Pi) {
    }

    void fitSample(FitInputs in, ZigguratTables zig, FitChunk c, FitSampling s, int threadsPerBlock, long sharedBytes) {
        KernelArgs args = new KernelArgs().pointer(in.code()).pointer(in.knee()).pointer(in.key()).pointer(in.logNorm())
                .pointer(in.paramOffset()).pointer(in.pointOffset()).pointer(in.priorLo()).pointer(in.priorHi()).pointer(in.priorMean())
                .pointer(in.priorInvSigma()).pointer(in.startCentre()).pointer(in.startError()).pointer(in.x()).pointer(in.y())
                .pointer(in.invVar()).pointer(in.var()).pointer(in.sumsOffset()).pointer(in.sums())
                .pointer(zig.k()).pointer(zig.w()).pointer(zig.f())
                .pointer(c.fitIndex()).pointer(c.chainOffset()).pointer(c.chain()).pointer(c.acceptance()).pointer(c.status())
                .i64(s.walkers()).i64(s.steps()).i64(s.discard()).i64(s.thin()).i64(s.kept()).i64(s.seed()).f64(s.stretchA())
                .f64(s.startScale()).i64(s.startAttempts()).f64(s.log2Pi());
        checkArgs("oc_fit_sample", FIT_SAMPLE, args);
        if (c.fits() > 0) {
            device.launchBlocks("oc_fit_sample", c.fits(), threadsPerBlock, sharedBytes, args);
        }
    }

    void fitAcf(FitChunk c, DeviceBuffer acfSum, long walkers, long kept, long lag0, long lags) {
        launch("oc_fit_acf", c.slots() * (lags / GpuEnsembleFits.ACF_LAGS_PER_THREAD), FIT_ACF, new KernelArgs().pointer(c.chain())
                .pointer(c.chainOffset()).pointer(c.slotFit()).pointer(c.slotDim()).pointer(acfSum).i64(c.slots()).i64(walkers)
                .i64(kept).i64(lag0).i64(lags));
    }

    void fitTau(long slots, DeviceBuffer acfSum, DeviceBuffer state, long walkers, long kept, long lag0, long lags, double windowC) {
        launch("oc_fit_tau", slots, FIT_TAU, new KernelArgs().pointer(acfSum).pointer(state).i64(walkers).i64(kept).i64(lag0).i64(lags)
                .f64(windowC));
    }

    void fitPercentiles(FitChunk c, DeviceBuffer out, long walkers, long kept) {
        launch("oc_fit_percentiles", c.slots(), FIT_PERCENTILES, new KernelArgs().pointer(c.chain()).pointer(c.chainOffset())
                .pointer(c.slotFit()).pointer(c.slotDim()).pointer(out).i64(walkers).i64(kept));
    }

    // ---- orbits.cu

    /** One launch of the orbit kernel: its inputs, the scheme, the step, the outputs and the first orbit. */
    record OrbitLaunch(DeviceBuffer start, DeviceBuffer field, long components, DeviceBuffer tables, DeviceBuffer kicks,
                       DeviceBuffer drifts, long stages, long steps, double h, double total, DeviceBuffer snapTimes, long snapshots,
                       double direction, DeviceBuffer out, DeviceBuffer snapR, DeviceBuffer snapZ, long orbit0, long scheme,
                       double tolerance, DeviceBuffer dop) {
    }

    void orbitIntegrate(long orbits, OrbitLaunch l) {
        launch("oc_orbit_integrate", orbits, ORBIT, new KernelArgs().pointer(l.start()).pointer(l.field()).i64(l.components())
                .pointer(l.tables()).pointer(l.kicks()).pointer(l.drifts()).i64(l.stages()).i64(l.steps()).f64(l.h()).f64(l.total())
                .pointer(l.snapTimes()).i64(l.snapshots()).f64(l.direction()).pointer(l.out()).pointer(l.snapR()).pointer(l.snapZ())
                .i64(l.orbit0()).i64(l.scheme()).f64(l.tolerance()).pointer(l.dop()));
    }

    void orbitField(long points, DeviceBuffer field, long components, DeviceBuffer tables, DeviceBuffer cylR, DeviceBuffer z,
                    DeviceBuffer out) {
        launch("oc_orbit_field", points, ORBIT_FIELD, new KernelArgs().pointer(field).i64(components).pointer(tables).pointer(cylR)
                .pointer(z).pointer(out));
    }
}
