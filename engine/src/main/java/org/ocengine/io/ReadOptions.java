package org.ocengine.io;

/**
 * How to read a file. Immutable.
 *
 * @param batchRows the most rows per record batch a reader hands out (Arrow IPC files keep the
 *                  batches they were written with and ignore this)
 * @param hdu       FITS only: the header-data unit to read, as a 0-based index (0 is the primary
 *                  HDU, 1 the first extension) or an {@code EXTNAME}; {@code null} for the first
 *                  binary table
 */
public record ReadOptions(int batchRows, String hdu) {

    /** Batch size of {@link #DEFAULTS}: 64 Ki rows. */
    public static final int DEFAULT_BATCH_ROWS = 65_536;

    /** Batches of {@value #DEFAULT_BATCH_ROWS} rows, first binary table. */
    public static final ReadOptions DEFAULTS = new ReadOptions(DEFAULT_BATCH_ROWS, null);

    public ReadOptions {
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be positive, got " + batchRows);
        }
    }

    /** The same options with another batch size. */
    public ReadOptions withBatchRows(int rows) {
        return new ReadOptions(rows, hdu);
    }

    /** The same options reading another FITS HDU (index or EXTNAME). */
    public ReadOptions withHdu(String hduIndexOrName) {
        return new ReadOptions(batchRows, hduIndexOrName);
    }
}
