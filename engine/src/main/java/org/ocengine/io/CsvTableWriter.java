package org.ocengine.io;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;

/** Writes CSV rows as batches arrive, through FastCSV (quoting only where needed). One thread. */
final class CsvTableWriter implements TableWriter {

    private final AtomicFile file;
    private final Schema schema;
    private final ColumnType[] types;
    private final CsvWriter csv;
    private long rowCount;
    private boolean committed;

    private CsvTableWriter(AtomicFile file, Schema schema, ColumnType[] types, CsvWriter csv) {
        this.file = file;
        this.schema = schema;
        this.types = types;
        this.csv = csv;
    }

    static CsvTableWriter open(Path target, Schema schema) throws IOException {
        List<ColumnSpec> specs = Schemas.writableSpecs(schema, target);
        AtomicFile file = AtomicFile.create(target);
        try {
            OutputStream out = file.openStream();
            CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out, StandardCharsets.UTF_8);
            csv.writeRecord(specs.stream().map(ColumnSpec::name).toList());
            return new CsvTableWriter(file, schema, specs.stream().map(ColumnSpec::type).toArray(ColumnType[]::new), csv);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public Path target() {
        return file.target();
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        if (committed) {
            throw new IllegalStateException(file.target() + ": already committed");
        }
        Schemas.requireMatches(schema, batch, file.target());
        List<FieldVector> vectors = batch.getFieldVectors();
        String[] fields = new String[types.length];
        for (int row = 0; row < batch.getRowCount(); row++) {
            for (int c = 0; c < types.length; c++) {
                fields[c] = cell(vectors.get(c), types[c], row);
            }
            csv.writeRecord(fields);
        }
        rowCount += batch.getRowCount();
    }

    private static String cell(FieldVector v, ColumnType type, int row) {
        if (v.isNull(row)) {
            return "";
        }
        return switch (type) {
            case FLOAT64 -> {
                double x = ((FloatingPointVector) v).getValueAsDouble(row);
                yield Double.isNaN(x) ? "" : Double.toString(x);
            }
            case INT64, INT32 -> Long.toString(((BaseIntVector) v).getValueAsLong(row));
            case BOOL -> ((BitVector) v).get(row) != 0 ? "true" : "false";
            case STRING -> new String(((VariableWidthFieldVector) v).get(row), StandardCharsets.UTF_8);
        };
    }

    @Override
    public long rowCount() {
        return rowCount;
    }

    @Override
    public void commit() throws IOException {
        if (committed) {
            throw new IllegalStateException(file.target() + ": already committed");
        }
        csv.close();
        file.commit();
        committed = true;
    }

    @Override
    public void close() throws IOException {
        try {
            if (!committed) {
                csv.close();
            }
        } finally {
            file.close();
        }
    }
}
