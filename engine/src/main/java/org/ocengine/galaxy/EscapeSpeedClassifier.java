package org.ocengine.galaxy;

import java.util.List;
import java.util.Locale;
import org.ocengine.stars.HighVelocityClassifier;
import org.ocengine.table.Table;

/**
 * High-velocity candidates against a Milky Way potential (Qin et al. 2025 Sec. 4.2; SPEC.md 6): each
 * star's total Galactocentric speed, from ra, dec, distance (pc; else 1 / parallax, parallax in mas,
 * no zero-point correction), pmra, pmdec (mas/yr) and RV (km/s) in the frame of the solar parameters,
 * against the escape speed sqrt(-2 Phi) at its position: above it "unbound", above 0.7 of it "bound",
 * else null, as are stars without a positive distance or parallax, proper motions or RV. Tables that
 * lack one of those columns get no labels and a note saying which. Thread-safe; {@link #description()}
 * describes the last {@link #classify} call.
 */
public final class EscapeSpeedClassifier implements HighVelocityClassifier {

    private final GalaxyModel model;
    private final GalacticFrames frames;
    private volatile String description;

    /** Classifies in {@code model} with the frames of {@code sun}. */
    public EscapeSpeedClassifier(GalaxyModel model, SolarParameters sun) {
        this.model = model;
        this.frames = new GalacticFrames(sun);
        this.description = "high_velocity: against the escape speed of " + model.label() + " (no table classified yet)";
    }

    /** The label of a Galactocentric speed where the escape speed is {@code vEsc} (both km/s): unbound, bound or null. */
    public static String label(double speed, double vEsc) {
        return speed > vEsc ? UNBOUND : speed > 0.7 * vEsc ? BOUND : null;
    }

    @Override
    public String[] classify(Table stars) {
        int n = stars.rowCount();
        String[] labels = new String[n];
        GalacticOrbits.Inputs in = GalacticOrbits.Inputs.canonical();
        List<String> missing = in.missingIn(stars);
        if (!missing.isEmpty()) {
            description = "high_velocity left empty: " + stars.origin() + " has no " + String.join(", ", missing)
                    + " (the escape-speed test needs position, distance or parallax, proper motions and RV)";
            return labels;
        }
        double[] ra = stars.doubles(in.ra());
        double[] dec = stars.doubles(in.dec());
        double[] dist = stars.has(in.distance()) ? stars.doubles(in.distance()) : null;
        double[] plx = stars.has(in.parallax()) ? stars.doubles(in.parallax()) : null;
        double[] pmra = stars.doubles(in.pmra());
        double[] pmdec = stars.doubles(in.pmdec());
        double[] rv = stars.doubles(in.rv());
        Potential potential = model.potential();
        double[] xv = new double[6];
        int placed = 0;
        int unbound = 0;
        int bound = 0;
        for (int i = 0; i < n; i++) {
            // the orbit stage's rule: a distance that is there but not positive is not replaced by the parallax
            double dKpc = GalacticOrbits.distanceKpc(dist, plx, i);
            if (!Double.isFinite(dKpc) || !Double.isFinite(ra[i] + dec[i] + pmra[i] + pmdec[i] + rv[i])) {
                continue;
            }
            frames.icrsToGalactocentric(ra[i], dec[i], dKpc, pmra[i], pmdec[i], rv[i], xv);
            double speed = Math.sqrt(xv[3] * xv[3] + xv[4] * xv[4] + xv[5] * xv[5]);
            labels[i] = label(speed, potential.escapeSpeed(Math.hypot(xv[0], xv[1]), xv[2]));
            placed++;
            unbound += UNBOUND.equals(labels[i]) ? 1 : 0;
            bound += BOUND.equals(labels[i]) ? 1 : 0;
        }
        description = String.format(Locale.ROOT,
                "high_velocity: %d of %d stars placed (distance or 1/parallax, pm, RV); %d unbound, %d bound against v_esc of %s",
                placed, n, unbound, bound, model.label());
        return labels;
    }

    @Override
    public String description() {
        return description;
    }
}
