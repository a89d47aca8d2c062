package org.ocengine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.SkyGeometry;

/** Pieces of pairs, in whatever split the device produced them, assemble into MatchPairs' canonical order. */
class PairAssemblyTest {

    @Test
    void anySplitIntoBandsAndChunksGivesTheCanonicalOrder() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            int aRows = 1 + rng.nextInt(3000);
            int bands = 1 + rng.nextInt(4);
            int chunk = 1 + rng.nextInt(aRows);
            List<Integer> allA = new ArrayList<>();
            List<Integer> allB = new ArrayList<>();
            List<Double> allChord = new ArrayList<>();
            PairAssembly assembly = new PairAssembly(aRows);
            for (int band = 0; band < bands; band++) {
                for (int from = 0; from < aRows; from += chunk) {
                    int rows = Math.min(chunk, aRows - from);
                    int[] counts = new int[rows];
                    List<Integer> b = new ArrayList<>();
                    List<Double> c = new ArrayList<>();
                    for (int i = 0; i < rows; i++) {
                        counts[i] = rng.nextInt(5) == 0 ? rng.nextInt(30) : rng.nextInt(2);
                        for (int k = 0; k < counts[i]; k++) {
                            int bRow = 1000 * band + rng.nextInt(1000);
                            // repeated chords (and equal separations) make the B row decide the order
                            double chord = rng.nextInt(4) == 0 ? 1e-10 : rng.nextDouble() * 1e-9;
                            b.add(bRow);
                            c.add(chord);
                            allA.add(from + i);
                            allB.add(bRow);
                            allChord.add(chord);
                        }
                    }
                    assembly.add(from, counts, b.stream().mapToInt(Integer::intValue).toArray(),
                            c.stream().mapToDouble(Double::doubleValue).toArray());
                }
            }
            double[] sep = allChord.stream().mapToDouble(SkyGeometry::separationArcsec).toArray();
            MatchPairs expected = MatchPairs.sorted(allA.stream().mapToInt(Integer::intValue).toArray(),
                    allB.stream().mapToInt(Integer::intValue).toArray(), sep);
            MatchPairs got = assembly.build();
            assertEquals(expected.size(), got.size());
            assertArrayEquals(expected.aIndices(), got.aIndices());
            assertArrayEquals(expected.bIndices(), got.bIndices());
            assertArrayEquals(expected.separationsArcsec(), got.separationsArcsec(), 0.0);
        }
    }
}
