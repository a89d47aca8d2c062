package org.ocengine.table;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises open-cluster names so that the spellings of different catalogues meet:
 * {@code NGC_2682}, {@code NGC2682}, {@code NGC 2682}, {@code ngc 2682 } and {@code NGC02682} all become
 * {@code NGC2682}; {@code Melotte_22} and {@code Mel 22} become {@code MELOTTE22}; LAMOST/SIMBAD
 * abbreviations ({@code Trump02}, {@code Cr 135}, {@code Be 17}, {@code Ru 147}) are expanded to the
 * names Cantat-Gaudin and Hunt use. Stateless and thread-safe.
 */
public final class ClusterNames {

    private static final Pattern TOKENS = Pattern.compile("([A-Z]+)|(\\d+)");
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("TRUMP", "TRUMPLER"), Map.entry("TR", "TRUMPLER"),
            Map.entry("MEL", "MELOTTE"),
            Map.entry("CR", "COLLINDER"), Map.entry("COLL", "COLLINDER"),
            Map.entry("BE", "BERKELEY"), Map.entry("BERK", "BERKELEY"),
            Map.entry("RU", "RUPRECHT"), Map.entry("RUP", "RUPRECHT"),
            Map.entry("CZ", "CZERNIK"),
            Map.entry("BH", "BH"),
            Map.entry("HAF", "HAFFNER"),
            Map.entry("DO", "DOLIDZE"),
            Map.entry("ST", "STOCK"),
            Map.entry("PISMIS", "PISMIS"));

    private ClusterNames() {
    }

    /**
     * The normalised form: upper case, separators removed, leading zeros of numbers dropped,
     * common abbreviations of the catalogue prefix expanded. Returns an empty string for null or
     * blank input.
     */
    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String upper = name.strip().toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(upper.length());
        Matcher m = TOKENS.matcher(upper);
        boolean first = true;
        boolean lastWasNumber = false;
        while (m.find()) {
            if (m.group(1) != null) {
                String word = m.group(1);
                out.append(first ? ABBREVIATIONS.getOrDefault(word, word) : word);
                first = false;
                lastWasNumber = false;
            } else if (m.group(2) != null) {
                if (lastWasNumber) {
                    out.append('-'); // keep "ESO 92-5" apart from "ESO 9-25"
                }
                out.append(m.group(2).replaceFirst("^0+(?=\\d)", ""));
                first = false;
                lastWasNumber = true;
            }
        }
        return out.toString();
    }

    /** True when two names denote the same cluster after normalisation. */
    public static boolean same(String a, String b) {
        return !normalise(a).isEmpty() && normalise(a).equals(normalise(b));
    }
}
