package org.ocengine.gradient;

import java.util.List;
import java.util.Locale;
import org.ocengine.table.Table;

/**
 * A plain-text summary of a table of gradient fits for the terminal: one line per fit with its
 * number of clusters, each parameter's median and 16-84% offsets, the acceptance fraction and the
 * largest autocorrelation time; skipped fits show their status. Stateless.
 */
public final class GradientReport {

    private static final List<String> PARAMETERS = List.of("slope", "intercept", "slope_inner", "slope_outer", "value_at_knee", "knee",
            "a", "b", "c", "scatter");

    private GradientReport() {
    }

    /** The report of a table written by {@link GradientFits}. */
    public static String render(Table fits) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%4s %5s %6s %6s  %s%n", "fit", "N", "acc", "tau", "label: parameters (median +84% -16%)"));
        int[] id = fits.ints("fit");
        int[] n = fits.ints("n");
        String[] label = fits.strings("label");
        String[] status = fits.strings("status");
        double[] acc = fits.doubles("acceptance");
        double[] tau = fits.doubles("tau_max");
        for (int i = 0; i < fits.rowCount(); i++) {
            sb.append(String.format(Locale.ROOT, "%4d %5d %6s %6s  %s", id[i], n[i], fmt(acc[i], "%.3f"), fmt(tau[i], "%.1f"), label[i]));
            if (!status[i].equals("ok")) {
                sb.append(": not sampled, ").append(status[i]).append(System.lineSeparator());
                continue;
            }
            sb.append(':');
            for (String p : PARAMETERS) {
                if (!fits.has(p + "_p50") || Double.isNaN(fits.doubles(p + "_p50")[i])) {
                    continue;
                }
                double mid = fits.doubles(p + "_p50")[i];
                double up = fits.doubles(p + "_p84")[i] - mid;
                double down = mid - fits.doubles(p + "_p16")[i];
                sb.append(String.format(Locale.ROOT, "  %s %s +%s -%s", p, sig(mid), sig(up), sig(down)));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String fmt(double v, String format) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    /** Four significant digits. */
    private static String sig(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
