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
 * <p>Optional extension of ours ({@link ZeroPointConfig.Solution#JOINT_LEAST_SQUARES}; the default
 * is the published rule above): on plates of many exposures few stars have a usable RV in every one,
 * so step 3 accepts stars with a usable RV in at least {@link ZeroPointConfig#minCoverage()} of the
 * exposures, and step 4 becomes the weighted least-squares solution of RV = m_star + o_cell + noise
 * over their spectra, found by alternating star means and cell offsets (each the exact minimiser
 * given the other; the first sweep is the published rule) until no offset changes by more than
 * {@link ZeroPointConfig#tolerance()}. The gauge: the offsets of each set of cells linked through
 * shared constant stars (in time-domain mode, one spectrograph's cells on a plate) have mean zero,
 * the part the stars' mean RVs absorb. Offset errors are the scatter of the fit's residuals in the
 * cell, sqrt(f sum w^2 r^2) / sum w, with f = n / (n - p) over the plate's n constant spectra and p
 * free parameters (stars + cells - linked sets); they leave out the star means' own errors (a
 * fraction 1/N of the variance for stars with N exposures).
 *
 * <p>Exposures are told apart by {@code exposure_id} (LAMOST {@code lmjm}) or, without it, by
 * {@code mjd}; without {@code spectrograph_id} each exposure is one cell. Stateless.
 */
public final class RvZeroPoints {

    public static final ColumnSpec RV_CORRECTION = new ColumnSpec("rv_correction", ColumnType.FLOAT64, "km/s",
            "Added to the measured RV: arc-lamp shift minus the zero-point offset of the spectrum's (spectrograph, exposure)");
    public static final ColumnSpec RV_MEASURED = new ColumnSpec("rv_measured", ColumnType.FLOAT64, "km/s",
            "Radial velocity as measured, before the zero-point correction");

    /** The joint solution gives up (with a note) after this many sweeps. */
    static final int MAX_SWEEPS = 10_000;

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
                        .addDoubles(new ColumnSpec("offset_err", ColumnType.FLOAT64, "km/s", "Standard error of the offset, from the scatter of the constant stars' residuals in the cell"), offsetErr)
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
        int platesCorrected = 0;
        int maxSweeps = 0;
        for (int s = 0; s < n; ) {
            int e = s;
            while (e < n && plateKey[order[e]].equals(plateKey[order[s]])) {
                e++;
            }
            if (!plateKey[order[s]].isEmpty()) {
                int sweeps = correctPlate(Arrays.copyOfRange(order, s, e), plateKey[order[s]], rv, err, snr, lamp, star, exposure, spectrograph,
                        mjd, usable, correction, config, cells, notes);
                platesCorrected += sweeps > 0 ? 1 : 0;
                maxSweeps = Math.max(maxSweeps, sweeps);
            }
            s = e;
        }
        if (platesCorrected > 0) {
            notes.add(String.format(Locale.ROOT, "RV zero points corrected on %d plate%s by the %s%s", platesCorrected,
                    platesCorrected == 1 ? "" : "s",
                    config.describeSolution(), config.solution() == ZeroPointConfig.Solution.JOINT_LEAST_SQUARES
                            ? String.format(Locale.ROOT, "; at most %d sweeps per round", Math.min(maxSweeps, MAX_SWEEPS)) : ""));
        }
        return new Result(rv, correction, cells, notes);
    }

    /**
     * Returns the most sweeps a round of the plate took (1 for the published rule), or 0 when no cell of the plate
     * was corrected.
     */
    private static int correctPlate(int[] rows, String plate, double[] rv, double[] err, double[] snr, boolean[] lamp,
                                     long[] star, long[] exposure, int[] spectrograph, double[] mjd, boolean[] usable,
                                     double[] correction, ZeroPointConfig config, List<Cell> cells, List<String> notes) {
        int usableCount = 0;
        for (int r : rows) {
            usableCount += usable[r] ? 1 : 0;
        }
        if (usableCount < config.minPlateSpectra()) {
            notes.add(String.format(Locale.ROOT, "plate %s: %d spectra with a usable RV < %d, zero points not corrected",
                    plate, usableCount, config.minPlateSpectra()));
            return 0;
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
        int required = Math.max(1, (int) Math.ceil(config.minCoverage() * exposures.length - 1e-9));
        int sweeps = 0;
        for (int round = 0; round < config.iterations(); round++) {
            // the constant stars' usable spectra (stars are contiguous in rows: sorted by star, then exposure)
            int[] position = new int[rows.length];
            int[] starOf = new int[rows.length];
            int spectraCount = 0;
            int starCount = 0;
            for (int s = 0; s < rows.length; ) {
                int e = s;
                while (e < rows.length && star[rows[e]] == star[rows[s]]) {
                    e++;
                }
                if (scatterIfCovered(rows, s, e, rv, usable, exposure, required) < config.maxConstantScatter()) {
                    for (int k = s; k < e; k++) {
                        if (usable[rows[k]]) {
                            position[spectraCount] = k;
                            starOf[spectraCount++] = starCount;
                        }
                    }
                    starCount++;
                }
                s = e;
            }
            ConstantSpectra constant = new ConstantSpectra(spectraCount, starCount, m);
            Arrays.fill(constantStars, 0);
            for (int j = 0; j < spectraCount; j++) {
                int r = rows[position[j]];
                constant.cell[j] = cellOf[position[j]];
                constant.star[j] = starOf[j];
                constant.weight[j] = weight(r, err, snr, config.weighting());
                constant.rv[j] = rv[r];
                constantStars[constant.cell[j]]++;
            }
            Solved solved = config.solution() == ZeroPointConfig.Solution.PUBLISHED_MEANS ? constant.publishedMeans()
                    : constant.jointLeastSquares(config.tolerance());
            if (solved.sweeps() > MAX_SWEEPS) {
                notes.add(String.format(Locale.ROOT, "plate %s: the joint zero-point solution stopped after %d sweeps with offsets still"
                        + " changing by %.2g km/s", plate, MAX_SWEEPS, solved.change()));
            }
            sweeps = Math.max(sweeps, solved.sweeps());
            for (int c = 0; c < m; c++) {
                if (constantStars[c] > 0) {
                    total[c] += solved.offset()[c];
                    lastErr[c] = solved.error()[c];
                    determined[c] = true;
                }
            }
            for (int k = 0; k < rows.length; k++) {
                if (cellOf[k] >= 0 && constantStars[cellOf[k]] > 0) {
                    rv[rows[k]] -= solved.offset()[cellOf[k]];
                    correction[rows[k]] -= solved.offset()[cellOf[k]];
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
        return undetermined < m ? sweeps : 0;
    }

    /**
     * The RV standard deviation (ddof 1) of the star's usable RVs over rows {@code [s, e)}, or NaN when they fall in
     * fewer than {@code required} of the plate's exposures or are fewer than two.
     */
    private static double scatterIfCovered(int[] rows, int s, int e, double[] rv, boolean[] usable, long[] exposure, int required) {
        int distinct = 0;
        long previous = 0;
        int count = 0;
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
            sum += rv[r];
        }
        if (distinct < required || count < 2) {
            return Double.NaN;
        }
        double mean = sum / count;
        double ss = 0;
        for (int k = s; k < e; k++) {
            int r = rows[k];
            if (usable[r]) {
                ss += (rv[r] - mean) * (rv[r] - mean);
            }
        }
        return Math.sqrt(ss / (count - 1));
    }

    /**
     * One round's offsets per cell (0 where the cell has no constant star), their standard errors, the sweeps
     * taken (1 for the published rule; above {@link #MAX_SWEEPS} when the joint solution did not converge) and the
     * last sweep's largest change, km/s.
     */
    private record Solved(double[] offset, double[] error, int sweeps, double change) {
    }

    /**
     * The usable spectra of a plate's constant stars for one round: cell, star (0-based, per round), weight and RV
     * per spectrum. Mutable; confined to one call.
     */
    private static final class ConstantSpectra {
        final int[] cell;
        final int[] star;
        final double[] weight;
        final double[] rv;
        final int stars;
        final int cells;

        ConstantSpectra(int spectra, int stars, int cells) {
            cell = new int[spectra];
            star = new int[spectra];
            weight = new double[spectra];
            rv = new double[spectra];
            this.stars = stars;
            this.cells = cells;
        }

        /**
         * The published rule: star means are the weighted means of the RVs as given, offsets the weighted means
         * of (RV - star mean); errors from the scatter about them with n/(n-1) per cell.
         */
        Solved publishedMeans() {
            double[] offset = new double[cells];
            double[] mean = starMeans(offset);
            offsetsGiven(mean, offset);
            double[] error = errors(mean, offset, null);
            return new Solved(offset, error, 1, Double.NaN);
        }

        /**
         * Weighted least squares of RV = m_star + o_cell: alternate star means and cell offsets (each the exact
         * minimiser given the other) from o = 0, shifting the offsets of each linked set of cells to mean zero
         * after each sweep, until no offset changes by more than {@code tolerance}. Errors from the scatter
         * about the fit with n/(n - p) over the plate, p = stars + cells - linked sets.
         */
        Solved jointLeastSquares(double tolerance) {
            int[] set = linkedSets();
            int sets = 0;
            for (int c = 0; c < cells; c++) {
                sets = Math.max(sets, set[c] + 1);
            }
            double[] offset = new double[cells];
            double[] previous = new double[cells];
            double change = Double.POSITIVE_INFINITY;
            int sweep = 0;
            while (change > tolerance && sweep <= MAX_SWEEPS) {
                System.arraycopy(offset, 0, previous, 0, cells);
                offsetsGiven(starMeans(offset), offset);
                double[] sum = new double[sets];
                int[] count = new int[sets];
                for (int c = 0; c < cells; c++) {
                    if (set[c] >= 0) {
                        sum[set[c]] += offset[c];
                        count[set[c]]++;
                    }
                }
                change = 0;
                for (int c = 0; c < cells; c++) {
                    if (set[c] >= 0) {
                        offset[c] -= sum[set[c]] / count[set[c]];
                        change = Math.max(change, Math.abs(offset[c] - previous[c]));
                    }
                }
                sweep++;
            }
            int linkedCells = 0;
            for (int c = 0; c < cells; c++) {
                linkedCells += set[c] >= 0 ? 1 : 0;
            }
            int parameters = stars + linkedCells - sets;
            double dof = weight.length > parameters ? (double) weight.length / (weight.length - parameters) : Double.NaN;
            double[] mean = starMeans(offset);
            return new Solved(offset, errors(mean, offset, dof), sweep, change);
        }

        /** Each star's weighted mean of (RV - its cell's offset). */
        private double[] starMeans(double[] offset) {
            double[] sw = new double[stars];
            double[] swy = new double[stars];
            for (int j = 0; j < weight.length; j++) {
                sw[star[j]] += weight[j];
                swy[star[j]] += weight[j] * (rv[j] - offset[cell[j]]);
            }
            for (int i = 0; i < stars; i++) {
                swy[i] /= sw[i];
            }
            return swy;
        }

        /** Sets each cell's offset to the weighted mean of (RV - star mean) over its constant spectra (cells without: unchanged). */
        private void offsetsGiven(double[] mean, double[] offset) {
            double[] sw = new double[cells];
            double[] swd = new double[cells];
            for (int j = 0; j < weight.length; j++) {
                sw[cell[j]] += weight[j];
                swd[cell[j]] += weight[j] * (rv[j] - mean[star[j]]);
            }
            for (int c = 0; c < cells; c++) {
                if (sw[c] > 0) {
                    offset[c] = swd[c] / sw[c];
                }
            }
        }

        /**
         * Standard error of each cell's weighted-mean offset from the residuals r = RV - m - o of its spectra:
         * sqrt(f sum w^2 r^2) / sum w, with f = {@code plateFactor} or, when null, n/(n-1) for the cell's n spectra
         * (NaN for one).
         */
        private double[] errors(double[] mean, double[] offset, Double plateFactor) {
            double[] sw = new double[cells];
            double[] swwrr = new double[cells];
            int[] n = new int[cells];
            for (int j = 0; j < weight.length; j++) {
                double r = rv[j] - mean[star[j]] - offset[cell[j]];
                sw[cell[j]] += weight[j];
                swwrr[cell[j]] += weight[j] * weight[j] * r * r;
                n[cell[j]]++;
            }
            double[] error = new double[cells];
            for (int c = 0; c < cells; c++) {
                double f = plateFactor != null ? plateFactor : n[c] > 1 ? (double) n[c] / (n[c] - 1) : Double.NaN;
                error[c] = n[c] > 0 ? Math.sqrt(f * swwrr[c]) / sw[c] : Double.NaN;
            }
            return error;
        }

        /** Per cell, the index of its set of cells linked through shared constant stars, or -1 without a constant star. */
        private int[] linkedSets() {
            int[] parent = new int[cells];
            for (int c = 0; c < cells; c++) {
                parent[c] = c;
            }
            int[] firstCell = new int[stars];
            Arrays.fill(firstCell, -1);
            boolean[] used = new boolean[cells];
            for (int j = 0; j < weight.length; j++) {
                used[cell[j]] = true;
                if (firstCell[star[j]] < 0) {
                    firstCell[star[j]] = cell[j];
                } else {
                    parent[root(parent, cell[j])] = root(parent, firstCell[star[j]]);
                }
            }
            int[] set = new int[cells];
            int[] setOfRoot = new int[cells];
            Arrays.fill(setOfRoot, -1);
            int sets = 0;
            for (int c = 0; c < cells; c++) {
                if (!used[c]) {
                    set[c] = -1;
                    continue;
                }
                int r = root(parent, c);
                if (setOfRoot[r] < 0) {
                    setOfRoot[r] = sets++;
                }
                set[c] = setOfRoot[r];
            }
            return set;
        }

        private static int root(int[] parent, int c) {
            while (parent[c] != c) {
                parent[c] = parent[parent[c]];
                c = parent[c];
            }
            return c;
        }
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
