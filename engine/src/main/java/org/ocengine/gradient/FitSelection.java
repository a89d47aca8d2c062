package org.ocengine.gradient;

import java.util.Map;
import java.util.TreeMap;
import org.ocengine.fit.FitModel;
import org.ocengine.fit.Prior;

/**
 * One fit of a sweep: what is fitted against what, with which model, on which clusters. Immutable.
 *
 * @param quantity  the y: {@code feh} or another abundance ({@code mg_fe}, ...)
 * @param variable  the x
 * @param model     the model (with its fixed knee, or fitted knee, and scatter choice)
 * @param ageBin    the clusters' age range
 * @param minFlag12 clusters need at least this many flag-12 stars (when the table says how many)
 * @param xMin      clusters need x at or above this (fit units; -infinity for no cut)
 * @param xMax      ... and at or below this (+infinity for no cut)
 * @param priors    priors by parameter name replacing the model's defaults (only names the model has)
 * @param minPoints fewer selected clusters than this and the fit is not run
 */
public record FitSelection(String quantity, GradientVariable variable, FitModel model, AgeBin ageBin, int minFlag12,
                           double xMin, double xMax, Map<String, Prior> priors, int minPoints) {

    public FitSelection {
        priors = Map.copyOf(priors);
    }

    /** Whether an x range cut applies. */
    public boolean hasRange() {
        return xMin > Double.NEGATIVE_INFINITY || xMax < Double.POSITIVE_INFINITY;
    }

    /** The x range as {@code lo-hi} (empty without a cut). */
    public String describeRange() {
        return hasRange() ? num(xMin) + "-" + num(xMax) : "";
    }

    /** The priors that differ from the defaults, {@code name=prior; ...} in name order (empty for none). */
    public String describePriors() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Prior> e : new TreeMap<>(priors).entrySet()) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue().describe());
        }
        return sb.toString();
    }

    /**
     * The fit's name, also the source of its random-stream key: everything that decides its data and
     * model, e.g. {@code quadratic feh~r_gc age=0.1-0.5 n12>=3} or
     * {@code broken(knee=11.5) feh~r_gc age=all n12>=3 range=5-18 priors{slope_inner=uniform(-1,0)}}.
     */
    public String label() {
        StringBuilder sb = new StringBuilder(model.describe()).append(' ').append(quantity).append('~').append(variable.name())
                .append(" age=").append(ageBin.describe()).append(" n12>=").append(minFlag12);
        if (hasRange()) {
            sb.append(" range=").append(describeRange());
        }
        if (!priors.isEmpty()) {
            sb.append(" priors{").append(describePriors()).append('}');
        }
        return sb.toString();
    }

    private static String num(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
