package org.ocengine.table;

/**
 * Where one canonical column of a {@link CanonicalTable} came from, for the run manifest and help
 * output. Immutable.
 *
 * @param canonical the canonical column name ({@link Columns})
 * @param input     the input column(s) it was made from, in the input's spelling (two, comma-separated, when derived)
 * @param how       how: {@code copied}, {@code converted from INT64}, {@code parsed from text},
 *                  {@code derived from Galactic l, b (astropy Galactic -> ICRS)}
 * @param override  true when a user override, not the alias table, chose the input
 */
public record ColumnSource(String canonical, String input, String how, boolean override) {

    /** One line, e.g. {@code ra <- ra2000 (copied)}. */
    @Override
    public String toString() {
        return canonical + " <- " + input + " (" + how + (override ? ", user override" : "") + ")";
    }
}
