package org.ocengine.combine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Columns;
import org.ocengine.table.SkyAverage;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * Combines the repeated spectra of each star into one row (SPEC.md 4, eq. 1-2, after Zong et al.
 * 2020 and Qin et al. 2025): for each measured quantity P with uncertainty,
 * <pre>
 *   P_w     = sum(w_k P_k) / sum(w_k)
 *   sigma_w = sqrt( N/(N-1) * sum(w_k (P_k - P_w)^2) / sum(w_k) )     for N &gt;= 2
 *   sigma_w = err_1                                                     for N = 1
 * </pre>
 * over the N spectra where P and its uncertainty are usable. Rows are grouped by {@code star_key}
 * (and by cluster, when the table has one: a star matched to two clusters is combined for each).
 * Positions are averaged on the sphere; other columns are taken from the star's first spectrum.
 *
 * <p>sigma_w is the scatter of one spectrum's value about the mean, as the time-domain papers
 * publish it, not the uncertainty of the mean itself: for a constant star it does not shrink with N
 * (it is about sqrt(N) times too large for the mean), and for N = 2 it is any value down to zero
 * when the two spectra happen to agree. Stages that need the uncertainty of the star's value (the
 * cluster Monte-Carlo) use {@code <q>_wmean_err} instead:
 * <pre>
 *   sigma_mean = sqrt( sum(w_k^2 err_k^2) ) / sum(w_k) * max(1, sqrt( chi2 / (N-1) )),
 *   chi2 = sum( (P_k - P_w)^2 / err_k^2 )                                              for N &gt;= 2
 *   sigma_mean = err_1                                                                  for N = 1
 * </pre>
 * the pipeline errors propagated through the weighted mean, inflated by the Birge ratio when the
 * spectra scatter more than their errors allow (binaries, RV variables). Stateless.
 */
public final class RepeatedMeasurements {

    private static final ColumnSpec N_SPECTRA = new ColumnSpec("n_spectra", ColumnType.INT32, "", "Number of spectra combined");
    /** Suffix of the column holding the uncertainty of a combined quantity's weighted mean. */
    public static final String MEAN_ERROR_SUFFIX = "_wmean_err";

    private RepeatedMeasurements() {
    }

    /** The quantities combined, as (value, uncertainty) canonical column pairs; vsini has no uncertainty column. */
    public static List<ColumnSpec[]> quantities() {
        List<ColumnSpec[]> q = new ArrayList<>();
        q.add(new ColumnSpec[] {Columns.RV, Columns.RV_ERR});
        q.add(new ColumnSpec[] {Columns.TEFF, Columns.TEFF_ERR});
        q.add(new ColumnSpec[] {Columns.LOGG, Columns.LOGG_ERR});
        q.add(new ColumnSpec[] {Columns.FEH, Columns.FEH_ERR});
        q.add(new ColumnSpec[] {Columns.MH, Columns.MH_ERR});
        q.add(new ColumnSpec[] {Columns.ALPHA_M, Columns.ALPHA_M_ERR});
        for (String x : Columns.ELEMENTS) {
            q.add(new ColumnSpec[] {Columns.abundance(x), Columns.abundanceError(x)});
        }
        q.add(new ColumnSpec[] {Columns.VSINI, null});
        return q;
    }

    /** The name of the uncertainty-of-the-mean column of a combined quantity ({@code rv} gives {@code rv_wmean_err}). */
    public static String meanErrorName(ColumnSpec quantity) {
        return quantity.name() + MEAN_ERROR_SUFFIX;
    }

    /**
     * Combines.
     *
     * @param spectra   canonical spectra with a {@code star_key} column (caller keeps ownership)
     * @param weighting weights of eq. 1
     * @param allocator for the result, which the caller owns
     * @return one row per (cluster, star): combined quantities with {@code <q>_err} = sigma_w,
     *         {@code <q>_wmean_err} = the uncertainty of the weighted mean (quantities with an uncertainty
     *         column) and {@code <q>_n} = spectra used, {@code n_spectra}, position, and the other columns of the
     *         first spectrum
     */
    public static Table combine(Table spectra, Weighting weighting, BufferAllocator allocator) {
        return combine(spectra, StarGroups.of(spectra), weighting, allocator);
    }

    /**
     * Combines, with the spectra already grouped by star ({@code grouping} = {@link StarGroups#of} of
     * these spectra), for a caller that needs the groups too: the result's rows are the groups, in order.
     */
    public static Table combine(Table spectra, StarGroups grouping, Weighting weighting, BufferAllocator allocator) {
        int g = grouping.count();
        List<int[]> groups = new ArrayList<>(g);
        for (int k = 0; k < g; k++) {
            groups.add(grouping.rowsOf(k));
        }
        int[] first = grouping.firstRows();
        int[] count = new int[g];
        for (int k = 0; k < g; k++) {
            count[k] = grouping.size(k);
        }
        double[] snr = spectra.has(Columns.SNR.name()) ? spectra.doubles(Columns.SNR.name()) : null;

        Map<String, double[]> combined = new LinkedHashMap<>();
        Map<String, ColumnSpec> specs = new LinkedHashMap<>();
        Map<String, int[]> used = new LinkedHashMap<>();
        Map<String, double[]> meanErrors = new LinkedHashMap<>();
        for (ColumnSpec[] q : quantities()) {
            if (!spectra.has(q[0].name())) {
                continue;
            }
            double[] v = spectra.doubles(q[0].name());
            double[] err = q[1] != null && spectra.has(q[1].name()) ? spectra.doubles(q[1].name()) : null;
            double[] mean = new double[g];
            double[] sigma = new double[g];
            double[] meanErr = err == null ? null : new double[g];
            int[] nUsed = new int[g];
            for (int k = 0; k < g; k++) {
                combineOne(groups.get(k), v, err, snr, weighting, k, mean, sigma, meanErr, nUsed);
            }
            if (meanErr != null) {
                meanErrors.put(q[0].name(), meanErr);
            }
            combined.put(q[0].name(), mean);
            specs.put(q[0].name(), q[0]);
            String errName = q[1] != null ? q[1].name() : q[0].name() + "_err";
            combined.put(errName, sigma);
            specs.put(errName, q[1] != null ? q[1] : new ColumnSpec(errName, ColumnType.FLOAT64, q[0].unit(), "sigma_w of " + q[0].name()));
            used.put(q[0].name() + "_n", nUsed);
        }

        try (Table firsts = spectra.select(first, allocator, spectra.origin());
             TableBuilder b = Table.builder(allocator, spectra.origin(), g)) {
            for (String name : firsts.columnNames()) {
                if (combined.containsKey(name) || name.equals(Columns.RA.name()) || name.equals(Columns.DEC.name())
                        || name.equals(Columns.NOBS.name())) {
                    continue;
                }
                b.addCopy(firsts, name, name);
            }
            if (spectra.has(Columns.RA.name()) && spectra.has(Columns.DEC.name())) {
                double[] ra = spectra.doubles(Columns.RA.name());
                double[] dec = spectra.doubles(Columns.DEC.name());
                double[] meanRa = new double[g];
                double[] meanDec = new double[g];
                for (int k = 0; k < g; k++) {
                    double[] p = SkyAverage.of(groups.get(k), ra, dec);
                    meanRa[k] = p[0];
                    meanDec[k] = p[1];
                }
                b.addDoubles(Columns.RA, meanRa).addDoubles(Columns.DEC, meanDec);
            }
            for (Map.Entry<String, double[]> e : combined.entrySet()) {
                b.addDoubles(specs.get(e.getKey()), e.getValue());
                String base = e.getKey();
                int[] nUsed = used.get(base + "_n");
                if (nUsed != null) {
                    b.addInts(new ColumnSpec(base + "_n", ColumnType.INT32, "", "Spectra used for " + base), nUsed);
                }
                double[] meanErr = meanErrors.get(base);
                if (meanErr != null) {
                    b.addDoubles(new ColumnSpec(base + MEAN_ERROR_SUFFIX, ColumnType.FLOAT64, specs.get(base).unit(),
                            "Uncertainty of the weighted mean of " + base + " (propagated errors, Birge-inflated)"), meanErr);
                }
            }
            b.addInts(N_SPECTRA, count);
            if (spectra.has(Columns.NOBS.name())) {
                b.addInts(Columns.NOBS, sumNobs(groups, spectra.longs(Columns.NOBS.name())));
            }
            return b.build();
        }
    }

    private static void combineOne(int[] rows, double[] v, double[] err, double[] snr, Weighting weighting, int k,
                                   double[] mean, double[] sigma, double[] meanErr, int[] nUsed) {
        int used = 0;
        boolean allHaveSnr = snr != null;
        int last = -1;
        for (int r : rows) {
            if (usable(r, v, err)) {
                used++;
                last = r;
                allHaveSnr &= snr != null && snr[r] > 0;
            }
        }
        nUsed[k] = used;
        if (used == 0) {
            mean[k] = Double.NaN;
            sigma[k] = Double.NaN;
            if (meanErr != null) {
                meanErr[k] = Double.NaN;
            }
            return;
        }
        if (used == 1) {
            mean[k] = v[last];
            sigma[k] = err == null ? Double.NaN : err[last];
            if (meanErr != null) {
                meanErr[k] = err[last];
            }
            return;
        }
        // S/N^2 weights only when every spectrum used has an S/N; otherwise inverse variance for all
        boolean bySnr = weighting == Weighting.SNR_SQUARED && allHaveSnr || err == null;
        double sw = 0;
        double swx = 0;
        double sw2e2 = 0;
        for (int r : rows) {
            if (usable(r, v, err)) {
                double w = weight(r, err, snr, bySnr);
                sw += w;
                swx += w * v[r];
                if (err != null) {
                    sw2e2 += w * w * err[r] * err[r];
                }
            }
        }
        double m = swx / sw;
        double ss = 0;
        double chi2 = 0;
        for (int r : rows) {
            if (usable(r, v, err)) {
                double d = v[r] - m;
                ss += weight(r, err, snr, bySnr) * d * d;
                if (err != null) {
                    double e = Math.max(err[r], 1e-12);
                    chi2 += d * d / (e * e);
                }
            }
        }
        mean[k] = m;
        sigma[k] = Math.sqrt((double) used / (used - 1) * ss / sw);
        if (meanErr != null) {
            meanErr[k] = Math.sqrt(sw2e2) / sw * Math.max(1.0, Math.sqrt(chi2 / (used - 1)));
        }
    }

    /** A value takes part when it and (where the quantity has one) its uncertainty are known. */
    private static boolean usable(int r, double[] v, double[] err) {
        return !Double.isNaN(v[r]) && (err == null || err[r] >= 0);
    }

    private static double weight(int r, double[] err, double[] snr, boolean bySnr) {
        if (bySnr) {
            return snr != null && snr[r] > 0 ? snr[r] * snr[r] : 1.0;
        }
        // a zero uncertainty would take all the weight; floor it at a tiny positive number instead
        double e = Math.max(err[r], 1e-12);
        return 1.0 / (e * e);
    }

    private static int[] sumNobs(List<int[]> groups, long[] nobs) {
        int[] out = new int[groups.size()];
        for (int k = 0; k < out.length; k++) {
            long s = 0;
            for (int r : groups.get(k)) {
                s += nobs[r] == Table.NULL_LONG ? 1 : nobs[r];
            }
            out[k] = (int) s;
        }
        return out;
    }
}
