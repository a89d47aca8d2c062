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
 * Stateless.
 */
public final class RepeatedMeasurements {

    private static final ColumnSpec N_SPECTRA = new ColumnSpec("n_spectra", ColumnType.INT32, "", "Number of spectra combined");

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

    /**
     * Combines.
     *
     * @param spectra   canonical spectra with a {@code star_key} column (caller keeps ownership)
     * @param weighting weights of eq. 1
     * @param allocator for the result, which the caller owns
     * @return one row per (cluster, star): combined quantities with {@code <q>_err} = sigma_w and
     *         {@code <q>_n} = spectra used, {@code n_spectra}, position, and the other columns of the first spectrum
     */
    public static Table combine(Table spectra, Weighting weighting, BufferAllocator allocator) {
        StarGroups grouping = StarGroups.of(spectra);
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
        for (ColumnSpec[] q : quantities()) {
            if (!spectra.has(q[0].name())) {
                continue;
            }
            double[] v = spectra.doubles(q[0].name());
            double[] err = q[1] != null && spectra.has(q[1].name()) ? spectra.doubles(q[1].name()) : null;
            double[] mean = new double[g];
            double[] sigma = new double[g];
            int[] nUsed = new int[g];
            for (int k = 0; k < g; k++) {
                combineOne(groups.get(k), v, err, snr, weighting, k, mean, sigma, nUsed);
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
            }
            b.addInts(N_SPECTRA, count);
            if (spectra.has(Columns.NOBS.name())) {
                b.addInts(Columns.NOBS, sumNobs(groups, spectra.longs(Columns.NOBS.name())));
            }
            return b.build();
        }
    }

    private static void combineOne(int[] rows, double[] v, double[] err, double[] snr, Weighting weighting, int k,
                                   double[] mean, double[] sigma, int[] nUsed) {
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
            return;
        }
        if (used == 1) {
            mean[k] = v[last];
            sigma[k] = err == null ? Double.NaN : err[last];
            return;
        }
        // S/N^2 weights only when every spectrum used has an S/N; otherwise inverse variance for all
        boolean bySnr = weighting == Weighting.SNR_SQUARED && allHaveSnr || err == null;
        double sw = 0;
        double swx = 0;
        for (int r : rows) {
            if (usable(r, v, err)) {
                double w = weight(r, err, snr, bySnr);
                sw += w;
                swx += w * v[r];
            }
        }
        double m = swx / sw;
        double ss = 0;
        for (int r : rows) {
            if (usable(r, v, err)) {
                double d = v[r] - m;
                ss += weight(r, err, snr, bySnr) * d * d;
            }
        }
        mean[k] = m;
        sigma[k] = Math.sqrt((double) used / (used - 1) * ss / sw);
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
