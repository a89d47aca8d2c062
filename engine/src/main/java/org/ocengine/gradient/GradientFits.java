package org.ocengine.gradient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.fit.FitBatch;
import org.ocengine.fit.FitData;
import org.ocengine.fit.FitModel;
import org.ocengine.fit.FitProblem;
import org.ocengine.fit.FitResults;
import org.ocengine.fit.SamplerSettings;
import org.ocengine.fit.WeightedLeastSquares;
import org.ocengine.random.Fnv1a;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * The metallicity-gradient stage (SPEC.md 7): expands the configured sweeps into fits, selects each
 * fit's clusters from a cluster table (finite x and y, a positive error, enough flag-12 stars, the age
 * bin, the x range), solves weighted least squares, samples every fit in one backend call
 * ({@link ComputeBackend#sampleEnsembles}) and returns one row per fit.
 *
 * <p>Fits whose variable or quantity the table lacks are left out with one note naming the missing
 * columns (the orbit stage supplies R_GC, L_z, E and the snapshots; a table without them gets a note,
 * not an error). Fits that cannot run (too few clusters, no points on one side of a fixed knee, a degenerate
 * least-squares problem, no starting position in the prior) get a row whose {@code status} says why
 * and whose numbers are NaN. Each fit's random streams are keyed by a hash of its label, so a fit's
 * result does not depend on the other fits of the sweep. Stateless; thread-safe.
 */
public final class GradientFits {

    /** Order of the parameter columns in the output. */
    private static final List<String> PARAMETERS = List.of("slope", "intercept", "slope_inner", "slope_outer", "value_at_knee", "knee",
            "a", "b", "c", "scatter");

    private GradientFits() {
    }

    /**
     * What the stage made.
     *
     * @param fits    one row per fit (the caller closes it)
     * @param sampled fits sampled
     * @param skipped fits with a row but no sampling
     * @param omitted fits left out because the table lacks their variable or quantity
     */
    public record Result(Table fits, int sampled, int skipped, int omitted) implements AutoCloseable {
        @Override
        public void close() {
            fits.close();
        }
    }

    /** Progress of the sampling: the number of fits first, then each finished fit (possibly from several threads). */
    public interface FitProgress {
        /** Called once with the number of fits about to be sampled. */
        void starting(int fits);

        /** Called as each fit finishes. */
        void finished(int fit);

        /** Reports nothing. */
        FitProgress NONE = new FitProgress() {
            @Override
            public void starting(int fits) {
            }

            @Override
            public void finished(int fit) {
            }
        };
    }

    /** One row of the output before sampling. */
    private record Row(FitSelection selection, int points, String status, String xSource, String ySource, int problem) {
    }

    /**
     * Runs the stage.
     *
     * @param clusters  the cluster table (its origin names it in messages)
     * @param config    sweeps, sampler settings and column choices
     * @param backend   the compute backend that samples the fits
     * @param progress  hears how many fits will be sampled, then each one that finishes (from any thread)
     * @param note      receives one-line notes (missing columns, cuts not applied)
     * @param allocator for the output table
     * @throws org.ocengine.table.DataException when a needed column is unreadable or implausible
     */
    public static Result run(Table clusters, GradientConfig config, ComputeBackend backend, FitProgress progress,
                             Consumer<String> note, BufferAllocator allocator) {
        Map<String, ClusterColumns.Choice> choices = new LinkedHashMap<>();
        config.columns().forEach((role, spec) -> choices.put(role, ClusterColumns.Choice.parse(spec)));
        ClusterColumns columns = new ClusterColumns(clusters, choices);
        Optional<double[]> n12 = columns.flag12Counts();
        Optional<double[]> ages = columns.agesGyr();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> fromOrbits = new LinkedHashSet<>();
        Map<String, Integer> omittedBy = new LinkedHashMap<>();
        boolean flag12Noted = false;
        List<Row> rows = new ArrayList<>();
        List<FitProblem> problems = new ArrayList<>();
        List<WeightedLeastSquares.Result> starts = new ArrayList<>();
        int omitted = 0;
        for (FitSelection sel : config.fits()) {
            Optional<double[]> x = columns.x(sel.variable());
            Optional<ClusterColumns.Quantity> y = columns.y(sel.quantity());
            String lacking = x.isEmpty() ? sel.variable().name() : y.isEmpty() ? sel.quantity() : null;
            if (lacking != null) {
                missing.add(lacking);
                omittedBy.merge(lacking, 1, Integer::sum);
                if (x.isEmpty()) {
                    fromOrbits.add(lacking);
                }
                omitted++;
                continue;
            }
            if (n12.isEmpty() && sel.minFlag12() > 0 && !flag12Noted) {
                note.accept(clusters.origin() + ": no n_flag12 column, so the minimum flag-12 count of the gradient fits is not applied"
                        + " (map one with --map n_flag12=COLUMN)");
                flag12Noted = true;
            }
            if (ages.isEmpty() && !sel.ageBin().isAll()) {
                rows.add(new Row(sel, 0, "no age column (log_age) for the age bin", columns.xSource(sel.variable()), y.get().source(), -1));
                continue;
            }
            FitData data = select(sel, x.get(), y.get(), n12, ages);
            String status = checkPoints(sel, data);
            if (status == null) {
                List<org.ocengine.fit.Prior> priors = FitProblem.priors(sel.model(), data, sel.priors());
                WeightedLeastSquares.Result wls = WeightedLeastSquares.fit(sel.model(), data, priors);
                if (!wls.ok()) {
                    status = "least squares: " + wls.message();
                } else {
                    problems.add(new FitProblem(sel.label(), Fnv1a.hash64(sel.label()), sel.model(), data, priors));
                    starts.add(wls);
                }
            }
            rows.add(new Row(sel, data.size(), status == null ? "ok" : status, columns.xSource(sel.variable()), y.get().source(),
                    status == null ? problems.size() - 1 : -1));
        }
        if (!missing.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (String m : missing) {
                sb.append(sb.isEmpty() ? "" : ", ").append(m).append(" (").append(omittedBy.get(m)).append(')');
            }
            note.accept(clusters.origin() + ": " + omitted + " gradient fit(s) left out for want of a column: " + sb
                    + (fromOrbits.isEmpty() ? "" : "; the orbit stage provides R_GC, L_z, E, Z and their snapshots")
                    + "; --map ROLE=COLUMN names another column");
        }
        FitBatch batch = FitBatch.of(problems, starts, config.likelihood());
        progress.starting(problems.size());
        FitResults results = backend.sampleEnsembles(batch, config.sampler(), progress::finished);
        int sampled = 0;
        for (int p = 0; p < problems.size(); p++) {
            sampled += results.failure(p) == null ? 1 : 0;
        }
        Table table = table(rows, batch, results, config.sampler(), n12.isPresent(), allocator, clusters.origin());
        return new Result(table, sampled, rows.size() - sampled, omitted);
    }

    /** The selected clusters of a fit. */
    private static FitData select(FitSelection sel, double[] x, ClusterColumns.Quantity y, Optional<double[]> n12, Optional<double[]> ages) {
        List<Integer> keep = new ArrayList<>();
        double[] yv = y.values();
        double[] ye = y.errors();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(yv[i]) || !(ye[i] > 0) || Double.isInfinite(ye[i])) {
                continue;
            }
            if (n12.isPresent() && !(n12.get()[i] >= sel.minFlag12())) {
                continue;
            }
            if (!sel.ageBin().isAll() && !sel.ageBin().contains(ages.get()[i])) {
                continue;
            }
            if (x[i] < sel.xMin() || x[i] > sel.xMax()) {
                continue;
            }
            keep.add(i);
        }
        double[] xs = new double[keep.size()];
        double[] ys = new double[keep.size()];
        double[] es = new double[keep.size()];
        for (int k = 0; k < xs.length; k++) {
            int i = keep.get(k);
            xs[k] = x[i];
            ys[k] = yv[i];
            es[k] = ye[i];
        }
        return new FitData(xs, ys, es);
    }

    /** Why a fit cannot run on these points, or null. */
    private static String checkPoints(FitSelection sel, FitData data) {
        int n = data.size();
        int dim = sel.model().dimension();
        if (n < Math.max(sel.minPoints(), dim + 1)) {
            return n + " clusters selected, fewer than " + Math.max(sel.minPoints(), dim + 1);
        }
        if (sel.model().shape() == FitModel.Shape.BROKEN_LINEAR && !sel.model().kneeFitted()) {
            int inner = 0;
            for (int i = 0; i < n; i++) {
                inner += data.x()[i] < sel.model().knee() ? 1 : 0;
            }
            if (inner < 2 || n - inner < 2) {
                return inner + " clusters inside and " + (n - inner) + " outside the knee at " + sel.model().knee() + "; 2 on each side needed";
            }
        }
        return null;
    }

    private static ColumnSpec col(String name, ColumnType type, String description) {
        return new ColumnSpec(name, type, "", description);
    }

    private static Table table(List<Row> rows, FitBatch batch, FitResults results, SamplerSettings s, boolean flag12Applied,
                               BufferAllocator allocator, String origin) {
        int n = rows.size();
        Set<String> params = new LinkedHashSet<>();
        for (Row r : rows) {
            params.addAll(r.selection().model().parameterNames());
        }
        List<String> used = PARAMETERS.stream().filter(params::contains).toList();
        int[] id = new int[n];
        String[] label = new String[n];
        String[] status = new String[n];
        String[] model = new String[n];
        double[] knee = new double[n];
        boolean[] kneeFitted = new boolean[n];
        boolean[] scatter = new boolean[n];
        String[] quantity = new String[n];
        String[] ySource = new String[n];
        String[] variable = new String[n];
        String[] xSource = new String[n];
        String[] xUnit = new String[n];
        double[] ageMin = new double[n];
        double[] ageMax = new double[n];
        int[] minFlag12 = new int[n];
        double[] xMin = new double[n];
        double[] xMax = new double[n];
        String[] priors = new String[n];
        int[] points = new int[n];
        double[] acceptance = new double[n];
        double[] tauMax = new double[n];
        double[] nEff = new double[n];
        boolean[] converged = new boolean[n];
        double[] chi2 = new double[n];
        int[] dof = new int[n];
        Map<String, double[][]> perParam = new LinkedHashMap<>();
        for (String p : used) {
            double[][] cols = new double[6][n];
            for (double[] c : cols) {
                java.util.Arrays.fill(c, Double.NaN);
            }
            perParam.put(p, cols);
        }
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            FitSelection sel = r.selection();
            FitModel m = sel.model();
            id[i] = i + 1;
            label[i] = sel.label();
            model[i] = m.shape().label();
            knee[i] = m.knee();
            kneeFitted[i] = m.kneeFitted();
            scatter[i] = m.scatter();
            quantity[i] = sel.quantity();
            ySource[i] = r.ySource();
            variable[i] = sel.variable().name();
            xSource[i] = r.xSource();
            xUnit[i] = sel.variable().fitUnit();
            ageMin[i] = sel.ageBin().lo();
            ageMax[i] = sel.ageBin().hi();
            minFlag12[i] = flag12Applied ? sel.minFlag12() : 0;
            xMin[i] = sel.xMin();
            xMax[i] = sel.xMax();
            priors[i] = sel.describePriors();
            points[i] = r.points();
            acceptance[i] = tauMax[i] = nEff[i] = chi2[i] = Double.NaN;
            dof[i] = r.points() - m.dimension();
            int f = r.problem();
            String failure = f >= 0 ? results.failure(f) : null;
            status[i] = failure != null ? "sampling: " + failure : r.status();
            if (f < 0) {
                continue;
            }
            WeightedLeastSquares.Result wls = batch.leastSquares(f);
            chi2[i] = wls.chi2();
            List<String> names = m.parameterNames();
            for (int d = 0; d < names.size(); d++) {
                double[][] c = perParam.get(names.get(d));
                c[4][i] = wls.params()[d];
                c[5][i] = wls.errors()[d];
            }
            if (failure != null) {
                continue;
            }
            acceptance[i] = results.acceptance(f);
            double worst = 0;
            for (int d = 0; d < names.size(); d++) {
                int slot = batch.paramOffset(f) + d;
                double[][] c = perParam.get(names.get(d));
                c[0][i] = results.p16(slot);
                c[1][i] = results.p50(slot);
                c[2][i] = results.p84(slot);
                c[3][i] = results.tau(slot);
                worst = Double.isNaN(results.tau(slot)) ? Double.NaN : Math.max(worst, results.tau(slot));
            }
            tauMax[i] = worst;
            long kept = results.keptSteps(f);
            nEff[i] = s.walkers() * (double) kept * s.thin() / worst;
            converged[i] = org.ocengine.fit.Autocorrelation.reliable(worst, kept * s.thin(), s.tauTol());
        }
        long[] seed = new long[n];
        java.util.Arrays.fill(seed, s.seed());
        int[] walkers = new int[n];
        java.util.Arrays.fill(walkers, s.walkers());
        long[] steps = new long[n];
        java.util.Arrays.fill(steps, s.steps());
        long[] discard = new long[n];
        java.util.Arrays.fill(discard, s.discard());
        int[] thin = new int[n];
        java.util.Arrays.fill(thin, s.thin());
        try (TableBuilder b = Table.builder(allocator, "gradient fits of " + origin, n)) {
            b.addInts(col("fit", ColumnType.INT32, "Fit number (1-based, in sweep order)"), id);
            b.addStrings(col("label", ColumnType.STRING, "What was fitted: model, quantity~variable, age bin, flag-12 minimum, range, priors"), label);
            b.addStrings(col("status", ColumnType.STRING, "ok, or why the fit was not sampled"), status);
            b.addStrings(col("model", ColumnType.STRING, "linear, broken or quadratic"), model);
            b.addDoubles(col("knee_fixed", ColumnType.FLOAT64, "Fixed knee of the broken model, in x_unit (NaN: fitted or no knee)"), knee);
            b.addBooleans(col("knee_fitted", ColumnType.BOOL, "The knee is a fitted parameter"), kneeFitted);
            b.addBooleans(col("scatter_fitted", ColumnType.BOOL, "An intrinsic scatter (in y's unit) is a fitted parameter"), scatter);
            b.addStrings(col("quantity", ColumnType.STRING, "The y of the fit (feh: [Fe/H], dex)"), quantity);
            b.addStrings(col("y_source", ColumnType.STRING, "Columns y and its error were read from"), ySource);
            b.addStrings(col("variable", ColumnType.STRING, "The x of the fit (r_gc, l_z, energy, abs_z; @T: T Myr ago)"), variable);
            b.addStrings(col("x_source", ColumnType.STRING, "Column x was read from, with any conversion"), xSource);
            b.addStrings(col("x_unit", ColumnType.STRING, "Unit of x; slopes are in dex per x_unit"), xUnit);
            b.addDoubles(new ColumnSpec("age_min", ColumnType.FLOAT64, "Gyr", "Clusters at least this old (0: no limit)"), ageMin);
            b.addDoubles(new ColumnSpec("age_max", ColumnType.FLOAT64, "Gyr", "Clusters younger than this (inf: no limit)"), ageMax);
            b.addInts(col("min_flag12", ColumnType.INT32, "Clusters with at least this many flag-12 stars (0: not applied, the table has no flag-12 count)"), minFlag12);
            b.addDoubles(col("x_min", ColumnType.FLOAT64, "Clusters with x at or above this, in x_unit (-inf: no cut)"), xMin);
            b.addDoubles(col("x_max", ColumnType.FLOAT64, "Clusters with x at or below this, in x_unit (inf: no cut)"), xMax);
            b.addStrings(col("priors", ColumnType.STRING, "Priors that replace the defaults (flat; knee uniform over the data; scatter >= 0)"), priors);
            b.addInts(col("n", ColumnType.INT32, "Clusters in the fit"), points);
            b.addInts(col("walkers", ColumnType.INT32, "Walkers"), walkers);
            b.addLongs(col("steps", ColumnType.INT64, "Steps per walker"), steps);
            b.addLongs(col("discard", ColumnType.INT64, "Burn-in steps dropped"), discard);
            b.addInts(col("thin", ColumnType.INT32, "Thinning of the kept steps"), thin);
            b.addLongs(col("seed", ColumnType.INT64, "Seed (with a hash of the label, the fit's random streams)"), seed);
            b.addDoubles(col("acceptance", ColumnType.FLOAT64, "Mean acceptance fraction of the walkers"), acceptance);
            b.addDoubles(col("tau_max", ColumnType.FLOAT64, "Largest integrated autocorrelation time of the parameters, steps (emcee)"), tauMax);
            b.addDoubles(col("n_effective", ColumnType.FLOAT64, "Effective independent samples: walkers x kept steps / tau_max"), nEff);
            b.addBooleans(col("converged", ColumnType.BOOL, "Kept chain at least 50 tau_max long (emcee's criterion)"), converged);
            b.addDoubles(col("chi2_wls", ColumnType.FLOAT64, "Chi-square of the weighted least-squares solution"), chi2);
            b.addInts(col("dof", ColumnType.INT32, "Degrees of freedom: n minus parameters"), dof);
            for (String p : used) {
                double[][] c = perParam.get(p);
                String what = "parameter " + p + " (units: y and x_unit)";
                b.addDoubles(col(p + "_p16", ColumnType.FLOAT64, "16th percentile of " + what), c[0]);
                b.addDoubles(col(p + "_p50", ColumnType.FLOAT64, "Median of " + what), c[1]);
                b.addDoubles(col(p + "_p84", ColumnType.FLOAT64, "84th percentile of " + what), c[2]);
                b.addDoubles(col(p + "_tau", ColumnType.FLOAT64, "Integrated autocorrelation time of " + p + ", steps"), c[3]);
                b.addDoubles(col(p + "_wls", ColumnType.FLOAT64, "Weighted-least-squares value of " + p), c[4]);
                b.addDoubles(col(p + "_wls_err", ColumnType.FLOAT64, "Weighted-least-squares one-sigma error of " + p), c[5]);
            }
            return b.build();
        }
    }
}
