package org.ocengine.stars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.commons.math3.special.Gamma;
import org.ocengine.combine.RepeatedMeasurements;
import org.ocengine.combine.StarGroups;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.FrequencyGrid;
import org.ocengine.compute.PeriodogramPeaks;
import org.ocengine.compute.TimeSeriesBatch;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/**
 * The star-level time-domain products (SPEC.md 4 and 8; Zong et al. 2020, Qin et al. 2025) from
 * spectra with a {@code star_key} (RVs already zero-point corrected where that applies):
 * <ul>
 *   <li>the per-star catalogue: weighted means of Teff, logg, [Fe/H], [M/H], [alpha/M], [X/Fe], RV
 *       and vsini with sigma_w and counts ({@link RepeatedMeasurements}, eq. 1-2);</li>
 *   <li>RV statistics and labels: the RV standard deviation (ddof 1) and mean pipeline RV error; RVV
 *       (RV-variable candidate: at least 2 RVs and a standard deviation above 3 times the mean error),
 *       and, beside it, the chi^2 test of the RVs against a constant (probability below 0.001 by
 *       default: it uses each epoch's error, so it finds amplitudes the standard-deviation rule cannot),
 *       MP (-2.0 &lt;= [Fe/H] &lt;= -1.0), VMP (-2.5 &lt;= [Fe/H] &lt; -2.0), and the high-velocity label
 *       through {@link HighVelocityClassifier};</li>
 *   <li>periodograms of the RV series of the RV variables (either test) with enough epochs, all on one grid,
 *       batched through the backend: best period, power and false-alarm probability;</li>
 *   <li>internal uncertainties versus S/N for each quantity with an S/N ({@link InternalUncertainties}),
 *       leaving the RV variables' spectra (either test) out of the RV fit, as Qin et al. leave out their RVV candidates.</li>
 * </ul>
 * Stateless.
 */
public final class StarCatalogue {

    public static final ColumnSpec RV_STD = new ColumnSpec("rv_std", ColumnType.FLOAT64, "km/s", "Standard deviation (ddof 1) of the star's RVs");
    public static final ColumnSpec RV_ERR_MEAN = new ColumnSpec("rv_err_mean", ColumnType.FLOAT64, "km/s", "Mean pipeline RV error of the star's RVs");
    public static final ColumnSpec RV_SPAN = new ColumnSpec("rv_span", ColumnType.FLOAT64, "d", "Time between the star's first and last RV");
    public static final ColumnSpec RV_VARIABLE = new ColumnSpec("rv_variable", ColumnType.BOOL, "", "RV-variable candidate (RVV): >= 2 RVs and rv_std > 3 rv_err_mean");
    public static final ColumnSpec RV_CHI2 = new ColumnSpec("rv_chi2", ColumnType.FLOAT64, "",
            "Chi^2 of the star's RVs about their inverse-variance weighted mean, with the pipeline RV errors");
    public static final ColumnSpec RV_P_CONSTANT = new ColumnSpec("rv_p_constant", ColumnType.FLOAT64, "",
            "Probability that a constant star gives rv_chi2 or more (chi^2 with N-1 degrees of freedom)");
    public static final ColumnSpec RV_VARIABLE_CHI2 = new ColumnSpec("rv_variable_chi2", ColumnType.BOOL, "",
            "RV variable by the chi^2 test: >= 2 RVs and rv_p_constant below the configured probability (0.001)");
    public static final ColumnSpec METAL_POOR = new ColumnSpec("metal_poor", ColumnType.BOOL, "", "Metal-poor candidate (MP): -2.0 <= [Fe/H] <= -1.0");
    public static final ColumnSpec VERY_METAL_POOR = new ColumnSpec("very_metal_poor", ColumnType.BOOL, "", "Very metal-poor candidate (VMP): -2.5 <= [Fe/H] < -2.0");
    public static final ColumnSpec HIGH_VELOCITY = new ColumnSpec("high_velocity", ColumnType.STRING, "", "High-velocity candidate: unbound (above the escape speed) or bound (above 0.7 of it); empty when unknown");
    public static final ColumnSpec LABELS = new ColumnSpec("labels", ColumnType.STRING, "", "Labels of Qin et al. 2025 Table 2, separated by ';': RVV, MP, VMP, HV");
    public static final ColumnSpec PERIOD = new ColumnSpec("period", ColumnType.FLOAT64, "d",
            "Period of the RV variable: of the best Keplerian at the periodogram's highest peaks (12 or more epochs), else period_gls");
    public static final ColumnSpec PERIOD_ECCENTRICITY = new ColumnSpec("period_eccentricity", ColumnType.FLOAT64, "",
            "Eccentricity of that Keplerian (NaN without one)");
    public static final ColumnSpec PERIOD_SEMI_AMPLITUDE = new ColumnSpec("period_k", ColumnType.FLOAT64, "km/s",
            "RV semi-amplitude K of that Keplerian (NaN without one)");
    public static final ColumnSpec PERIOD_GLS = new ColumnSpec("period_gls", ColumnType.FLOAT64, "d",
            "Period of the highest peak of the generalised Lomb-Scargle periodogram of the RVs (RV variables by either test)");
    public static final ColumnSpec PERIOD_POWER = new ColumnSpec("period_power", ColumnType.FLOAT64, "", "Generalised Lomb-Scargle power of the highest peak (standard normalisation)");
    public static final ColumnSpec PERIOD_FAP = new ColumnSpec("period_fap", ColumnType.FLOAT64, "", "False-alarm probability of the highest peak (Baluev 2008)");
    public static final ColumnSpec PERIOD_EPOCHS = new ColumnSpec("period_epochs", ColumnType.INT32, "", "RV epochs in the periodogram");

    /** The quantities whose internal uncertainties are fitted, in the order of Qin et al. 2025 Table 3. */
    public static final List<ColumnSpec> FITTED = List.of(Columns.TEFF, Columns.LOGG, Columns.FEH, Columns.ALPHA_M, Columns.RV, Columns.VSINI);

    private StarCatalogue() {
    }

    /**
     * The products.
     *
     * @param stars    one row per star: the combination's columns, then the RV statistics, labels and periodogram columns
     * @param spectra  the input spectra with, per fitted quantity q, {@code d_q} (eq. 3), {@code q_clipped}, {@code q_outlier}
     * @param fits     per fitted quantity (canonical name), the internal-uncertainty result
     * @param grid     the periodogram grid, or null when no star had a periodogram
     * @param notes    one-line notes for the run log
     */
    public record Result(Table stars, Table spectra, Map<String, InternalUncertainties.Result> fits, FrequencyGrid grid,
                         List<String> notes) implements AutoCloseable {
        @Override
        public void close() {
            try (stars; spectra) {
                // both closed
            }
        }
    }

    /**
     * Builds the products.
     *
     * @param spectra   canonical spectra with {@code star_key} (caller keeps ownership)
     * @param backend   runs the periodograms
     * @param velocity  labels high-velocity candidates
     * @param allocator for the result tables, owned by the caller
     */
    public static Result build(Table spectra, StarCatalogueConfig config, ComputeBackend backend, HighVelocityClassifier velocity,
                               BufferAllocator allocator) {
        List<String> notes = new ArrayList<>();
        StarGroups groups = StarGroups.of(spectra);
        int g = groups.count();
        double[] rv = optional(spectra, Columns.RV);
        double[] rvErr = optional(spectra, Columns.RV_ERR);
        double[] mjd = optional(spectra, Columns.MJD);
        double[] rvStd = new double[g];
        double[] rvErrMean = new double[g];
        double[] span = new double[g];
        boolean[] rvv = new boolean[g];
        double[] chi2 = new double[g];
        double[] pConstant = new double[g];
        boolean[] rvvChi2 = new boolean[g];
        rvStatistics(groups, rv, rvErr, mjd, config.rvVariableFactor(), rvStd, rvErrMean, span, rvv);
        rvChi2(groups, rv, rvErr, config.rvChi2Alpha(), chi2, pConstant, rvvChi2);
        boolean[] variable = new boolean[g];
        for (int k = 0; k < g; k++) {
            variable[k] = rvv[k] || rvvChi2[k];
        }
        if (rv == null) {
            notes.add(spectra.origin() + ": no rv column, so no RV statistics, RV-variable labels or periodograms");
        } else if (rvErr == null) {
            notes.add(spectra.origin() + ": no rv_err column, so no RV-variable labels (they compare the RV scatter with the errors)");
        }
        Table combined = RepeatedMeasurements.combine(spectra, groups, config.weighting(), allocator);
        try {
            // labels
            double[] feh = optional(combined, Columns.FEH);
            boolean[] mp = new boolean[g];
            boolean[] vmp = new boolean[g];
            for (int k = 0; feh != null && k < g; k++) {
                mp[k] = feh[k] >= StarCatalogueConfig.MP_MIN && feh[k] <= StarCatalogueConfig.MP_MAX;
                vmp[k] = feh[k] >= StarCatalogueConfig.VMP_MIN && feh[k] < StarCatalogueConfig.MP_MIN;
            }
            String[] hv = velocity.classify(combined);
            notes.add(velocity.description());
            String[] labels = new String[g];
            for (int k = 0; k < g; k++) {
                List<String> l = new ArrayList<>(4);
                if (rvv[k]) {
                    l.add("RVV");
                }
                if (mp[k]) {
                    l.add("MP");
                }
                if (vmp[k]) {
                    l.add("VMP");
                }
                if (hv[k] != null) {
                    l.add("HV");
                }
                labels[k] = l.isEmpty() ? null : String.join(";", l);
            }
            // periodograms
            double[] period = new double[g];
            double[] eccentricity = new double[g];
            double[] semiAmplitude = new double[g];
            double[] periodGls = new double[g];
            double[] power = new double[g];
            double[] fap = new double[g];
            int[] epochs = new int[g];
            java.util.Arrays.fill(period, Double.NaN);
            java.util.Arrays.fill(eccentricity, Double.NaN);
            java.util.Arrays.fill(semiAmplitude, Double.NaN);
            java.util.Arrays.fill(periodGls, Double.NaN);
            java.util.Arrays.fill(power, Double.NaN);
            java.util.Arrays.fill(fap, Double.NaN);
            java.util.Arrays.fill(epochs, Table.NULL_INT);
            FrequencyGrid grid = periodograms(groups, rv, rvErr, mjd, variable, config.periodograms(), backend,
                    new PeriodColumns(period, eccentricity, semiAmplitude, periodGls, power, fap, epochs), notes);
            // internal uncertainties
            Map<String, InternalUncertainties.Result> fits = new LinkedHashMap<>();
            Map<String, double[]> differences = new LinkedHashMap<>();
            double[] snr = optional(spectra, Columns.SNR);
            if (snr == null) {
                notes.add(spectra.origin() + ": no S/N column, so no internal uncertainties versus S/N");
            } else {
                int[] groupOfRow = groups.groupOfRow();
                for (ColumnSpec q : FITTED) {
                    if (!spectra.has(q.name())) {
                        continue;
                    }
                    String errName = q == Columns.VSINI ? null : q.name() + "_err";
                    double[] err = errName != null && spectra.has(errName) ? spectra.doubles(errName) : null;
                    double[] dp = InternalUncertainties.differences(spectra.doubles(q.name()), err, groups,
                            combined.doubles(q.name()), combined.ints(q.name() + "_n"));
                    boolean[] exclude = null;
                    if (q == Columns.RV) {
                        exclude = new boolean[dp.length];
                        for (int i = 0; i < dp.length; i++) {
                            exclude[i] = variable[groupOfRow[i]];
                        }
                    }
                    InternalUncertainties.Result r = InternalUncertainties.fit(snr, dp, exclude, config.uncertainties());
                    fits.put(q.name(), r);
                    differences.put(q.name(), dp);
                    if (!r.fit().valid()) {
                        notes.add(String.format(Locale.ROOT, "%s: internal uncertainty not fitted (%d differences, too few S/N windows"
                                + " with %d or more)", q.name(), r.differences(), config.uncertainties().minPerWindow()));
                    }
                }
            }
            Table stars = combined.extend(allocator, "stars", b -> b.addDoubles(RV_STD, rvStd).addDoubles(RV_ERR_MEAN, rvErrMean)
                    .addDoubles(RV_SPAN, span).addBooleans(RV_VARIABLE, rvv).addDoubles(RV_CHI2, chi2)
                    .addDoubles(RV_P_CONSTANT, pConstant).addBooleans(RV_VARIABLE_CHI2, rvvChi2).addBooleans(METAL_POOR, mp)
                    .addBooleans(VERY_METAL_POOR, vmp).addStrings(HIGH_VELOCITY, hv).addStrings(LABELS, labels)
                    .addDoubles(PERIOD, period).addDoubles(PERIOD_ECCENTRICITY, eccentricity)
                    .addDoubles(PERIOD_SEMI_AMPLITUDE, semiAmplitude).addDoubles(PERIOD_GLS, periodGls).addDoubles(PERIOD_POWER, power).addDoubles(PERIOD_FAP, fap)
                    .addInts(PERIOD_EPOCHS, epochs));
            try {
                Table perSpectrum = spectra.extend(allocator, spectra.origin(), b -> {
                    for (Map.Entry<String, double[]> e : differences.entrySet()) {
                        String q = e.getKey();
                        ColumnSpec spec = Columns.byName(q).orElseThrow();
                        InternalUncertainties.Result r = fits.get(q);
                        b.addDoubles(new ColumnSpec("d_" + q, ColumnType.FLOAT64, spec.unit(),
                                "Difference from the star's weighted mean times sqrt(N/(N-1)) (eq. 3) of " + q), e.getValue());
                        b.addBooleans(new ColumnSpec(q + "_clipped", ColumnType.BOOL, "", "Removed by the 3-sigma clipping before the sigma(S/N) fit of " + q), r.clipped());
                        b.addBooleans(new ColumnSpec(q + "_outlier", ColumnType.BOOL, "", "Final outlier: |d_" + q + "| > 6 sigma_P(S/N)"), r.outlier());
                    }
                });
                return new Result(stars, perSpectrum, fits, grid, notes);
            } catch (RuntimeException e) {
                stars.close();
                throw e;
            }
        } finally {
            combined.close();
        }
    }

    /** Per star: RV standard deviation, mean error, time span and the RVV label. */
    private static void rvStatistics(StarGroups groups, double[] rv, double[] rvErr, double[] mjd, double factor, double[] std,
                                     double[] errMean, double[] span, boolean[] rvv) {
        int[] rows = groups.rows();
        int[] offsets = groups.offsets();
        for (int g = 0; g < groups.count(); g++) {
            int n = 0;
            double sum = 0;
            double errSum = 0;
            double first = Double.POSITIVE_INFINITY;
            double last = Double.NEGATIVE_INFINITY;
            for (int k = offsets[g]; k < offsets[g + 1]; k++) {
                int r = rows[k];
                if (usableRv(r, rv, rvErr)) {
                    n++;
                    sum += rv[r];
                    errSum += rvErr == null ? 0 : rvErr[r];
                    if (mjd != null && !Double.isNaN(mjd[r])) {
                        first = Math.min(first, mjd[r]);
                        last = Math.max(last, mjd[r]);
                    }
                }
            }
            if (n < 2) {
                std[g] = Double.NaN;
                errMean[g] = n == 1 && rvErr != null ? errSum : Double.NaN;
                span[g] = n == 1 && last >= first ? 0.0 : Double.NaN;
                continue;
            }
            double mean = sum / n;
            double ss = 0;
            for (int k = offsets[g]; k < offsets[g + 1]; k++) {
                int r = rows[k];
                if (usableRv(r, rv, rvErr)) {
                    ss += (rv[r] - mean) * (rv[r] - mean);
                }
            }
            std[g] = Math.sqrt(ss / (n - 1));
            errMean[g] = rvErr == null ? Double.NaN : errSum / n;
            span[g] = last >= first ? last - first : Double.NaN;
            rvv[g] = rvErr != null && std[g] > factor * errMean[g];
        }
    }

    /**
     * Per star: the chi^2 of its usable RVs (positive errors) about their inverse-variance weighted
     * mean, the probability that a constant star gives as much (upper regularised gamma function,
     * N-1 degrees of freedom), and the chi^2 RV-variable flag; NaN and false with fewer than 2 RVs.
     */
    private static void rvChi2(StarGroups groups, double[] rv, double[] rvErr, double alpha, double[] chi2, double[] pConstant,
                               boolean[] variable) {
        int[] rows = groups.rows();
        int[] offsets = groups.offsets();
        for (int g = 0; g < groups.count(); g++) {
            chi2[g] = Double.NaN;
            pConstant[g] = Double.NaN;
            if (rv == null || rvErr == null) {
                continue;
            }
            int n = 0;
            double sw = 0;
            double swv = 0;
            for (int k = offsets[g]; k < offsets[g + 1]; k++) {
                int r = rows[k];
                if (!Double.isNaN(rv[r]) && rvErr[r] > 0) {
                    double w = 1.0 / (rvErr[r] * rvErr[r]);
                    n++;
                    sw += w;
                    swv += w * rv[r];
                }
            }
            if (n < 2) {
                continue;
            }
            double mean = swv / sw;
            double sum = 0;
            for (int k = offsets[g]; k < offsets[g + 1]; k++) {
                int r = rows[k];
                if (!Double.isNaN(rv[r]) && rvErr[r] > 0) {
                    double d = (rv[r] - mean) / rvErr[r];
                    sum += d * d;
                }
            }
            chi2[g] = sum;
            pConstant[g] = Gamma.regularizedGammaQ(0.5 * (n - 1), 0.5 * sum);
            variable[g] = pConstant[g] < alpha;
        }
    }

    private static boolean usableRv(int r, double[] rv, double[] rvErr) {
        return rv != null && !Double.isNaN(rv[r]) && (rvErr == null || rvErr[r] >= 0);
    }

    /** The RV variables' periodograms on one grid; returns the grid, or null when none was run. */
    private static FrequencyGrid periodograms(StarGroups groups, double[] rv, double[] rvErr, double[] mjd, boolean[] variable,
                                              PeriodogramConfig config, ComputeBackend backend, PeriodColumns out,
                                              List<String> notes) {
        int[] epochs = out.epochs();
        if (rv == null || rvErr == null || mjd == null) {
            if (rv != null && rvErr != null) {
                notes.add("no mjd column, so no RV periodograms");
            }
            return null;
        }
        int[] rows = groups.rows();
        int[] offsets = groups.offsets();
        List<Integer> stars = new ArrayList<>();
        List<int[]> series = new ArrayList<>();
        int points = 0;
        double longest = 0;
        int tooFew = 0;
        for (int g = 0; g < groups.count(); g++) {
            if (!variable[g]) {
                continue;
            }
            int[] use = new int[offsets[g + 1] - offsets[g]];
            int m = 0;
            double first = Double.POSITIVE_INFINITY;
            double last = Double.NEGATIVE_INFINITY;
            for (int k = offsets[g]; k < offsets[g + 1]; k++) {
                int r = rows[k];
                if (!Double.isNaN(rv[r]) && rvErr[r] > 0 && !Double.isNaN(mjd[r])) {
                    use[m++] = r;
                    first = Math.min(first, mjd[r]);
                    last = Math.max(last, mjd[r]);
                }
            }
            epochs[g] = m;
            if (m < config.minEpochs() || !(last > first)) {
                tooFew++;
                continue;
            }
            stars.add(g);
            series.add(java.util.Arrays.copyOf(use, m));
            points += m;
            longest = Math.max(longest, last - first);
        }
        if (stars.isEmpty()) {
            notes.add(String.format(Locale.ROOT, "RV periodograms: none (%d RV variables, none with %d or more epochs)",
                    tooFew, config.minEpochs()));
            return null;
        }
        double[] t = new double[points];
        double[] y = new double[points];
        double[] dy = new double[points];
        int[] seriesOffsets = new int[stars.size() + 1];
        int p = 0;
        for (int s = 0; s < stars.size(); s++) {
            seriesOffsets[s] = p;
            for (int r : series.get(s)) {
                t[p] = mjd[r];
                y[p] = rv[r];
                dy[p] = rvErr[r];
                p++;
            }
        }
        seriesOffsets[stars.size()] = p;
        double maxPeriod = Double.isNaN(config.maxPeriodDays()) ? longest : config.maxPeriodDays();
        FrequencyGrid grid = FrequencyGrid.covering(1.0 / maxPeriod, 1.0 / config.minPeriodDays(), longest, config.samplesPerPeak());
        PeriodogramPeaks peaks = backend.periodograms(new TimeSeriesBatch(t, y, dy, seriesOffsets), grid);
        double peakWidth = 1.0 / longest;
        java.util.stream.IntStream.range(0, stars.size()).parallel().forEach(s -> {
            int g = stars.get(s);
            out.periodGls()[g] = 1.0 / peaks.bestFrequency()[s];
            out.period()[g] = out.periodGls()[g];
            out.power()[g] = peaks.bestPower()[s];
            out.fap()[g] = peaks.falseAlarm()[s];
            if (epochs[g] >= config.keplerianMinEpochs()) {
                KeplerianPeriods.Orbit orbit = new KeplerianPeriods().best(t, y, dy, seriesOffsets[s], seriesOffsets[s + 1], peaks.peaks(s),
                        peakWidth, grid.minimum(), grid.maximum());
                out.period()[g] = orbit.periodDays();
                out.eccentricity()[g] = orbit.eccentricity();
                out.semiAmplitude()[g] = orbit.semiAmplitude();
            }
        });
        int keplerians = 0;
        for (int g : stars) {
            keplerians += epochs[g] >= config.keplerianMinEpochs() ? 1 : 0;
        }
        notes.add(String.format(Locale.ROOT, "RV periodograms of %d RV variables (%d more with fewer than %d epochs):"
                        + " %d frequencies from %.6g to %.6g per day", stars.size(), tooFew, config.minEpochs(), grid.count(),
                grid.minimum(), grid.maximum()));
        notes.add(String.format(Locale.ROOT, "Keplerian periods for %d of them (%d or more epochs; the others keep the periodogram's"
                + " highest peak)", keplerians, config.keplerianMinEpochs()));
        return grid;
    }

    /** The period columns the periodograms fill, one slot per star. */
    private record PeriodColumns(double[] period, double[] eccentricity, double[] semiAmplitude, double[] periodGls, double[] power,
                                 double[] fap, int[] epochs) {
    }

    private static double[] optional(Table t, ColumnSpec spec) {
        return t.has(spec.name()) ? t.doubles(spec.name()) : null;
    }
}
