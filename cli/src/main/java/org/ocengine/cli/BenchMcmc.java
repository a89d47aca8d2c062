package org.ocengine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.fit.FitBatch;
import org.ocengine.fit.FitData;
import org.ocengine.fit.FitModel;
import org.ocengine.fit.FitProblem;
import org.ocengine.fit.FitResults;
import org.ocengine.fit.SamplerSettings;
import org.ocengine.fit.WeightedMove;
import org.ocengine.io.TableIO;
import org.ocengine.random.Fnv1a;
import org.ocengine.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ocengine bench mcmc --input F}: times batched ensemble-MCMC fits (least squares, sampling,
 * percentiles, autocorrelation times), the same work as {@code bench/peers/mcmc_emcee.py} does with
 * emcee. The input has columns fit, x, y, err (rows of a fit together); the first {@code --fits}
 * fits are sampled in one backend call.
 */
@Command(name = "mcmc", mixinStandardHelpOptions = true,
        description = {
            "Time ensemble-MCMC gradient fits (the stretch move, a = 2) on a table with columns fit, x, y, err (one row per "
                    + "point, rows of a fit together): one backend call samples the first --fits fits, each reduced to "
                    + "percentiles 16/50/84, emcee's autocorrelation times and the acceptance fraction. Least squares and batch "
                    + "set-up are inside the timing; reading the input is not.",
            "With --out, each fit's percentiles and autocorrelation times of the last run are written as CSV for agreement checks."})
final class BenchMcmc implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchCommand.Common common;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Table with columns fit, x, y, err.")
    Path input;

    @Option(names = "--fits", defaultValue = "1", paramLabel = "N", description = "Fits to run from the input (default: ${DEFAULT-VALUE}).")
    int fits;

    @Option(names = "--model", defaultValue = "quadratic", paramLabel = "M", description = "linear or quadratic (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--walkers", defaultValue = "300", paramLabel = "N", description = "Walkers per fit (default: ${DEFAULT-VALUE}).")
    int walkers;

    @Option(names = "--steps", defaultValue = "10000", paramLabel = "N", description = "Steps per walker (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--discard", defaultValue = "2000", paramLabel = "N", description = "Burn-in steps dropped (default: ${DEFAULT-VALUE}).")
    int discard;

    @Option(names = "--likelihood", defaultValue = "sums", paramLabel = "sums|points",
            description = "Linear models' chi^2 from normal equations or point by point, as emcee users write it (default: ${DEFAULT-VALUE}).")
    String likelihood;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write each fit's percentiles and tau (CSV).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        FitModel m = switch (model) {
            case "linear" -> FitModel.linear(false);
            case "quadratic" -> FitModel.quadratic(false);
            default -> throw new IllegalArgumentException("--model must be linear or quadratic, not " + model);
        };
        FitBatch.Likelihood lk = switch (likelihood) {
            case "sums" -> FitBatch.Likelihood.SUMS;
            case "points" -> FitBatch.Likelihood.POINTS;
            default -> throw new IllegalArgumentException("--likelihood must be sums or points, not " + likelihood);
        };
        SamplerSettings settings = SamplerSettings.paper(seed).withWalkers(walkers).withSteps(steps).withDiscard(discard)
                .withMoves(WeightedMove.parse("stretch:2"));
        try (RootAllocator alloc = new RootAllocator();
             ComputeBackend backend = common.backend.open(common.report, err)) {
            long t0 = System.nanoTime();
            List<String> names = new ArrayList<>();
            List<FitData> data = new ArrayList<>();
            try (Table t = TableIO.read(input, alloc)) {
                read(t, names, data);
            }
            double read = (System.nanoTime() - t0) / 1e9;
            if (fits < 1 || fits > data.size()) {
                throw new IllegalArgumentException("--fits must be between 1 and the " + data.size() + " fits of " + input);
            }
            List<FitProblem> problems = new ArrayList<>();
            int points = 0;
            for (int f = 0; f < fits; f++) {
                problems.add(new FitProblem(names.get(f), Fnv1a.hash64(names.get(f)), m, data.get(f), FitProblem.priors(m, data.get(f), Map.of())));
                points += data.get(f).size();
            }
            FitResults[] last = new FitResults[1];
            FitBatch[] batch = new FitBatch[1];
            double[] seconds = BenchCommand.time(common.repeat, () -> {
                batch[0] = FitBatch.of(problems).with(lk);
                last[0] = backend.sampleEnsembles(batch[0], settings, f -> { });
                return fits;
            }, common.report, err);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("input", input.toString());
            extra.put("fits", fits);
            extra.put("points", points);
            extra.put("model", model);
            extra.put("walkers", walkers);
            extra.put("steps", steps);
            extra.put("discard", discard);
            extra.put("likelihood", likelihood);
            extra.put("walker_steps", (double) fits * walkers * steps);
            double acc = 0;
            for (int f = 0; f < fits; f++) {
                acc += last[0].acceptance(f) / fits;
            }
            extra.put("mean_acceptance", acc);
            BenchCommand.report(BenchCommand.summary("ensemble MCMC fits", backend, seconds, fits, "fits", read, extra), common.json,
                    spec.commandLine().getOut());
            if (out != null) {
                StringBuilder sb = new StringBuilder("fit,parameter,p16,p50,p84,tau,acceptance\n");
                for (int f = 0; f < fits; f++) {
                    List<String> params = m.parameterNames();
                    for (int d = 0; d < params.size(); d++) {
                        int slot = batch[0].paramOffset(f) + d;
                        sb.append(String.format(Locale.ROOT, "%s,%s,%.17g,%.17g,%.17g,%.17g,%.17g%n", names.get(f), params.get(d),
                                last[0].p16(slot), last[0].p50(slot), last[0].p84(slot), last[0].tau(slot), last[0].acceptance(f)));
                    }
                }
                Files.writeString(out, sb.toString());
            }
        }
        return 0;
    }

    /** Splits the rows into fits at changes of the fit column. */
    private static void read(Table t, List<String> names, List<FitData> data) {
        String[] fit = t.strings("fit");
        double[] x = t.doubles("x");
        double[] y = t.doubles("y");
        double[] e = t.doubles("err");
        int start = 0;
        for (int i = 1; i <= fit.length; i++) {
            if (i == fit.length || !fit[i].equals(fit[start])) {
                names.add(fit[start]);
                data.add(new FitData(java.util.Arrays.copyOfRange(x, start, i), java.util.Arrays.copyOfRange(y, start, i),
                        java.util.Arrays.copyOfRange(e, start, i)));
                start = i;
            }
        }
    }
}
