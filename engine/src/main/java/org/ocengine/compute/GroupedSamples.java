package org.ocengine.compute;

/**
 * Stars grouped into clusters for Monte-Carlo sampling, in compressed-row form: the stars of group
 * g are rows {@code groupOffsets[g]} to {@code groupOffsets[g+1]-1}. Arrays are borrowed, not copied.
 *
 * @param values       measured value of each star (e.g. RV in km/s)
 * @param errors       its 1-sigma uncertainty, same unit, finite and non-negative
 * @param starOrdinals each star's ordinal within its group as used in the draw key (not negative);
 *                     keeping a star's ordinal when others are left out keeps its draws the same
 * @param groupOffsets length groups + 1, non-decreasing, first 0, last = number of stars
 * @param groupKeys    each group's 64-bit draw key (see {@link org.ocengine.random.DrawKey#groupKey})
 */
public record GroupedSamples(double[] values, double[] errors, int[] starOrdinals, int[] groupOffsets, long[] groupKeys) {

    public GroupedSamples {
        int n = values.length;
        if (errors.length != n || starOrdinals.length != n) {
            throw new IllegalArgumentException("values, errors and starOrdinals differ in length");
        }
        if (groupOffsets.length != groupKeys.length + 1 || groupOffsets[0] != 0 || groupOffsets[groupKeys.length] != n) {
            throw new IllegalArgumentException("groupOffsets must have groups+1 entries from 0 to the star count");
        }
        for (int g = 0; g < groupKeys.length; g++) {
            if (groupOffsets[g + 1] < groupOffsets[g]) {
                throw new IllegalArgumentException("groupOffsets decrease at group " + g);
            }
        }
    }

    public int groupCount() {
        return groupKeys.length;
    }

    public int starCount() {
        return values.length;
    }

    /** Number of stars in group g. */
    public int size(int g) {
        return groupOffsets[g + 1] - groupOffsets[g];
    }
}
