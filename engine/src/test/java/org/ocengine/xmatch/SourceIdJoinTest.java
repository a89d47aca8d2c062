package org.ocengine.xmatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ocengine.table.Table;

class SourceIdJoinTest {

    @Test
    void allCombinationsOfRepeatedIdsAndNothingForMissesOrNulls() {
        long n = Table.NULL_LONG;
        long[] a = {7, 3, n, 99, 7, 5};
        long[] b = {3, 7, 7, n, 5, 8, 3};
        int[][] pairs = SourceIdJoin.pairs(a, b);
        assertArrayEquals(new int[] {0, 0, 1, 1, 4, 4, 5}, pairs[0]);
        assertArrayEquals(new int[] {1, 2, 0, 6, 1, 2, 4}, pairs[1]);
    }

    @Test
    void equalsANestedLoopOnRandomGaiaLikeIds() {
        SplittableRandom rng = new SplittableRandom(21L);
        for (int trial = 0; trial < 20; trial++) {
            int nA = rng.nextInt(0, 400);
            int nB = rng.nextInt(0, 400);
            long[] pool = new long[rng.nextInt(1, 300)];
            for (int k = 0; k < pool.length; k++) {
                // HEALPix level-12 index in the high bits, as Gaia source_ids have
                pool[k] = (rng.nextLong(0, 201326592L) << 35) | rng.nextLong(0, 1L << 35);
            }
            long[] a = draw(rng, nA, pool);
            long[] b = draw(rng, nB, pool);
            List<Integer> ea = new ArrayList<>();
            List<Integer> eb = new ArrayList<>();
            for (int i = 0; i < nA; i++) {
                for (int j = 0; j < nB; j++) {
                    if (a[i] != Table.NULL_LONG && a[i] == b[j]) {
                        ea.add(i);
                        eb.add(j);
                    }
                }
            }
            int[][] pairs = SourceIdJoin.pairs(a, b);
            assertArrayEquals(ea.stream().mapToInt(Integer::intValue).toArray(), pairs[0]);
            assertArrayEquals(eb.stream().mapToInt(Integer::intValue).toArray(), pairs[1]);
        }
    }

    private static long[] draw(SplittableRandom rng, int n, long[] pool) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            ids[i] = u < 0.1 ? Table.NULL_LONG : u < 0.2 ? rng.nextLong() : pool[rng.nextInt(pool.length)];
        }
        return ids;
    }
}
