package org.ocengine.compute;

/**
 * A uniform grid of frequencies {@code minimum + step * k}, k = 0 .. count-1, in cycles per day
 * (the form astropy's {@code LombScargle.autofrequency} produces). Immutable.
 *
 * @param minimum lowest frequency, 1/d (&gt; 0)
 * @param step    spacing, 1/d (&gt; 0)
 * @param count   number of frequencies (&gt;= 1)
 */
public record FrequencyGrid(double minimum, double step, int count) {

    public FrequencyGrid {
        if (!(minimum > 0) || !(step > 0) || count < 1 || !Double.isFinite(minimum + step * count)) {
            throw new IllegalArgumentException("a frequency grid needs positive minimum and step and at least one point");
        }
    }

    /**
     * The grid astropy's {@code autofrequency} would make for a baseline: step
     * {@code 1/(baseline * samplesPerPeak)}, from {@code minimum} up to the last point not beyond
     * {@code maximum} (rounded to the nearest step, as astropy rounds).
     */
    public static FrequencyGrid covering(double minimum, double maximum, double baselineDays, double samplesPerPeak) {
        double step = 1.0 / baselineDays / samplesPerPeak;
        int count = 1 + (int) Math.round((maximum - minimum) / step);
        return new FrequencyGrid(minimum, step, Math.max(count, 1));
    }

    /** Frequency k. */
    public double frequency(int k) {
        return minimum + step * k;
    }

    /** The highest frequency of the grid. */
    public double maximum() {
        return frequency(count - 1);
    }
}
