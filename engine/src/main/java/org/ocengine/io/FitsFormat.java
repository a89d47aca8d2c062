package org.ocengine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * FITS binary tables ({@code BINTABLE} extensions), plain or gzip-compressed; headers through
 * nom-tam-fits, rows decoded and encoded here in streaming fashion.
 *
 * <p>Reading maps {@code D}, {@code E} to FLOAT64, {@code K} to INT64, {@code J}, {@code I},
 * {@code B} to INT32 (wider where {@code TZEROn} demands it; FLOAT64 where {@code TSCALn} is not 1
 * or {@code TZEROn} not an integer), {@code L} to BOOL and {@code A} to STRING (trailing blanks
 * dropped, as the FITS standard makes them insignificant; a blank string reads as null). Integer
 * cells equal to {@code TNULLn} and NaN floats read as nulls. {@code TUNITn} and {@code TCOMMn}
 * become the field's unit and description. Columns that are not scalars (repeat count above 1
 * other than strings, bit, complex and variable-length arrays) are skipped, each with a line in
 * {@link TableReader#warnings()}.
 *
 * <p>Writing produces a primary HDU without data and one binary table: FLOAT64 as {@code D} (null
 * as NaN), INT64 as {@code K} and INT32 as {@code J} with {@code TNULLn} at the type's minimum
 * value (which therefore reads back as null), BOOL as {@code L} (null as byte 0), STRING as
 * fixed-width {@code A} sized to the longest value in UTF-8 bytes (null as blanks); unit and
 * description as {@code TUNITn} and {@code TCOMMn}. Since the widths and the row count are known
 * only at the end, batches are spooled to an Arrow file beside the target and the FITS file is
 * written on commit. Stateless and thread-safe.
 */
public final class FitsFormat implements TableFormat {

    static final String MAGIC = "SIMPLE  =";

    public FitsFormat() {
        // found by ServiceLoader
    }

    @Override
    public String name() {
        return "fits";
    }

    @Override
    public List<String> extensions() {
        return List.of("fits", "fit", "fts", "fits.gz", "fit.gz", "fts.gz");
    }

    @Override
    public boolean looksLike(String fileName, byte[] head) {
        if (FileProbe.isGzip(head)) {
            return FileProbe.hasExtension(fileName, List.of("fits.gz", "fit.gz", "fts.gz"));
        }
        return FileProbe.startsWith(head, MAGIC);
    }

    @Override
    public TableReader openReader(Path path, ReadOptions options, BufferAllocator allocator) throws IOException {
        return FitsTableReader.open(path, options, allocator);
    }

    @Override
    public TableWriter openWriter(Path target, Schema schema, BufferAllocator allocator) throws IOException {
        return FitsTableWriter.open(target, schema, allocator);
    }
}
