package org.ocengine.datasets.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.combine.Weighting;
import org.ocengine.compute.Device;
import org.ocengine.datasets.mock.ErrorLaw;
import org.ocengine.datasets.mock.MockPreset;
import org.ocengine.datasets.mock.MockSurveyFiles;
import org.ocengine.datasets.mock.MockSurveyGenerator;
import org.ocengine.io.TableIO;
import org.ocengine.pipeline.Progress;
import org.ocengine.pipeline.StarRun;
import org.ocengine.pipeline.StarRunConfig;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.Survey;
import org.ocengine.stars.HighVelocityClassifier;
import org.ocengine.stars.InternalUncertainties;
import org.ocengine.stars.RvZeroPoints;
import org.ocengine.stars.StarCatalogue;
import org.ocengine.stars.StarCatalogueConfig;
import org.ocengine.stars.UncertaintyConfig;
import org.ocengine.stars.ZeroPointConfig;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * The star-level products of issue 9 checked against the mock survey's truth ("What must be shown"):
 * the fitted sigma(S/N) against the injected {@link ErrorLaw}s, the RV zero-point residuals against
 * truth_offsets, RV-variable detection against truth_binaries, and the periodogram periods against
 * the injected ones. Two time-domain-only mocks of one plate (about 3,400 stars each) are generated
 * and run through {@link StarRun} once for the whole class: {@link #FULL_PLATE}, a plate as LK-MRS
 * completes it (50 to 60 exposures on about 11 nights over five seasons), for checks 1 to 4, and
 * {@link #FIRST_YEAR}, a plate of 20 to 30 exposures (4 to 6 nights), for check 2's published
 * zero-point rule (why: see there; on the full plate check 2 asserts our joint least-squares extension).
 * Each check prints its numbers next to the criterion and asserts it: check 3 with the chi^2
 * RV-variability test (the published standard-deviation rule cannot reach it; asserted for that rule is
 * what it does reach), check 4 with the Keplerian periods.
 */
class StarProductsOnMockTest {

    /**
     * One time-domain field of 2.5 deg radius, every fibre used (tdTargets above its ~3,900 fibres), 50
     * to 60 exposures with the mock's LK-MRS cadence (visits of 3 to 8 exposures on bright nights of
     * the field's season, so about 11 nights spread over five years; Zong et al. 2020: about 60
     * exposures per plate), no open-cluster field, the default binary fraction (0.2) and zero-point
     * scatter (0.3 km/s per cell). Targets G &lt;= 13 (24,000 field stars per deg^2, so the fibres still
     * fill), as in {@link #FIRST_YEAR}.
     */
    static final MockPreset FULL_PLATE = new MockPreset("td-full-plate", 2.5, 0, 8, 1, 50, 60, 4000, 0, 1,
            24000, 200, 0.75, 13.0, 300, 4000, 20, 2000, 0.2, 0.08, 0.3);
    /**
     * {@link #FULL_PLATE} after about a year: 20 to 30 exposures. A cell's offset is the mean over its
     * common constant stars (a usable RV in every exposure of the plate, scatter under 1 km/s), whose RV
     * errors have a floor of 0.71 km/s, so 0.1 km/s needs some 60-80 of them per cell; with the default
     * G &lt;= 15 targets most spectra are near S/N 10 and too few stars qualify (0.25 km/s rms residual
     * with two plates of 20-60 exposures; 0.11 with G &lt;= 13.5). With the 50-60 exposures of a full
     * plate fewer stars have a usable RV in every one (about 47 per cell against 85: the mock fails 2% of
     * RV fits at random, and 0.98^55 = 0.33 against 0.98^25 = 0.60), so the published rule leaves
     * 0.12 km/s rms there (printed, not asserted), as Zong et al. 2020 (Appendix A) note: "the data set
     * over more days may reduce the number of common stars". {@link #JOINT_ZERO_POINTS} is asserted there.
     */
    static final MockPreset FIRST_YEAR = new MockPreset("td-first-year", 2.5, 0, 8, 1, 20, 30, 4000, 0, 1,
            24000, 200, 0.75, 13.0, 300, 4000, 20, 2000, 0.2, 0.08, 0.3);
    static final long SEED = 9;
    /**
     * The published rules with inverse-variance weights: the mock's RV errors have a floor of 0.71 km/s
     * (Qin et al. 2025), so (S/N)^2 weights give the brightest constant stars far more weight than their
     * errors justify (0.151 against 0.111 km/s rms residual on a G &lt;= 13.5 version of this mock).
     */
    static final ZeroPointConfig ZERO_POINTS = new ZeroPointConfig(540, 1.0, 6.5, 1, Weighting.INVERSE_VARIANCE);
    /**
     * {@link #ZERO_POINTS} with our extension: constant stars with a usable RV in at least 80% of the
     * plate's exposures, star means and cell offsets solved jointly by weighted least squares (about 130
     * constant stars per cell on {@link #FULL_PLATE} instead of 47; any coverage from 0.3 to 0.9 keeps
     * the same stars there, as missing exposures are the random RV failures).
     */
    static final ZeroPointConfig JOINT_ZERO_POINTS = ZERO_POINTS.withJointSolution(0.8);
    static final double[] QUOTED_SNR = {10, 20, 50};

    @TempDir
    static Path dir;
    static BufferAllocator alloc;
    static Products full;
    static Products firstYear;

    /** A mock's star run and truth tables. */
    static final class Products {
        final String name;
        final Table stars;
        final Table spectra;
        final Table fit;
        final Table cells;
        final Table truthStars;
        final Table truthSpectra;
        final Table truthBinaries;
        final Table truthOffsets;
        /** star_key of the output to the truth's source_id. */
        final Map<Long, Long> sourceOfStar = new HashMap<>();

        Products(MockPreset preset) throws Exception {
            name = preset.name();
            long t0 = System.nanoTime();
            MockSurveyFiles files = MockSurveyGenerator.generate(preset, SEED, dir.resolve(preset.name()), "arrow", 2, alloc,
                    Progress.NONE, l -> { }).files();
            long t1 = System.nanoTime();
            StarRunConfig config = new StarRunConfig(files.spectra(), Map.of(), null, Map.of(), null, Double.NaN, 3.5, 0.5, Survey.MRS,
                    QualityConfig.defaults(Survey.MRS), ZERO_POINTS, StarCatalogueConfig.defaults(), Device.CPU, 2,
                    List.of("arrow"));
            Path out = dir.resolve(preset.name() + "-stars");
            StarRun.run(config, HighVelocityClassifier.unavailable(), out, Progress.NONE, l -> { });
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "mock %s: generated in %.1f s, stars run in %.1f s%n", preset.name(), (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9);
            stars = TableIO.read(out.resolve("stars.arrow"), alloc);
            spectra = TableIO.read(out.resolve("spectra.arrow"), alloc);
            fit = TableIO.read(out.resolve("uncertainty_fit.arrow"), alloc);
            cells = TableIO.read(out.resolve("rv_zero_points.arrow"), alloc);
            truthStars = TableIO.read(files.table(MockSurveyFiles.TRUTH_STARS), alloc);
            truthSpectra = TableIO.read(files.table(MockSurveyFiles.TRUTH_SPECTRA), alloc);
            truthBinaries = TableIO.read(files.table(MockSurveyFiles.TRUTH_BINARIES), alloc);
            truthOffsets = TableIO.read(files.table(MockSurveyFiles.TRUTH_OFFSETS), alloc);
            Map<Long, Long> sourceOfObsid = new HashMap<>();
            long[] tObsid = truthSpectra.longs("obsid");
            long[] tSource = truthSpectra.longs("source_id");
            for (int i = 0; i < tObsid.length; i++) {
                sourceOfObsid.put(tObsid[i], tSource[i]);
            }
            long[] obsid = spectra.longs(Columns.OBSID.name());
            long[] key = spectra.longs(Columns.STAR_KEY.name());
            for (int i = 0; i < obsid.length; i++) {
                Long source = sourceOfObsid.get(obsid[i]);
                Long before = sourceOfStar.put(key[i], source);
                assertTrue(before == null || before.equals(source), "one star_key, one true star");
            }
            System.out.printf(Locale.ROOT, "%s: %d spectra, %d stars, %d zero-point cells%n", preset.name(), spectra.rowCount(),
                    stars.rowCount(), cells.rowCount());
        }

        void close() {
            for (Table t : new Table[] {stars, spectra, fit, cells, truthStars, truthSpectra, truthBinaries, truthOffsets}) {
                t.close();
            }
        }

        /** Per output star: its truth row (or -1). */
        int[] truthRowOfStar() {
            Map<Long, Integer> row = new HashMap<>();
            long[] source = truthStars.longs("source_id");
            for (int i = 0; i < source.length; i++) {
                row.put(source[i], i);
            }
            long[] key = stars.longs(Columns.STAR_KEY.name());
            int[] out = new int[key.length];
            for (int k = 0; k < key.length; k++) {
                Long s = sourceOfStar.get(key[k]);
                out[k] = s == null ? -1 : row.getOrDefault(s, -1);
            }
            return out;
        }

        /**
         * Per output star: the amplitude of the orbital motion its usable RVs sampled, half the range of the
         * injected orbital velocities (truth_spectra rv_orbit) over those spectra, km/s; 0 for single stars.
         */
        double[] sampledOrbitAmplitude() {
            Map<Long, Integer> truthOfObsid = new HashMap<>();
            long[] tObsid = truthSpectra.longs("obsid");
            for (int i = 0; i < tObsid.length; i++) {
                truthOfObsid.put(tObsid[i], i);
            }
            double[] rvOrbit = truthSpectra.doubles("rv_orbit");
            Map<Long, Integer> starOfKey = new HashMap<>();
            long[] starKeys = stars.longs(Columns.STAR_KEY.name());
            for (int k = 0; k < starKeys.length; k++) {
                starOfKey.put(starKeys[k], k);
            }
            double[] lo = new double[starKeys.length];
            double[] hi = new double[starKeys.length];
            java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            long[] keys = spectra.longs(Columns.STAR_KEY.name());
            long[] obsid = spectra.longs(Columns.OBSID.name());
            double[] rv = spectra.doubles(Columns.RV.name());
            double[] err = spectra.doubles(Columns.RV_ERR.name());
            for (int i = 0; i < keys.length; i++) {
                if (!Double.isNaN(rv[i]) && err[i] > 0) {
                    int k = starOfKey.get(keys[i]);
                    double v = rvOrbit[truthOfObsid.get(obsid[i])];
                    lo[k] = Math.min(lo[k], v);
                    hi[k] = Math.max(hi[k], v);
                }
            }
            double[] amplitude = new double[starKeys.length];
            for (int k = 0; k < amplitude.length; k++) {
                amplitude[k] = hi[k] >= lo[k] ? 0.5 * (hi[k] - lo[k]) : 0.0;
            }
            return amplitude;
        }

        /** The RVs of output star {@code k}: rows of (mjd, rv, rv_err). */
        double[][] series(int k) {
            long key = stars.longs(Columns.STAR_KEY.name())[k];
            long[] keys = spectra.longs(Columns.STAR_KEY.name());
            double[] mjd = spectra.doubles(Columns.MJD.name());
            double[] rv = spectra.doubles(Columns.RV.name());
            double[] err = spectra.doubles(Columns.RV_ERR.name());
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == key && !Double.isNaN(rv[i]) && err[i] > 0) {
                    rows.add(new double[] {mjd[i], rv[i], err[i]});
                }
            }
            return rows.toArray(double[][]::new);
        }
    }

    @BeforeAll
    static void generateAndRun() throws Exception {
        alloc = new RootAllocator();
        full = new Products(FULL_PLATE);
        firstYear = new Products(FIRST_YEAR);
    }

    @AfterAll
    static void close() {
        for (Products p : new Products[] {full, firstYear}) {
            if (p != null) {
                p.close();
            }
        }
        alloc.close();
    }

    // ---- check 1: sigma(S/N) ----

    @Test
    void fittedUncertaintiesReproduceTheInjectedLaws() {
        Table fit = full.fit;
        Table spectra = full.spectra;
        Table truthSpectra = full.truthSpectra;
        Table truthStars = full.truthStars;
        String[] quantity = fit.strings("quantity");
        Map<String, Integer> row = new HashMap<>();
        for (int k = 0; k < quantity.length; k++) {
            row.put(quantity[k], k);
        }
        System.out.println("check 1 (issue 9): fitted sigma(S/N) within 10% of the injected law at S/N 10, 20, 50 (" + FULL_PLATE.name() + ")");
        List<String> failures = new ArrayList<>();
        for (ErrorLaw law : List.of(ErrorLaw.TEFF, ErrorLaw.LOGG, ErrorLaw.RV)) {
            int k = row.get(law.quantity());
            double[] fitted = new double[QUOTED_SNR.length];
            for (int j = 0; j < QUOTED_SNR.length; j++) {
                fitted[j] = fit.doubles("sigma_snr" + (int) QUOTED_SNR[j])[k];
            }
            // RV: the run leaves out its RV-variable candidates only; binaries it did not flag add their orbits
            compare(law, fitted, law == ErrorLaw.RV ? "all but RVV (not asserted)" : "all spectra",
                    law == ErrorLaw.RV ? new ArrayList<>() : failures);
        }
        // [Fe/H] and [alpha/M]: the mock adds unreported scatter to hot stars and a bias to cool dwarfs
        // (truth_spectra feh_extra_sigma, alpha_extra_sigma, feh_bias); the law holds for the other spectra
        Map<Long, Integer> truthRow = new HashMap<>();
        long[] tObsid = truthSpectra.longs("obsid");
        for (int i = 0; i < tObsid.length; i++) {
            truthRow.put(tObsid[i], i);
        }
        double[] fehExtra = truthSpectra.doubles("feh_extra_sigma");
        double[] alphaExtra = truthSpectra.doubles("alpha_extra_sigma");
        double[] fehBias = truthSpectra.doubles("feh_bias");
        double[] loggBias = truthSpectra.doubles("logg_bias");
        long[] obsid = spectra.longs(Columns.OBSID.name());
        double[] snr = spectra.doubles(Columns.SNR.name());
        boolean[] injected = new boolean[obsid.length];
        int dropped = 0;
        for (int i = 0; i < obsid.length; i++) {
            int t = truthRow.get(obsid[i]);
            injected[i] = fehExtra[t] > 0 || alphaExtra[t] > 0 || fehBias[t] != 0 || loggBias[t] != 0;
            dropped += injected[i] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "  [Fe/H], [alpha/M]: %d of %d spectra with injected extra scatter or bias left out%n", dropped,
                obsid.length);
        // RV without the orbital motion the truth injected (spectra of true binaries left out)
        double[] rvOrbit = truthSpectra.doubles("rv_orbit");
        long[] tSourceOfSpectrum = truthSpectra.longs("source_id");
        Map<Long, Boolean> isBinary = new HashMap<>();
        long[] source = truthStars.longs("source_id");
        boolean[] binary = truthStars.booleans("binary");
        for (int i = 0; i < source.length; i++) {
            isBinary.put(source[i], binary[i]);
        }
        boolean[] orbiting = new boolean[obsid.length];
        for (int i = 0; i < obsid.length; i++) {
            int t = truthRow.get(obsid[i]);
            orbiting[i] = isBinary.get(tSourceOfSpectrum[t]) || rvOrbit[t] != 0;
        }
        refit(spectra, ErrorLaw.RV, snr, orbiting, "single stars only", failures);
        for (ErrorLaw law : List.of(ErrorLaw.FEH, ErrorLaw.ALPHA_M)) {
            int k = row.get(law.quantity());
            double[] all = new double[QUOTED_SNR.length];
            for (int j = 0; j < QUOTED_SNR.length; j++) {
                all[j] = fit.doubles("sigma_snr" + (int) QUOTED_SNR[j])[k];
            }
            compare(law, all, "all spectra (not asserted)", new ArrayList<>());
            refit(spectra, law, snr, injected, "without injected extras", failures);
        }
        assertEquals(List.of(), failures);
    }

    /** The run's sigma(S/N) procedure again on its differences, leaving out the spectra marked in {@code leaveOut}. */
    private static void refit(Table spectra, ErrorLaw law, double[] snr, boolean[] leaveOut, String sample, List<String> failures) {
        InternalUncertainties.Result clean = InternalUncertainties.fit(snr, spectra.doubles("d_" + law.quantity()), leaveOut,
                UncertaintyConfig.defaults());
        assertTrue(clean.fit().valid(), law.quantity());
        double[] fitted = new double[QUOTED_SNR.length];
        for (int j = 0; j < QUOTED_SNR.length; j++) {
            fitted[j] = clean.fit().sigma(QUOTED_SNR[j]);
        }
        compare(law, fitted, sample, failures);
    }

    private static void compare(ErrorLaw law, double[] fitted, String sample, List<String> failures) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "  %-8s %-26s", law.quantity(), sample));
        for (int j = 0; j < QUOTED_SNR.length; j++) {
            double injected = law.sigma(QUOTED_SNR[j]);
            double ratio = fitted[j] / injected;
            s.append(String.format(Locale.ROOT, "  S/N %2.0f: %.4g vs %.4g %s (%+.1f%%)", QUOTED_SNR[j], fitted[j], injected, law.unit(),
                    100 * (ratio - 1)));
            if (!(Math.abs(ratio - 1) < 0.10)) {
                failures.add(law.quantity() + " at S/N " + QUOTED_SNR[j] + ": " + fitted[j] + " vs " + injected);
            }
        }
        System.out.println(s);
    }

    // ---- check 2: RV zero points ----

    @Test
    void zeroPointResidualsAgainstTruth() {
        System.out.println("check 2 (issue 9): zero-point residuals < 0.1 km/s rms");
        double published = zeroPointResiduals(full.name + ", published rule", full.cells, full.truthOffsets);
        double joint;
        try (Table cells = cellsUnder(full, JOINT_ZERO_POINTS)) {
            joint = zeroPointResiduals(full.name + ", joint least squares, coverage " + JOINT_ZERO_POINTS.minCoverage(), cells,
                    full.truthOffsets);
        }
        double firstYearPublished = zeroPointResiduals(firstYear.name + ", published rule", firstYear.cells, firstYear.truthOffsets);
        // the published rule reaches 0.1 km/s on the first-year plate only (FIRST_YEAR); the extension on the full plate
        assertTrue(firstYearPublished < 0.1, "zero-point residual, first year, published rule: " + firstYearPublished + " km/s rms");
        assertTrue(joint < 0.1, "zero-point residual, full plate, joint least squares: " + joint + " km/s rms");
        assertTrue(published < 0.15, "zero-point residual, full plate, published rule: " + published + " km/s rms");
    }

    /**
     * The zero-point cells of a run's spectra under other rules, from their RVs as measured (the same
     * table the run corrected: its kept spectra with star keys); a new table the caller closes.
     */
    private static Table cellsUnder(Products p, ZeroPointConfig rules) {
        Table spectra = p.spectra;
        try (TableBuilder b = Table.builder(alloc, spectra.origin(), spectra.rowCount())) {
            for (String column : spectra.columnNames()) {
                if (column.equals(Columns.RV.name())) {
                    b.addCopy(spectra, RvZeroPoints.RV_MEASURED.name(), column);
                } else if (!column.equals(RvZeroPoints.RV_MEASURED.name()) && !column.equals(RvZeroPoints.RV_CORRECTION.name())) {
                    b.addCopy(spectra, column, column);
                }
            }
            try (Table measured = b.build()) {
                RvZeroPoints.Result result = RvZeroPoints.correct(measured, rules);
                result.notes().forEach(line -> System.out.println("  note: " + line));
                return result.cellTable(alloc);
            }
        }
    }

    /** Prints and returns the rms zero-point residual of a mock's cells; asserts that the quoted errors say what it is. */
    private static double zeroPointResiduals(String name, Table cells, Table truthOffsets) {
        Map<String, Double> truth = new HashMap<>();
        String[] tPlate = truthOffsets.strings("planid");
        long[] tLmjm = truthOffsets.longs("lmjm");
        int[] tSpid = truthOffsets.ints("spid");
        double[] tOffset = truthOffsets.doubles("rv_offset");
        for (int k = 0; k < tPlate.length; k++) {
            truth.put(tPlate[k] + "/" + tSpid[k] + "/" + tLmjm[k], tOffset[k]);
        }
        String[] plate = cells.strings(Columns.PLATE_ID.name());
        int[] spid = cells.ints(Columns.SPECTROGRAPH_ID.name());
        long[] exposure = cells.longs(Columns.EXPOSURE_ID.name());
        double[] offset = cells.doubles("offset");
        String[] status = cells.strings("status");
        // per (plate, spectrograph): estimated and true offsets, each less its mean over the plate's exposures
        Map<String, List<double[]>> bySpectrograph = new HashMap<>();
        int corrected = 0;
        for (int k = 0; k < plate.length; k++) {
            if (!status[k].equals("corrected")) {
                continue;
            }
            corrected++;
            Double t = truth.get(plate[k] + "/" + spid[k] + "/" + exposure[k]);
            assertTrue(t != null, "every cell is in truth_offsets");
            bySpectrograph.computeIfAbsent(plate[k] + "/" + spid[k], x -> new ArrayList<>()).add(new double[] {offset[k], t});
        }
        double ss = 0;
        double ssTrue = 0;
        int n = 0;
        for (List<double[]> list : bySpectrograph.values()) {
            double meanEst = list.stream().mapToDouble(v -> v[0]).average().orElseThrow();
            double meanTrue = list.stream().mapToDouble(v -> v[1]).average().orElseThrow();
            for (double[] v : list) {
                double r = (v[0] - meanEst) - (v[1] - meanTrue);
                ss += r * r;
                ssTrue += (v[1] - meanTrue) * (v[1] - meanTrue);
                n++;
            }
        }
        double rms = Math.sqrt(ss / n);
        double meanConstant = java.util.Arrays.stream(cells.ints("n_constant")).average().orElseThrow();
        double quotedError = Math.sqrt(java.util.Arrays.stream(cells.doubles("offset_err")).map(x -> x * x).average().orElseThrow());
        System.out.printf(Locale.ROOT, "  %s: %.3f km/s rms over %d cells"
                        + " (%d of %d corrected, %.0f common constant stars per cell, quoted offset errors %.3f km/s rms;"
                        + " injected offsets %.3f km/s rms; residual = estimated - true offset, each less its mean over the plate's"
                        + " exposures per spectrograph, which a star's own mean absorbs)%n",
                name, rms, n, corrected, plate.length, meanConstant, quotedError, Math.sqrt(ssTrue / n));
        assertEquals(plate.length, corrected, "every cell of the plate corrected");
        assertEquals(truthOffsets.rowCount(), plate.length, "every injected cell seen");
        assertTrue(rms > 0.8 * quotedError && rms < 1.25 * quotedError, "the residuals are what the quoted offset errors say");
        return rms;
    }

    // ---- checks 3 and 4: RV variables and periods ----

    @Test
    void rvVariablesAgainstInjectedBinaries() {
        Table stars = full.stars;
        boolean[] publishedFlag = stars.booleans(StarCatalogue.RV_VARIABLE.name());
        boolean[] chi2Flag = stars.booleans(StarCatalogue.RV_VARIABLE_CHI2.name());
        double[] semiAmplitude = new double[stars.rowCount()];
        int[] truthRow = full.truthRowOfStar();
        double[] k1 = full.truthStars.doubles("rv_amplitude");
        for (int k = 0; k < truthRow.length; k++) {
            semiAmplitude[k] = truthRow[k] < 0 ? 0 : k1[truthRow[k]];
        }
        double[] sampled = full.sampledOrbitAmplitude();
        Detection published = detection(publishedFlag, semiAmplitude);
        Detection chi2 = detection(chi2Flag, semiAmplitude);
        Detection publishedSampled = detection(publishedFlag, sampled);
        Detection chi2Sampled = detection(chi2Flag, sampled);
        System.out.printf(Locale.ROOT, "check 3 (issue 9): >= 90%% of binaries with RV amplitude > 3 sigma flagged, < 1%% of constant"
                + " stars; amplitude = the orbit's semi-amplitude K, or the amplitude the star's RVs sampled (half the range of its"
                + " injected orbital velocities: K sampled by the epochs; an orbit much longer than the 5-year span shows little of K):%n");
        published.print("published rule (rv_std > 3 rv_err_mean), by K");
        publishedSampled.print("published rule, by the sampled amplitude");
        chi2.print("chi^2 test (rv_p_constant < 0.001), by K");
        chi2Sampled.print("chi^2 test, by the sampled amplitude");
        // the binaries above 3 sigma in K that the chi^2 test misses: how long their orbits are against the RVs' span
        Map<Long, Double> periodOf = new HashMap<>();
        long[] bSource = full.truthBinaries.longs("source_id");
        double[] bPeriod = full.truthBinaries.doubles("period");
        for (int i = 0; i < bSource.length; i++) {
            periodOf.put(bSource[i], bPeriod[i]);
        }
        long[] tSource = full.truthStars.longs("source_id");
        double[] errMean = stars.doubles(StarCatalogue.RV_ERR_MEAN.name());
        double[] span = stars.doubles(StarCatalogue.RV_SPAN.name());
        int[] rvCount = stars.ints(Columns.RV.name() + "_n");
        int missed = 0;
        int missedLong = 0;
        for (int k = 0; k < truthRow.length; k++) {
            if (truthRow[k] >= 0 && rvCount[k] >= 2 && semiAmplitude[k] > 3 * errMean[k] && !chi2Flag[k]) {
                missed++;
                Double period = periodOf.get(tSource[truthRow[k]]);
                missedLong += period != null && period > span[k] ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "  chi^2 test misses at K > 3 sigma: %d, of which %d have periods longer than the span of their RVs%n",
                missed, missedLong);
        // the published std > 3 x mean-error rule needs K/sqrt(2) > 3 sigma for a well-sampled circle (a sinusoid's std is
        // K/sqrt(2)), so it cannot reach the 90% at K > 3 sigma; asserted for it is what it does reach, 90% at
        // K > 10 sigma. The chi^2 test uses every epoch's error and is asserted against the criterion.
        assertTrue(published.above3 > 300 && published.inBin[published.inBin.length - 1] > 100 && published.constant > 1000,
                "enough stars to count");
        int last = published.inBin.length - 1;
        assertTrue(published.foundInBin[last] >= 0.9 * published.inBin[last], "published rule at K > 10 sigma: "
                + published.foundInBin[last] + " of " + published.inBin[last]);
        assertTrue(published.falseFlags < 0.01 * published.constant, "published rule's false RVV rate");
        assertTrue(chi2Sampled.found3 >= 0.9 * chi2Sampled.above3, "chi^2 detection at a sampled amplitude > 3 sigma: "
                + chi2Sampled.found3 + " of " + chi2Sampled.above3);
        assertTrue(chi2.falseFlags < 0.01 * chi2.constant, "chi^2 false RVV rate: " + chi2.falseFlags + " of " + chi2.constant);
    }

    /**
     * How a flag column finds the injected binaries per amplitude/sigma bin (amplitude per output star, km/s), and how many
     * constant stars it flags (stars with >= 2 RVs).
     */
    private static Detection detection(boolean[] flag, double[] amplitude) {
        Table truthStars = full.truthStars;
        Table stars = full.stars;
        int[] truthRow = full.truthRowOfStar();
        boolean[] binary = truthStars.booleans("binary");
        double[] errMean = stars.doubles(StarCatalogue.RV_ERR_MEAN.name());
        int[] rvCount = stars.ints(Columns.RV.name() + "_n");
        Detection d = new Detection();
        for (int k = 0; k < truthRow.length; k++) {
            int t = truthRow[k];
            if (t < 0 || rvCount[k] < 2) {
                continue;
            }
            if (!binary[t]) {
                d.constant++;
                d.falseFlags += flag[k] ? 1 : 0;
                continue;
            }
            double ratio = amplitude[k] / errMean[k];
            for (int b = 0; b < d.inBin.length; b++) {
                if (ratio > Detection.EDGES[b] && ratio <= Detection.EDGES[b + 1]) {
                    d.inBin[b]++;
                    d.foundInBin[b] += flag[k] ? 1 : 0;
                    d.above3++;
                    d.found3 += flag[k] ? 1 : 0;
                }
            }
        }
        return d;
    }

    /** Counts of {@link #detection}. */
    private static final class Detection {
        static final double[] EDGES = {3, 3 * Math.sqrt(2), 6, 10, Double.POSITIVE_INFINITY};
        final int[] inBin = new int[EDGES.length - 1];
        final int[] foundInBin = new int[EDGES.length - 1];
        int above3;
        int found3;
        int constant;
        int falseFlags;

        void print(String rule) {
            System.out.printf(Locale.ROOT, "  %s: binaries above 3 sigma: %d of %d flagged (%.1f%%); constant stars flagged: %d of %d"
                    + " (%.2f%%)%n", rule, found3, above3, 100.0 * found3 / above3, falseFlags, constant, 100.0 * falseFlags / constant);
            for (int b = 0; b < inBin.length; b++) {
                System.out.printf(Locale.ROOT, "    amplitude/sigma in (%.2f, %.2f]: %d of %d flagged (%.1f%%)%n", EDGES[b], EDGES[b + 1],
                        foundInBin[b], inBin[b], 100.0 * foundInBin[b] / inBin[b]);
            }
        }
    }

    @Test
    void periodogramsRecoverInjectedPeriods() {
        Table truthStars = full.truthStars;
        Table truthBinaries = full.truthBinaries;
        Table stars = full.stars;
        int[] truthRow = full.truthRowOfStar();
        Map<Long, Integer> binaryRow = new HashMap<>();
        long[] bSource = truthBinaries.longs("source_id");
        for (int i = 0; i < bSource.length; i++) {
            binaryRow.put(bSource[i], i);
        }
        long[] source = truthStars.longs("source_id");
        double[] truePeriod = truthBinaries.doubles("period");
        double[] ecc = truthBinaries.doubles("eccentricity");
        double[] k1 = truthBinaries.doubles("k1");
        double[] period = stars.doubles(StarCatalogue.PERIOD.name());
        double[] span = stars.doubles(StarCatalogue.RV_SPAN.name());
        double[] errMean = stars.doubles(StarCatalogue.RV_ERR_MEAN.name());
        boolean[] rvv = stars.booleans(StarCatalogue.RV_VARIABLE.name());
        boolean[] rvvChi2 = stars.booleans(StarCatalogue.RV_VARIABLE_CHI2.name());
        double[] periodGls = stars.doubles(StarCatalogue.PERIOD_GLS.name());
        int[] rvCount = stars.ints(Columns.RV.name() + "_n");
        int recoveredGls = 0;
        int eligible = 0;
        int recovered = 0;
        int withPeriodogram = 0;
        int recoveredOfThose = 0;
        double[] eccEdges = {0, 1e-9, 0.4, 0.8};
        int[] eligibleByEcc = new int[eccEdges.length - 1];
        int[] recoveredByEcc = new int[eccEdges.length - 1];
        List<String> misses = new ArrayList<>();
        for (int k = 0; k < truthRow.length; k++) {
            int t = truthRow[k];
            if (t < 0 || rvCount[k] < 20) {
                continue;
            }
            Integer b = binaryRow.get(source[t]);
            if (b == null || !(truePeriod[b] < span[k] / 4)) {
                continue;
            }
            eligible++;
            boolean ok = Math.abs(period[k] - truePeriod[b]) < 0.1 * truePeriod[b];
            recovered += ok ? 1 : 0;
            recoveredGls += Math.abs(periodGls[k] - truePeriod[b]) < 0.1 * truePeriod[b] ? 1 : 0;
            for (int j = 0; j < eligibleByEcc.length; j++) {
                if (ecc[b] >= eccEdges[j] && ecc[b] < eccEdges[j + 1]) {
                    eligibleByEcc[j]++;
                    recoveredByEcc[j] += ok ? 1 : 0;
                }
            }
            if (rvv[k] || rvvChi2[k]) {
                withPeriodogram++;
                recoveredOfThose += ok ? 1 : 0;
            }
            if (!ok && (rvv[k] || rvvChi2[k]) && misses.size() < 8) {
                misses.add(String.format(Locale.ROOT, "P %.3f d found %.3f d (highest periodogram peak %.3f d), e %.2f, K/sigma %.1f,"
                        + " %d RVs on %d nights", truePeriod[b], period[k], periodGls[k], ecc[b], k1[b] / errMean[k], rvCount[k],
                        nights(full.series(k))));
            }
        }
        System.out.printf(Locale.ROOT, "check 4 (issue 9): >= 80%% of binaries with >= 20 epochs and P < span/4 recovered (within 10%%):%n"
                        + "  %d of %d (%.1f%%); of those with a periodogram (RV variables by either test): %d of %d (%.1f%%)%n",
                recovered, eligible, 100.0 * recovered / eligible, recoveredOfThose, withPeriodogram, 100.0 * recoveredOfThose / withPeriodogram);
        for (int j = 0; j < eligibleByEcc.length; j++) {
            System.out.printf(Locale.ROOT, "    %s: %d of %d recovered (%.1f%%)%n", j == 0 ? "e = 0 (P < 12 d)"
                            : String.format(Locale.ROOT, "e in [%.1f, %.1f)", eccEdges[j], eccEdges[j + 1]), recoveredByEcc[j],
                    eligibleByEcc[j], 100.0 * recoveredByEcc[j] / eligibleByEcc[j]);
        }
        System.out.printf(Locale.ROOT, "  the periodogram's highest peak alone: %d of %d (%.1f%%)%n", recoveredGls, eligible,
                100.0 * recoveredGls / eligible);
        misses.forEach(m -> System.out.println("    miss: " + m));
        // With the LK-MRS cadence (50-60 exposures on about 11 nights over five seasons) the sinusoid periodogram's highest
        // peak finds about two thirds of the periods: an eccentric orbit's RVs, sampled on so few nights, fit a sinusoid
        // better at a harmonic or a window alias. The Keplerian fits at the highest peaks and their aliases
        // (KeplerianPeriods) recover the rest but for orbits the sampling leaves ambiguous.
        assertTrue(eligible > 150, "enough binaries to count");
        assertTrue(recovered >= 0.8 * eligible, "periods recovered: " + recovered + " of " + eligible);
        assertTrue(recovered > recoveredGls, "the Keplerian periods improve on the periodogram's highest peak");
        assertTrue(recoveredByEcc[0] >= 0.95 * eligibleByEcc[0], "circular orbits recovered: " + recoveredByEcc[0] + " of "
                + eligibleByEcc[0]);
    }

    private static int nights(double[][] series) {
        return (int) java.util.Arrays.stream(series).mapToDouble(r -> Math.floor(r[0])).distinct().count();
    }

}
