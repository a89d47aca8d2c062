package org.ocengine.datasets.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.cluster.ClusterConfig;
import org.ocengine.combine.Weighting;
import org.ocengine.compute.Device;
import org.ocengine.datasets.recovery.MockDemo;
import org.ocengine.datasets.recovery.RecoveryReport;
import org.ocengine.galaxy.GalacticFrames;
import org.ocengine.io.TableIO;
import org.ocengine.pipeline.ClusterRun;
import org.ocengine.pipeline.ClusterRunConfig;
import org.ocengine.pipeline.Progress;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.Survey;
import org.ocengine.table.CanonicalTables;
import org.ocengine.table.ColumnSource;
import org.ocengine.table.Table;

/**
 * The tiny preset, generated once with one thread and once with two: the same bytes; files that the
 * canonical mapping reads as LAMOST, Gaia and Cantat-Gaudin catalogues; truth that agrees with the
 * catalogue; and a cluster run that recovers it (loosely: six clusters are few).
 */
class MockSurveyGeneratorTest {

    @TempDir
    static Path dir;
    static MockSurveyFiles one;
    static MockSurveyFiles two;

    @BeforeAll
    static void generate() throws Exception {
        try (RootAllocator alloc = new RootAllocator()) {
            one = MockSurveyGenerator.generate(MockPreset.TINY, 1, dir.resolve("t1"), "fits", 1, alloc, Progress.NONE, l -> { }).files();
            two = MockSurveyGenerator.generate(MockPreset.TINY, 1, dir.resolve("t2"), "fits", 2, alloc, Progress.NONE, l -> { }).files();
        }
    }

    @Test
    void sameSeedSameBytesWhateverTheThreads() throws Exception {
        for (String t : MockSurveyFiles.TABLES) {
            assertEquals(-1L, Files.mismatch(one.table(t), two.table(t)), t);
        }
        assertEquals(-1L, Files.mismatch(one.manifest(), two.manifest()));
        assertEquals(List.of(), Files.list(one.dir()).filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                "no staging left behind");
        MockSurveyFiles.Identity id = MockSurveyFiles.identify(one.dir()).orElseThrow();
        assertEquals(new MockSurveyFiles.Identity("tiny", 1, MockSurveyGenerator.VERSION, "fits"), id);
    }

    @Test
    void anotherSeedAnotherSurvey() {
        MockRandom a = new MockRandom(1);
        MockRandom b = new MockRandom(2);
        SurveyLayout la = SurveyLayout.plan(MockPreset.TINY, a);
        SurveyLayout lb = SurveyLayout.plan(MockPreset.TINY, b);
        GalacticFrames frames = GalacticFrames.defaults();
        MockCluster ca = MockCluster.draw(0, la.fields().get(0), MockPreset.TINY, frames, Extinction.DEFAULT, a.stream());
        MockCluster cb = MockCluster.draw(0, lb.fields().get(0), MockPreset.TINY, frames, Extinction.DEFAULT, b.stream());
        assertNotEquals(ca.rv(), cb.rv());
        assertNotEquals(ca.distanceKpc(), cb.distanceKpc());
    }

    @Test
    void sizesAndCanonicalColumns() throws Exception {
        try (RootAllocator alloc = new RootAllocator();
             Table spectra = TableIO.read(one.spectra(), alloc);
             Table members = TableIO.read(one.members(), alloc);
             Table clusters = TableIO.read(one.clusters(), alloc)) {
            assertTrue(spectra.rowCount() > 1000 && spectra.rowCount() < 5000, "tiny: under 5k spectra, got " + spectra.rowCount());
            assertEquals(MockPreset.TINY.clusterCount(), clusters.rowCount());
            assertMaps(spectra, Map.of("obsid", "obsid", "star_id", "uid", "mjd", "mjd", "plate_id", "planid", "spectrograph_id", "spid",
                    "fibre_id", "fiberid", "snr", "snr", "rv", "rv_br1", "rv_err", "rv_br1_err", "rv_flag", "rv_br_flag"));
            assertMaps(spectra, Map.of("teff", "teff_lasp", "teff_err", "teff_lasp_err", "logg", "logg_lasp", "feh", "feh_lasp",
                    "feh_err", "feh_lasp_err", "alpha_m", "alpha_m_lasp", "alpha_m_err", "alpha_m_lasp_err", "ra", "ra", "dec", "dec"));
            assertMaps(members, Map.of("cluster", "cluster", "source_id", "source_id", "parallax", "parallax", "parallax_err",
                    "parallax_error", "pmra", "pmra", "pmdec", "pmdec", "gmag", "phot_g_mean_mag", "bp_rp", "bp_rp",
                    "membership_prob", "proba"));
            assertMaps(clusters, Map.of("cluster", "Cluster", "ra", "RA_ICRS", "dec", "DE_ICRS", "r50", "r50", "pmra", "pmRA*",
                    "pmdec", "pmDE", "parallax", "plx", "log_age", "AgeNN", "distance", "DistPc"));
        }
    }

    private static void assertMaps(Table t, Map<String, String> expected) {
        Map<String, String> got = new HashMap<>();
        for (ColumnSource s : CanonicalTables.plan(t, Map.of())) {
            got.put(s.canonical(), s.input());
        }
        expected.forEach((canonical, input) -> assertEquals(input, got.get(canonical), canonical + " in " + t.origin()));
    }

    /**
     * The truth's Galactocentric positions, R_GC and velocities are those the engine computes from the
     * truth's own ra, dec, distance, proper motions and RV: the mock and the pipeline share one frame.
     */
    @Test
    void truthGalactocentricAgreesWithTheEngine() throws Exception {
        GalacticFrames frames = GalacticFrames.defaults();
        try (RootAllocator alloc = new RootAllocator();
             Table truth = TableIO.read(one.table(MockSurveyFiles.TRUTH_CLUSTERS), alloc)) {
            assertEquals(MockPreset.TINY.clusterCount(), truth.rowCount());
            double[] xv = new double[6];
            double[] cyl = new double[6];
            String[] names = {"x", "y", "z", "vx", "vy", "vz"};
            double[][] col = new double[names.length][];
            for (int k = 0; k < names.length; k++) {
                col[k] = truth.doubles(names[k]);
            }
            double[] rGc = truth.doubles("r_gc");
            for (int i = 0; i < truth.rowCount(); i++) {
                frames.icrsToGalactocentric(truth.doubles("ra")[i], truth.doubles("dec")[i], truth.doubles("distance")[i] / 1000,
                        truth.doubles("pmra")[i], truth.doubles("pmdec")[i], truth.doubles("rv")[i], xv);
                GalacticFrames.cylindrical(xv, cyl);
                double position = Math.sqrt(xv[0] * xv[0] + xv[1] * xv[1] + xv[2] * xv[2]);
                double speed = Math.sqrt(xv[3] * xv[3] + xv[4] * xv[4] + xv[5] * xv[5]);
                for (int k = 0; k < names.length; k++) {
                    double scale = k < 3 ? position : speed;
                    assertEquals(xv[k], col[k][i], 1e-9 * scale, names[k] + " of cluster " + i);
                }
                assertEquals(cyl[0], rGc[i], 1e-9 * cyl[0], "r_gc of cluster " + i);
            }
        }
    }

    /** The catalogue is the truth plus what the spectrum model says: zero points, noise of the stated size, failures. */
    @Test
    void truthAgreesWithTheCatalogue() throws Exception {
        try (RootAllocator alloc = new RootAllocator();
             Table spectra = TableIO.read(one.spectra(), alloc);
             Table truth = TableIO.read(one.table(MockSurveyFiles.TRUTH_SPECTRA), alloc);
             Table offsets = TableIO.read(one.table(MockSurveyFiles.TRUTH_OFFSETS), alloc)) {
            assertEquals(spectra.rowCount(), truth.rowCount());
            long[] obsA = spectra.longs("obsid");
            long[] obsB = truth.longs("obsid");
            double[] rv = spectra.doubles("rv_br1");
            double[] err = spectra.doubles("rv_br1_err");
            double[] snr = spectra.doubles("snr");
            double[] rvTrue = truth.doubles("rv_true");
            double[] offset = truth.doubles("rv_offset");
            boolean[] failed = truth.booleans("rv_failed");
            int[] flag = spectra.ints("rv_br_flag");
            DescriptiveStatistics pulls = new DescriptiveStatistics();
            for (int i = 0; i < obsA.length; i++) {
                assertEquals(obsA[i], obsB[i]);
                assertEquals(ErrorLaw.RV.sigma(snr[i]), err[i], 1e-12);
                assertEquals(failed[i], flag[i] != 0);
                assertTrue(snr[i] >= SpectrumModel.DEFAULT.minCatalogueSnr());
                if (!failed[i]) {
                    pulls.addValue((rv[i] - rvTrue[i] - offset[i]) / err[i]);
                }
            }
            assertEquals(0, pulls.getMean(), 0.06);
            assertEquals(1, pulls.getStandardDeviation(), 0.05);
            DescriptiveStatistics zp = new DescriptiveStatistics(offsets.doubles("rv_offset"));
            assertEquals(MockPreset.TINY.rvOffsetSigma(), zp.getStandardDeviation(), 0.05);
        }
    }

    /** The member route on the tiny mock: clusters found, stars' RVs and errors right, flags mostly right. */
    @Test
    void clusterRunRecoversTheTruth() throws Exception {
        Path run = dir.resolve("run");
        ClusterRunConfig config = new ClusterRunConfig(one.spectra(), one.members(), one.clusters(), Map.of(), Map.of(), Map.of(),
                Survey.MRS, QualityConfig.defaults(Survey.MRS), MockDemo.MIN_MEMBERSHIP, 3.5, MockDemo.MEMBER_EPOCH,
                MockDemo.SPECTRA_EPOCH, Weighting.SNR_SQUARED, ClusterConfig.defaults(1).withDraws(1000), Device.CPU, 2,
                List.of("fits"));
        ClusterRun.Summary s = ClusterRun.run(config, run, Progress.NONE, l -> { });
        assertEquals((long) MockPreset.TINY.clusterCount(), s.counts().get("clusters"));
        try (RootAllocator alloc = new RootAllocator()) {
            RecoveryReport r = RecoveryReport.compute(one, run, "fits", "tiny", 5, alloc);
            assertTrue(r.rv().clusters() >= 3, "clusters with >= 5 flag-1 stars: " + r.rv().clusters());
            assertTrue(Math.abs(r.rv().biasMedian()) < 1.0, "RV bias " + r.rv().biasMedian());
            assertTrue(Math.abs(r.feh().biasMedian()) < 0.05, "[Fe/H] bias " + r.feh().biasMedian());
            assertTrue(r.flags().completeness1() > 0.9, "flag-1 completeness " + r.flags().completeness1());
            assertTrue(r.flags().purity1() > 0.75, "flag-1 purity " + r.flags().purity1());
            assertTrue(r.flags().completeness12() > 0.8, "flag-12 completeness " + r.flags().completeness12());
            assertTrue(r.observedFraction() > 0.4, "observed fraction " + r.observedFraction());
            double pooledSigma = (Double) ((Map<?, ?>) r.toMap().get("flags")).get("rv_dispersion_all_median_kms");
            assertTrue(pooledSigma > 0.5 && pooledSigma < 30, "median first-pass RV dispersion " + pooledSigma);
            assertTrue(r.render().contains(String.format(Locale.ROOT, "(median %.1f km/s", pooledSigma)), r.render());
        }
        // star level, where there are enough stars: combined RV of single members against their true RV
        try (RootAllocator alloc = new RootAllocator();
             Table members = TableIO.read(run.resolve("members.fits"), alloc);
             Table stars = TableIO.read(one.table(MockSurveyFiles.TRUTH_STARS), alloc)) {
            Map<Long, Integer> row = new HashMap<>();
            long[] id = stars.longs("source_id");
            for (int i = 0; i < id.length; i++) {
                row.put(id[i], i);
            }
            boolean[] binary = stars.booleans("binary");
            double[] rvTrue = stars.doubles("rv");
            long[] sid = members.longs("source_id");
            double[] rv = members.doubles("rv");
            double[] err = members.doubles("rv_wmean_err");
            DescriptiveStatistics pulls = new DescriptiveStatistics();
            for (int i = 0; i < sid.length; i++) {
                Integer t = row.get(sid[i]);
                if (t != null && !binary[t] && !Double.isNaN(rv[i])) {
                    pulls.addValue((rv[i] - rvTrue[t]) / err[i]);
                }
            }
            assertTrue(pulls.getN() > 100, "single stars " + pulls.getN());
            double robust = 1.4826 * new DescriptiveStatistics(java.util.Arrays.stream(pulls.getValues())
                    .map(p -> Math.abs(p - pulls.getPercentile(50))).toArray()).getPercentile(50);
            assertTrue(robust > 0.8 && robust < 1.3, "robust sd of star RV pulls " + robust);
        }
    }
}
