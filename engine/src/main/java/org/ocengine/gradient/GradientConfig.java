package org.ocengine.gradient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ocengine.fit.FitBatch;
import org.ocengine.fit.SamplerSettings;
import org.ocengine.fit.WeightedMove;
import org.ocengine.table.DataException;

/**
 * Everything the gradient stage needs besides its input table: the sweeps (each expanded into fits),
 * how each fit is sampled, which columns play which role, and how linear models' likelihoods are
 * evaluated. Besides the sweep keys of {@link SweepSpec}, a {@code --sweep} file or the flags may set
 * <pre>
 *   walkers     walkers per fit                                   (300)
 *   steps       steps per walker                                  (10000)
 *   discard     burn-in steps dropped                             (steps / 5)
 *   thin        keep every thin-th step                           (1)
 *   seed        seed of the random streams                        (1)
 *   moves       stretch, stretch:2, de, stretch:2@0.8,de@0.2       (stretch:2)
 *   likelihood  sums (normal equations) or points                 (sums)
 *   map         role=COLUMN or role=COLUMN[unit], one per entry   (none)
 * </pre>
 * Immutable.
 *
 * @param sweeps     the sweeps, expanded in order
 * @param sampler    how every fit is sampled
 * @param columns    user column choices by role (see {@link ClusterColumns}), as {@code COLUMN} or {@code COLUMN[unit]}
 * @param likelihood how models linear in their parameters are evaluated
 */
public record GradientConfig(List<SweepSpec> sweeps, SamplerSettings sampler, Map<String, String> columns,
                             FitBatch.Likelihood likelihood) {

    /** The keys besides the sweep's. */
    public static final Set<String> KEYS = Set.of("walkers", "steps", "discard", "thin", "seed", "moves", "likelihood", "map");

    public GradientConfig {
        sweeps = List.copyOf(sweeps);
        columns = Map.copyOf(columns);
        for (String v : columns.values()) {
            ClusterColumns.Choice.parse(v);
        }
    }

    /**
     * The fits of the papers, as {@code ocengine run} adds them: Fu et al. (2022, Table 6 and Fig. 8)
     * quadratic [Fe/H] against R_GC, L_z/10^3 and E/10^5 and R_GC at look-back 100-500 Myr, per age
     * group (fu2022 bins); and the thesis's straight line and broken line (knee 11.5 kpc) against R_GC
     * over 5-18 kpc and a straight line against |Z|, over all ages. Clusters with at least 3 flag-12
     * stars; 300 walkers x 10,000 steps, 2,000 discarded.
     */
    public static GradientConfig paper(long seed) {
        SweepSpec table6 = SweepSpec.parse(Map.of("model", List.of("quadratic"),
                "variable", List.of("r_gc, l_z, energy, r_gc@100, r_gc@200, r_gc@300, r_gc@400, r_gc@500"),
                "age_bins", List.of("fu2022")));
        SweepSpec thesis = SweepSpec.parse(Map.of("model", List.of("linear, broken"), "knee", List.of("11.5"),
                "variable", List.of("r_gc"), "range", List.of("r_gc:5-18")));
        SweepSpec height = SweepSpec.parse(Map.of("model", List.of("linear"), "variable", List.of("abs_z")));
        return new GradientConfig(List.of(table6, thesis, height), SamplerSettings.paper(seed), Map.of(), FitBatch.Likelihood.SUMS);
    }

    /**
     * A configuration of one sweep from key values (a sweep file's, overridden by flags: see
     * {@link #merge}); unset sampler keys take the paper's set-up with {@code seed}.
     *
     * @throws IllegalArgumentException naming the key that cannot be read
     */
    public static GradientConfig parse(Map<String, List<String>> values, long seed) {
        Map<String, List<String>> sweepKeys = new LinkedHashMap<>();
        Map<String, String> columns = new LinkedHashMap<>();
        SamplerSettings s = SamplerSettings.paper(seed);
        FitBatch.Likelihood likelihood = FitBatch.Likelihood.SUMS;
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            String key = e.getKey();
            if (SweepSpec.KEYS.contains(key)) {
                sweepKeys.put(key, e.getValue());
            } else if (key.equals("map")) {
                for (String m : e.getValue()) {
                    int eq = m.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("map '" + m + "' is not of the form role=COLUMN or role=COLUMN[unit]");
                    }
                    columns.put(m.substring(0, eq).strip().toLowerCase(Locale.ROOT), m.substring(eq + 1).strip());
                }
            } else if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' (sweep keys: " + new java.util.TreeSet<>(SweepSpec.KEYS)
                        + "; others: " + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        String steps = single(values, "steps");
        String discard = single(values, "discard");
        if (single(values, "seed") != null) {
            s = s.withSeed(Long.parseLong(single(values, "seed").strip()));
        }
        if (single(values, "walkers") != null) {
            s = s.withWalkers(SweepSpec.integer("walkers", single(values, "walkers")));
        }
        if (steps != null) {
            long n = SweepSpec.integer("steps", steps);
            s = s.withSteps(n).withDiscard(n / 5);
        }
        if (discard != null) {
            s = s.withDiscard(SweepSpec.integer("discard", discard));
        }
        if (single(values, "thin") != null) {
            s = s.withThin(SweepSpec.integer("thin", single(values, "thin")));
        }
        if (single(values, "moves") != null) {
            s = s.withMoves(WeightedMove.parse(single(values, "moves")));
        }
        if (single(values, "likelihood") != null) {
            likelihood = switch (single(values, "likelihood").strip().toLowerCase(Locale.ROOT)) {
                case "sums" -> FitBatch.Likelihood.SUMS;
                case "points" -> FitBatch.Likelihood.POINTS;
                default -> throw new IllegalArgumentException("likelihood must be sums or points, not '" + single(values, "likelihood") + "'");
            };
        }
        return new GradientConfig(List.of(SweepSpec.parse(sweepKeys)), s, columns, likelihood);
    }

    private static String single(Map<String, List<String>> values, String key) {
        List<String> v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v.size() != 1 || v.get(0).contains(",") && !key.equals("moves")) {
            throw new IllegalArgumentException(key + " takes one value, got " + v);
        }
        return v.get(0);
    }

    /** The same configuration sampled differently. */
    public GradientConfig withSampler(SamplerSettings value) {
        return new GradientConfig(sweeps, value, columns, likelihood);
    }

    /** Every fit of every sweep, in order. */
    public List<FitSelection> fits() {
        List<FitSelection> out = new ArrayList<>();
        for (SweepSpec s : sweeps) {
            out.addAll(s.expand());
        }
        return out;
    }

    /**
     * Reads a sweep file: {@code key = value} lines; {@code #} starts a comment; a key given on several
     * lines collects every value (as {@code prior} and {@code map} need).
     *
     * @throws DataException naming the file and line of a line that is not {@code key = value}
     */
    public static Map<String, List<String>> readSweepFile(Path file) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new DataException(file.toString(), null, i + 1, "not a 'key = value' line: " + lines.get(i).strip());
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT).replace('-', '_');
            if (!SweepSpec.KEYS.contains(key) && !KEYS.contains(key)) {
                throw new DataException(file.toString(), null, i + 1, "unknown key '" + key + "'");
            }
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
        }
        return out;
    }

    /** File values overridden key by key by flag values. */
    public static Map<String, List<String>> merge(Map<String, List<String>> file, Map<String, List<String>> flags) {
        Map<String, List<String>> out = new LinkedHashMap<>(file);
        out.putAll(flags);
        return out;
    }

    /** The configuration as plain values (for manifests). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> s = new ArrayList<>();
        for (SweepSpec sweep : sweeps) {
            s.add(sweep.describe());
        }
        m.put("sweeps", s);
        m.put("walkers", sampler.walkers());
        m.put("steps", sampler.steps());
        m.put("discard", sampler.discard());
        m.put("thin", sampler.thin());
        m.put("seed", sampler.seed());
        m.put("moves", WeightedMove.describe(sampler.moves()));
        m.put("start_scale_sigma", sampler.startScale());
        m.put("autocorr_c", sampler.windowC());
        m.put("autocorr_tol", sampler.tauTol());
        m.put("likelihood", likelihood.name().toLowerCase(Locale.ROOT));
        m.put("columns", new java.util.TreeMap<>(columns));
        return m;
    }
}
