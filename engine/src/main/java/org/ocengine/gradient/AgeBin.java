package org.ocengine.gradient;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * An age range of clusters, in Gyr: lo &lt;= age &lt; hi, either end open (0 and infinity). The
 * range (0, infinity) selects every cluster, with or without an age. Presets: {@code fu2022} (Fu et
 * al. 2022, Fig. 8 and Table 6: &lt;0.1, 0.1-0.5, 0.5-1, 1-2, 2-4, &gt;4 Gyr), {@code thesis}
 * (&lt;0.1, 0.1-0.5, 0.5-1, &gt;1 Gyr) and {@code all}. Immutable.
 *
 * @param lo lower edge, Gyr (0 for none)
 * @param hi upper edge, Gyr (infinity for none)
 */
public record AgeBin(double lo, double hi) {

    public AgeBin {
        if (!(lo >= 0) || !(hi > lo)) {
            throw new IllegalArgumentException("an age bin needs 0 <= lo < hi, got " + lo + "-" + hi);
        }
    }

    /** Every cluster. */
    public static AgeBin all() {
        return new AgeBin(0, Double.POSITIVE_INFINITY);
    }

    /** Whether this bin selects every cluster (no age needed). */
    public boolean isAll() {
        return lo == 0 && hi == Double.POSITIVE_INFINITY;
    }

    /** Whether an age (Gyr) falls in the bin; a missing age only in the all-clusters bin. */
    public boolean contains(double ageGyr) {
        if (isAll()) {
            return true;
        }
        return ageGyr >= lo && ageGyr < hi;
    }

    /**
     * Parses a comma-separated list of bins and presets: {@code 0-0.1}, {@code 4-} (open above),
     * {@code -0.1} (open below), {@code all}, {@code fu2022}, {@code thesis}. Duplicates are dropped,
     * order kept.
     */
    public static List<AgeBin> parseList(String text) {
        LinkedHashSet<AgeBin> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            switch (p) {
                case "all" -> out.add(all());
                case "fu2022" -> out.addAll(edges(0.1, 0.5, 1, 2, 4));
                case "thesis" -> out.addAll(edges(0.1, 0.5, 1));
                default -> out.add(parseOne(p, text));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no age bin in '" + text + "'");
        }
        return List.copyOf(out);
    }

    /** Bins between consecutive edges, open at both ends. */
    static List<AgeBin> edges(double... inner) {
        List<AgeBin> bins = new ArrayList<>();
        double lo = 0;
        for (double e : inner) {
            bins.add(new AgeBin(lo, e));
            lo = e;
        }
        bins.add(new AgeBin(lo, Double.POSITIVE_INFINITY));
        return bins;
    }

    private static AgeBin parseOne(String p, String whole) {
        int dash = p.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("age bin '" + p + "' in '" + whole + "' is not of the form lo-hi (Gyr), lo-, -hi or a preset");
        }
        try {
            double lo = dash == 0 ? 0 : Double.parseDouble(p.substring(0, dash));
            String h = p.substring(dash + 1).strip();
            double hi = h.isEmpty() || h.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(h);
            return new AgeBin(lo, hi);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("age bin '" + p + "' in '" + whole + "' is not of the form lo-hi (Gyr)", e);
        }
    }

    /** The bin as {@link #parseList} reads it: {@code all}, {@code 0.1-0.5}, {@code 4-}. */
    public String describe() {
        if (isAll()) {
            return "all";
        }
        return num(lo) + "-" + (Double.isInfinite(hi) ? "" : num(hi));
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String toString() {
        return describe();
    }
}
