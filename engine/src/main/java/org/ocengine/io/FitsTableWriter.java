package org.ocengine.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;

/**
 * Writes a FITS binary table (see {@link FitsFormat} for the column mapping). Batches are spooled,
 * as they arrive, to a hidden Arrow IPC file beside the target while the widest string of each
 * string column is tracked; {@link #commit()} then writes the FITS headers, with exact widths and
 * row count, and streams the spooled batches into rows. Memory stays at one batch; disk holds the
 * spool until commit or close. One thread.
 */
final class FitsTableWriter extends AtomicTableWriter {

    private static final int BLOCK = 2880;
    private static final int CHUNK_BYTES = 1 << 20;

    private final List<ColumnSpec> specs;
    private final BufferAllocator allocator;
    private final Path spool;
    private final ArrowIpcSink spoolSink;
    private final int[] stringWidths;

    private FitsTableWriter(AtomicFile file, Schema schema, List<ColumnSpec> specs, BufferAllocator allocator, Path spool,
                            ArrowIpcSink spoolSink) {
        super(file, schema);
        this.specs = specs;
        this.allocator = allocator;
        this.spool = spool;
        this.spoolSink = spoolSink;
        this.stringWidths = new int[specs.size()];
        Arrays.fill(stringWidths, 1);
    }

    static FitsTableWriter open(Path target, Schema schema, BufferAllocator allocator) throws IOException {
        return open(target, schema, (file, specs) -> {
            Path spool = AtomicFile.sibling(target, ".spool");
            try {
                return new FitsTableWriter(file, schema, specs, allocator, spool, ArrowIpcSink.open(spool, schema, allocator));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(spool);
                throw e;
            }
        });
    }

    @Override
    void writeRows(VectorSchemaRoot batch) throws IOException {
        int n = batch.getRowCount();
        for (int c = 0; c < specs.size(); c++) {
            if (specs.get(c).type() == ColumnType.STRING) {
                VariableWidthFieldVector v = (VariableWidthFieldVector) batch.getVector(c);
                for (int i = 0; i < n; i++) {
                    if (!v.isNull(i)) {
                        stringWidths[c] = Math.max(stringWidths[c], v.getValueLength(i));
                    }
                }
            }
        }
        spoolSink.append(batch);
    }

    @Override
    void finish() throws IOException {
        spoolSink.finish();
        int[] widths = cellWidths();
        int rowBytes = Arrays.stream(widths).sum();
        try (OutputStream stream = file().openStream(); FitsOutputStream out = new FitsOutputStream(stream)) {
            primaryHeader().write(out);
            tableHeader(widths, rowBytes).write(out);
            writeTableData(out, widths, rowBytes);
            long dataBytes = rowCount() * rowBytes;
            out.write(new byte[(int) ((BLOCK - dataBytes % BLOCK) % BLOCK)]);
        } catch (FitsException e) {
            throw new IOException(target() + ": cannot write FITS header (" + e.getMessage() + ")", e);
        }
        Files.delete(spool);
    }

    @Override
    void release() throws IOException {
        try {
            spoolSink.close();
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** Bytes per cell of each column. */
    private int[] cellWidths() {
        int[] widths = new int[specs.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = switch (specs.get(c).type()) {
                case FLOAT64, INT64 -> 8;
                case INT32 -> 4;
                case BOOL -> 1;
                case STRING -> stringWidths[c];
            };
        }
        return widths;
    }

    private static Header primaryHeader() throws FitsException {
        Header h = new Header();
        h.addValue("SIMPLE", true, "conforms to FITS standard");
        h.addValue("BITPIX", 8, "array data type");
        h.addValue("NAXIS", 0, "no primary data");
        h.addValue("EXTEND", true, "extensions follow");
        return h;
    }

    private Header tableHeader(int[] widths, int rowBytes) throws FitsException {
        Header h = new Header();
        h.addValue("XTENSION", "BINTABLE", "binary table extension");
        h.addValue("BITPIX", 8, "8-bit bytes");
        h.addValue("NAXIS", 2, "2-dimensional table");
        h.addValue("NAXIS1", rowBytes, "bytes per row");
        h.addValue("NAXIS2", rowCount(), "number of rows");
        h.addValue("PCOUNT", 0, "no heap");
        h.addValue("GCOUNT", 1, "one data group");
        h.addValue("TFIELDS", specs.size(), "number of columns");
        for (int c = 0; c < specs.size(); c++) {
            ColumnSpec spec = specs.get(c);
            int k = c + 1;
            h.addValue("TTYPE" + k, ascii(spec.name()), null);
            h.addValue("TFORM" + k, switch (spec.type()) {
                case FLOAT64 -> "D";
                case INT64 -> "K";
                case INT32 -> "J";
                case BOOL -> "L";
                case STRING -> widths[c] + "A";
            }, null);
            if (spec.type() == ColumnType.INT64) {
                h.addValue("TNULL" + k, Long.MIN_VALUE, "null value");
            } else if (spec.type() == ColumnType.INT32) {
                h.addValue("TNULL" + k, Integer.MIN_VALUE, "null value");
            }
            if (!spec.unit().isEmpty()) {
                h.addValue("TUNIT" + k, ascii(spec.unit()), null);
            }
            if (!spec.description().isEmpty()) {
                h.addValue("TCOMM" + k, ascii(spec.description()), null);
            }
        }
        return h;
    }

    /** Text for a header card: characters outside printable ASCII, which FITS headers cannot hold, become '?'. */
    private static String ascii(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            sb.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
        }
        return sb.toString();
    }

    /** Streams the spooled batches out as big-endian table rows, about a megabyte at a time. */
    private void writeTableData(OutputStream out, int[] widths, int rowBytes) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(Math.max(1, CHUNK_BYTES / rowBytes) * rowBytes);
        try (FileChannel channel = FileChannel.open(spool, StandardOpenOption.READ);
             ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                List<FieldVector> vectors = root.getFieldVectors();
                for (int row = 0; row < root.getRowCount(); row++) {
                    if (chunk.remaining() < rowBytes) {
                        out.write(chunk.array(), 0, chunk.position());
                        chunk.clear();
                    }
                    for (int c = 0; c < widths.length; c++) {
                        encode(chunk, specs.get(c).type(), widths[c], vectors.get(c), row);
                    }
                }
            }
        }
        out.write(chunk.array(), 0, chunk.position());
    }

    private static void encode(ByteBuffer out, ColumnType type, int width, FieldVector v, int row) {
        boolean isNull = v.isNull(row);
        switch (type) {
            case FLOAT64 -> out.putDouble(isNull ? Double.NaN : ((FloatingPointVector) v).getValueAsDouble(row));
            case INT64 -> out.putLong(isNull ? Long.MIN_VALUE : ((BaseIntVector) v).getValueAsLong(row));
            case INT32 -> out.putInt(isNull ? Integer.MIN_VALUE : (int) ((BaseIntVector) v).getValueAsLong(row));
            case BOOL -> out.put(isNull ? 0 : ((BitVector) v).get(row) != 0 ? (byte) 'T' : (byte) 'F');
            case STRING -> {
                byte[] text = isNull ? new byte[0] : ((VariableWidthFieldVector) v).get(row);
                out.put(text);
                for (int i = text.length; i < width; i++) {
                    out.put((byte) ' ');
                }
            }
        }
    }
}
