package org.ocengine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.io.TableIO;
import org.ocengine.table.CanonicalTable;
import org.ocengine.table.CanonicalTables;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import org.ocengine.xmatch.EpochPropagation;
import org.ocengine.xmatch.SkyCrossMatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ocengine xmatch}: exact sky cross-match of two tables. */
@Command(name = "xmatch",
        header = "Exact sky cross-match of two tables (all pairs or nearest).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Exact sky cross-match of table A against table B: every pair within the radius (or only the nearest B of each A row), with its separation, correct across RA 0/360 and at the poles. Where both tables have a Gaia source_id, rows are first joined on it and the sky match fills the rest.",
            "",
            "Writes one row per pair: a_row, b_row (0-based input rows), separation (arcsec), nearest, match_method, then the chosen columns of A (prefix a_) and B (prefix b_)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ocengine xmatch spectra.fits gaia.fits --radius 3.5 --out pairs.fits",
            "  ocengine xmatch a.csv b.csv --radius 1 --nearest --columns-a all --out nearest.csv",
            "  ocengine xmatch lamost.fits dr3.fits --b-epoch 2016.0 --a-epoch 2000.0 --out pairs.arrow"})
final class XmatchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "First table (FITS, CSV, CSV.gz or Arrow).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Second table.")
    Path b;

    @Option(names = "--radius", defaultValue = "3.5", paramLabel = "ARCSEC", description = "Match radius in arcsec (default: ${DEFAULT-VALUE}).")
    double radius;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file; its format follows the extension unless --format is given.")
    Path out;

    @Option(names = "--format", paramLabel = "FMT", description = "Output format: fits, csv or arrow.")
    String format;

    @Option(names = "--nearest", description = "Keep only the nearest B row of each A row.")
    boolean nearest;

    @Option(names = "--no-id-join", description = "Match on the sky only, even when both tables have source_id.")
    boolean noIdJoin;

    @Option(names = "--columns-a", defaultValue = "ra,dec,source_id", split = ",", paramLabel = "COLS",
            description = "Canonical columns of A to copy (those present), 'all' or 'none' (default: ${DEFAULT-VALUE}).")
    List<String> columnsA;

    @Option(names = "--columns-b", defaultValue = "ra,dec,source_id", split = ",", paramLabel = "COLS",
            description = "Canonical columns of B to copy, 'all' or 'none' (default: ${DEFAULT-VALUE}).")
    List<String> columnsB;

    @Option(names = "--a-epoch", paramLabel = "YEAR", description = "Epoch of A's positions; with --b-epoch, B is moved by its proper motions to it.")
    Double epochA;

    @Option(names = "--b-epoch", paramLabel = "YEAR", description = "Epoch of B's positions (Gaia DR2: 2015.5, DR3: 2016.0).")
    Double epochB;

    @Option(names = "--map-a", paramLabel = "CANONICAL=INPUT", description = "Use INPUT as A's canonical column (repeatable), e.g. ra=RAJ2000.")
    List<String> mapA = new ArrayList<>();

    @Option(names = "--map-b", paramLabel = "CANONICAL=INPUT", description = "The same for B.")
    List<String> mapB = new ArrayList<>();

    @Mixin
    BackendOptions backendOptions;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        if ((epochA == null) != (epochB == null)) {
            throw new IllegalArgumentException("give both --a-epoch and --b-epoch, or neither");
        }
        var err = spec.commandLine().getErr();
        long start = System.nanoTime();
        try (RootAllocator alloc = new RootAllocator();
             ComputeBackend backend = backendOptions.open(report, err);
             CanonicalTable ta = read(a, mapA, alloc);
             CanonicalTable tb = read(b, mapB, alloc)) {
            double readSeconds = (System.nanoTime() - start) / 1e9;
            CanonicalTables.requireColumns(ta.table(), Columns.RA, Columns.DEC);
            CanonicalTables.requireColumns(tb.table(), Columns.RA, Columns.DEC);
            SkyCrossMatch match = SkyCrossMatch.defaults().withRadius(radius)
                    .withMode(nearest ? SkyCrossMatch.Mode.NEAREST : SkyCrossMatch.Mode.ALL)
                    .withSourceIdJoin(!noIdJoin)
                    .withColumnsA("a_", columns(columnsA, ta.table()))
                    .withColumnsB("b_", columns(columnsB, tb.table()));
            if (epochA != null) {
                match = match.withPropagationB(new EpochPropagation(epochB, epochA));
            }
            long t0 = System.nanoTime();
            try (Table pairs = match.run(ta.table(), tb.table(), backend, alloc)) {
                long t1 = System.nanoTime();
                TableIO.write(pairs, out, format);
                double writeSeconds = (System.nanoTime() - t1) / 1e9;
                if (!report.quiet) {
                    spec.commandLine().getOut().printf(Locale.ROOT,
                            "%d pairs between %d and %d rows within %s arcsec; wrote %s%n"
                                    + "(read %.2f s, match %.2f s on %s, write %.2f s)%n",
                            pairs.rowCount(), ta.table().rowCount(), tb.table().rowCount(), radius, out,
                            readSeconds, (t1 - t0) / 1e9, backend.name(), writeSeconds);
                }
            }
        }
        return 0;
    }

    private static CanonicalTable read(Path path, List<String> maps, RootAllocator alloc) throws java.io.IOException {
        Map<String, String> overrides = CanonicalTables.parseOverrides(maps);
        try (Table raw = TableIO.read(path, alloc)) {
            return CanonicalTables.toCanonical(raw, overrides, alloc);
        }
    }

    /** The requested columns that the table has ("all": every column; "none": none). */
    private static List<String> columns(List<String> requested, Table t) {
        if (requested.size() == 1 && requested.get(0).equals("none")) {
            return List.of();
        }
        if (requested.size() == 1 && requested.get(0).equals("all")) {
            return t.columnNames();
        }
        List<String> present = new ArrayList<>();
        for (String c : requested) {
            if (t.has(c.strip())) {
                present.add(c.strip());
            }
        }
        return present;
    }
}
