package org.ocengine.compute;

import java.util.stream.IntStream;

/**
 * The CPU twin of batched periodograms: each series' generalised Lomb-Scargle periodogram over the
 * grid, reduced to its highest peak and that peak's false-alarm probability. Series are independent
 * and each writes only its own result slots, so results do not depend on the number of threads.
 * Stateless; the parallel stream runs in whatever fork-join pool calls it, in tasks of
 * {@value #SERIES_PER_TASK} series.
 */
public final class CpuPeriodograms {

    /** Series per parallel task (each task has its own kernel and power buffer). */
    private static final int SERIES_PER_TASK = 16;

    private CpuPeriodograms() {
    }

    /** Local maxima of each series' periodogram kept beside the highest peak, as candidates for model fits. */
    public static final int PEAKS_PER_SERIES = 16;

    /** The peaks of every series of the batch (NaN for series with fewer than 4 points). */
    public static PeriodogramPeaks peaks(TimeSeriesBatch batch, FrequencyGrid grid) {
        int m = batch.seriesCount();
        double[] peakFrequencies = new double[m * PEAKS_PER_SERIES];
        java.util.Arrays.fill(peakFrequencies, Double.NaN);
        double[] bestFrequency = new double[m];
        double[] bestPower = new double[m];
        double[] fap = new double[m];
        int[] points = new int[m];
        int chunks = (m + SERIES_PER_TASK - 1) / SERIES_PER_TASK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            GeneralisedLombScargle kernel = new GeneralisedLombScargle();
            double[] power = new double[grid.count()];
            for (int s = c * SERIES_PER_TASK; s < Math.min(m, (c + 1) * SERIES_PER_TASK); s++) {
                int from = batch.offsets()[s];
                int to = batch.offsets()[s + 1];
                points[s] = to - from;
                if (to - from < 4) {
                    bestFrequency[s] = bestPower[s] = fap[s] = Double.NaN;
                    continue;
                }
                kernel.power(batch.time(), batch.value(), batch.error(), from, to, grid, power);
                int best = 0;
                for (int k = 1; k < power.length; k++) {
                    if (power[k] > power[best]) {
                        best = k;
                    }
                }
                bestFrequency[s] = grid.frequency(best);
                bestPower[s] = power[best];
                fap[s] = GeneralisedLombScargle.falseAlarmProbability(power[best], grid.maximum(), batch.time(), batch.error(), from, to);
                int[] highest = highestLocalMaxima(power, PEAKS_PER_SERIES);
                for (int j = 0; j < highest.length; j++) {
                    peakFrequencies[s * PEAKS_PER_SERIES + j] = grid.frequency(highest[j]);
                }
            }
        });
        return new PeriodogramPeaks(bestFrequency, bestPower, fap, points, peakFrequencies, PEAKS_PER_SERIES);
    }

    /**
     * The indices of the {@code count} highest local maxima of {@code power} (a point above its left
     * neighbour and not below its right one; the ends count against their one neighbour), highest first;
     * fewer when there are fewer. Ties keep the lower index first.
     */
    static int[] highestLocalMaxima(double[] power, int count) {
        int[] best = new int[count];
        int kept = 0;
        for (int k = 0; k < power.length; k++) {
            boolean peak = (k == 0 || power[k] > power[k - 1]) && (k == power.length - 1 || power[k] >= power[k + 1]);
            if (!peak || (kept == count && power[k] <= power[best[kept - 1]])) {
                continue;
            }
            int at = Math.min(kept, count - 1);
            while (at > 0 && power[best[at - 1]] < power[k]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = k;
            kept = Math.min(count, kept + 1);
        }
        return java.util.Arrays.copyOf(best, kept);
    }
}
