package org.ocengine.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A variable the gradients are fitted against (the x of a fit, SPEC.md 7): a Galactic quantity of the
 * cluster catalogue, now or at a look-back snapshot of its orbit.
 * <pre>
 *   name          fit unit          input unit (column)     column names tried (case-insensitive)
 *   r_gc          kpc               kpc (pc converted)      r_gc, rgc, R_GC, Rgc, r_gal
 *   l_z           10^3 kpc km/s     kpc km/s                l_z, lz, L_z, Lz
 *   energy        10^5 km^2/s^2     km^2/s^2                energy, e_tot, En, E
 *   abs_z         kpc  (|Z|)        kpc (pc converted)      abs_z, z, z_gc, Z
 *   r_gc@T, abs_z@T  the same at look-back time T Myr: each name above with a suffix
 *                 _T, _Tmyr, _lbT or _tT (r_gc_100, r_gc_100myr, r_gc_lb100, r_gc_t100, ...)
 * </pre>
 * L_z and E are divided by 10^3 and 10^5 as in Fu et al. (2022, Table 6). A column whose unit the
 * table states (FITS TUNIT) is converted when it is a length in pc or kpc; a user mapping may state
 * the unit ({@code r_gc=RGC[pc]}). Immutable.
 *
 * @param base     the quantity: r_gc, l_z, energy or abs_z
 * @param lookBack the look-back time in Myr, or 0 for the present
 */
public record GradientVariable(Base base, int lookBack) {

    private static final Pattern SNAPSHOT = Pattern.compile("([a-z_]+)@(\\d+)");

    /** The quantities. */
    public enum Base {
        R_GC("r_gc", "R_GC", "kpc", "kpc", 1.0, List.of("r_gc", "rgc", "R_GC", "Rgc", "r_gal")),
        L_Z("l_z", "L_z/10^3", "10^3 kpc km/s", "kpc km/s", 1e-3, List.of("l_z", "lz", "L_z", "Lz")),
        ENERGY("energy", "E/10^5", "10^5 km^2/s^2", "km^2/s^2", 1e-5, List.of("energy", "e_tot", "En", "E")),
        ABS_Z("abs_z", "|Z|", "kpc", "kpc", 1.0, List.of("abs_z", "z", "z_gc", "Z"));

        private final String key;
        private final String label;
        private final String fitUnit;
        private final String inputUnit;
        private final double scale;
        private final List<String> columns;

        Base(String name, String label, String fitUnit, String inputUnit, double scale, List<String> columns) {
            this.key = name;
            this.label = label;
            this.fitUnit = fitUnit;
            this.inputUnit = inputUnit;
            this.scale = scale;
            this.columns = columns;
        }

        public String label() {
            return label;
        }
    }

    public GradientVariable {
        if (base == null || lookBack < 0) {
            throw new IllegalArgumentException("a variable needs a quantity and a non-negative look-back time");
        }
    }

    /** Parses {@code r_gc}, {@code l_z}, {@code energy}, {@code abs_z}, or a snapshot {@code r_gc@100}. */
    public static GradientVariable parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int lookBack = 0;
        Matcher m = SNAPSHOT.matcher(t);
        if (m.matches()) {
            t = m.group(1);
            lookBack = Integer.parseInt(m.group(2));
        }
        for (Base b : Base.values()) {
            if (b.key.equals(t)) {
                return new GradientVariable(b, lookBack);
            }
        }
        throw new IllegalArgumentException("unknown gradient variable '" + text.strip()
                + "' (expected r_gc, l_z, energy, abs_z, or a look-back snapshot such as r_gc@100)");
    }

    /** The name as {@link #parse} reads it. */
    public String name() {
        return lookBack == 0 ? base.key : base.key + "@" + lookBack;
    }

    /** The unit of x in the fit. */
    public String fitUnit() {
        return base.fitUnit;
    }

    /** The unit the input column is expected in (before the fit's scaling). */
    public String inputUnit() {
        return base.inputUnit;
    }

    /** The factor from the input unit to the fit unit (10^-3 for L_z, 10^-5 for E, else 1). */
    public double scale() {
        return base.scale;
    }

    /** Whether the fit uses the absolute value (|Z|). */
    public boolean absolute() {
        return base == Base.ABS_Z;
    }

    /** Whether the quantity is a length (pc and kpc are understood). */
    public boolean length() {
        return base == Base.R_GC || base == Base.ABS_Z;
    }

    /** Column names to try, in order. */
    public List<String> candidates() {
        if (lookBack == 0) {
            return base.columns;
        }
        List<String> out = new ArrayList<>();
        for (String c : base.columns) {
            for (String suffix : List.of("_" + lookBack, "_" + lookBack + "myr", "_lb" + lookBack, "_t" + lookBack)) {
                out.add(c + suffix);
            }
        }
        return out;
    }

    /**
     * The factor that turns values in {@code unit} into the input unit, or NaN when the unit is not
     * understood for this variable (blank means the input unit).
     */
    public double conversion(String unit) {
        String u = unit == null ? "" : unit.strip().toLowerCase(Locale.ROOT).replace(" ", "").replace(".", "").replace("^", "")
                .replace("*", "");
        if (u.isEmpty()) {
            return 1.0;
        }
        if (length()) {
            return switch (u) {
                case "kpc" -> 1.0;
                case "pc" -> 1e-3;
                default -> Double.NaN;
            };
        }
        if (base == Base.L_Z) {
            return switch (u) {
                case "kpckm/s", "kpckms-1", "kpckms^-1" -> 1.0;
                case "10^3kpckm/s", "103kpckm/s", "1e3kpckm/s" -> 1e3;
                default -> Double.NaN;
            };
        }
        return switch (u) {
            case "km2/s2", "km2s-2", "(km/s)2" -> 1.0;
            case "105km2/s2", "1e5km2/s2" -> 1e5;
            default -> Double.NaN;
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
