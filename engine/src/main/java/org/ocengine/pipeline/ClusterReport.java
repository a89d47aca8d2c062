package org.ocengine.pipeline;

import java.util.Locale;
import org.ocengine.table.Table;

/** A plain-text table of a cluster catalogue for the terminal: one line per cluster. Stateless. */
public final class ClusterReport {

    private ClusterReport() {
    }

    /** The report of a cluster table as written by the cluster stage. */
    public static String render(Table clusters) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-16s %5s %5s %17s %17s %7s %6s %17s%n",
                "cluster", "N_all", "N_1", "RV median", "RV mean", "sigma", "N_12", "[Fe/H] median"));
        String[] name = clusters.strings("cluster");
        int[] nAll = clusters.ints("n_all");
        int[] n1 = clusters.ints("n_flag1");
        int[] n12 = clusters.ints("n_flag12");
        double[] rvMed = clusters.doubles("rv_median");
        double[] rvMedErr = clusters.doubles("rv_median_err");
        double[] rvMean = clusters.doubles("rv_mean");
        double[] rvMeanErr = clusters.doubles("rv_mean_err");
        double[] disp = clusters.doubles("rv_dispersion");
        boolean feh = clusters.has("feh_median");
        double[] fehMed = feh ? clusters.doubles("feh_median") : null;
        double[] fehErr = feh ? clusters.doubles("feh_median_err") : null;
        for (int c = 0; c < clusters.rowCount(); c++) {
            sb.append(String.format(Locale.ROOT, "%-16s %5d %5d %17s %17s %7s %6d %17s%n", name[c], nAll[c], n1[c],
                    pm(rvMed[c], rvMedErr[c], 2), pm(rvMean[c], rvMeanErr[c], 2), ClusterRun.fmt(disp[c], 2), n12[c],
                    feh ? pm(fehMed[c], fehErr[c], 3) : "-"));
        }
        return sb.toString();
    }

    private static String pm(double v, double e, int decimals) {
        return Double.isNaN(v) ? "-" : ClusterRun.fmt(v, decimals) + " +- " + ClusterRun.fmt(e, decimals);
    }
}
