package org.ocengine.galaxy;

import java.util.Locale;
import java.util.function.Supplier;

/** The Milky Way potentials a run can choose by name. */
public enum GalaxyModel {
    /** McMillan (2017), SPEC.md 6's default and the paper's choice. */
    MCMILLAN17("mcmillan17", McMillan17::standard),
    /** MWPotential2014 (Bovy 2015). */
    MWPOTENTIAL2014("mwpot14", MWPotential2014::create);

    private final String label;
    private final Supplier<CompositePotential> factory;

    GalaxyModel(String label, Supplier<CompositePotential> factory) {
        this.label = label;
        this.factory = factory;
    }

    /** The name users choose it by. */
    public String label() {
        return label;
    }

    /** The potential (McMillan17's is built once per JVM and shared). */
    public CompositePotential potential() {
        return factory.get();
    }

    /** Parses {@code mcmillan17|mwpot14} (any case; {@code mwpotential2014} too). */
    public static GalaxyModel parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("mwpotential2014")) {
            return MWPOTENTIAL2014;
        }
        for (GalaxyModel m : values()) {
            if (m.label.equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown potential '" + text + "' (expected mcmillan17 or mwpot14)");
    }
}
