package org.ocengine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class CpuPeriodogramsTest {

    @Test
    void highestLocalMaximaInOrderOfPower() {
        //                 0    1    2    3    4    5    6    7    8    9
        double[] power = {0.5, 0.1, 0.7, 0.2, 0.2, 0.9, 0.3, 0.3, 0.6, 0.8};
        // maxima: 0 (0.5, above its one neighbour), 2 (0.7), 5 (0.9), 9 (0.8, the end); 7 is a plateau's end (0.3 >= 0.3
        // on the right but not above 6 on the left), 4 likewise
        assertArrayEquals(new int[] {5, 9, 2, 0}, CpuPeriodograms.highestLocalMaxima(power, 6));
        assertArrayEquals(new int[] {5, 9}, CpuPeriodograms.highestLocalMaxima(power, 2));
        assertArrayEquals(new int[] {0}, CpuPeriodograms.highestLocalMaxima(new double[] {1.0}, 3));
    }
}
