package org.ocengine.io;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
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
final class CsvTableWriter extends AtomicTableWriter {

    private final ColumnType[] types;
    private final CsvWriter csv;
    private boolean csvOpen = true;

    private CsvTableWriter(AtomicFile file, Schema schema, ColumnType[] types, CsvWriter csv) {
        super(file, schema);
        this.types = types;
        this.csv = csv;
    }

    static CsvTableWriter open(Path target, Schema schema) throws IOException {
        return open(target, schema, (file, specs) -> {
            CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file.openStream(), StandardCharsets.UTF_8);
            csv.writeRecord(specs.stream().map(ColumnSpec::name).toList());
            return new CsvTableWriter(file, schema, specs.stream().map(ColumnSpec::type).toArray(ColumnType[]::new), csv);
        });
    }

    @Override
    void writeRows(VectorSchemaRoot batch) throws IOException {
        List<FieldVector> vectors = batch.getFieldVectors();
        String[] fields = new String[types.length];
        for (int row = 0; row < batch.getRowCount(); row++) {
            for (int c = 0; c < types.length; c++) {
                fields[c] = cell(vectors.get(c), types[c], row);
            }
            csv.writeRecord(fields);
        }
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
    void finish() throws IOException {
        closeCsv();
    }

    @Override
    void release() throws IOException {
        closeCsv();
    }

    private void closeCsv() throws IOException {
        if (csvOpen) {
            csvOpen = false;
            csv.close();
        }
    }
}
