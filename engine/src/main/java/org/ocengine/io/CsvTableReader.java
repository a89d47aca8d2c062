package org.ocengine.io;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.DataException;
import org.ocengine.table.TextValues;

/**
 * Reads a CSV file (plain or gzip) in two passes: the first checks that every row has the
 * header's number of fields and infers each column's type from all its cells ({@link TextValues});
 * the second parses the rows into record batches. Two passes keep memory to one batch whatever the
 * file's size. One thread.
 */
final class CsvTableReader extends AbstractTableReader {

    private final ColumnType[] types;
    private final long totalRows;
    private final int batchRows;
    private final CsvReader<CsvRecord> csv;
    private final CloseableIterator<CsvRecord> records;
    private long rowsRead;

    private CsvTableReader(Path path, Header header, ColumnType[] types, long totalRows, int batchRows,
                           VectorSchemaRoot root, CsvReader<CsvRecord> csv) {
        super(path.toString(), root, header.warnings());
        this.types = types;
        this.totalRows = totalRows;
        this.batchRows = batchRows;
        this.csv = csv;
        this.records = csv.iterator();
    }

    static CsvTableReader open(Path path, ReadOptions options, BufferAllocator allocator) throws IOException {
        String origin = path.toString();
        Header header;
        int[] seen;
        long rows = 0;
        try (CsvReader<CsvRecord> csv = parser(path)) {
            CloseableIterator<CsvRecord> it = csv.iterator();
            if (!next(it, origin, 0)) {
                throw new DataException(origin, null, 0, "file has no header row");
            }
            header = Header.of(it.next());
            int n = header.names().size();
            seen = new int[n];
            while (next(it, origin, rows)) {
                CsvRecord record = it.next();
                rows++;
                requireFieldCount(origin, record, rows, n);
                for (int c = 0; c < n; c++) {
                    if ((seen[c] & TextValues.SEEN_TEXT) == 0) {
                        String s = record.getField(c).strip();
                        if (!TextValues.isMissing(s)) {
                            seen[c] |= TextValues.kindOf(s);
                        }
                    }
                }
            }
        }
        ColumnType[] types = new ColumnType[seen.length];
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < seen.length; c++) {
            types[c] = TextValues.typeOf(seen[c]);
            fields.add(new ColumnSpec(header.names().get(c), types[c], "", "").toField());
        }
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
        CsvReader<CsvRecord> csv = null;
        try {
            csv = parser(path);
            CsvTableReader reader = new CsvTableReader(path, header, types, rows, options.batchRows(), root, csv);
            next(reader.records, origin, 0);
            reader.records.next(); // the header, read in the first pass
            return reader;
        } catch (IOException | RuntimeException e) {
            root.close();
            if (csv != null) {
                csv.close();
            }
            throw e;
        }
    }

    private static CsvReader<CsvRecord> parser(Path path) throws IOException {
        InputStream in = FileProbe.openContent(path);
        return CsvReader.builder()
                .skipEmptyLines(true)
                .detectBomHeader(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE) // field counts are checked here, with file and row
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .trimWhitespacesAroundQuotes(true) // VizieR exports write "name"   , (blanks after the quote)
                .ofCsvRecord(in, StandardCharsets.UTF_8);
    }

    /** {@code it.hasNext()}, with parse and decompression failures reported against the row after {@code rowsSoFar}. */
    private static boolean next(CloseableIterator<CsvRecord> it, String origin, long rowsSoFar) throws IOException {
        try {
            return it.hasNext();
        } catch (CsvParseException e) {
            throw new DataException(origin, null, rowsSoFar + 1, "cannot parse CSV (" + e.getMessage() + ")", e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof EOFException || e.getCause() instanceof ZipException) {
                throw new DataException(origin, null, rowsSoFar + 1, "file is truncated or damaged (" + e.getCause().getMessage() + ")", e);
            }
            throw e.getCause();
        }
    }

    private static void requireFieldCount(String origin, CsvRecord record, long row, int expected) {
        if (record.getFieldCount() != expected) {
            throw new DataException(origin, null, row, "has " + record.getFieldCount() + " fields, the header has " + expected
                    + " (line " + record.getStartingLineNumber() + ")");
        }
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        int n = (int) Math.min(batchRows, totalRows - rowsRead);
        List<FieldVector> vectors = root().getFieldVectors();
        Batches.allocate(root(), n);
        for (int i = 0; i < n; i++) {
            if (!next(records, origin(), rowsRead)) {
                throw new DataException(origin(), null, rowsRead + 1, "file changed while being read (fewer rows than in the first pass)");
            }
            CsvRecord record = records.next();
            rowsRead++;
            requireFieldCount(origin(), record, rowsRead, types.length);
            for (int c = 0; c < types.length; c++) {
                setCell(vectors.get(c), types[c], i, record.getField(c));
            }
        }
        Batches.finish(root(), n);
        return n > 0;
    }

    private static void setCell(FieldVector vector, ColumnType type, int i, String cell) {
        String s = cell.strip();
        if (TextValues.isMissing(s)) {
            vector.setNull(i);
            return;
        }
        switch (type) {
            case FLOAT64 -> ((Float8Vector) vector).set(i, TextValues.parseDouble(s));
            case INT64 -> ((BigIntVector) vector).set(i, Long.parseLong(s));
            case BOOL -> ((BitVector) vector).set(i, TextValues.parseBoolean(s) ? 1 : 0);
            case STRING -> ((VarCharVector) vector).setSafe(i, cell.getBytes(StandardCharsets.UTF_8));
            case INT32 -> throw new IllegalStateException("CSV columns are never inferred as INT32");
        }
    }

    @Override
    void closeSource() throws IOException {
        csv.close();
    }

    /** The column names of a header row, made usable by {@link ColumnNames#unique}. */
    record Header(List<String> names, List<String> warnings) {

        static Header of(CsvRecord record) {
            List<String> names = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (int c = 0; c < record.getFieldCount(); c++) {
                names.add(ColumnNames.unique(record.getField(c), c + 1, names, warnings));
            }
            return new Header(List.copyOf(names), List.copyOf(warnings));
        }
    }
}
