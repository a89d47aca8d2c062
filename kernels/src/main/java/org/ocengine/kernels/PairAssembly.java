package org.ocengine.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.SkyGeometry;

/**
 * Puts the pairs the device found into the canonical order of {@link MatchPairs} (A row, separation,
 * B row). The device returns pieces: for a run of consecutive A rows (one A chunk searched against
 * one declination band), each row's pair count and then the pairs, (B row, squared chord), grouped
 * by row in row order. Separations are computed here from the squared chords with
 * {@link SkyGeometry#separationArcsec(double)}, the formula the CPU backend uses, so they are equal
 * to the bit; each row's pairs are then sorted by (separation, B row). With a single piece covering
 * all rows (B fitted on the device) the pairs are already in place; otherwise each row's pairs are
 * first gathered from its pieces. Runs its loops on the common fork-join pool. Not thread-safe.
 */
final class PairAssembly {

    /** Rows per parallel task. */
    private static final int ROWS_PER_TASK = 4096;

    private record Piece(int rowBase, int[] counts, int[] bRows, double[] chord2) {
    }

    private final int aRows;
    private final List<Piece> pieces = new ArrayList<>();
    private long total;

    /** @param aRows rows of A */
    PairAssembly(int aRows) {
        this.aRows = aRows;
    }

    /**
     * Adds a piece.
     *
     * @param rowBase first A row of the piece
     * @param counts  pairs of each row, rows rowBase, rowBase+1, ...
     * @param bRows   B row of each pair, grouped by A row in row order
     * @param chord2  squared chord of each pair
     */
    void add(int rowBase, int[] counts, int[] bRows, double[] chord2) {
        if (bRows.length != chord2.length || rowBase < 0 || rowBase + counts.length > aRows) {
            throw new IllegalArgumentException("inconsistent pair piece");
        }
        total += bRows.length;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("sky match found " + total + " pairs, more than one array can hold");
        }
        pieces.add(new Piece(rowBase, counts, bRows, chord2));
    }

    /** The pairs in canonical order. */
    MatchPairs build() {
        int n = (int) total;
        int[] start = new int[aRows + 1];
        for (Piece p : pieces) {
            for (int i = 0; i < p.counts.length; i++) {
                start[p.rowBase + i + 1] += p.counts[i];
            }
        }
        for (int r = 0; r < aRows; r++) {
            start[r + 1] += start[r];
        }
        int[] a = new int[n];
        int[] b;
        double[] sep = new double[n];
        double[] chord2;
        if (pieces.size() == 1 && pieces.get(0).counts.length == aRows) {
            b = pieces.get(0).bRows;
            chord2 = pieces.get(0).chord2;
        } else {
            b = new int[n];
            chord2 = new double[n];
            int[] next = start.clone();
            for (Piece p : pieces) {
                int k = 0;
                for (int i = 0; i < p.counts.length; i++) {
                    int to = next[p.rowBase + i];
                    System.arraycopy(p.bRows, k, b, to, p.counts[i]);
                    System.arraycopy(p.chord2, k, chord2, to, p.counts[i]);
                    next[p.rowBase + i] += p.counts[i];
                    k += p.counts[i];
                }
            }
        }
        int tasks = (aRows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(t -> {
            int rowEnd = Math.min(aRows, (t + 1) * ROWS_PER_TASK);
            for (int row = t * ROWS_PER_TASK; row < rowEnd; row++) {
                for (int k = start[row]; k < start[row + 1]; k++) {
                    a[k] = row;
                    sep[k] = SkyGeometry.separationArcsec(chord2[k]);
                }
                if (start[row + 1] - start[row] > 1) {
                    MatchPairs.sortGroup(b, sep, start[row], start[row + 1]);
                }
            }
        });
        return new MatchPairs(a, b, sep);
    }
}
