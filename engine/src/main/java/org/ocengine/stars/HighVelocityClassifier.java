package org.ocengine.stars;

import org.ocengine.table.Table;

/**
 * The seam through which high-velocity candidates are labelled (Qin et al. 2025 Sec. 4.2; SPEC.md 6):
 * a star's total Galactocentric speed, from its position, distance, proper motion and RV, against
 * the escape speed {@code v_esc(r) = sqrt(-2 Phi(r))} of a Galactic potential: above v_esc
 * "unbound", above 0.7 v_esc "bound". The frames and potentials come with the orbits issue (package
 * {@code galaxy}), written in parallel; until an implementation is plugged in,
 * {@link #unavailable()} leaves the column empty and says so. Implementations are thread-safe.
 */
public interface HighVelocityClassifier {

    /** Label of a star above the escape speed. */
    String UNBOUND = "unbound";
    /** Label of a star above 0.7 times the escape speed but below it. */
    String BOUND = "bound";

    /**
     * One label per star of the catalogue: {@link #UNBOUND}, {@link #BOUND}, or null (neither, or not
     * enough data to tell).
     *
     * @param stars the star catalogue (canonical columns; caller keeps ownership)
     */
    String[] classify(Table stars);

    /** One line for the run's notes: which potential, or why there are no labels. */
    String description();

    /** The classifier of a build without a Galactic potential: every label null. */
    static HighVelocityClassifier unavailable() {
        return new HighVelocityClassifier() {
            @Override
            public String[] classify(Table stars) {
                return new String[stars.rowCount()];
            }

            @Override
            public String description() {
                return "high_velocity left empty: it needs the Galactic potential of the orbits issue (package galaxy),"
                        + " which this build does not have yet";
            }
        };
    }
}
