package org.ocengine.table;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Maps a table as read from a catalogue onto the canonical vocabulary of {@link Columns}: the
 * input column of each canonical column is found by {@link ColumnAliases} (or named by a user
 * override {@code canonical=input}) and converted to the canonical type. Integers feed
 * floating-point columns; text is parsed with the rules of {@link TextValues} (its missing-value
 * spellings become nulls); floating-point values feed integer columns only when whole; a cell
 * that cannot be converted stops the mapping with a {@link DataException} naming file, input
 * column and row. Text columns are copied byte for byte (cluster names keep their blanks). Units
 * are the canonical ones; input values are not rescaled. When the input has Galactic but no
 * equatorial coordinates, {@code ra} and {@code dec} are derived from {@code glon}, {@code glat}.
 * Stateless and thread-safe.
 */
public final class CanonicalTables {

    /**
     * Rotation from ICRS to Galactic unit vectors (rows = Galactic x, y, z in ICRS components), as
     * astropy (5.2.1) defines it: the IAU 1958 system placed in FK5 J2000 (north Galactic pole at
     * RA 192.8594812065348, Dec 27.12825118085622, l of the celestial pole 122.9319185680026 deg)
     * followed by the FK5-to-ICRS frame bias. Computed once with astropy by transforming the
     * Galactic unit vectors to ICRS. SOFA's {@code iauIcrs2g} (the Hipparcos convention, which
     * places the same pole directly in ICRS and which Gaia's l, b use) differs from it by up to
     * 0.020 arcsec. Galactic to ICRS uses the transpose.
     */
    private static final double[][] ICRS_TO_GALACTIC = {
            {-0.05487565771259158, -0.873437051955616, -0.4838350736167153},
            {0.49410943719272676, -0.4448297212232952, 0.7469821839866675},
            {-0.8676661375596576, -0.19807633727300059, 0.45598381368730156},
    };

    private static final String DERIVED_RADEC = "derived from Galactic l, b (astropy Galactic -> ICRS)";

    private CanonicalTables() {
    }

    /**
     * Overrides from {@code canonical=input} assignments (as given on a command line).
     *
     * @throws IllegalArgumentException for a malformed assignment, an unknown canonical name or one assigned twice
     */
    public static Map<String, String> parseOverrides(Collection<String> assignments) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0 || eq == assignment.length() - 1) {
                throw new IllegalArgumentException("column override '" + assignment + "' is not of the form canonical=inputColumn");
            }
            String canonical = assignment.substring(0, eq).strip();
            requireCanonical(canonical);
            if (overrides.put(canonical, assignment.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("column override for '" + canonical + "' given twice");
            }
        }
        return overrides;
    }

    /**
     * Which input column would supply each canonical column, without converting anything: the
     * report for the run manifest and help output. In the order of {@link Columns#all()}.
     *
     * @param overrides canonical name to input column name (matched like aliases: case and surrounding blanks ignored)
     * @throws IllegalArgumentException when an override names an unknown canonical column
     * @throws DataException            when an override names an input column the table lacks
     */
    public static List<ColumnSource> plan(Table raw, Map<String, String> overrides) {
        Map<String, String> pinned = new HashMap<>();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            requireCanonical(e.getKey());
            pinned.put(e.getKey(), findInput(raw, e.getValue()));
        }
        Map<String, String> mapping = ColumnAliases.resolveAll(raw.columnNames(), pinned);
        boolean deriveRaDec = !mapping.containsKey(Columns.RA.name()) && !mapping.containsKey(Columns.DEC.name())
                && mapping.containsKey(Columns.GLON.name()) && mapping.containsKey(Columns.GLAT.name());
        List<ColumnSource> sources = new ArrayList<>();
        for (ColumnSpec spec : Columns.all()) {
            String input = mapping.get(spec.name());
            if (input != null) {
                sources.add(new ColumnSource(spec.name(), input, how(raw, input, spec), pinned.containsKey(spec.name())));
            } else if (deriveRaDec && (spec == Columns.RA || spec == Columns.DEC)) {
                String from = mapping.get(Columns.GLON.name()) + ", " + mapping.get(Columns.GLAT.name());
                sources.add(new ColumnSource(spec.name(), from, DERIVED_RADEC, false));
            }
        }
        return sources;
    }

    /**
     * A new table of the canonical columns the input supplies (see the class comment), with their
     * sources. Its vectors come from {@code allocator}; its origin is the input's; the caller owns it.
     * A column that already has its canonical type, and that conversion would leave unchanged,
     * shares the input's buffers instead of being copied (reference-counted: closing either table
     * leaves the other intact).
     *
     * @throws DataException naming file, input column and 1-based row when a cell cannot be converted
     */
    public static CanonicalTable toCanonical(Table raw, Map<String, String> overrides, BufferAllocator allocator) {
        List<ColumnSource> sources = plan(raw, overrides);
        Map<String, FieldVector> made = new LinkedHashMap<>();
        try {
            for (ColumnSource source : sources) {
                if (!source.how().equals(DERIVED_RADEC)) {
                    ColumnSpec spec = Columns.byName(source.canonical()).orElseThrow();
                    made.put(source.canonical(), convert(raw, source.input(), spec, allocator));
                }
            }
            if (sources.stream().anyMatch(s -> s.how().equals(DERIVED_RADEC))) {
                deriveRaDec((Float8Vector) made.get(Columns.GLON.name()), (Float8Vector) made.get(Columns.GLAT.name()),
                        raw.rowCount(), allocator, made);
            }
            List<FieldVector> ordered = new ArrayList<>();
            for (ColumnSource source : sources) {
                ordered.add(made.get(source.canonical()));
            }
            VectorSchemaRoot root = new VectorSchemaRoot(ordered);
            root.setRowCount(raw.rowCount());
            return new CanonicalTable(Table.wrap(root, raw.origin()), sources);
        } catch (RuntimeException e) {
            made.values().forEach(FieldVector::close);
            throw e;
        }
    }

    /** {@link #requireColumns(Table, Map, ColumnSpec...)} without overrides. */
    public static void requireColumns(Table table, ColumnSpec... required) {
        requireColumns(table, Map.of(), required);
    }

    /**
     * Checks that the table (raw, or already canonical) can supply these canonical columns.
     *
     * @throws DataException naming the table's origin, the first missing canonical column and the aliases tried
     */
    public static void requireColumns(Table table, Map<String, String> overrides, ColumnSpec... required) {
        List<String> supplied = plan(table, overrides).stream().map(ColumnSource::canonical).toList();
        for (ColumnSpec spec : required) {
            if (!supplied.contains(spec.name())) {
                String tried = String.join(", ", ColumnAliases.aliasesOf(spec.name()));
                if (spec == Columns.RA || spec == Columns.DEC) {
                    tried += "; or Galactic " + String.join("/", ColumnAliases.aliasesOf(Columns.GLON.name()))
                            + " with " + String.join("/", ColumnAliases.aliasesOf(Columns.GLAT.name()));
                }
                throw new DataException(table.origin(), spec.name(), 0, "required column is missing (tried " + tried
                        + "; name one with " + spec.name() + "=<column>)");
            }
        }
    }

    private static void requireCanonical(String name) {
        if (Columns.byName(name).isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' is not a canonical column; known: "
                    + String.join(", ", Columns.all().stream().map(ColumnSpec::name).toList()));
        }
    }

    /** The table's own spelling of a column named by a user: exact, else ignoring case and surrounding blanks. */
    private static String findInput(Table raw, String name) {
        if (raw.has(name)) {
            return name;
        }
        for (String column : raw.columnNames()) {
            if (column.strip().toLowerCase(Locale.ROOT).equals(name.strip().toLowerCase(Locale.ROOT))) {
                return column;
            }
        }
        throw new DataException(raw.origin(), name, 0, "column named in an override is not in the file (columns are: "
                + String.join(", ", raw.columnNames()) + ")");
    }

    private static ColumnType inputType(Table raw, String input) {
        ColumnType type = ColumnType.of(raw.vector(input).getField().getType());
        if (type == null) {
            throw new DataException(raw.origin(), input, 0, "has type " + raw.vector(input).getField().getType()
                    + ", which cannot feed a canonical column");
        }
        return type;
    }

    private static String how(Table raw, String input, ColumnSpec target) {
        ColumnType from = inputType(raw, input);
        if (from == target.type()) {
            return "copied";
        }
        return from == ColumnType.STRING ? "parsed from text" : "converted from " + from;
    }

    private static FieldVector convert(Table raw, String input, ColumnSpec target, BufferAllocator allocator) {
        FieldVector src = raw.vector(input);
        ColumnType from = inputType(raw, input);
        int n = raw.rowCount();
        if (copyChangesNothing(src, target.type(), n)) {
            TransferPair share = src.getTransferPair(target.toField(), allocator);
            share.splitAndTransfer(0, n);
            return (FieldVector) share.getTo();
        }
        FieldVector out = target.toField().createVector(allocator);
        try {
            out.setInitialCapacity(Math.max(n, 1));
            out.allocateNew();
            Cell cell = new Cell(raw.origin(), input, src, from);
            for (int i = 0; i < n; i++) {
                if (src.isNull(i)) {
                    out.setNull(i);
                    continue;
                }
                switch (target.type()) {
                    case FLOAT64 -> {
                        double x = cell.asDouble(i);
                        if (Double.isNaN(x)) {
                            out.setNull(i);
                        } else {
                            ((Float8Vector) out).set(i, x);
                        }
                    }
                    case INT64, INT32 -> {
                        long x = cell.asLong(i, target.type() == ColumnType.INT32);
                        if (x == Table.NULL_LONG) {
                            out.setNull(i);
                        } else if (out instanceof IntVector ints) {
                            ints.set(i, (int) x);
                        } else {
                            ((BigIntVector) out).set(i, x);
                        }
                    }
                    case BOOL -> {
                        int x = cell.asBit(i);
                        if (x < 0) {
                            out.setNull(i);
                        } else {
                            ((BitVector) out).set(i, x);
                        }
                    }
                    case STRING -> ((VarCharVector) out).setSafe(i, cell.asText(i).getBytes(StandardCharsets.UTF_8));
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * True when the input vector is already of the target's Arrow type and the cell-by-cell
     * conversion would keep every cell as it is; its buffers can then be shared (tables are
     * immutable) instead of copied. Conversion changes NaN doubles and {@link Table#NULL_LONG}
     * longs into nulls and rejects {@link Table#NULL_INT} ints, so a column holding one of those
     * as a value is converted; text is always converted (its bytes are re-encoded).
     */
    private static boolean copyChangesNothing(FieldVector src, ColumnType target, int n) {
        if (target == ColumnType.STRING || !src.getField().getType().equals(target.arrowType())) {
            return false;
        }
        ArrowBuf data = src.getDataBuffer();
        for (int i = 0; i < n; i++) {
            boolean changes = switch (target) {
                case FLOAT64 -> Double.isNaN(data.getDouble((long) i * Float8Vector.TYPE_WIDTH));
                case INT64 -> data.getLong((long) i * BigIntVector.TYPE_WIDTH) == Table.NULL_LONG;
                case INT32 -> data.getInt((long) i * IntVector.TYPE_WIDTH) == Table.NULL_INT;
                case BOOL, STRING -> false;
            };
            if (changes && !src.isNull(i)) {
                return false;
            }
        }
        return true;
    }

    /** Adds FLOAT64 {@code ra}, {@code dec} vectors (deg, ICRS) computed from Galactic l, b (deg) to {@code made}. */
    private static void deriveRaDec(Float8Vector glon, Float8Vector glat, int n, BufferAllocator allocator,
                                    Map<String, FieldVector> made) {
        Float8Vector ra = (Float8Vector) Columns.RA.toField().createVector(allocator);
        made.put(Columns.RA.name(), ra);
        Float8Vector dec = (Float8Vector) Columns.DEC.toField().createVector(allocator);
        made.put(Columns.DEC.name(), dec);
        ra.allocateNew(Math.max(n, 1));
        dec.allocateNew(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            if (glon.isNull(i) || glat.isNull(i)) {
                ra.setNull(i);
                dec.setNull(i);
                continue;
            }
            double l = Math.toRadians(glon.get(i));
            double b = Math.toRadians(glat.get(i));
            double[] g = {Math.cos(b) * Math.cos(l), Math.cos(b) * Math.sin(l), Math.sin(b)};
            double x = 0;
            double y = 0;
            double z = 0;
            for (int k = 0; k < 3; k++) {
                x += ICRS_TO_GALACTIC[k][0] * g[k];
                y += ICRS_TO_GALACTIC[k][1] * g[k];
                z += ICRS_TO_GALACTIC[k][2] * g[k];
            }
            double alpha = Math.toDegrees(Math.atan2(y, x));
            ra.set(i, alpha < 0 ? alpha + 360.0 : alpha);
            dec.set(i, Math.toDegrees(Math.atan2(z, Math.hypot(x, y))));
        }
        ra.setValueCount(n);
        dec.setValueCount(n);
    }

    /** Reads the non-null cells of one input column as the canonical types want them. */
    private record Cell(String origin, String column, FieldVector vector, ColumnType type) {

        /** The cell as a double; NaN for a missing-value spelling in text. */
        double asDouble(int i) {
            return switch (type) {
                case FLOAT64 -> ((FloatingPointVector) vector).getValueAsDouble(i);
                case INT64, INT32 -> ((BaseIntVector) vector).getValueAsLong(i);
                case BOOL -> throw bad(i, "'" + asText(i) + "' is a boolean, not a number");
                case STRING -> {
                    String s = asText(i).strip();
                    if (TextValues.isMissing(s)) {
                        yield Double.NaN;
                    }
                    int kind = TextValues.kindOf(s);
                    if (kind != TextValues.SEEN_INT && kind != TextValues.SEEN_FLOAT) {
                        throw bad(i, "'" + s + "' is not a number");
                    }
                    yield TextValues.parseDouble(s);
                }
            };
        }

        /** The cell as a whole number in range of the target type; {@link Table#NULL_LONG} when missing. */
        long asLong(int i, boolean int32) {
            long x = switch (type) {
                case INT64, INT32 -> ((BaseIntVector) vector).getValueAsLong(i);
                case FLOAT64 -> {
                    double d = ((FloatingPointVector) vector).getValueAsDouble(i);
                    yield Double.isNaN(d) ? Table.NULL_LONG : whole(i, d, Double.toString(d));
                }
                case BOOL -> throw bad(i, "'" + asText(i) + "' is a boolean, not an integer");
                case STRING -> {
                    String s = asText(i).strip();
                    if (TextValues.isMissing(s)) {
                        yield Table.NULL_LONG;
                    }
                    int kind = TextValues.kindOf(s);
                    if (kind == TextValues.SEEN_INT) {
                        yield Long.parseLong(s);
                    }
                    if (kind != TextValues.SEEN_FLOAT) {
                        throw bad(i, "'" + s + "' is not a number");
                    }
                    yield whole(i, TextValues.parseDouble(s), s);
                }
            };
            if (int32 && x != Table.NULL_LONG && (x <= Integer.MIN_VALUE || x > Integer.MAX_VALUE)) {
                throw bad(i, "value " + x + " does not fit a 32-bit integer");
            }
            return x;
        }

        private long whole(int i, double d, String text) {
            if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
                throw bad(i, "'" + text + "' is not an integer");
            }
            return (long) d;
        }

        /** The cell as 1 (true), 0 (false) or -1 (missing). */
        int asBit(int i) {
            return switch (type) {
                case BOOL -> ((BitVector) vector).get(i);
                case INT64, INT32 -> {
                    long x = ((BaseIntVector) vector).getValueAsLong(i);
                    if (x != 0 && x != 1) {
                        throw bad(i, "'" + x + "' is not a boolean (0 or 1)");
                    }
                    yield (int) x;
                }
                case FLOAT64 -> throw bad(i, "'" + asText(i) + "' is a floating-point number, not a boolean");
                case STRING -> {
                    String s = asText(i).strip();
                    if (TextValues.isMissing(s)) {
                        yield -1;
                    }
                    int kind = TextValues.kindOf(s);
                    if (kind == TextValues.SEEN_BOOL) {
                        yield TextValues.parseBoolean(s) ? 1 : 0;
                    }
                    if (s.equals("0") || s.equals("1")) {
                        yield s.equals("1") ? 1 : 0;
                    }
                    throw bad(i, "'" + s + "' is not a boolean");
                }
            };
        }

        /** The cell as text: strings as they are, other values in Java's spelling. */
        String asText(int i) {
            if (vector instanceof VariableWidthFieldVector text) {
                return new String(text.get(i), StandardCharsets.UTF_8);
            }
            return String.valueOf(vector.getObject(i));
        }

        private DataException bad(int i, String problem) {
            return new DataException(origin, column, i + 1L, problem);
        }
    }
}
