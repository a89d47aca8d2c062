package org.ocengine.gradient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ocengine.fit.FitModel;
import org.ocengine.fit.FitProblem;
import org.ocengine.fit.Prior;

/**
 * The axes of a sweep: every combination of their values is one fit ({@link #expand()}), in the
 * order variable, quantity, age bin, model (with knee), scatter, minimum flag-12 count, prior set.
 * Written as {@code key = value, value, ...} lines in a {@code --sweep} file or as the command's
 * flags (the same keys, see {@link GradientConfig}):
 * <pre>
 *   model       linear, broken, quadratic
 *   knee        knee positions of the broken model in the variable's fit unit, or "fit"  (11.5)
 *   variable    r_gc, l_z, energy, abs_z, r_gc@100, ...                                (r_gc)
 *   quantity    feh, mg_fe, ... (the y)                                                 (feh)
 *   age_bins    all, fu2022, thesis, 0-0.1, 0.1-0.5, 4- (Gyr)                          (all)
 *   min_flag12  minimum flag-12 stars per cluster                                       (3)
 *   scatter     no, yes (fit an intrinsic scatter)                                      (no)
 *   range       variable:lo-hi, e.g. r_gc:5-18 (x cut per variable)                     (none)
 *   prior       name=prior; name=prior ... (one prior set per line or flag; "default" = none)
 *   min_points  fits with fewer clusters are skipped with a note                        (5)
 * </pre>
 * Immutable.
 */
public final class SweepSpec {

    /** The keys of the axes (the sampler and column keys belong to {@link GradientConfig}). */
    public static final Set<String> KEYS = Set.of("model", "knee", "variable", "quantity", "age_bins", "min_flag12", "scatter",
            "range", "prior", "min_points");

    private final List<FitModel.Shape> models;
    private final List<Double> knees;
    private final List<GradientVariable> variables;
    private final List<String> quantities;
    private final List<AgeBin> ageBins;
    private final List<Integer> minFlag12;
    private final List<Boolean> scatter;
    private final Map<String, double[]> ranges;
    private final List<Map<String, Prior>> priorSets;
    private final int minPoints;

    private SweepSpec(List<FitModel.Shape> models, List<Double> knees, List<GradientVariable> variables, List<String> quantities,
                      List<AgeBin> ageBins, List<Integer> minFlag12, List<Boolean> scatter, Map<String, double[]> ranges,
                      List<Map<String, Prior>> priorSets, int minPoints) {
        this.models = List.copyOf(models);
        this.knees = List.copyOf(knees);
        this.variables = List.copyOf(variables);
        this.quantities = List.copyOf(quantities);
        this.ageBins = List.copyOf(ageBins);
        this.minFlag12 = List.copyOf(minFlag12);
        this.scatter = List.copyOf(scatter);
        this.ranges = Map.copyOf(ranges);
        this.priorSets = List.copyOf(priorSets);
        this.minPoints = minPoints;
        checkPriorNames();
    }

    /** The command's defaults: a quadratic in R_GC of [Fe/H] over all clusters with at least 3 flag-12 stars. */
    public static SweepSpec defaults() {
        return parse(Map.of());
    }

    /**
     * A sweep from key values (each key's values in order; {@code prior} may have several entries,
     * one prior set each); keys not given take the defaults of the class comment.
     *
     * @throws IllegalArgumentException naming the key and value that cannot be read
     */
    public static SweepSpec parse(Map<String, List<String>> values) {
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown sweep key '" + key + "'");
            }
        }
        List<FitModel.Shape> models = new ArrayList<>();
        for (String m : items(values, "model", "quadratic")) {
            models.add(FitModel.Shape.parse(m));
        }
        List<Double> knees = new ArrayList<>();
        for (String k : items(values, "knee", "11.5")) {
            knees.add(k.equalsIgnoreCase("fit") ? Double.NaN : number("knee", k));
        }
        List<GradientVariable> variables = new ArrayList<>();
        for (String v : items(values, "variable", "r_gc")) {
            variables.add(GradientVariable.parse(v));
        }
        List<String> quantities = new ArrayList<>();
        for (String q : items(values, "quantity", "feh")) {
            quantities.add(ClusterColumns.checkQuantity(q));
        }
        List<AgeBin> bins = AgeBin.parseList(String.join(",", values.getOrDefault("age_bins", List.of("all"))));
        List<Integer> minFlag12 = new ArrayList<>();
        for (String n : items(values, "min_flag12", "3")) {
            minFlag12.add(integer("min_flag12", n));
        }
        List<Boolean> scatter = new ArrayList<>();
        for (String s : items(values, "scatter", "no")) {
            scatter.add(switch (s.toLowerCase(Locale.ROOT)) {
                case "yes", "true" -> true;
                case "no", "false" -> false;
                default -> throw new IllegalArgumentException("scatter must be yes or no, not '" + s + "'");
            });
        }
        Map<String, double[]> ranges = new LinkedHashMap<>();
        for (String r : items(values, "range", null)) {
            int colon = r.lastIndexOf(':');
            int dash = colon < 0 ? -1 : r.indexOf('-', colon + 2);
            if (colon <= 0 || dash < 0) {
                throw new IllegalArgumentException("range '" + r + "' is not of the form variable:lo-hi (e.g. r_gc:5-18)");
            }
            GradientVariable v = GradientVariable.parse(r.substring(0, colon));
            double lo = number("range", r.substring(colon + 1, dash));
            double hi = number("range", r.substring(dash + 1));
            if (!(lo < hi)) {
                throw new IllegalArgumentException("range '" + r + "' needs lo < hi");
            }
            ranges.put(v.name(), new double[] {lo, hi});
        }
        List<Map<String, Prior>> priorSets = new ArrayList<>();
        for (String set : values.getOrDefault("prior", List.of("default"))) {
            priorSets.add(priorSet(set));
        }
        List<String> mp = values.getOrDefault("min_points", List.of("5"));
        if (mp.size() != 1) {
            throw new IllegalArgumentException("min_points takes one value");
        }
        int minPoints = integer("min_points", mp.get(0));
        return new SweepSpec(models, knees, variables, quantities, bins, minFlag12, scatter, ranges, priorSets, minPoints);
    }

    /** A sweep's values split at commas (an empty list when the key is absent and has no default). */
    private static List<String> items(Map<String, List<String>> values, String key, String fallback) {
        List<String> given = values.get(key);
        List<String> raw = given != null ? given : fallback == null ? List.of() : List.of(fallback);
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : raw) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        if (given != null && out.isEmpty()) {
            throw new IllegalArgumentException("no value given for '" + key + "'");
        }
        return List.copyOf(out);
    }

    /** {@code default}, or {@code name=prior; name=prior}. */
    static Map<String, Prior> priorSet(String text) {
        Map<String, Prior> set = new LinkedHashMap<>();
        if (text.strip().equalsIgnoreCase("default")) {
            return set;
        }
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("prior '" + part.strip() + "' is not of the form parameter=prior (e.g. slope=uniform(-1,1))");
            }
            String name = part.substring(0, eq).strip();
            if (!FitProblem.allParameterNames().contains(name)) {
                throw new IllegalArgumentException("no model has a parameter '" + name + "' (they are " + FitProblem.allParameterNames() + ")");
            }
            if (set.put(name, Prior.parse(part.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("prior for '" + name + "' given twice in one set");
            }
        }
        return set;
    }

    /** Every prior must name a parameter of some model of the sweep (a typo would otherwise do nothing). */
    private void checkPriorNames() {
        Set<String> names = new LinkedHashSet<>();
        for (FitModel m : modelsToFit()) {
            names.addAll(m.parameterNames());
        }
        for (Map<String, Prior> set : priorSets) {
            for (String name : set.keySet()) {
                if (!names.contains(name)) {
                    throw new IllegalArgumentException("a prior names '" + name + "', which none of the models "
                            + models.stream().map(FitModel.Shape::label).toList() + " has");
                }
            }
        }
        for (String v : ranges.keySet()) {
            if (variables.stream().noneMatch(x -> x.name().equals(v))) {
                throw new IllegalArgumentException("a range is given for " + v + ", which is not among the variables " + variables);
            }
        }
    }

    /** The models with their knees and scatter choices, in sweep order. */
    private List<FitModel> modelsToFit() {
        List<FitModel> out = new ArrayList<>();
        for (FitModel.Shape shape : models) {
            for (boolean s : scatter) {
                switch (shape) {
                    case LINEAR -> out.add(FitModel.linear(s));
                    case QUADRATIC -> out.add(FitModel.quadratic(s));
                    case BROKEN_LINEAR -> {
                        for (double k : knees) {
                            out.add(Double.isNaN(k) ? FitModel.brokenFittedKnee(s) : FitModel.brokenAt(k, s));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Every fit of the sweep, once: a prior set that names none of a model's parameters gives that
     * model the same fit as the default priors, which is kept only the first time.
     */
    public List<FitSelection> expand() {
        List<FitSelection> out = new ArrayList<>();
        Set<String> labels = new java.util.HashSet<>();
        for (GradientVariable v : variables) {
            double[] range = ranges.getOrDefault(v.name(), new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
            for (String q : quantities) {
                for (AgeBin bin : ageBins) {
                    for (FitModel model : modelsToFit()) {
                        for (int n12 : minFlag12) {
                            for (Map<String, Prior> set : priorSets) {
                                Map<String, Prior> own = new LinkedHashMap<>();
                                set.forEach((name, prior) -> {
                                    if (model.parameterNames().contains(name)) {
                                        own.put(name, prior);
                                    }
                                });
                                FitSelection f = new FitSelection(q, v, model, bin, n12, range[0], range[1], own, minPoints);
                                if (labels.add(f.label())) {
                                    out.add(f);
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The sweep as plain values (for manifests). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", models.stream().map(FitModel.Shape::label).toList());
        m.put("knee", knees.stream().map(k -> Double.isNaN(k) ? "fit" : (Object) k).toList());
        m.put("variable", variables.stream().map(GradientVariable::name).toList());
        m.put("quantity", quantities);
        m.put("age_bins", ageBins.stream().map(AgeBin::describe).toList());
        m.put("min_flag12", minFlag12);
        m.put("scatter", scatter);
        Map<String, Object> r = new LinkedHashMap<>();
        ranges.forEach((k, v) -> r.put(k, List.of(v[0], v[1])));
        m.put("range", r);
        List<String> priors = new ArrayList<>();
        for (Map<String, Prior> set : priorSets) {
            StringBuilder sb = new StringBuilder();
            set.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "; ").append(k).append('=').append(v.describe()));
            priors.add(sb.isEmpty() ? "default" : sb.toString());
        }
        m.put("prior", priors);
        m.put("min_points", minPoints);
        return m;
    }

    static double number(String key, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number '" + text.strip() + "'", e);
        }
    }

    static int integer(String key, String text) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v < 0) {
                throw new IllegalArgumentException(key + " must not be negative, got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a whole number '" + text.strip() + "'", e);
        }
    }
}
