package org.ocengine.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nom.tam.fits.Header;
import nom.tam.fits.TruncatedFileException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.ocengine.table.DataException;

/**
 * Streams the rows of one binary-table HDU of a FITS file: headers are parsed by nom-tam-fits,
 * rows are read about a megabyte at a time (past nom-tam's checksum bookkeeping, see
 * {@link FitsDataInput}) and decoded column by column by {@link FitsColumn}s into record batches.
 * The heap (variable-length arrays) and anything after the table are never read. One thread.
 */
final class FitsTableReader extends AbstractTableReader {

    private static final Pattern TFORM = Pattern.compile("(\\d*)([A-Z])(.*)");
    private static final int CHUNK_BYTES = 1 << 20;

    private final FitsDataInput in;
    private final List<FitsColumn> columns;
    private final int rowBytes;
    private final long totalRows;
    private final int batchRows;
    private final ByteBuffer chunk;
    /** Scratch for {@link FitsColumn#decode}: one chunk's cells of one column. */
    private final long[] raw;
    private int chunkRows;
    private int chunkNext;
    private long rowsFetched;
    private long rowsRead;

    private FitsTableReader(String origin, FitsDataInput in, List<FitsColumn> columns, List<String> warnings,
                            VectorSchemaRoot root, int rowBytes, long totalRows, int batchRows) {
        super(origin, root, warnings);
        this.in = in;
        this.columns = columns;
        this.rowBytes = rowBytes;
        this.totalRows = totalRows;
        this.batchRows = batchRows;
        int chunkCapacity = rowBytes == 0 ? 0 : (int) Math.max(1, Math.min(CHUNK_BYTES / rowBytes, totalRows));
        this.chunk = ByteBuffer.allocate(chunkCapacity * rowBytes);
        this.raw = new long[chunkCapacity];
    }

    static FitsTableReader open(Path path, ReadOptions options, BufferAllocator allocator) throws IOException {
        String origin = path.toString();
        InputStream content = FileProbe.openContent(path);
        FitsDataInput in = new FitsDataInput(content);
        try {
            content.mark(FitsFormat.MAGIC.length());
            if (!FileProbe.startsWith(content.readNBytes(FitsFormat.MAGIC.length()), FitsFormat.MAGIC)) {
                throw new DataException(origin, null, 0, "not a FITS file (it does not start with '" + FitsFormat.MAGIC + "')");
            }
            content.reset();
            Header header = seekTable(in, origin, options.hdu());
            List<String> warnings = new ArrayList<>();
            List<FitsColumn> columns = new ArrayList<>();
            int rowBytes = layout(header, origin, columns, warnings);
            List<Field> fields = new ArrayList<>();
            for (FitsColumn column : columns) {
                fields.add(column.field());
            }
            VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
            return new FitsTableReader(origin, in, columns, warnings, root, rowBytes,
                    header.getLongValue("NAXIS2", 0), options.batchRows());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads headers up to the wanted HDU (the first BINTABLE, an index, or an EXTNAME) and returns its header. */
    private static Header seekTable(FitsDataInput in, String origin, String hdu) throws IOException {
        Header header = readHeader(in, origin, 0);
        for (int index = 0; ; index++) {
            if (isWanted(header, index, hdu)) {
                String xtension = header.getStringValue("XTENSION", "");
                if (!xtension.strip().equals("BINTABLE")) {
                    String kind = index == 0 ? "the primary HDU" : "an extension of type " + xtension.strip();
                    throw new DataException(origin, null, 0, "HDU " + hdu + " is " + kind + ", not a binary table");
                }
                return header;
            }
            skipData(in, origin, header);
            header = readHeader(in, origin, index + 1);
            if (header == null) {
                throw new DataException(origin, null, 0, hdu == null ? "the file has no binary table"
                        : "the file has no HDU " + hdu + " (it has " + (index + 1) + " HDUs, numbered from 0)");
            }
        }
    }

    private static boolean isWanted(Header header, int index, String hdu) {
        if (hdu == null) {
            return "BINTABLE".equals(header.getStringValue("XTENSION", "").strip());
        }
        if (hdu.strip().matches("\\d+")) {
            return index == Integer.parseInt(hdu.strip());
        }
        return hdu.strip().equalsIgnoreCase(header.getStringValue("EXTNAME", "").strip());
    }

    /** The next header, or null at a clean end of file. */
    private static Header readHeader(FitsDataInput in, String origin, int index) throws IOException {
        try {
            return Header.readHeader(in);
        } catch (TruncatedFileException | EOFException e) {
            throw new DataException(origin, null, 0, "file ends inside the header of HDU " + index + " (truncated)", e);
        } catch (IllegalArgumentException | IOException e) {
            throw new DataException(origin, null, 0, "damaged header in HDU " + index + " (" + e.getMessage() + ")", e);
        }
    }

    private static void skipData(FitsDataInput in, String origin, Header header) throws IOException {
        try {
            in.skipAllBytes(header.getDataSize());
        } catch (EOFException e) {
            throw new DataException(origin, null, 0, "file ends inside the data of an HDU before the table (truncated)", e);
        }
    }

    /**
     * Fills {@code columns} with the scalar columns of a BINTABLE header and {@code warnings} with
     * those skipped; returns the row width in bytes.
     */
    private static int layout(Header header, String origin, List<FitsColumn> columns, List<String> warnings) {
        long rowBytes = header.getLongValue("NAXIS1", 0);
        int fields = header.getIntValue("TFIELDS", 0);
        List<String> names = new ArrayList<>();
        long offset = 0;
        for (int k = 1; k <= fields; k++) {
            String tform = header.getStringValue("TFORM" + k);
            String ttype = header.getStringValue("TTYPE" + k);
            String label = ttype == null ? "column " + k : ttype.strip();
            Matcher m = tform == null ? null : TFORM.matcher(tform.strip().toUpperCase(Locale.ROOT));
            if (m == null || !m.matches()) {
                throw new DataException(origin, label, 0, "TFORM" + k + " is missing or malformed: " + tform);
            }
            long repeat = m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
            char code = m.group(2).charAt(0);
            long width = switch (code) {
                case 'L', 'B', 'A' -> repeat;
                case 'I' -> 2 * repeat;
                case 'J', 'E' -> 4 * repeat;
                case 'K', 'D', 'C' -> 8 * repeat;
                case 'M' -> 16 * repeat;
                case 'X' -> (repeat + 7) / 8;
                case 'P' -> 8 * Math.min(repeat, 1);
                case 'Q' -> 16 * Math.min(repeat, 1);
                default -> throw new DataException(origin, label, 0, "unknown TFORM" + k + " type '" + code + "'");
            };
            String skip = skipReason(header, k, code, repeat);
            if (skip != null) {
                warnings.add("column " + label + " (TFORM" + k + " = " + tform.strip() + ") skipped: " + skip);
            } else {
                String name = ColumnNames.unique(ttype == null ? null : ttype.strip(), k, names, warnings);
                names.add(name);
                Long nullValue = header.containsKey("TNULL" + k) ? header.getLongValue("TNULL" + k) : null;
                columns.add(new FitsColumn(name, code, (int) width, (int) offset,
                        header.getDoubleValue("TSCAL" + k, 1.0), header.getDoubleValue("TZERO" + k, 0.0), nullValue,
                        header.getStringValue("TUNIT" + k), header.getStringValue("TCOMM" + k)));
            }
            offset += width;
        }
        if (offset != rowBytes) {
            throw new DataException(origin, null, 0, "the TFORMs add up to " + offset + " bytes per row but NAXIS1 is " + rowBytes);
        }
        if (rowBytes > Integer.MAX_VALUE / 2) {
            throw new DataException(origin, null, 0, "rows of " + rowBytes + " bytes are too wide to read");
        }
        return (int) rowBytes;
    }

    /** Why column {@code k} is not read, or null when it is. */
    private static String skipReason(Header header, int k, char code, long repeat) {
        if (!FitsColumn.isScalarCode(code)) {
            return switch (code) {
                case 'X' -> "bit arrays are not supported";
                case 'C', 'M' -> "complex numbers are not supported";
                default -> "variable-length arrays are not supported";
            };
        }
        if (repeat == 0) {
            return "it holds no data (repeat count 0)";
        }
        if (code == 'A') {
            String tdim = header.getStringValue("TDIM" + k);
            return tdim != null && tdim.contains(",") ? "arrays of strings are not supported" : null;
        }
        return repeat > 1 ? "array columns are not supported" : null;
    }

    /** Fills the batch a chunk at a time, each chunk column by column (see {@link FitsColumn#decode}). */
    @Override
    public boolean loadNextBatch() throws IOException {
        int n = (int) Math.min(batchRows, totalRows - rowsRead);
        Batches.allocate(root(), n);
        List<FieldVector> vectors = root().getFieldVectors();
        int filled = 0;
        while (filled < n && rowBytes > 0) {
            if (chunkNext == chunkRows) {
                fillChunk();
            }
            int rows = Math.min(chunkRows - chunkNext, n - filled);
            for (int c = 0; c < columns.size(); c++) {
                columns.get(c).decode(chunk, chunkNext * rowBytes, rowBytes, rows, vectors.get(c), filled, raw);
            }
            chunkNext += rows;
            filled += rows;
        }
        rowsRead += n;
        Batches.finish(root(), n);
        return n > 0;
    }

    /** Reads the next rows of the table into {@link #chunk}. */
    private void fillChunk() throws IOException {
        int rows = (int) Math.min(chunk.capacity() / Math.max(rowBytes, 1), totalRows - rowsFetched);
        int want = rows * rowBytes;
        int got = 0;
        try {
            while (got < want) {
                int r = in.readData(chunk.array(), got, want - got);
                if (r < 0) {
                    throw new EOFException();
                }
                got += r;
            }
        } catch (EOFException e) {
            long row = rowsFetched + got / rowBytes + 1;
            throw new DataException(origin(), null, row, "file ends in the middle of the table data (truncated; the header promises "
                    + totalRows + " rows)", e);
        }
        rowsFetched += rows;
        chunkRows = rows;
        chunkNext = 0;
    }

    @Override
    void closeSource() throws IOException {
        in.close();
    }
}
