package org.ocengine.stars;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.combine.Weighting;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Columns;
import org.ocengine.table.RowOrder;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * RV zero-point correction of time-domain plates (SPEC.md 4; Zong et al. 2020 Sec. 3.2 and
 * Appendix A, after Liu et al. 2019). In time-domain mode a star keeps its fibre, so its
 * spectrograph, on every exposure of a plate; the offsets are a function of (spectrograph,
 * exposure):
 * <ol>
 *   <li>spectra flagged {@code arc_lamp_alt} get the known arc-lamp shift added (6.5 km/s);</li>
 *   <li>plates with fewer than 540 spectra with a usable RV are left as they are;</li>
 *   <li>on each other plate, the "common constant" stars are those with a usable RV in every
 *       exposure of the plate whose RV standard deviation (ddof 1) is below 1 km/s;</li>
 *   <li>the offset of each (spectrograph, exposure) cell is the weighted mean of (RV - the star's
 *       weighted mean RV on the plate) over the constant stars' spectra in it, and is subtracted
 *       from every spectrum of the cell; cells without a constant star keep their RVs.</li>
 * </ol>
 * One round by default. Because a star is always on the same spectrograph, the mean offset of a
 * spectrograph over a plate's exposures is absorbed into its stars' mean RVs: the correction
 * removes the exposure-to-exposure variation of each spectrograph's zero point, not its average.
 *
 * <p>Exposures are told apart by {@code exposure_id} (LAMOST {@code lmjm}) or, without it, by
 * {@code mjd}; without {@code spectrograph_id} each exposure is one cell. Stateless.
 */
public final class RvZeroPoints {

    public static final ColumnSpec RV_CORRECTION = new ColumnSpec("rv_correction", ColumnType.FLOAT64, "km/s",
            "Added to the measured RV: arc-lamp shift minus the zero-point offset of the spectrum's (spectrograph, exposure)");
    public static final ColumnSpec RV_MEASURED = new ColumnSpec("rv_measured", ColumnType.FLOAT64, "km/s",
            "Radial velocity as measured, before the zero-point correction");

    private RvZeroPoints() {
    }

    /**
     * The outcome.
     *
     * @param rv          corrected RV per spectrum (NaN where the input had none)
     * @param correction  what was added per spectrum, km/s (0 where nothing was applied)
     * @param cells       one entry per (plate, spectrograph, exposure) of the plates examined
     * @param notes       one-line notes: plates skipped, cells left uncorrected
     */
    public record Result(double[] rv, double[] correction, List<Cell> cells, List<String> notes) {

        /** The cells as a table (caller owns it). */
        public Table cellTable(BufferAllocator allocator) {
            int m = cells.size();
            String[] plate = new String[m];
            int[] spectrograph = new int[m];
            long[] exposure = new long[m];
            double[] mjd = new double[m];
            int[] spectra = new int[m];
            int[] constant = new int[m];
            double[] offset = new double[m];
            double[] offsetErr = new double[m];
            boolean[] lamp = new boolean[m];
            String[] status = new String[m];
            for (int k = 0; k < m; k++) {
                Cell c = cells.get(k);
                plate[k] = c.plate();
                spectrograph[k] = c.spectrograph();
                exposure[k] = c.exposure();
                mjd[k] = c.mjd();
                spectra[k] = c.spectra();
                constant[k] = c.constantStars();
                offset[k] = c.offset();
                offsetErr[k] = c.offsetError();
                lamp[k] = c.arcLamp();
                status[k] = c.status();
            }
            try (TableBuilder b = Table.builder(allocator, "rv_zero_points", m)) {
                return b.addStrings(Columns.PLATE_ID, plate).addInts(Columns.SPECTROGRAPH_ID, spectrograph)
                        .addLongs(Columns.EXPOSURE_ID, exposure)
                        .addDoubles(new ColumnSpec("mjd", ColumnType.FLOAT64, "d", "Mean observation time of the cell's spectra (MJD)"), mjd)
                        .addInts(new ColumnSpec("n_spectra", ColumnType.INT32, "", "Spectra with a usable RV in the cell"), spectra)
                        .addInts(new ColumnSpec("n_constant", ColumnType.INT32, "", "Common constant stars used for the offset"), constant)
                        .addDoubles(new ColumnSpec("offset", ColumnType.FLOAT64, "km/s", "Zero-point offset subtracted from the cell's RVs (after the arc-lamp shift)"), offset)
                        .addDoubles(new ColumnSpec("offset_err", ColumnType.FLOAT64, "km/s", "Standard error of the offset (weighted mean of the constant stars' deviations)"), offsetErr)
                        .addBooleans(Columns.ARC_LAMP_ALT, lamp)
                        .addStrings(new ColumnSpec("status", ColumnType.STRING, "", "corrected, or why not"), status)
                        .build();
            }
        }
    }

    /**
     * One (plate, spectrograph, exposure) cell.
     *
     * @param exposure      the exposure key ({@code exposure_id}, or the MJD's bits when there is none)
     * @param offset        subtracted, km/s (summed over rounds); NaN when not determined
     * @param offsetError   its standard error, km/s (last round)
     * @param arcLamp       the cell's spectra were flagged {@code arc_lamp_alt}
     */
    public record Cell(String plate, int spectrograph, long exposure, double mjd, int spectra, int constantStars,
                       double offset, double offsetError, boolean arcLamp, String status) {
    }

    /**
     * Corrects the RVs of a spectra table.
     *
     * @param spectra canonical spectra with {@code star_key}, {@code rv} and {@code plate_id}; uses
     *                {@code spectrograph_id}, {@code exposure_id} (else {@code mjd}), {@code rv_err},
     *                {@code snr}, {@code arc_lamp_alt} when present (not modified)
     */
    public static Result correct(Table spectra, ZeroPointConfig config) {
        int n = spectra.rowCount();
        double[] rv = spectra.doubles(Columns.RV.name());
        double[] correction = new double[n];
        List<String> notes = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        if (!spectra.has(Columns.PLATE_ID.name())) {
            notes.add(spectra.origin() + ": no plate_id column, so no RV zero-point correction");
            return new Result(rv, correction, cells, notes);
        }
        double[] err = optional(spectra, Columns.RV_ERR);
        double[] snr = optional(spectra, Columns.SNR);
        boolean[] lamp = spectra.has(Columns.ARC_LAMP_ALT.name()) ? spectra.booleans(Columns.ARC_LAMP_ALT.name()) : new boolean[n];
        int lampCount = 0;
        for (int i = 0; i < n; i++) {
            if (lamp[i] && !Double.isNaN(rv[i])) {
                rv[i] += config.arcLampShift();
                correction[i] += config.arcLampShift();
                lampCount++;
            }
        }
        if (lampCount > 0) {
            notes.add(String.format(Locale.ROOT, "arc-lamp shift of %+.2f km/s added to %d spectra flagged arc_lamp_alt",
                    config.arcLampShift(), lampCount));
        }
        String[] plate = spectra.strings(Columns.PLATE_ID.name());
        long[] star = spectra.longs(Columns.STAR_KEY.name());
        long[] exposure;
        if (spectra.has(Columns.EXPOSURE_ID.name())) {
            exposure = spectra.longs(Columns.EXPOSURE_ID.name());
        } else if (spectra.has(Columns.MJD.name())) {
            double[] mjd = spectra.doubles(Columns.MJD.name());
            exposure = new long[n];
            for (int i = 0; i < n; i++) {
                exposure[i] = Double.isNaN(mjd[i]) ? Table.NULL_LONG : Double.doubleToLongBits(mjd[i]);
            }
            notes.add(spectra.origin() + ": no exposure_id column, so exposures are told apart by their mjd");
        } else {
            notes.add(spectra.origin() + ": neither exposure_id nor mjd, so no RV zero-point correction");
            return new Result(rv, correction, cells, notes);
        }
        int[] spectrograph = spectra.has(Columns.SPECTROGRAPH_ID.name()) ? spectra.ints(Columns.SPECTROGRAPH_ID.name()) : new int[n];
        double[] mjd = optional(spectra, Columns.MJD);
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            usable[i] = plate[i] != null && !Double.isNaN(rv[i]) && (err == null || err[i] >= 0) && exposure[i] != Table.NULL_LONG
                    && spectrograph[i] != Table.NULL_INT && weight(i, err, snr, config.weighting()) > 0;
        }
        String[] plateKey = new String[n];
        for (int i = 0; i < n; i++) {
            plateKey[i] = plate[i] == null ? "" : plate[i].strip();
        }
        int[] order = RowOrder.sorted(n, (a, b) -> {
            int c = plateKey[a].compareTo(plateKey[b]);
            if (c != 0) {
                return c;
            }
            c = Long.compare(star[a], star[b]);
            return c != 0 ? c : Long.compare(exposure[a], exposure[b]);
        });
        for (int s = 0; s < n; ) {
            int e = s;
            while (e < n && plateKey[order[e]].equals(plateKey[order[s]])) {
                e++;
            }
            if (!plateKey[order[s]].isEmpty()) {
                correctPlate(Arrays.copyOfRange(order, s, e), plateKey[order[s]], rv, err, snr, lamp, star, exposure, spectrograph,
                        mjd, usable, correction, config, cells, notes);
            }
            s = e;
        }
        return new Result(rv, correction, cells, notes);
    }

    private static void correctPlate(int[] rows, String plate, double[] rv, double[] err, double[] snr, boolean[] lamp,
                                     long[] star, long[] exposure, int[] spectrograph, double[] mjd, boolean[] usable,
                                     double[] correction, ZeroPointConfig config, List<Cell> cells, List<String> notes) {
        int usableCount = 0;
        for (int r : rows) {
            usableCount += usable[r] ? 1 : 0;
        }
        if (usableCount < config.minPlateSpectra()) {
            notes.add(String.format(Locale.ROOT, "plate %s: %d spectra with a usable RV < %d, zero points not corrected",
                    plate, usableCount, config.minPlateSpectra()));
            return;
        }
        // the plate's exposures and cells
        long[] exposures = Arrays.stream(rows).filter(r -> usable[r]).mapToLong(r -> exposure[r]).distinct().sorted().toArray();
        Map<Long, Integer> exposureIndex = new HashMap<>();
        for (int x = 0; x < exposures.length; x++) {
            exposureIndex.put(exposures[x], x);
        }
        Map<Long, Integer> cellIndex = new HashMap<>();
        List<long[]> cellKeys = new ArrayList<>();
        int[] cellOf = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int r = rows[k];
            if (!usable[r]) {
                cellOf[k] = -1;
                continue;
            }
            long key = (long) spectrograph[r] * exposures.length + exposureIndex.get(exposure[r]);
            Integer c = cellIndex.get(key);
            if (c == null) {
                c = cellKeys.size();
                cellIndex.put(key, c);
                cellKeys.add(new long[] {spectrograph[r], exposure[r]});
            }
            cellOf[k] = c;
        }
        int m = cellKeys.size();
        double[] total = new double[m];
        double[] lastErr = new double[m];
        int[] constantStars = new int[m];
        boolean[] determined = new boolean[m];
        for (int round = 0; round < config.iterations(); round++) {
            double[] sw = new double[m];
            double[] swd = new double[m];
            double[] sww = new double[m];
            double[] swwd = new double[m];
            double[] swwdd = new double[m];
            Arrays.fill(constantStars, 0);
            // stars are contiguous in rows (sorted by star, then exposure)
            for (int s = 0; s < rows.length; ) {
                int e = s;
                while (e < rows.length && star[rows[e]] == star[rows[s]]) {
                    e++;
                }
                double[] meanAndScatter = starMean(rows, s, e, rv, err, snr, usable, exposure, exposures.length, config.weighting());
                if (meanAndScatter != null && meanAndScatter[1] < config.maxConstantScatter()) {
                    for (int k = s; k < e; k++) {
                        int r = rows[k];
                        if (usable[r]) {
                            double w = weight(r, err, snr, config.weighting());
                            double d = rv[r] - meanAndScatter[0];
                            sw[cellOf[k]] += w;
                            swd[cellOf[k]] += w * d;
                            sww[cellOf[k]] += w * w;
                            swwd[cellOf[k]] += w * w * d;
                            swwdd[cellOf[k]] += w * w * d * d;
                            constantStars[cellOf[k]]++;
                        }
                    }
                }
                s = e;
            }
            double[] offset = new double[m];
            for (int c = 0; c < m; c++) {
                if (constantStars[c] > 0) {
                    offset[c] = swd[c] / sw[c];
                    // standard error of a weighted mean from the scatter itself: sqrt(sum w^2 (d - mean)^2) / sum w,
                    // with n/(n-1) for the mean estimated from the same points
                    int nc = constantStars[c];
                    double o = offset[c];
                    double s2 = Math.max(0, swwdd[c] - 2 * o * swwd[c] + o * o * sww[c]);
                    lastErr[c] = nc > 1 ? Math.sqrt(s2 * nc / (nc - 1)) / sw[c] : Double.NaN;
                    total[c] += offset[c];
                    determined[c] = true;
                }
            }
            for (int k = 0; k < rows.length; k++) {
                if (cellOf[k] >= 0 && constantStars[cellOf[k]] > 0) {
                    rv[rows[k]] -= offset[cellOf[k]];
                    correction[rows[k]] -= offset[cellOf[k]];
                }
            }
        }
        // describe the cells
        int[] spectraIn = new int[m];
        double[] mjdSum = new double[m];
        int[] mjdCount = new int[m];
        boolean[] lampIn = new boolean[m];
        for (int k = 0; k < rows.length; k++) {
            int c = cellOf[k];
            if (c < 0) {
                continue;
            }
            spectraIn[c]++;
            lampIn[c] |= lamp[rows[k]];
            if (mjd != null && !Double.isNaN(mjd[rows[k]])) {
                mjdSum[c] += mjd[rows[k]];
                mjdCount[c]++;
            }
        }
        Integer[] byKey = new Integer[m];
        for (int c = 0; c < m; c++) {
            byKey[c] = c;
        }
        Arrays.sort(byKey, (a, b) -> {
            int x = Long.compare(cellKeys.get(a)[0], cellKeys.get(b)[0]);
            return x != 0 ? x : Long.compare(cellKeys.get(a)[1], cellKeys.get(b)[1]);
        });
        int undetermined = 0;
        for (int c : byKey) {
            undetermined += determined[c] ? 0 : 1;
            cells.add(new Cell(plate, (int) cellKeys.get(c)[0], cellKeys.get(c)[1], mjdCount[c] > 0 ? mjdSum[c] / mjdCount[c] : Double.NaN,
                    spectraIn[c], constantStars[c], determined[c] ? total[c] : Double.NaN, determined[c] ? lastErr[c] : Double.NaN,
                    lampIn[c], determined[c] ? "corrected" : "no common constant star"));
        }
        if (undetermined > 0) {
            notes.add(String.format(Locale.ROOT, "plate %s: %d of %d (spectrograph, exposure) cells have no common constant star"
                    + " and keep their RVs", plate, undetermined, m));
        }
    }

    /**
     * The star's weighted mean RV and RV standard deviation (ddof 1) over rows {@code [s, e)}, or null when the
     * star lacks a usable RV in some exposure of the plate (or has fewer than two).
     */
    private static double[] starMean(int[] rows, int s, int e, double[] rv, double[] err, double[] snr, boolean[] usable,
                                     long[] exposure, int exposures, Weighting weighting) {
        int distinct = 0;
        long previous = 0;
        int count = 0;
        double sw = 0;
        double swx = 0;
        double sum = 0;
        for (int k = s; k < e; k++) {
            int r = rows[k];
            if (!usable[r]) {
                continue;
            }
            if (count == 0 || exposure[r] != previous) {
                distinct++;
                previous = exposure[r];
            }
            count++;
            double w = weight(r, err, snr, weighting);
            sw += w;
            swx += w * rv[r];
            sum += rv[r];
        }
        if (distinct < exposures || count < 2) {
            return null;
        }
        double mean = sum / count;
        double ss = 0;
        for (int k = s; k < e; k++) {
            int r = rows[k];
            if (usable[r]) {
                ss += (rv[r] - mean) * (rv[r] - mean);
            }
        }
        return new double[] {swx / sw, Math.sqrt(ss / (count - 1))};
    }

    private static double weight(int r, double[] err, double[] snr, Weighting weighting) {
        if (weighting == Weighting.SNR_SQUARED && snr != null && snr[r] > 0) {
            return snr[r] * snr[r];
        }
        if (err != null && err[r] > 0) {
            return 1.0 / (err[r] * err[r]);
        }
        return snr == null && err == null ? 1.0 : 0.0;
    }

    private static double[] optional(Table t, ColumnSpec spec) {
        return t.has(spec.name()) ? t.doubles(spec.name()) : null;
    }
}
