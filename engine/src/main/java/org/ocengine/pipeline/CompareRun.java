package org.ocengine.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.compute.BackendUnavailableException;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.Device;
import org.ocengine.io.TableFormat;
import org.ocengine.io.TableIO;
import org.ocengine.quality.Sentinels;
import org.ocengine.stars.CatalogueComparison;
import org.ocengine.table.CanonicalTable;
import org.ocengine.table.CanonicalTables;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/**
 * The comparison of our table with another catalogue ({@code ocengine compare}; SPEC.md 9). Both
 * tables are mapped onto canonical columns and their sentinels set missing; a cluster table of ours
 * (with {@code rv_median}/{@code rv_mean} and {@code feh_median}/{@code feh_mean}) is compared cluster by
 * cluster, any other table star by star ({@link CatalogueComparison}). Writes the summary to the named
 * file and the matched pairs beside it ({@code <name>_pairs.<ext>}), each atomically. Stateless.
 */
public final class CompareRun {

    private CompareRun() {
    }

    /** Which comparison to make. */
    public enum Level {
        /** Clusters when our table is a cluster catalogue (it has rv_median, rv_mean, feh_median or feh_mean), else stars. */
        AUTO,
        /** By normalised cluster name. */
        CLUSTERS,
        /** By source_id, then nearest on the sky. */
        STARS
    }

    /**
     * What to compare.
     *
     * @param ours          our table (a run's clusters, a stars run's stars, or any table)
     * @param theirs        the other catalogue
     * @param ourColumns    column overrides for ours ({@code canonical -> input})
     * @param theirColumns  column overrides for theirs
     * @param level         clusters, stars, or decided from our table
     * @param statistic     which of our cluster values: {@code median} or {@code mean}
     * @param radiusArcsec  star-level sky match radius
     * @param sentinels     numbers meaning "unknown" in either table
     * @param device        backend for the sky match
     * @param threads       CPU threads (0: all)
     */
    public record Config(Path ours, Path theirs, Map<String, String> ourColumns, Map<String, String> theirColumns, Level level,
                         String statistic, double radiusArcsec, Set<Double> sentinels, Device device, int threads) {
        public Config {
            ourColumns = Map.copyOf(ourColumns);
            theirColumns = Map.copyOf(theirColumns);
            sentinels = Set.copyOf(sentinels);
            if (!statistic.equals("median") && !statistic.equals("mean")) {
                throw new IllegalArgumentException("the cluster statistic must be median or mean, not " + statistic);
            }
            if (!(radiusArcsec > 0)) {
                throw new IllegalArgumentException("the match radius must be positive, got " + radiusArcsec);
            }
        }
    }

    /**
     * What was written.
     *
     * @param summary the summary file
     * @param pairs   the pairs file
     * @param level   the level compared at
     * @param report  the summary as text
     * @param notes   one-line notes
     */
    public record Summary(Path summary, Path pairs, Level level, String report, List<String> notes) {
    }

    /** Compares and writes. */
    public static Summary run(Config config, Path out, Consumer<String> log) throws IOException, BackendUnavailableException {
        List<String> notes = new ArrayList<>();
        Consumer<String> note = line -> {
            notes.add(line);
            log.accept(line);
        };
        TableFormat format = TableIO.formatForName(out.getFileName().toString());
        Path pairsPath = sibling(out, format, "_pairs");
        try (RootAllocator root = new RootAllocator();
             BufferAllocator alloc = root.newChildAllocator("compare", 0, Long.MAX_VALUE);
             Table oursRaw = TableIO.read(config.ours(), alloc);
             CanonicalTable oursCanonical = CanonicalTables.toCanonical(oursRaw, config.ourColumns(), alloc);
             Table theirsRaw = TableIO.read(config.theirs(), alloc);
             CanonicalTable theirsCanonical = CanonicalTables.toCanonical(theirsRaw, config.theirColumns(), alloc);
             Table oursWithStatistics = oursCanonical.table().extend(alloc, config.ours().toString(), b -> {
                 for (String name : List.of("rv_median", "rv_mean", "feh_median", "feh_mean")) {
                     if (oursRaw.has(name) && !oursCanonical.table().has(name)) {
                         b.addCopy(oursRaw, name, name);
                     }
                 }
             });
             Sentinels.Masked ours = Sentinels.mask(oursWithStatistics, config.sentinels(), alloc);
             Sentinels.Masked theirs = Sentinels.mask(theirsCanonical.table(), config.sentinels(), alloc)) {
            if (theirs.cells() > 0) {
                note.accept(config.theirs() + ": " + theirs.cells() + " sentinel values set missing");
            }
            if (ours.cells() > 0) {
                note.accept(config.ours() + ": " + ours.cells() + " sentinel values set missing");
            }
            Level level = config.level();
            if (level == Level.AUTO) {
                boolean clusterTable = List.of("rv_median", "rv_mean", "feh_median", "feh_mean").stream().anyMatch(oursRaw::has);
                level = clusterTable ? Level.CLUSTERS : Level.STARS;
                note.accept("comparing " + (clusterTable ? "clusters (our table is a cluster catalogue)" : "stars") + "; --level chooses");
            }
            CatalogueComparison.Result result;
            if (level == Level.CLUSTERS) {
                CanonicalTables.requireColumns(ours.table(), Columns.CLUSTER);
                CanonicalTables.requireColumns(theirs.table(), Columns.CLUSTER);
                String rv = ours.table().has("rv_" + config.statistic()) ? "rv_" + config.statistic() : Columns.RV.name();
                String feh = ours.table().has("feh_" + config.statistic()) ? "feh_" + config.statistic() : Columns.FEH.name();
                result = CatalogueComparison.clusters(ours.table(), theirs.table(), List.of(
                        new CatalogueComparison.Quantity("rv", rv, Columns.RV.name(), "km/s"),
                        new CatalogueComparison.Quantity("feh", feh, Columns.FEH.name(), "")), alloc);
            } else {
                CanonicalTables.requireColumns(ours.table(), Columns.RA, Columns.DEC);
                CanonicalTables.requireColumns(theirs.table(), Columns.RA, Columns.DEC);
                List<CatalogueComparison.Quantity> quantities = new ArrayList<>();
                for (var spec : List.of(Columns.RV, Columns.TEFF, Columns.LOGG, Columns.FEH, Columns.ALPHA_M)) {
                    quantities.add(new CatalogueComparison.Quantity(spec.name(), spec.name(), spec.name(), spec.unit()));
                }
                try (ComputeBackend backend = config.device().open(config.threads(), note)) {
                    result = CatalogueComparison.stars(ours.table(), theirs.table(), quantities, config.radiusArcsec(), backend, alloc);
                }
            }
            try (result) {
                result.notes().forEach(note);
                TableIO.write(result.pairs(), pairsPath, format.name());
                TableIO.write(result.summary(), out, format.name());
                return new Summary(out, pairsPath, level, CatalogueComparison.render(result.summary()), List.copyOf(notes));
            }
        }
    }

    /** {@code dir/name<suffix>.<ext>} for {@code dir/name.<ext>}, the extension being the format's. */
    static Path sibling(Path file, TableFormat format, String suffix) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String ext = "";
        for (String e : format.extensions()) {
            if (lower.endsWith("." + e) && e.length() + 1 > ext.length()) {
                ext = name.substring(name.length() - e.length() - 1);
            }
        }
        String stem = name.substring(0, name.length() - ext.length());
        return file.resolveSibling(stem + suffix + ext);
    }
}
