package org.ocengine.gradient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ocengine.table.ColumnAliases;
import org.ocengine.table.Columns;
import org.ocengine.table.DataException;
import org.ocengine.table.Table;

/**
 * The columns of a cluster table the gradient fits read, found by name (case-insensitive) or named by
 * the user ({@code --map role=COLUMN} or {@code role=COLUMN[unit]}):
 * <pre>
 *   x         see {@link GradientVariable} (roles r_gc, l_z, energy, abs_z, r_gc@100, ...)
 *   y         quantity q (feh, mg_fe, ...): q_median with q_median_err (the run's cluster table), else
 *             q_mean with q_mean_err, else q_mean with q_std / sqrt(q_n) (abundance means), else the
 *             catalogue spellings of q and q_err ([Fe/H], e_[Fe/H], FE_H, ...); roles q and q_err
 *   n_flag12  n_flag12, N_flag12 (without it the minimum flag-12 cut is not applied, with a note)
 *   log_age   log10 of the age in years: log_age and its catalogue spellings (AgeNN, logAge, ...)
 * </pre>
 * A column used as x must be numeric, and a length must look like kpc (median |x| below 100) unless
 * its unit says otherwise. Reads each column once. Not thread-safe.
 */
final class ClusterColumns {

    private static final Pattern TRAILING_UNIT = Pattern.compile("(.+?)\\s*\\[([^\\[\\]]*)\\]\\s*");
    /** Above this median |x| in kpc, a length column is taken to be in pc by mistake. */
    private static final double MAX_PLAUSIBLE_KPC = 100;

    /**
     * A user's choice of column for a role: {@code COLUMN} or {@code COLUMN[unit]}. Column names may
     * contain brackets themselves ({@code o_[Fe/H]}): the text names a column whole when the table has
     * one so spelled, else a trailing {@code [unit]} is split off.
     */
    record Choice(String text) {
        Choice {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("an empty column mapping");
            }
            text = text.strip();
        }

        static Choice parse(String text) {
            return new Choice(text);
        }

        /** The column name if there is a unit part, else the whole text. */
        String column() {
            Matcher m = TRAILING_UNIT.matcher(text);
            return m.matches() ? m.group(1) : text;
        }

        /** The unit part, or null. */
        String unit() {
            Matcher m = TRAILING_UNIT.matcher(text);
            return m.matches() ? m.group(2).strip() : null;
        }
    }

    /** The y of a quantity: values, their errors, and where they came from. */
    record Quantity(double[] values, double[] errors, String source) {
    }

    private final Table table;
    private final Map<String, Choice> choices;
    private final Map<String, Optional<double[]>> xs = new HashMap<>();
    private final Map<String, String> xSources = new HashMap<>();
    private final Map<String, Optional<Quantity>> ys = new HashMap<>();

    ClusterColumns(Table table, Map<String, Choice> choices) {
        this.table = table;
        this.choices = Map.copyOf(choices);
    }

    /** Checks a quantity name: feh, mh, alpha_m or an element's x_fe. */
    static String checkQuantity(String q) {
        String t = q.strip().toLowerCase(Locale.ROOT);
        if (t.equals("feh") || t.equals("mh") || t.equals("alpha_m")) {
            return t;
        }
        for (String x : Columns.ELEMENTS) {
            if (t.equals(x + "_fe")) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown quantity '" + q.strip() + "' (expected feh, mh, alpha_m or an [X/Fe] such as mg_fe)");
    }

    String origin() {
        return table.origin();
    }

    int rows() {
        return table.rowCount();
    }

    /** The input column of a role (user choice first, then the candidates), if present. */
    private Optional<String> find(String role, List<String> candidates) {
        Choice c = choices.get(role);
        if (c != null) {
            Optional<String> whole = spelling(c.text());
            if (whole.isPresent()) {
                return whole;
            }
            return Optional.of(spelling(c.column()).orElseThrow(() -> new DataException(table.origin(), c.text(), 0,
                    "column mapped to " + role + " is not in the table (columns are: " + String.join(", ", table.columnNames()) + ")")));
        }
        for (String name : candidates) {
            Optional<String> s = spelling(name);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** The unit a user's choice states for a role, or null (a whole-name match states none). */
    private String chosenUnit(String role) {
        Choice c = choices.get(role);
        if (c == null || spelling(c.text()).isPresent()) {
            return null;
        }
        return c.unit();
    }

    private Optional<String> spelling(String name) {
        if (table.has(name)) {
            return Optional.of(name);
        }
        for (String column : table.columnNames()) {
            if (column.strip().equalsIgnoreCase(name.strip())) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** The x values of a variable in its fit unit (NaN where missing), or empty when the table has no such column. */
    Optional<double[]> x(GradientVariable v) {
        return xs.computeIfAbsent(v.name(), k -> readX(v));
    }

    /** The column a variable was read from (after {@link #x}). */
    String xSource(GradientVariable v) {
        return xSources.get(v.name());
    }

    private Optional<double[]> readX(GradientVariable v) {
        Optional<String> column = find(v.name(), v.candidates());
        if (column.isEmpty()) {
            return Optional.empty();
        }
        String col = column.get();
        String chosen = chosenUnit(v.name());
        String unit = chosen != null ? chosen : table.unit(col).orElse("");
        double factor = v.conversion(unit);
        if (Double.isNaN(factor)) {
            throw new DataException(table.origin(), col, 0, "has unit '" + unit + "', which " + v.name() + " cannot convert to "
                    + v.inputUnit() + " (map it with --map " + v.name() + "=" + col + "[" + v.inputUnit() + "] if those are its units)");
        }
        double[] raw = table.doubles(col);
        double[] out = new double[raw.length];
        List<Double> magnitudes = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            double val = raw[i] * factor;
            if (v.absolute()) {
                val = Math.abs(val);
            }
            if (v.length() && Double.isFinite(val)) {
                magnitudes.add(Math.abs(val));
            }
            out[i] = val * v.scale();
        }
        if (v.length() && !magnitudes.isEmpty()) {
            magnitudes.sort(null);
            double median = magnitudes.get(magnitudes.size() / 2);
            if (median > MAX_PLAUSIBLE_KPC) {
                throw new DataException(table.origin(), col, 0, "read as " + v.name() + " in kpc has a median of " + median
                        + " kpc; if the column is in pc, map it with --map " + v.name() + "=" + col + "[pc]");
            }
        }
        xSources.put(v.name(), col + (factor != 1 ? " x " + factor : "") + (v.scale() != 1 ? " x " + v.scale() : "")
                + (v.absolute() ? " (absolute value)" : ""));
        return Optional.of(out);
    }

    /** The y values and errors of a quantity, or empty when the table has no such column. */
    Optional<Quantity> y(String quantity) {
        return ys.computeIfAbsent(quantity, this::readY);
    }

    private Optional<Quantity> readY(String q) {
        String errRole = q + "_err";
        if (choices.containsKey(q) || choices.containsKey(errRole)) {
            Optional<String> v = find(q, List.of());
            Optional<String> e = find(errRole, List.of());
            if (v.isEmpty() || e.isEmpty()) {
                throw new IllegalArgumentException("map both " + q + " and " + errRole + " (--map " + q + "=COLUMN --map " + errRole + "=COLUMN)");
            }
            return Optional.of(new Quantity(table.doubles(v.get()), table.doubles(e.get()), v.get() + " +- " + e.get()));
        }
        for (String stat : List.of("_median", "_mean")) {
            Optional<String> v = spelling(q + stat);
            Optional<String> e = spelling(q + stat + "_err");
            if (v.isPresent() && e.isPresent()) {
                return Optional.of(new Quantity(table.doubles(v.get()), table.doubles(e.get()), v.get() + " +- " + e.get()));
            }
        }
        Optional<String> mean = spelling(q + "_mean");
        Optional<String> std = spelling(q + "_std");
        Optional<String> n = spelling(q + "_n");
        if (mean.isPresent() && std.isPresent() && n.isPresent()) {
            double[] s = table.doubles(std.get());
            double[] c = table.doubles(n.get());
            double[] err = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                err[i] = c[i] >= 2 ? s[i] / Math.sqrt(c[i]) : Double.NaN;
            }
            return Optional.of(new Quantity(table.doubles(mean.get()), err, mean.get() + " +- " + std.get() + "/sqrt(" + n.get() + ")"));
        }
        Optional<String> v = ColumnAliases.resolve(q, table.columnNames());
        Optional<String> e = ColumnAliases.resolve(q + "_err", table.columnNames());
        if (v.isPresent() && e.isPresent()) {
            return Optional.of(new Quantity(table.doubles(v.get()), table.doubles(e.get()), v.get() + " +- " + e.get()));
        }
        return Optional.empty();
    }

    /** Flag-12 star counts (NaN where missing), or empty without such a column. */
    Optional<double[]> flag12Counts() {
        return find("n_flag12", List.of("n_flag12", "nflag12", "n_12")).map(table::doubles);
    }

    /** Ages in Gyr from log10(age / yr) (NaN where missing), or empty without an age column. */
    Optional<double[]> agesGyr() {
        return ageColumn().map(col -> {
            double[] logAge = table.doubles(col);
            double[] gyr = new double[logAge.length];
            for (int i = 0; i < gyr.length; i++) {
                gyr[i] = Math.pow(10, logAge[i] - 9);
            }
            return gyr;
        });
    }

    /** Name of the age column, if any. */
    Optional<String> ageColumn() {
        return find("log_age", ColumnAliases.aliasesOf(Columns.LOG_AGE.name()));
    }
}
