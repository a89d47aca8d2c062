package org.ocengine.stars;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * The internal-uncertainty results in the published forms: the coefficient table of Zong et al.
 * 2020 Table 4 / Qin et al. 2025 Table 3 (a, b, c with their errors and sigma at S/N 10, 20, 50) and
 * the binned dispersions behind each fit. Stateless.
 */
public final class UncertaintyTables {

    /** S/N at which the tables quote the law. */
    static final double[] QUOTED_SNR = {10, 20, 50};

    private UncertaintyTables() {
    }

    /** One row per fitted quantity (caller owns the table). */
    public static Table coefficients(Map<String, InternalUncertainties.Result> fits, BufferAllocator allocator) {
        int m = fits.size();
        String[] quantity = new String[m];
        String[] unit = new String[m];
        double[][] v = new double[9][m];
        int[][] c = new int[6][m];
        int k = 0;
        for (Map.Entry<String, InternalUncertainties.Result> e : fits.entrySet()) {
            InternalUncertainties.Result r = e.getValue();
            PowerLawFit f = r.fit();
            quantity[k] = e.getKey();
            unit[k] = Columns.byName(e.getKey()).map(ColumnSpec::unit).orElse("");
            double[] row = {f.a(), f.aErr(), f.b(), f.bErr(), f.c(), f.cErr(), f.sigma(QUOTED_SNR[0]), f.sigma(QUOTED_SNR[1]), f.sigma(QUOTED_SNR[2])};
            for (int j = 0; j < row.length; j++) {
                v[j][k] = row[j];
            }
            int windows = 0;
            for (double s : r.windowSigma()) {
                windows += Double.isNaN(s) ? 0 : 1;
            }
            int[] counts = {r.differences(), r.excluded(), r.clippedCount(), r.outlierCount(), windows, r.clipRounds()};
            for (int j = 0; j < counts.length; j++) {
                c[j][k] = counts[j];
            }
            k++;
        }
        try (TableBuilder b = Table.builder(allocator, "uncertainty_fit", m)) {
            b.addStrings(text("quantity", "Quantity (canonical column)"), quantity).addStrings(text("unit", "Unit of a, c and sigma"), unit)
                    .addDoubles(number("a", "Amplitude of sigma = a (S/N)^b + c, in the unit column's unit"), v[0]).addDoubles(number("a_err", "1-sigma error of a"), v[1])
                    .addDoubles(number("b", "Power of S/N"), v[2]).addDoubles(number("b_err", "1-sigma error of b"), v[3])
                    .addDoubles(number("c", "Floor, in the unit column's unit"), v[4]).addDoubles(number("c_err", "1-sigma error of c"), v[5]);
            for (int j = 0; j < QUOTED_SNR.length; j++) {
                int snr = (int) QUOTED_SNR[j];
                b.addDoubles(number("sigma_snr" + snr, "Internal uncertainty of one spectrum at S/N " + snr + ", in the unit column's unit"), v[6 + j]);
            }
            return b.addInts(count("n_differences", "Spectra of stars with >= 2 values (eq. 3)"), c[0])
                    .addInts(count("n_excluded", "Of those, left out of the fit beforehand (RV: the RV-variable candidates)"), c[1])
                    .addInts(count("n_clipped", "Removed by the 3-sigma clipping"), c[2])
                    .addInts(count("n_outliers", "Final outliers, |dP| > 6 sigma_P"), c[3])
                    .addInts(count("n_windows", "S/N windows fitted"), c[4])
                    .addInts(count("clip_rounds", "Clipping rounds run"), c[5])
                    .build();
        }
    }

    /** The binned dispersions of every fit: one row per (quantity, S/N window). */
    public static Table windows(Map<String, InternalUncertainties.Result> fits, BufferAllocator allocator) {
        List<String> quantity = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (Map.Entry<String, InternalUncertainties.Result> e : fits.entrySet()) {
            InternalUncertainties.Result r = e.getValue();
            for (int j = 0; j < r.windowSnr().length; j++) {
                quantity.add(e.getKey());
                rows.add(new double[] {r.windowSnr()[j], r.windowSigma()[j], r.windowCount()[j], r.fit().sigma(r.windowSnr()[j])});
            }
        }
        int m = rows.size();
        double[] snr = new double[m];
        double[] sigma = new double[m];
        int[] n = new int[m];
        double[] law = new double[m];
        for (int k = 0; k < m; k++) {
            snr[k] = rows.get(k)[0];
            sigma[k] = rows.get(k)[1];
            n[k] = (int) rows.get(k)[2];
            law[k] = rows.get(k)[3];
        }
        try (TableBuilder b = Table.builder(allocator, "uncertainty_windows", m)) {
            return b.addStrings(text("quantity", "Quantity"), quantity.toArray(String[]::new))
                    .addDoubles(number("snr", "Mean S/N of the window's remaining differences (window of width 6 on the grid 8, 10, ...; the grid point when empty)"), snr)
                    .addDoubles(number("sigma", "Standard deviation of the remaining differences (unit of the quantity); empty below the minimum count"), sigma)
                    .addInts(count("n", "Remaining differences in the window"), n)
                    .addDoubles(number("sigma_fit", "The fitted law at the window's mean S/N"), law)
                    .build();
        }
    }

    /** The coefficient table as text, in the layout of Qin et al. 2025 Table 3. */
    public static String render(Table coefficients) {
        StringBuilder out = new StringBuilder();
        out.append("Internal uncertainties, sigma = a (S/N)^b + c (Zong et al. 2020 Table 4; Qin et al. 2025 Table 3)\n");
        out.append(String.format(Locale.ROOT, "%-16s %20s %17s %18s | %8s %8s %8s | %9s %7s %8s%n", "", "a", "b", "c",
                "S/N=10", "S/N=20", "S/N=50", "N_diff", "clipped", "outliers"));
        String[] q = coefficients.strings("quantity");
        String[] unit = coefficients.strings("unit");
        for (int k = 0; k < coefficients.rowCount(); k++) {
            int d = switch (unit[k]) {
                case "K" -> 0;
                case "km/s" -> 2;
                default -> 3;
            };
            String label = label(q[k]) + (unit[k].isEmpty() ? " (dex)" : " (" + unit[k] + ")");
            out.append(String.format(Locale.ROOT, "%-16s %20s %17s %18s | %8s %8s %8s | %9d %7d %8d%n", label,
                    pm(coefficients, "a", k, significant(coefficients.doubles("a_err")[k])),
                    pm(coefficients, "b", k, 3), pm(coefficients, "c", k, d + 1),
                    fmt(coefficients.doubles("sigma_snr10")[k], d), fmt(coefficients.doubles("sigma_snr20")[k], d),
                    fmt(coefficients.doubles("sigma_snr50")[k], d), coefficients.ints("n_differences")[k],
                    coefficients.ints("n_clipped")[k], coefficients.ints("n_outliers")[k]));
        }
        return out.toString();
    }

    private static String label(String quantity) {
        return switch (quantity) {
            case "teff" -> "Teff";
            case "feh" -> "[Fe/H]";
            case "alpha_m" -> "[alpha/M]";
            case "rv" -> "RV";
            default -> quantity;
        };
    }

    /** Decimals that show an error to two significant digits (at least 0, at most 4). */
    private static int significant(double err) {
        if (!(err > 0)) {
            return 2;
        }
        return (int) Math.max(0, Math.min(4, 1 - Math.floor(Math.log10(err))));
    }

    private static String pm(Table t, String column, int row, int decimals) {
        double v = t.doubles(column)[row];
        double e = t.doubles(column + "_err")[row];
        return fmt(v, decimals) + " +- " + fmt(e, decimals);
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static ColumnSpec text(String name, String description) {
        return new ColumnSpec(name, ColumnType.STRING, "", description);
    }

    private static ColumnSpec count(String name, String description) {
        return new ColumnSpec(name, ColumnType.INT32, "", description);
    }

    private static ColumnSpec number(String name, String description) {
        return new ColumnSpec(name, ColumnType.FLOAT64, "", description);
    }
}
