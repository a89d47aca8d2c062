package org.ocengine.quality;

import java.util.Locale;

/** Which LAMOST survey a spectra table comes from; it sets the default S/N cut (SPEC.md 2). */
public enum Survey {
    /** Medium-resolution survey: S/N &gt; 10 and rv_flag == 0 (the RV combining both arms). */
    MRS(10.0),
    /** Low-resolution survey: g-band S/N &gt; 6 (dark nights; use 15 for bright nights). */
    LRS(6.0);

    private final double defaultMinSnr;

    Survey(double defaultMinSnr) {
        this.defaultMinSnr = defaultMinSnr;
    }

    /** The default minimum S/N (exclusive). */
    public double defaultMinSnr() {
        return defaultMinSnr;
    }

    public static Survey parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown survey '" + text + "' (expected mrs or lrs)", e);
        }
    }
}
