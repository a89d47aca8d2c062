package org.ocengine.xmatch;

import java.util.Arrays;
import org.ocengine.table.Table;

/**
 * Equi-join of two 64-bit identifier columns (Gaia source_id): every pair (a, b) of rows with equal,
 * non-null ids, so an id repeated on both sides gives all combinations. A hash join: B's ids go into
 * an open-addressing table (linear probing, ids mixed by the SplitMix64 finaliser because Gaia ids
 * carry HEALPix indices in their high bits) with B rows of equal id chained in increasing order;
 * A's rows then probe it in order. Primitive arrays only: 20 to 40 bytes per B row. Stateless.
 */
final class SourceIdJoin {

    private SourceIdJoin() {
    }

    /**
     * The joined pairs ordered by A row, then B row.
     *
     * @param idsA A's ids, {@link Table#NULL_LONG} where missing
     * @param idsB B's ids, {@link Table#NULL_LONG} where missing
     * @return {@code {aRows, bRows}}
     */
    static int[][] pairs(long[] idsA, long[] idsB) {
        // a power of two at least 4/3 of B's rows: load factor at most 0.75
        int capacity = Integer.highestOneBit((int) Math.min(1 << 29, idsB.length * 4L / 3 + 1)) << 1;
        int mask = capacity - 1;
        long[] keys = new long[capacity];
        int[] head = new int[capacity];
        Arrays.fill(head, -1);
        int[] next = new int[idsB.length];
        for (int j = idsB.length - 1; j >= 0; j--) {
            long id = idsB[j];
            if (id == Table.NULL_LONG) {
                continue;
            }
            int slot = slot(keys, head, mask, id);
            keys[slot] = id;
            next[j] = head[slot];
            head[slot] = j;
        }
        long total = 0;
        for (long id : idsA) {
            total += chainLength(keys, head, next, mask, id);
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("source_id join gives " + total + " pairs, more than one array can hold");
        }
        int[] a = new int[(int) total];
        int[] b = new int[(int) total];
        int k = 0;
        for (int i = 0; i < idsA.length; i++) {
            if (idsA[i] == Table.NULL_LONG) {
                continue;
            }
            for (int j = head[slot(keys, head, mask, idsA[i])]; j >= 0; j = next[j]) {
                a[k] = i;
                b[k++] = j;
            }
        }
        return new int[][] {a, b};
    }

    private static int chainLength(long[] keys, int[] head, int[] next, int mask, long id) {
        if (id == Table.NULL_LONG) {
            return 0;
        }
        int n = 0;
        for (int j = head[slot(keys, head, mask, id)]; j >= 0; j = next[j]) {
            n++;
        }
        return n;
    }

    /** The slot holding {@code id}, or the empty slot where it would go. */
    private static int slot(long[] keys, int[] head, int mask, long id) {
        int s = (int) mix(id) & mask;
        while (head[s] >= 0 && keys[s] != id) {
            s = (s + 1) & mask;
        }
        return s;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
