package org.ocengine.table;

import com.fasterxml.jackson.core.io.NumberInput;
import java.util.Set;

/**
 * How values written as text (CSV cells, string columns) are read: which spellings mean
 * "missing", which are booleans, integers or floating-point numbers, and the column type a whole
 * column's cells imply. Callers strip surrounding blanks first. The number syntax is the decimal
 * one ({@code [+-]digits[.digits][e[+-]digits]}, also {@code .5} and {@code 5.}) plus
 * {@code inf}/{@code Infinity} in any case, not Java's wider {@code Double.parseDouble} syntax
 * ({@code 1d}, {@code 0x1p3} are text). Stateless.
 */
public final class TextValues {

    /** Spellings (after stripping blanks) read as missing values; the empty string is one. */
    public static final Set<String> MISSING = Set.of("", "nan", "NaN", "null", "NULL", "NA", "--", "None");

    private static final Set<String> TRUE = Set.of("True", "true", "TRUE");
    private static final Set<String> FALSE = Set.of("False", "false", "FALSE");

    /** The longest spellings of each set: longer cells skip the (hashing) set look-up. */
    private static final int MISSING_LENGTH = longest(MISSING);
    private static final int BOOLEAN_LENGTH = Math.max(longest(TRUE), longest(FALSE));

    /** Results of {@link #kindOf}, also bits to OR together over a column for {@link #typeOf}. */
    public static final int SEEN_BOOL = 1;
    /** See {@link #SEEN_BOOL}. */
    public static final int SEEN_INT = 2;
    /** See {@link #SEEN_BOOL}. */
    public static final int SEEN_FLOAT = 4;
    /** See {@link #SEEN_BOOL}. */
    public static final int SEEN_TEXT = 8;

    private TextValues() {
    }

    /** True for the spellings of {@link #MISSING}. */
    public static boolean isMissing(String stripped) {
        return stripped.length() <= MISSING_LENGTH && MISSING.contains(stripped);
    }

    /**
     * The kind of a non-missing stripped cell: {@link #SEEN_BOOL}, {@link #SEEN_INT} (fits a signed
     * 64-bit integer), {@link #SEEN_FLOAT} (any other number) or {@link #SEEN_TEXT}.
     */
    public static int kindOf(String s) {
        if (s.length() <= BOOLEAN_LENGTH && (TRUE.contains(s) || FALSE.contains(s))) {
            return SEEN_BOOL;
        }
        int n = s.length();
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        int digitsStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        int intDigits = i - digitsStart;
        if (i == n && intDigits > 0) {
            return intDigits < 19 || fitsLong(s) ? SEEN_INT : SEEN_FLOAT;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int fracStart = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            fracDigits = i - fracStart;
        }
        if (intDigits + fracDigits == 0) {
            return isInfinity(s, digitsStart) ? SEEN_FLOAT : SEEN_TEXT;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expStart = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == expStart) {
                return SEEN_TEXT;
            }
        }
        return i == n ? SEEN_FLOAT : SEEN_TEXT;
    }

    /**
     * The column type implied by the kinds seen in a column: text, or booleans mixed with numbers,
     * make STRING; integers mixed with other numbers make FLOAT64; a column with no value at all
     * (every cell missing) is FLOAT64.
     */
    public static ColumnType typeOf(int seen) {
        if ((seen & SEEN_TEXT) != 0 || ((seen & SEEN_BOOL) != 0 && (seen & (SEEN_INT | SEEN_FLOAT)) != 0)) {
            return ColumnType.STRING;
        }
        if ((seen & SEEN_BOOL) != 0) {
            return ColumnType.BOOL;
        }
        if ((seen & SEEN_INT) != 0 && (seen & SEEN_FLOAT) == 0) {
            return ColumnType.INT64;
        }
        return ColumnType.FLOAT64;
    }

    /**
     * A stripped cell of kind {@link #SEEN_INT} or {@link #SEEN_FLOAT} as a double: the value
     * {@link Double#parseDouble} gives, bit for bit, computed by Jackson's copy of
     * FastDoubleParser (several times faster on the 17-digit numbers catalogues hold).
     */
    public static double parseDouble(String s) {
        char last = s.charAt(s.length() - 1);
        if (last == 'f' || last == 'F' || last == 'y' || last == 'Y') {
            return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return NumberInput.parseDouble(s, true);
    }

    /** A stripped cell of kind {@link #SEEN_BOOL} as a boolean. */
    public static boolean parseBoolean(String s) {
        return TRUE.contains(s);
    }

    private static int longest(Set<String> spellings) {
        return spellings.stream().mapToInt(String::length).max().orElse(0);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean fitsLong(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isInfinity(String s, int from) {
        String rest = s.substring(from);
        return rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity");
    }
}
