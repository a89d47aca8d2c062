package org.ocengine.compute;

/**
 * The highest peaks of each series' periodogram.
 *
 * @param bestFrequency  frequency of the highest power, 1/d (NaN for series with fewer than 4 points)
 * @param bestPower      that power, standard normalisation in [0, 1]
 * @param falseAlarm     false-alarm probability of that peak (Baluev 2008)
 * @param points         number of points of each series
 * @param peakFrequencies per series, the frequencies (1/d) of its {@code peaksPerSeries} highest local maxima in
 *                       order of decreasing power, series after series; NaN where a series has fewer
 * @param peaksPerSeries local maxima kept per series
 */
public record PeriodogramPeaks(double[] bestFrequency, double[] bestPower, double[] falseAlarm, int[] points,
                               double[] peakFrequencies, int peaksPerSeries) {

    /** The frequencies of series {@code s}'s highest local maxima, highest first (NaN-padded). */
    public double[] peaks(int s) {
        return java.util.Arrays.copyOfRange(peakFrequencies, s * peaksPerSeries, (s + 1) * peaksPerSeries);
    }
}
