package org.ocengine.datasets.recovery;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ocengine.datasets.mock.MockCluster;
import org.ocengine.fit.FitModel;
import org.ocengine.fit.Prior;
import org.ocengine.gradient.FitSelection;
import org.ocengine.gradient.GradientConfig;
import org.ocengine.gradient.SweepSpec;
import org.ocengine.table.ClusterNames;
import org.ocengine.table.Table;

/**
 * Whether a run's gradient fits recover the [Fe/H] gradient injected into a mock survey
 * ({@link MockCluster#gradientFeh}: slope {@link MockCluster#GRADIENT_INNER} dex/kpc inside the knee at
 * {@link MockCluster#GRADIENT_KNEE_KPC} kpc, {@link MockCluster#GRADIENT_OUTER} beyond it, plus a
 * 0.05 dex intrinsic scatter per cluster).
 *
 * <p>The fits judged are those of {@link #sweeps()}, run over R_GC {@value #R_MIN_KPC}-{@value #R_MAX_KPC}
 * kpc on every cluster with at least 3 flag-12 stars, each with an intrinsic-scatter parameter
 * (the mock's clusters scatter by 0.05 dex about the gradient while their [Fe/H] errors are about
 * 0.01 dex, so a fit without it understates its uncertainties several-fold):
 * <ul>
 *   <li>the broken line with the knee fixed at the injected knee: slope_inner, slope_outer and
 *       value_at_knee against the injected values;</li>
 *   <li>the broken line with the knee fitted, priors {@value #KNEE_FITTED_PRIORS} (stated, since with
 *       a flat prior a knee near the last cluster leaves the outer slope free to run off):
 *       slope_inner, slope_outer and knee;</li>
 *   <li>for context, not judged: the straight line with scatter (no injected truth), and the papers'
 *       straight and broken lines without scatter (from {@link GradientConfig#paper}), whose pulls
 *       show what ignoring the scatter does.</li>
 * </ul>
 * A parameter is <b>recovered within its reported uncertainty</b> when |p50 - truth| &lt;=
 * {@value #MAX_PULL} x (p84 - p16) / 2, i.e. |pull| &lt;= {@value #MAX_PULL} with pull =
 * (p50 - truth) / ((p84 - p16) / 2). A judged fit passes when it was sampled, its chain is at least
 * 50 autocorrelation times long (emcee's criterion) and every judged parameter is recovered. Where a
 * parameter has a bounded uniform prior, its posterior half-width is also given as a fraction of the
 * prior's standard deviation: near 1 the data barely constrain it and passing says little.
 * The R_GC coverage of the fitted clusters (how many lie on each side of the knee) and the orbit
 * stage's R_GC against the injected one are reported beside. Immutable.
 */
public final class GradientRecovery {

    /** The judged fits' R_GC range, kpc (the thesis's). */
    public static final double R_MIN_KPC = 5;
    public static final double R_MAX_KPC = 18;
    /** A parameter is recovered when |pull| is at most this. */
    public static final double MAX_PULL = 2.0;
    /** Priors of the knee-fitted broken line: the knee where published knees lie, slopes within +-0.2 dex/kpc. */
    public static final String KNEE_FITTED_PRIORS = "knee=uniform(8,14); slope_inner=uniform(-0.2,0.2); slope_outer=uniform(-0.2,0.2)";
    /** Status of a fit the run's gradients table lacks (a run with other gradient sweeps). */
    public static final String MISSING = "not in the run's gradients table";
    /** Half-width over the prior's standard deviation above which a parameter is called prior-dominated. */
    public static final double PRIOR_DOMINATED = 0.5;

    /** What a fit is in the report. */
    public enum Role {
        KNEE_FIXED("broken line, knee fixed at the injected knee, with scatter", true),
        KNEE_FITTED("broken line, knee fitted, with scatter", true),
        LINE("straight line, with scatter (context)", false),
        PAPER_KNEE_FIXED("papers' broken line, knee fixed, no scatter (context)", false),
        PAPER_LINE("papers' straight line, no scatter (context)", false);

        private final String text;
        private final boolean judged;

        Role(String text, boolean judged) {
            this.text = text;
            this.judged = judged;
        }

        public String text() {
            return text;
        }

        public boolean judged() {
            return judged;
        }
    }

    /**
     * One parameter against the truth.
     *
     * @param name  parameter name (dex/kpc for slopes, dex for value_at_knee, kpc for the knee)
     * @param truth injected value, or NaN where there is none
     * @param p16   16th percentile of the posterior
     * @param p50   median
     * @param p84   84th percentile
     * @param tau   integrated autocorrelation time, steps
     * @param prior the prior the fit used when it was a bounded uniform one, else null
     */
    public record Parameter(String name, double truth, double p16, double p50, double p84, double tau, Prior prior) {

        /** (p84 - p16) / 2. */
        public double halfWidth() {
            return (p84 - p16) / 2;
        }

        /** (p50 - truth) / half-width. */
        public double pull() {
            return (p50 - truth) / halfWidth();
        }

        /** |pull| &lt;= {@link #MAX_PULL}. */
        public boolean recovered() {
            return Math.abs(pull()) <= MAX_PULL;
        }

        /** Half-width over the standard deviation of the bounded uniform prior (NaN without one). */
        public double priorFraction() {
            return prior == null ? Double.NaN : halfWidth() / ((prior.hi() - prior.lo()) / Math.sqrt(12));
        }
    }

    /**
     * One fit of the gradients table.
     *
     * @param role       what it is here
     * @param label      its label in the gradients table
     * @param status     ok, why it was not sampled, or {@link #MISSING}
     * @param n          clusters fitted
     * @param walkers    walkers
     * @param steps      steps per walker
     * @param discard    burn-in steps dropped
     * @param acceptance mean acceptance fraction
     * @param tauMax     largest autocorrelation time, steps
     * @param converged  kept chain at least 50 tau_max long
     * @param chi2       chi-square of the least-squares solution (meaningful for the fits without scatter)
     * @param dof        degrees of freedom
     * @param parameters the compared parameters
     */
    public record Fit(Role role, String label, String status, int n, int walkers, long steps, long discard, double acceptance,
                      double tauMax, boolean converged, double chi2, int dof, List<Parameter> parameters) {

        /** Sampled, converged, and every parameter with a truth recovered. */
        public boolean passed() {
            if (!status.equals("ok") || !converged) {
                return false;
            }
            for (Parameter p : parameters) {
                if (!Double.isNaN(p.truth()) && !p.recovered()) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The clusters behind the judged fits and the orbit stage's R_GC.
     *
     * @param fitted          clusters with finite [Fe/H], at least 3 flag-12 stars and R_GC in the range
     * @param inside          ... of which inside the injected knee
     * @param outside         ... of which beyond it
     * @param rMin            smallest R_GC among them, kpc
     * @param rMax            largest, kpc
     * @param matched         clusters with both a recovered and an injected R_GC
     * @param rDiffMedian     median of recovered - injected R_GC, kpc
     * @param rDiffRobustSd   1.4826 MAD of that difference, kpc
     */
    public record Coverage(int fitted, int inside, int outside, double rMin, double rMax, int matched, double rDiffMedian,
                           double rDiffRobustSd) {
    }

    private final List<Fit> fits;
    private final Coverage coverage;

    private GradientRecovery(List<Fit> fits, Coverage coverage) {
        this.fits = List.copyOf(fits);
        this.coverage = coverage;
    }

    /** The fits judged by this check, to be run beside the papers' (each sweep's values expand into fits). */
    public static List<SweepSpec> sweeps() {
        String range = "r_gc:" + num(R_MIN_KPC) + "-" + num(R_MAX_KPC);
        SweepSpec fixed = SweepSpec.parse(Map.of("model", List.of("linear, broken"), "knee", List.of(num(MockCluster.GRADIENT_KNEE_KPC)),
                "variable", List.of("r_gc"), "range", List.of(range), "scatter", List.of("yes")));
        SweepSpec fitted = SweepSpec.parse(Map.of("model", List.of("broken"), "knee", List.of("fit"), "variable", List.of("r_gc"),
                "range", List.of(range), "scatter", List.of("yes"), "prior", List.of(KNEE_FITTED_PRIORS)));
        return List.of(fixed, fitted);
    }

    /** The fits compared, by role, in the order of {@link Role}. */
    static Map<Role, FitSelection> selections() {
        Map<Role, FitSelection> out = new EnumMap<>(Role.class);
        for (SweepSpec s : sweeps()) {
            for (FitSelection f : s.expand()) {
                FitModel m = f.model();
                out.put(m.shape() == FitModel.Shape.LINEAR ? Role.LINE : m.kneeFitted() ? Role.KNEE_FITTED : Role.KNEE_FIXED, f);
            }
        }
        for (FitSelection f : GradientConfig.paper(1).fits()) {
            boolean rgcAll = f.variable().name().equals("r_gc") && f.ageBin().isAll() && f.hasRange();
            if (rgcAll && f.model().shape() == FitModel.Shape.LINEAR) {
                out.put(Role.PAPER_LINE, f);
            } else if (rgcAll && f.model().shape() == FitModel.Shape.BROKEN_LINEAR && !f.model().kneeFitted()) {
                out.put(Role.PAPER_KNEE_FIXED, f);
            }
        }
        return out;
    }

    /**
     * Compares a run's gradient fits with the injected gradient.
     *
     * @param gradients     the run's gradients table
     * @param clusters      the run's cluster table (R_GC, [Fe/H], flag-12 counts)
     * @param truthClusters the mock's injected clusters (their R_GC)
     */
    public static GradientRecovery compute(Table gradients, Table clusters, Table truthClusters) {
        Map<String, Integer> row = new HashMap<>();
        String[] labels = gradients.strings("label");
        for (int i = 0; i < labels.length; i++) {
            row.put(labels[i], i);
        }
        List<Fit> fits = new ArrayList<>();
        for (Map.Entry<Role, FitSelection> e : selections().entrySet()) {
            Integer i = row.get(e.getValue().label());
            fits.add(i == null ? missing(e.getKey(), e.getValue()) : fit(e.getKey(), e.getValue(), gradients, i));
        }
        return new GradientRecovery(fits, coverage(clusters, truthClusters));
    }

    private static Fit missing(Role role, FitSelection sel) {
        return new Fit(role, sel.label(), MISSING, 0, 0, 0, 0, Double.NaN, Double.NaN, false, Double.NaN, 0, List.of());
    }

    private static Fit fit(Role role, FitSelection sel, Table t, int i) {
        double knee = MockCluster.GRADIENT_KNEE_KPC;
        Map<String, Double> truth = switch (role) {
            case KNEE_FIXED, PAPER_KNEE_FIXED -> Map.of("slope_inner", MockCluster.GRADIENT_INNER, "slope_outer", MockCluster.GRADIENT_OUTER,
                    "value_at_knee", MockCluster.gradientFeh(knee));
            case KNEE_FITTED -> Map.of("slope_inner", MockCluster.GRADIENT_INNER, "slope_outer", MockCluster.GRADIENT_OUTER, "knee", knee);
            case LINE, PAPER_LINE -> Map.of();
        };
        List<String> names = switch (role) {
            case KNEE_FIXED, PAPER_KNEE_FIXED -> List.of("slope_inner", "slope_outer", "value_at_knee");
            case KNEE_FITTED -> List.of("slope_inner", "slope_outer", "knee");
            case LINE, PAPER_LINE -> List.of("slope");
        };
        List<Parameter> params = new ArrayList<>();
        List<String> all = new ArrayList<>(names);
        if (sel.model().scatter()) {
            all.add("scatter");
        }
        for (String p : all) {
            Prior prior = sel.priors().get(p);
            boolean bounded = prior != null && !prior.hasNormal() && Double.isFinite(prior.lo()) && Double.isFinite(prior.hi());
            params.add(new Parameter(p, truth.getOrDefault(p, Double.NaN), t.doubles(p + "_p16")[i], t.doubles(p + "_p50")[i],
                    t.doubles(p + "_p84")[i], t.doubles(p + "_tau")[i], bounded ? prior : null));
        }
        return new Fit(role, sel.label(), t.strings("status")[i], t.ints("n")[i], t.ints("walkers")[i], t.longs("steps")[i],
                t.longs("discard")[i], t.doubles("acceptance")[i], t.doubles("tau_max")[i], t.booleans("converged")[i],
                t.doubles("chi2_wls")[i], t.ints("dof")[i], params);
    }

    private static Coverage coverage(Table clusters, Table truthClusters) {
        double[] r = clusters.doubles("r_gc");
        boolean hasFeh = clusters.has("feh_median");
        double[] feh = hasFeh ? clusters.doubles("feh_median") : new double[r.length];
        int[] n12 = clusters.ints("n_flag12");
        String[] id = clusters.strings("cluster_id");
        Map<String, Double> injected = new HashMap<>();
        String[] names = truthClusters.strings("cluster");
        double[] tr = truthClusters.doubles("r_gc");
        for (int i = 0; i < names.length; i++) {
            injected.put(ClusterNames.normalise(names[i]), tr[i]);
        }
        int fitted = 0;
        int inside = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<Double> diff = new ArrayList<>();
        for (int c = 0; c < r.length; c++) {
            Double t = injected.get(id[c]);
            if (t != null && Double.isFinite(r[c])) {
                diff.add(r[c] - t);
            }
            if (hasFeh && Double.isFinite(feh[c]) && n12[c] >= 3 && n12[c] != Table.NULL_INT && r[c] >= R_MIN_KPC && r[c] <= R_MAX_KPC) {
                fitted++;
                inside += r[c] < MockCluster.GRADIENT_KNEE_KPC ? 1 : 0;
                lo = Math.min(lo, r[c]);
                hi = Math.max(hi, r[c]);
            }
        }
        double[] d = diff.stream().mapToDouble(Double::doubleValue).toArray();
        return new Coverage(fitted, inside, fitted - inside, fitted == 0 ? Double.NaN : lo, fitted == 0 ? Double.NaN : hi, d.length,
                RecoveryReport.median(d), RecoveryReport.robustSd(d));
    }

    public List<Fit> fits() {
        return fits;
    }

    public Coverage coverage() {
        return coverage;
    }

    /** The fit of this role. */
    public Optional<Fit> fit(Role role) {
        return fits.stream().filter(f -> f.role() == role).findFirst();
    }

    /** Every judged fit passed. */
    public boolean passed() {
        return fits.stream().filter(f -> f.role().judged()).allMatch(Fit::passed);
    }

    /** The section of the recovery report. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        Coverage c = coverage;
        sb.append(String.format(Locale.ROOT, "[Fe/H] gradient: injected %+.3f dex/kpc inside R_GC = %s kpc, %+.3f beyond (MockCluster), "
                        + "0.05 dex cluster scatter%n", MockCluster.GRADIENT_INNER, num(MockCluster.GRADIENT_KNEE_KPC),
                MockCluster.GRADIENT_OUTER));
        sb.append(String.format(Locale.ROOT, "  %d clusters fitted (>= 3 flag-12 stars, R_GC %s-%s kpc): %d inside the knee, %d beyond; "
                        + "R_GC %.2f-%.2f kpc%n", c.fitted(), num(R_MIN_KPC), num(R_MAX_KPC), c.inside(), c.outside(), c.rMin(), c.rMax()));
        sb.append(String.format(Locale.ROOT, "  orbit-stage R_GC - injected R_GC over %d clusters: median %+.3f kpc, robust sd %.3f kpc%n",
                c.matched(), c.rDiffMedian(), c.rDiffRobustSd()));
        for (Fit f : fits) {
            sb.append(String.format(Locale.ROOT, "  %s: %s%n", f.role().text(), f.label()));
            if (!f.status().equals("ok")) {
                sb.append("    not sampled: ").append(f.status()).append('\n');
                continue;
            }
            boolean scatter = f.parameters().stream().anyMatch(p -> p.name().equals("scatter"));
            sb.append(String.format(Locale.ROOT, "    N %d, %d walkers x %d steps (%d discarded), acceptance %.2f, tau_max %.0f steps "
                            + "(kept chain %.0f tau: %s)%s%n", f.n(), f.walkers(), f.steps(), f.discard(), f.acceptance(), f.tauMax(),
                    (f.steps() - f.discard()) / f.tauMax(), f.converged() ? "converged" : "NOT converged",
                    scatter ? "" : String.format(Locale.ROOT, ", least-squares chi2/dof %.1f", f.chi2() / f.dof())));
            for (Parameter p : f.parameters()) {
                sb.append(String.format(Locale.ROOT, "    %-13s p16/p50/p84 %+9.4f %+9.4f %+9.4f", p.name(), p.p16(), p.p50(), p.p84()));
                if (!Double.isNaN(p.truth())) {
                    sb.append(String.format(Locale.ROOT, "  truth %+8.4f  pull %+6.2f%s", p.truth(), p.pull(),
                            f.role().judged() ? (p.recovered() ? "  ok" : "  OFF") : ""));
                }
                if (!Double.isNaN(p.priorFraction())) {
                    sb.append(String.format(Locale.ROOT, "  half-width %.2f of the prior's sd%s", p.priorFraction(),
                            p.priorFraction() > PRIOR_DOMINATED ? " (barely constrained)" : ""));
                }
                sb.append('\n');
            }
        }
        for (Fit f : fits) {
            if (f.role().judged()) {
                sb.append(verdict(f)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String verdict(Fit f) {
        if (!f.status().equals("ok")) {
            return "FAIL gradient, " + f.role().text() + ": not sampled (" + f.status() + ")";
        }
        StringBuilder sb = new StringBuilder(f.passed() ? "PASS" : "FAIL").append(" gradient, ").append(f.role().text())
                .append(": recovered within reported uncertainties (|p50 - truth| <= ").append(num(MAX_PULL)).append(" x (p84-p16)/2):");
        for (Parameter p : f.parameters()) {
            if (!Double.isNaN(p.truth())) {
                sb.append(String.format(Locale.ROOT, " %s pull %+.2f", p.name(), p.pull()));
            }
        }
        if (!f.converged()) {
            sb.append("; chain shorter than 50 tau");
        }
        return sb.toString();
    }

    /** The numbers as plain values, for {@code recovery.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("truth", Map.of("slope_inner_dex_per_kpc", MockCluster.GRADIENT_INNER, "slope_outer_dex_per_kpc", MockCluster.GRADIENT_OUTER,
                "knee_kpc", MockCluster.GRADIENT_KNEE_KPC, "anchor_kpc", MockCluster.GRADIENT_ANCHOR_KPC));
        m.put("criterion", Map.of("max_abs_pull", MAX_PULL, "pull", "(p50 - truth) / ((p84 - p16) / 2)", "converged", "kept chain >= 50 tau_max"));
        Coverage c = coverage;
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("clusters_fitted", c.fitted());
        cm.put("inside_knee", c.inside());
        cm.put("beyond_knee", c.outside());
        cm.put("r_gc_min_kpc", c.rMin());
        cm.put("r_gc_max_kpc", c.rMax());
        cm.put("r_gc_matched", c.matched());
        cm.put("r_gc_minus_injected_median_kpc", c.rDiffMedian());
        cm.put("r_gc_minus_injected_robust_sd_kpc", c.rDiffRobustSd());
        m.put("coverage", cm);
        List<Object> fl = new ArrayList<>();
        for (Fit f : fits) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("role", f.role().name().toLowerCase(Locale.ROOT));
            fm.put("judged", f.role().judged());
            fm.put("label", f.label());
            fm.put("status", f.status());
            fm.put("n", f.n());
            fm.put("walkers", f.walkers());
            fm.put("steps", f.steps());
            fm.put("discard", f.discard());
            fm.put("acceptance", f.acceptance());
            fm.put("tau_max", f.tauMax());
            fm.put("converged", f.converged());
            fm.put("chi2_wls", f.chi2());
            fm.put("dof", f.dof());
            Map<String, Object> pm = new LinkedHashMap<>();
            for (Parameter p : f.parameters()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("p16", p.p16());
                one.put("p50", p.p50());
                one.put("p84", p.p84());
                one.put("tau", p.tau());
                if (!Double.isNaN(p.truth())) {
                    one.put("truth", p.truth());
                    one.put("pull", p.pull());
                    one.put("recovered", p.recovered());
                }
                if (p.prior() != null) {
                    one.put("prior", p.prior().describe());
                    one.put("half_width_over_prior_sd", p.priorFraction());
                }
                pm.put(p.name(), one);
            }
            fm.put("parameters", pm);
            if (f.role().judged()) {
                fm.put("passed", f.passed());
            }
            fl.add(fm);
        }
        m.put("fits", fl);
        m.put("passed", passed());
        return m;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
