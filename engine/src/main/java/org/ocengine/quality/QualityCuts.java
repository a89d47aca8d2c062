package org.ocengine.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Columns;
import org.ocengine.table.DataException;
import org.ocengine.table.Table;

/**
 * The quality stage (SPEC.md 1-2) on a spectra table in canonical columns:
 * <ol>
 *   <li>sentinel numbers (9999, -9999, ...) in any floating-point column mean "unknown";</li>
 *   <li>a value whose uncertainty is unknown, or above its plausibility limit, is unusable;</li>
 *   <li>a negative uncertainty, or (by default) an RV or [Fe/H] given without any uncertainty, is bad
 *       input and stops the run with a {@link DataException} naming file, column and row;</li>
 *   <li>rows at or below the S/N cut, with a non-zero rv_flag, or (for the cluster run) without a
 *       usable RV are dropped.</li>
 * </ol>
 * Every dropped row and every value set missing is entered in the {@link RejectedRows} with its reason;
 * a row that is dropped gets one entry stating all its problems. Stateless; one call per table.
 */
public final class QualityCuts {

    /** Value/uncertainty pairs checked together, in canonical names. */
    static final List<String[]> PAIRS = pairs();

    private QualityCuts() {
    }

    private static List<String[]> pairs() {
        List<String[]> p = new ArrayList<>();
        for (ColumnSpec[] pair : new ColumnSpec[][] {
                {Columns.RV, Columns.RV_ERR}, {Columns.TEFF, Columns.TEFF_ERR}, {Columns.LOGG, Columns.LOGG_ERR},
                {Columns.FEH, Columns.FEH_ERR}, {Columns.MH, Columns.MH_ERR}, {Columns.ALPHA_M, Columns.ALPHA_M_ERR}}) {
            p.add(new String[] {pair[0].name(), pair[1].name()});
        }
        for (String x : Columns.ELEMENTS) {
            p.add(new String[] {Columns.abundance(x).name(), Columns.abundanceError(x).name()});
        }
        return List.copyOf(p);
    }

    /**
     * The result: the rows kept (with unusable values set missing and a {@code source_row} column),
     * and one-line notes for the run log (cuts that could not be applied, counts).
     */
    public record Result(Table kept, List<String> notes) implements AutoCloseable {
        @Override
        public void close() {
            kept.close();
        }
    }

    /**
     * Applies the cuts.
     *
     * @param spectra    canonical spectra (not modified; caller still owns it)
     * @param inputNames canonical name to the input file's own column name, for messages
     * @param config     the rules
     * @param rejected   receives an entry per dropped row and per value set missing
     * @param allocator  for the returned table, which the caller owns
     * @throws DataException on a negative uncertainty or (by default) an RV/[Fe/H] without uncertainty
     */
    public static Result apply(Table spectra, Map<String, String> inputNames, QualityConfig config,
                               RejectedRows rejected, BufferAllocator allocator) {
        String source = spectra.origin();
        int n = spectra.rowCount();
        List<String> notes = new ArrayList<>();
        List<String> doubleColumns = new ArrayList<>();
        for (String name : spectra.columnNames()) {
            if (spectra.spec(name).type() == ColumnType.FLOAT64) {
                doubleColumns.add(name);
            }
        }
        Map<String, double[]> values = new java.util.LinkedHashMap<>();
        for (String c : doubleColumns) {
            values.put(c, spectra.doubles(c));
        }
        List<List<String>> problems = new ArrayList<>(n);
        List<List<String[]>> masked = new ArrayList<>(n); // {column, value text, reason}
        for (int i = 0; i < n; i++) {
            problems.add(new ArrayList<>(0));
            masked.add(new ArrayList<>(0));
        }
        // 1. sentinels
        boolean[][] sentinelHit = new boolean[doubleColumns.size()][];
        for (int c = 0; c < doubleColumns.size(); c++) {
            String col = doubleColumns.get(c);
            double[] v = values.get(col);
            sentinelHit[c] = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(v[i]) && config.sentinels().contains(v[i])) {
                    masked.get(i).add(new String[] {col, text(v[i]), col + " = " + text(v[i]) + " is a sentinel for unknown"});
                    v[i] = Double.NaN;
                    sentinelHit[c][i] = true;
                }
            }
        }
        // 2-3. uncertainties
        for (String[] pair : PAIRS) {
            double[] v = values.get(pair[0]);
            double[] e = values.get(pair[1]);
            if (v == null || e == null) {
                continue; // without an uncertainty column the values stay as given (Teff and logg only select stars)
            }
            boolean strict = config.missingErrorFails()
                    && (pair[0].equals(Columns.RV.name()) || pair[0].equals(Columns.FEH.name()));
            boolean[] errSentinel = sentinelHit[doubleColumns.indexOf(pair[1])];
            Double limit = config.errorLimits().get(pair[1]);
            for (int i = 0; i < n; i++) {
                if (e[i] < 0) {
                    throw new DataException(source, inputName(inputNames, pair[1]), i + 1L,
                            "negative uncertainty " + text(e[i]) + " (uncertainties must be >= 0)");
                }
                if (Double.isNaN(v[i])) {
                    continue;
                }
                String reason = null;
                if (Double.isNaN(e[i])) {
                    boolean wasSentinel = errSentinel[i];
                    if (strict && !wasSentinel) {
                        throw new DataException(source, inputName(inputNames, pair[1]), i + 1L,
                                "missing uncertainty for " + pair[0] + " = " + text(v[i])
                                        + " (fix the file, or run with --missing-errors reject)");
                    }
                    reason = wasSentinel ? pair[0] + " has an unknown uncertainty (sentinel)" : pair[0] + " has no uncertainty";
                } else if (limit != null && e[i] > limit) {
                    reason = pair[1] + " = " + text(e[i]) + " exceeds the plausibility limit " + text(limit);
                }
                if (reason != null) {
                    masked.get(i).add(new String[] {pair[0], text(v[i]), reason});
                    v[i] = Double.NaN;
                    e[i] = Double.NaN;
                }
            }
        }
        // 4. row cuts
        double minSnr = Double.isNaN(config.minSnr()) ? config.survey().defaultMinSnr() : config.minSnr();
        double[] snr = values.get(Columns.SNR.name());
        if (snr == null) {
            notes.add(source + ": no S/N column, so the S/N > " + text(minSnr) + " cut was not applied");
        }
        long[] rvFlag = spectra.has(Columns.RV_FLAG.name()) ? spectra.longs(Columns.RV_FLAG.name()) : null;
        if (rvFlag == null && config.requireRvFlagZero()) {
            notes.add(source + ": no rv_flag column, so the rv_flag == 0 cut was not applied");
        }
        double[] rv = values.get(Columns.RV.name());
        if (config.requireRv() && rv == null) {
            throw new DataException(source, null, 0, "required column rv is missing (looked for: "
                    + String.join(", ", org.ocengine.table.ColumnAliases.aliasesOf(Columns.RV.name())) + ")");
        }
        for (int i = 0; i < n; i++) {
            List<String> p = problems.get(i);
            if (snr != null && !(snr[i] > minSnr)) {
                p.add(Double.isNaN(snr[i]) ? "no S/N" : "S/N " + text(snr[i]) + " <= " + text(minSnr));
            }
            if (rvFlag != null && config.requireRvFlagZero() && rvFlag[i] != 0) {
                p.add(rvFlag[i] == Table.NULL_LONG ? "no rv_flag" : "rv_flag = " + rvFlag[i]);
            }
            if (config.requireRv() && Double.isNaN(rv[i])) {
                String cause = masked.get(i).stream().filter(m -> m[0].equals(Columns.RV.name())).map(m -> m[2]).findFirst()
                        .orElse("rv is missing");
                p.add("no usable RV: " + cause);
            }
        }
        // 5. record and build the kept table
        String[] objects = objectLabels(spectra);
        int[] keep = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (problems.get(i).isEmpty()) {
                keep[kept++] = i;
                for (String[] m : masked.get(i)) {
                    rejected.add(source, i + 1L, "quality", objects[i], inputName(inputNames, m[0]), m[1], m[2],
                            RejectedRows.Action.VALUE_SET_MISSING);
                }
            } else {
                rejected.add(source, i + 1L, "quality", objects[i], "", "", String.join("; ", problems.get(i)),
                        RejectedRows.Action.ROW_DROPPED);
            }
        }
        int[] rows = java.util.Arrays.copyOf(keep, kept);
        notes.add(source + ": quality cuts kept " + kept + " of " + n + " rows");
        Table selected = spectra.select(rows, allocator, source);
        try {
            for (String col : doubleColumns) {
                double[] v = values.get(col);
                FieldVector vec = selected.vector(col);
                if (vec instanceof Float8Vector f) {
                    for (int k = 0; k < kept; k++) {
                        if (Double.isNaN(v[rows[k]]) && !f.isNull(k)) {
                            f.setNull(k);
                        }
                    }
                }
            }
            long[] sourceRows = new long[kept];
            for (int k = 0; k < kept; k++) {
                sourceRows[k] = rows[k] + 1L;
            }
            return new Result(selected.extend(allocator, source, b -> b.addLongs(Columns.SOURCE_ROW, sourceRows)), List.copyOf(notes));
        } finally {
            selected.close();
        }
    }

    /** A short label per row naming the star: source_id, star id or obsid, with the cluster if known. */
    public static String[] objectLabels(Table t) {
        int n = t.rowCount();
        String[] ids = null;
        for (ColumnSpec id : new ColumnSpec[] {Columns.SOURCE_ID, Columns.STAR_ID, Columns.OBSID}) {
            if (t.has(id.name())) {
                ids = t.strings(id.name());
                break;
            }
        }
        String[] clusters = t.has(Columns.CLUSTER.name()) ? t.strings(Columns.CLUSTER.name()) : null;
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            String id = ids == null || ids[i] == null ? "" : ids[i];
            String cl = clusters == null || clusters[i] == null ? "" : clusters[i].strip();
            out[i] = cl.isEmpty() ? id : id.isEmpty() ? cl : cl + " " + id;
        }
        return out;
    }

    private static String inputName(Map<String, String> inputNames, String canonical) {
        return inputNames.getOrDefault(canonical, canonical);
    }

    static String text(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
