package org.ocengine.stars;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.random.DrawKey;
import org.ocengine.random.Philox4x64;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * A small time-domain survey with known truth, standing in for the mock survey of issue 3 until it
 * lands: plates of {@code spectrographs x starsPerSpectrograph} stars, each star on a fixed fibre
 * (so a fixed spectrograph) and observed in every exposure of its plate; exposures grouped in
 * visits of a few consecutive 20-minute exposures, visits on nights spread over {@code spanDays},
 * each starting at a random time within a 7-hour window of the night (the plate's hour angle).
 * <ul>
 *   <li>S/N: a star's base S/N is log-uniform between 8 and 150, each exposure's S/N scatters about it
 *       by 0.1 dex;</li>
 *   <li>errors: every quantity is measured with Gaussian noise of the injected law
 *       {@code sigma(S/N) = a (S/N)^b + c} (Qin et al. 2025 Table 3), and the pipeline error reported
 *       is that same law;</li>
 *   <li>RV zero points: each (plate, spectrograph, exposure) cell is offset by a Gaussian of
 *       {@code offsetSigma} km/s; exposures flagged {@code arc_lamp_alt} read {@code arcLampShift} km/s
 *       low (the correction adds it back);</li>
 *   <li>binaries: a fraction of stars on circular orbits, semi-amplitude K log-uniform in
 *       [{@code kMin}, {@code kMax}] km/s and period log-uniform in [{@code pMin}, {@code pMax}] d.</li>
 * </ul>
 * Every number comes from the counter-based generator keyed by (seed, stream, star, draw), so the
 * same configuration gives the same survey whatever runs before or alongside it.
 */
final class SyntheticTimeDomainSurvey {

    /** Laws injected: {a, b, c} per quantity (Qin et al. 2025, Table 3). */
    static final Map<String, double[]> LAWS = new LinkedHashMap<>();

    static {
        LAWS.put("teff", new double[] {1593, -1.16, 9.5});
        LAWS.put("logg", new double[] {2.32, -1.15, 0.02});
        LAWS.put("feh", new double[] {1.42, -1.07, 0.01});
        LAWS.put("alpha_m", new double[] {0.56, -0.92, 0.01});
        LAWS.put("rv", new double[] {139.51, -2.08, 0.71});
    }

    private static final int STREAM_UNIFORM = 100;
    private static final int STREAM_NOISE = 10;   // + quantity index
    private static final int STREAM_SNR = 20;
    private static final int STREAM_OFFSET = 21;
    private static final int STREAM_TRUE = 22;
    private static final long GROUP = DrawKey.groupKey("synthetic-time-domain-survey");

    /**
     * The survey's shape.
     *
     * @param seed                 random seed
     * @param plates               number of plates
     * @param spectrographs        spectrographs per plate
     * @param starsPerSpectrograph stars per spectrograph
     * @param visits               visits (nights) per plate
     * @param exposuresPerVisit    consecutive exposures per visit
     * @param spanDays             time span of the visits, days
     * @param binaryFraction       fraction of stars that are binaries
     * @param kMin                 smallest binary semi-amplitude, km/s
     * @param kMax                 largest, km/s
     * @param pMin                 shortest period, days
     * @param pMax                 longest period, days
     * @param offsetSigma          rms of the zero-point offsets, km/s
     * @param arcLampFraction      fraction of exposures taken with the alternate arc lamp
     * @param arcLampShift         how much lower those RVs read, km/s
     */
    record Shape(long seed, int plates, int spectrographs, int starsPerSpectrograph, int visits, int exposuresPerVisit,
                 double spanDays, double binaryFraction, double kMin, double kMax, double pMin, double pMax,
                 double offsetSigma, double arcLampFraction, double arcLampShift) {

        int starsPerPlate() {
            return spectrographs * starsPerSpectrograph;
        }

        int exposures() {
            return visits * exposuresPerVisit;
        }

        Shape withSeed(long s) {
            return new Shape(s, plates, spectrographs, starsPerSpectrograph, visits, exposuresPerVisit, spanDays,
                    binaryFraction, kMin, kMax, pMin, pMax, offsetSigma, arcLampFraction, arcLampShift);
        }
    }

    /** Ground truth beside the observations. */
    record Truth(double[] starRv, boolean[] binary, double[] k, double[] period, double[] baseSnr,
                 double[] meanRvError, double[] cellOffset, int[] cellOfSpectrum, int[] starOfSpectrum) {
    }

    final Shape shape;
    final Truth truth;
    private final int n;
    private final long[] sourceId;
    private final double[] ra;
    private final double[] dec;
    private final double[] mjd;
    private final String[] plate;
    private final int[] spectrograph;
    private final int[] fibre;
    private final long[] exposure;
    private final boolean[] arcLamp;
    private final double[] snr;
    private final Map<String, double[]> values = new LinkedHashMap<>();
    private final Map<String, double[]> errors = new LinkedHashMap<>();

    SyntheticTimeDomainSurvey(Shape shape) {
        this.shape = shape;
        int stars = shape.plates() * shape.starsPerPlate();
        int exposures = shape.exposures();
        n = stars * exposures;
        DrawKey draws = new DrawKey(shape.seed());
        long[] block = new long[4];

        // exposures per plate: times and arc-lamp flags
        double[][] time = new double[shape.plates()][exposures];
        boolean[][] alt = new boolean[shape.plates()][exposures];
        for (int p = 0; p < shape.plates(); p++) {
            double[] nights = new double[shape.visits()];
            for (int v = 0; v < nights.length; v++) {
                nights[v] = Math.floor(shape.spanDays() * uniform(shape.seed(), 1_000_000 + p, v, 0, block));
            }
            java.util.Arrays.sort(nights);
            for (int v = 0; v < shape.visits(); v++) {
                boolean lamp = uniform(shape.seed(), 2_000_000 + p, v, 0, block) < shape.arcLampFraction();
                double start = 0.45 + 0.3 * uniform(shape.seed(), 2_000_000 + p, v, 1, block);
                for (int e = 0; e < shape.exposuresPerVisit(); e++) {
                    int x = v * shape.exposuresPerVisit() + e;
                    time[p][x] = 58400 + 3000 * p + nights[v] + start + e * 20.0 / 1440.0;
                    alt[p][x] = lamp;
                }
            }
        }
        // zero-point offsets per (plate, spectrograph, exposure)
        int cells = shape.plates() * shape.spectrographs() * exposures;
        double[] cellOffset = new double[cells];
        for (int c = 0; c < cells; c++) {
            cellOffset[c] = shape.offsetSigma() * draws.normal(GROUP, STREAM_OFFSET, c, 0);
        }
        // stars
        double[] starRv = new double[stars];
        boolean[] binary = new boolean[stars];
        double[] k = new double[stars];
        double[] period = new double[stars];
        double[] phase = new double[stars];
        double[] baseSnr = new double[stars];
        double[] teff = new double[stars];
        double[] logg = new double[stars];
        double[] feh = new double[stars];
        double[] alpha = new double[stars];
        for (int s = 0; s < stars; s++) {
            starRv[s] = 30 * draws.normal(GROUP, STREAM_TRUE, s, 0);
            teff[s] = 4500 + 2000 * uniform(shape.seed(), STREAM_UNIFORM, s, 0, block);
            logg[s] = 2.0 + 2.5 * uniform(shape.seed(), STREAM_UNIFORM, s, 1, block);
            feh[s] = -0.2 + 0.3 * draws.normal(GROUP, STREAM_TRUE, s, 1);
            alpha[s] = 0.05 + 0.05 * draws.normal(GROUP, STREAM_TRUE, s, 2);
            baseSnr[s] = 8 * Math.pow(150.0 / 8, uniform(shape.seed(), STREAM_UNIFORM, s, 2, block));
            binary[s] = uniform(shape.seed(), STREAM_UNIFORM, s, 3, block) < shape.binaryFraction();
            if (binary[s]) {
                k[s] = shape.kMin() * Math.pow(shape.kMax() / shape.kMin(), uniform(shape.seed(), STREAM_UNIFORM, s, 4, block));
                period[s] = shape.pMin() * Math.pow(shape.pMax() / shape.pMin(), uniform(shape.seed(), STREAM_UNIFORM, s, 5, block));
                phase[s] = 2 * Math.PI * uniform(shape.seed(), STREAM_UNIFORM, s, 6, block);
            }
        }
        sourceId = new long[n];
        ra = new double[n];
        dec = new double[n];
        mjd = new double[n];
        plate = new String[n];
        spectrograph = new int[n];
        fibre = new int[n];
        exposure = new long[n];
        arcLamp = new boolean[n];
        snr = new double[n];
        int[] cellOf = new int[n];
        int[] starOf = new int[n];
        double[] meanErr = new double[stars];
        String[] names = LAWS.keySet().toArray(String[]::new);
        for (String q : names) {
            values.put(q, new double[n]);
            errors.put(q, new double[n]);
        }
        int i = 0;
        for (int p = 0; p < shape.plates(); p++) {
            for (int x = 0; x < exposures; x++) {
                for (int f = 0; f < shape.starsPerPlate(); f++) {
                    int s = p * shape.starsPerPlate() + f;
                    int sp = f / shape.starsPerSpectrograph();
                    int cell = (p * shape.spectrographs() + sp) * exposures + x;
                    sourceId[i] = 1_000_000L + s;
                    ra[i] = 100 + p * 10 + (f % 50) * 0.02;
                    dec[i] = 20 + (f / 50) * 0.02;
                    mjd[i] = time[p][x];
                    plate[i] = "TD" + p;
                    spectrograph[i] = sp + 1;
                    fibre[i] = f + 1;
                    exposure[i] = Math.round(time[p][x] * 1440);
                    arcLamp[i] = alt[p][x];
                    snr[i] = baseSnr[s] * Math.pow(10, 0.1 * draws.normal(GROUP, STREAM_SNR, s, x));
                    cellOf[i] = cell;
                    starOf[i] = s;
                    double[] truthValue = {teff[s], logg[s], feh[s], alpha[s], Double.NaN};
                    for (int q = 0; q < names.length; q++) {
                        double[] law = LAWS.get(names[q]);
                        double sigma = law[0] * Math.pow(snr[i], law[1]) + law[2];
                        double noise = sigma * draws.normal(GROUP, STREAM_NOISE + q, s, x);
                        double v;
                        if (names[q].equals("rv")) {
                            double orbit = binary[s] ? k[s] * Math.sin(2 * Math.PI * mjd[i] / period[s] + phase[s]) : 0;
                            v = starRv[s] + orbit + cellOffset[cell] - (arcLamp[i] ? shape.arcLampShift() : 0) + noise;
                            meanErr[s] += sigma / exposures;
                        } else {
                            v = truthValue[q] + noise;
                        }
                        values.get(names[q])[i] = v;
                        errors.get(names[q])[i] = sigma;
                    }
                    i++;
                }
            }
        }
        truth = new Truth(starRv, binary, k, period, baseSnr, meanErr, cellOffset, cellOf, starOf);
    }

    /** Number of spectra. */
    int size() {
        return n;
    }

    /** The spectra in canonical columns (caller owns the table). */
    Table spectra(BufferAllocator allocator) {
        long[] obsid = new long[n];
        int[] flag = new int[n];
        for (int i = 0; i < n; i++) {
            obsid[i] = 500_000_000L + i;
        }
        try (TableBuilder b = Table.builder(allocator, "synthetic", n)) {
            b.addLongs(Columns.OBSID, obsid).addLongs(Columns.SOURCE_ID, sourceId).addDoubles(Columns.RA, ra)
                    .addDoubles(Columns.DEC, dec).addDoubles(Columns.MJD, mjd).addStrings(Columns.PLATE_ID, plate)
                    .addInts(Columns.SPECTROGRAPH_ID, spectrograph).addInts(Columns.FIBRE_ID, fibre)
                    .addLongs(Columns.EXPOSURE_ID, exposure).addBooleans(Columns.ARC_LAMP_ALT, arcLamp)
                    .addDoubles(Columns.SNR, snr).addInts(Columns.RV_FLAG, flag);
            for (String q : values.keySet()) {
                ColumnSpec value = Columns.byName(q).orElseThrow();
                ColumnSpec error = Columns.byName(q + "_err").orElseThrow();
                b.addDoubles(value, values.get(q)).addDoubles(error, errors.get(q));
            }
            return b.build();
        }
    }

    /** The injected law of a quantity at one S/N. */
    static double law(String quantity, double snr) {
        double[] l = LAWS.get(quantity);
        return l[0] * Math.pow(snr, l[1]) + l[2];
    }

    private static double uniform(long seed, int stream, int star, int draw, long[] block) {
        Philox4x64.block(draw, stream, star, GROUP, seed, DrawKey.KEY1, block);
        return Philox4x64.uniformOpen(block[0]);
    }
}
