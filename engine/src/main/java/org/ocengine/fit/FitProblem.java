package org.ocengine.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fit: a model, its data, one prior per parameter, and the 64-bit key that selects its random
 * streams (see {@link WalkerStreams}). The key should be a function of what the fit is (for
 * gradients: a hash of its label), not of its position in a batch, so that a fit gives the same
 * result alone or among a thousand others. Immutable.
 *
 * @param label  a human-readable name, unique within a batch by convention
 * @param key    the fit's random-stream key
 * @param model  the model
 * @param data   the points
 * @param priors one prior per parameter, in the order of {@link FitModel#parameterNames()}
 */
public record FitProblem(String label, long key, FitModel model, FitData data, List<Prior> priors) {

    public FitProblem {
        priors = List.copyOf(priors);
        if (priors.size() != model.dimension()) {
            throw new IllegalArgumentException(label + ": " + model.dimension() + " priors needed, got " + priors.size());
        }
    }

    /**
     * The default priors of a model on some data, with overrides by parameter name: flat for slopes,
     * intercepts and polynomial coefficients; the knee uniform over the data's x range (a knee outside
     * the points is not constrained); the scatter uniform on [0, inf).
     *
     * @throws IllegalArgumentException when an override names a parameter the model does not have
     */
    public static List<Prior> priors(FitModel model, FitData data, Map<String, Prior> overrides) {
        List<String> names = model.parameterNames();
        for (String name : overrides.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("model " + model.describe() + " has no parameter '" + name
                        + "' (it has " + String.join(", ", names) + ")");
            }
        }
        List<Prior> out = new ArrayList<>();
        for (String name : names) {
            Prior given = overrides.get(name);
            if (given != null) {
                out.add(given);
            } else if (name.equals("knee")) {
                out.add(Prior.uniform(data.minX(), data.maxX()));
            } else if (name.equals("scatter")) {
                out.add(Prior.uniform(0, Double.POSITIVE_INFINITY));
            } else {
                out.add(Prior.flat());
            }
        }
        return out;
    }

    /** Parameter names any model can have (for checking user input before data are known). */
    public static Set<String> allParameterNames() {
        return Set.of("slope", "intercept", "slope_inner", "slope_outer", "value_at_knee", "knee", "a", "b", "c", "scatter");
    }
}
