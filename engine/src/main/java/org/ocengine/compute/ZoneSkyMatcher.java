package org.ocengine.compute;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/**
 * The CPU sky match: exact all pairs within a radius by declination zones (see {@link ZoneIndex}
 * for the B side and the search). A rows are put in (zone, RA) order, so that neighbouring A rows
 * search neighbouring B memory and each search starts next to the previous one, and cut into fixed
 * blocks of {@value #BLOCK_ROWS} rows. Each block is matched by one task, which sorts each A row's
 * hits by (separation, B row); the blocks' pairs are then scattered into A-row order by offsets
 * counted beforehand. Neither the blocks nor the offsets depend on the number of threads, so the
 * output is identical for any pool size.
 *
 * <p>Rows with a null, NaN or infinite ra or dec match nothing; a declination outside [-90, 90] is
 * an {@link IllegalArgumentException}. Memory: the B index (see {@link ZoneIndex}), about 65 bytes
 * per A row while matching (block buffers start at one pair per row), and up to 48 bytes per pair
 * besides the result's 16. Thread-safe: runs on the given pool (submitting itself there when
 * called from elsewhere), and {@link #match} may be called concurrently.
 */
final class ZoneSkyMatcher {

    /** A rows per task. Fixed, so results do not depend on the thread count. */
    static final int BLOCK_ROWS = 4096;

    private final ForkJoinPool pool;

    ZoneSkyMatcher(ForkJoinPool pool) {
        this.pool = pool;
    }

    MatchPairs match(SkyPositions a, SkyPositions b, double radiusArcsec) {
        SkyGeometry.checkRadius(radiusArcsec);
        if (ForkJoinTask.getPool() != pool) {
            return pool.submit(() -> match(a, b, radiusArcsec)).join();
        }
        ZoneIndex index = ZoneIndex.build(b.raDegrees(), b.decDegrees(), radiusArcsec);
        ZoneIndex.Sorted order = index.zones() == 0 ? null
                : ZoneIndex.Sorted.of(a.raDegrees(), a.decDegrees(), index.zones() + 2, d -> index.zoneOrEdge(d) + 1, "A");
        int rows = order == null ? 0 : order.size();
        int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
        Block[] found = new Block[blocks];
        IntStream.range(0, blocks).parallel().forEach(k -> found[k] =
                search(order, index, k * BLOCK_ROWS, Math.min(rows, (k + 1) * BLOCK_ROWS)));
        return assemble(found, a.size());
    }

    /** Matches A rows [from, to) of the sorted order; their pairs grouped by A row, each group sorted. */
    private static Block search(ZoneIndex.Sorted order, ZoneIndex index, int from, int to) {
        Block block = new Block();
        ZoneIndex.Scratch scratch = new ZoneIndex.Scratch();
        double[] v = new double[3];
        for (int k = from; k < to; k++) {
            int slot = order.slot(k);
            double ra = order.ra()[slot];
            double dec = order.dec()[slot];
            SkyGeometry.unitVector(ra, dec, v, 0);
            scratch.clearHits();
            index.collect(v[0], v[1], v[2], SkyGeometry.normaliseRa(ra), dec, scratch);
            if (scratch.size > 1) {
                MatchPairs.sortGroup(scratch.rows, scratch.separations, 0, scratch.size);
            }
            block.add(order.rows()[slot], scratch);
        }
        return block;
    }

    /**
     * Puts the blocks' pairs in canonical order: each A row's group, already sorted, goes to the
     * row's offset. The scatter writes (B row, separation) side by side in one array, so that each
     * pair costs one cache miss; the output arrays are then filled sequentially.
     */
    private static MatchPairs assemble(Block[] blocks, int aRows) {
        long total = 0;
        for (Block block : blocks) {
            total += block.size;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("sky match found " + total + " pairs, more than one array can hold");
        }
        int[] start = new int[aRows + 1];
        // every A row lies in one block, so blocks can record their rows' pair counts in parallel
        IntStream.range(0, blocks.length).parallel().forEach(k -> {
            Block block = blocks[k];
            for (int p = 0; p < block.size; p++) {
                start[block.a[p] + 1]++;
            }
        });
        for (int i = 0; i < aRows; i++) {
            start[i + 1] += start[i];
        }
        int n = (int) total;
        long[] packed = new long[2 * n];
        IntStream.range(0, blocks.length).parallel().forEach(k -> {
            Block block = blocks[k];
            int base = 0;
            for (int p = 0; p < block.size; p++) {
                int row = block.a[p];
                if (p == 0 || row != block.a[p - 1]) {
                    base = start[row] - p;
                }
                packed[2 * (base + p)] = block.b[p];
                packed[2 * (base + p) + 1] = Double.doubleToRawLongBits(block.separations[p]);
            }
        });
        int[] a = new int[n];
        int[] b = new int[n];
        double[] sep = new double[n];
        int chunks = (aRows + BLOCK_ROWS - 1) / BLOCK_ROWS;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int rowEnd = Math.min(aRows, (c + 1) * BLOCK_ROWS);
            for (int row = c * BLOCK_ROWS; row < rowEnd; row++) {
                for (int k = start[row]; k < start[row + 1]; k++) {
                    a[k] = row;
                    b[k] = (int) packed[2 * k];
                    sep[k] = Double.longBitsToDouble(packed[2 * k + 1]);
                }
            }
        });
        return new MatchPairs(a, b, sep);
    }

    /** The pairs one task found, grouped by A row. Single-threaded. */
    private static final class Block {
        int size;
        int[] a = new int[BLOCK_ROWS];
        int[] b = new int[BLOCK_ROWS];
        double[] separations = new double[BLOCK_ROWS];

        void add(int row, ZoneIndex.Scratch hits) {
            int count = hits.size;
            long need = (long) size + count;
            if (need > a.length) {
                if (need > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("sky match found more pairs than one array can hold");
                }
                int capacity = Math.max(ZoneIndex.grow(a.length), (int) need);
                a = Arrays.copyOf(a, capacity);
                b = Arrays.copyOf(b, capacity);
                separations = Arrays.copyOf(separations, capacity);
            }
            for (int i = 0; i < count; i++) {
                a[size + i] = row;
                b[size + i] = hits.rows[i];
                separations[size + i] = hits.separations[i];
            }
            size += count;
        }
    }
}
