package org.ocengine.compute;

/**
 * The highest peak of each series' periodogram.
 *
 * @param bestFrequency frequency of the highest power, 1/d (NaN for series with fewer than 4 points)
 * @param bestPower     that power, standard normalisation in [0, 1]
 * @param falseAlarm    false-alarm probability of that peak (Baluev 2008)
 * @param points        number of points of each series
 */
public record PeriodogramPeaks(double[] bestFrequency, double[] bestPower, double[] falseAlarm, int[] points) {
}
