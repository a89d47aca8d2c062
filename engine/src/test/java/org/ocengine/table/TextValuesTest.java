package org.ocengine.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextValuesTest {

    private static void assertParsesLikeTheJdk(String s) {
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(TextValues.parseDouble(s)), s);
    }

    @Test
    void parseDoubleGivesTheJdkValueBitForBit() {
        for (String s : List.of("0", "-0", "+1", "5.", ".5", "-.0e+0", "1e-400", "4.9e-324", "2.4703282292062328e-324",
                "2.2250738585072011e-308", "1.7976931348623157e308", "1.7976931348623159e308", "9007199254740993",
                "123456789012345678901234567890", "0.1", "185.3674868107595", "31.027689622474472")) {
            assertParsesLikeTheJdk(s);
        }
        SplittableRandom random = new SplittableRandom(20_260_301);
        for (int i = 0; i < 20_000; i++) {
            double x = switch (i % 4) {
                case 0 -> random.nextDouble(0, 360);
                case 1 -> Double.longBitsToDouble(random.nextLong());
                case 2 -> random.nextDouble() * 1e-5;
                default -> random.nextInt();
            };
            if (Double.isFinite(x)) {
                assertParsesLikeTheJdk(Double.toString(x));
                assertParsesLikeTheJdk(String.format(Locale.ROOT, "%." + (i % 20) + "e", x));
            }
        }
        assertEquals(Double.NEGATIVE_INFINITY, TextValues.parseDouble("-Infinity"));
        assertEquals(Double.POSITIVE_INFINITY, TextValues.parseDouble("inf"));
    }

    @Test
    void missingAndBooleanSpellingsAreExact() {
        for (String s : TextValues.MISSING) {
            assertTrue(TextValues.isMissing(s), s);
        }
        for (String s : List.of("nan ", "Nan", "none", "NaNs", "-- ", "nul", "0")) {
            assertFalse(TextValues.isMissing(s), s);
        }
        for (String s : List.of("True", "true", "TRUE", "False", "false", "FALSE")) {
            assertEquals(TextValues.SEEN_BOOL, TextValues.kindOf(s), s);
        }
        for (String s : List.of("Falsey", "FALSE!", "yes", "T")) {
            assertEquals(TextValues.SEEN_TEXT, TextValues.kindOf(s), s);
        }
    }
}
