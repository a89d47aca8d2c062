package org.ocengine.stars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.compute.Device;
import org.ocengine.io.TableIO;
import org.ocengine.pipeline.Progress;
import org.ocengine.pipeline.StarRun;
import org.ocengine.pipeline.StarRunConfig;
import org.ocengine.quality.QualityConfig;
import org.ocengine.quality.Survey;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/** The star-level run end to end, from files, on a synthetic time-domain plate. */
class StarRunTest {

    /** One plate of 16 x 40 stars, 15 exposures in 5 visits, zero points of 0.3 km/s, one visit in five with the alternate lamp. */
    static final SyntheticTimeDomainSurvey.Shape PLATE = new SyntheticTimeDomainSurvey.Shape(
            99L, 1, 16, 40, 5, 3, 1200, 0.2, 2, 40, 0.5, 300, 0.3, 0.2, 6.5);

    static StarRunConfig config(Path spectra, Path members) {
        return new StarRunConfig(spectra, Map.of(), members, Map.of(), null, Double.NaN, 3.5, 0.5, Survey.MRS,
                QualityConfig.defaults(Survey.MRS), ZeroPointConfig.defaults(),
                StarCatalogueConfig.defaults().withUncertainties(UncertaintyConfig.defaults().withMinPerWindow(5)), Device.CPU, 2,
                List.of("fits", "csv"));
    }

    @Test
    void syntheticPlateFromFileToCatalogue(@TempDir Path dir) throws Exception {
        SyntheticTimeDomainSurvey survey = new SyntheticTimeDomainSurvey(PLATE);
        Path spectra = dir.resolve("td.csv");
        Path members = dir.resolve("members.csv");
        long catalogued;
        try (var alloc = new RootAllocator(); Table t = survey.spectra(alloc)) {
            TableIO.write(t, spectra, null);
            // the MRS cut keeps spectra with S/N > 10: the faintest stars may have none
            double[] snr = t.doubles(Columns.SNR.name());
            long[] source = t.longs(Columns.SOURCE_ID.name());
            catalogued = java.util.stream.IntStream.range(0, snr.length).filter(i -> snr[i] > 10).mapToLong(i -> source[i]).distinct().count();
            // members: every tenth star of the plate (observed) and 30 fainter ones nowhere near it
            int stars = PLATE.starsPerPlate();
            int n = stars / 10 + 30;
            String[] cluster = new String[n];
            long[] id = new long[n];
            double[] ra = new double[n];
            double[] dec = new double[n];
            double[] g = new double[n];
            for (int k = 0; k < n; k++) {
                cluster[k] = "Synthetic 1";
                boolean onPlate = k < stars / 10;
                id[k] = onPlate ? 1_000_000L + 10L * k : 9_000_000L + k;
                ra[k] = onPlate ? Double.NaN : 250;
                dec[k] = onPlate ? Double.NaN : -40;
                g[k] = onPlate ? 11.2 : 16.3;
            }
            try (Table m = Table.builder(alloc, "members", n).addStrings(Columns.CLUSTER, cluster).addLongs(Columns.SOURCE_ID, id)
                    .addDoubles(Columns.RA, ra).addDoubles(Columns.DEC, dec).addDoubles(Columns.GMAG, g).build()) {
                TableIO.write(m, members, null);
            }
        }
        Path out = dir.resolve("out");
        StarRun.Summary s = StarRun.run(config(spectra, members), HighVelocityClassifier.unavailable(), out, Progress.NONE, line -> { });
        assertEquals(catalogued, s.counts().get("stars"));
        assertTrue(catalogued > 0.95 * PLATE.starsPerPlate());
        assertEquals((long) PLATE.spectrographs() * PLATE.exposures(), s.counts().get("zero_point_cells"));
        for (String f : List.of("stars", "spectra", "uncertainty_fit", "uncertainty_windows", "rv_zero_points", "completeness", "rejected")) {
            assertTrue(Files.isRegularFile(out.resolve(f + ".fits")), f);
            assertTrue(Files.isRegularFile(out.resolve(f + ".csv")), f);
        }
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
        assertTrue(s.report().contains("RV (km/s)") && s.report().contains("Teff (K)"), s.report());
        assertTrue(s.notes().stream().anyMatch(n -> n.startsWith("high_velocity left empty")));
        try (var alloc = new RootAllocator();
             Table fit = TableIO.read(out.resolve("uncertainty_fit.fits"), alloc);
             Table sp = TableIO.read(out.resolve("spectra.fits"), alloc);
             Table completeness = TableIO.read(out.resolve("completeness.fits"), alloc)) {
            assertEquals(List.of("teff", "logg", "feh", "alpha_m", "rv"), List.of(fit.strings("quantity")));
            double rvAt20 = fit.doubles("sigma_snr20")[4];
            assertEquals(SyntheticTimeDomainSurvey.law("rv", 20), rvAt20, 0.15 * SyntheticTimeDomainSurvey.law("rv", 20));
            // corrected RVs with their corrections beside the measured ones
            double[] rv = sp.doubles("rv");
            double[] measured = sp.doubles("rv_measured");
            double[] correction = sp.doubles("rv_correction");
            boolean[] lamp = sp.booleans(Columns.ARC_LAMP_ALT.name());
            for (int i = 0; i < rv.length; i++) {
                assertEquals(measured[i] + correction[i], rv[i], 1e-9);
                if (lamp[i]) {
                    assertEquals(6.5, correction[i], 1.5, "arc-lamp spectra are shifted back");
                }
            }
            // completeness: G 11.0-11.5 all observed, G 16.0-16.5 none
            assertEquals(List.of("Synthetic 1", "Synthetic 1", "all", "all"), List.of(completeness.strings("cluster")));
            assertEquals(1.0, completeness.doubles("fraction")[0]);
            assertEquals(0.0, completeness.doubles("fraction")[1]);
        }
    }

    /** Gaia-like rows without an RV observed nothing: left out of the catalogue and the completeness, and recorded. */
    @Test
    void rowsThatMeasuredNothingAreLeftOutAndRecorded(@TempDir Path dir) throws Exception {
        Path spectra = dir.resolve("gaia.csv");
        Files.writeString(spectra, "source_id,radial_velocity,radial_velocity_error\n1,10.0,0.5\n2,nan,nan\n3,-4.0,1.0\n");
        Path members = dir.resolve("members.csv");
        Files.writeString(members, "GaiaDR3,Gmag,RA_ICRS,DE_ICRS\n1,9.2,56.1,24.1\n2,9.3,56.2,24.2\n3,12.1,56.3,24.3\n4,12.2,56.4,24.4\n");
        StarRunConfig base = config(spectra, members);
        StarRunConfig named = new StarRunConfig(spectra, Map.of(), members, Map.of(), "Melotte 22", Double.NaN, 3.5, 0.5, Survey.MRS,
                base.quality(), base.zeroPoints(), base.stars(), Device.CPU, 1, List.of("csv"));
        Path out = dir.resolve("out");
        StarRun.Summary s = StarRun.run(named, HighVelocityClassifier.unavailable(), out, Progress.NONE, line -> { });
        assertEquals(2L, s.counts().get("stars"));
        assertEquals(2L, s.counts().get("spectra_kept"));
        assertTrue(s.notes().contains(spectra + ": 1 rows with no measured quantity (rv) left out"), s.notes().toString());
        try (var alloc = new RootAllocator();
             Table completeness = TableIO.read(out.resolve("completeness.csv"), alloc);
             Table rejected = TableIO.read(out.resolve("rejected.csv"), alloc)) {
            assertEquals(List.of("Melotte 22", "Melotte 22", "all", "all"), List.of(completeness.strings("cluster")));
            assertEquals(0.5, completeness.doubles("fraction")[0]);
            assertEquals(0.5, completeness.doubles("fraction")[1]);
            assertEquals(List.of("no measured quantity"), List.of(rejected.strings("reason")));
            assertEquals(2L, rejected.longs("source_row")[0]);
        }
    }

    @Test
    void badInputLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path spectra = dir.resolve("bad.csv");
        Files.writeString(spectra, "source_id,rv,rv_err,snr\n1,10.0,0.5,20\n1,11.0,-0.5,20\n");
        Path out = dir.resolve("out");
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.ocengine.table.DataException.class,
                () -> StarRun.run(config(spectra, null), HighVelocityClassifier.unavailable(), out, Progress.NONE, line -> { }));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("rv_err") && e.getMessage().contains("row 2"), e.getMessage());
        assertFalse(Files.exists(out));
    }
}
