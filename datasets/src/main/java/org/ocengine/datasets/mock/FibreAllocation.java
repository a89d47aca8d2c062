package org.ocengine.datasets.mock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which targets get a fibre in one plate visit. The focal plane is tiled by square cells of side
 * 1/sqrt(fibre density) (200 per deg^2: 4.2 arcmin), one fibre per cell whose centre lies inside the
 * field; each visit places the field on the plane with its own rotation and sub-cell offset, so the
 * stars a fibre can reach change from visit to visit (LAMOST-MRS-O's multiple-visit mode). A fibre
 * works in a visit with probability {@code yield} (the others go to sky, standards or are broken).
 * A working fibre takes the target in its cell with the lowest priority class, ties broken by a
 * per-(star, visit) random key: so crowded cluster cores are under-sampled, as with real fibres.
 *
 * <p>Spectrographs (1-16) are 22.5 deg sectors of the focal plane; fibres are numbered within their
 * spectrograph by distance from the centre. Stateless.
 */
final class FibreAllocation {

    /** LAMOST's spectrographs. */
    static final int SPECTROGRAPHS = 16;

    private FibreAllocation() {
    }

    /**
     * One fibre given to one target.
     *
     * @param target  index into the target arrays
     * @param spid    spectrograph, 1-16
     * @param fiberid fibre within the spectrograph, from 1
     */
    record Assignment(int target, int spid, int fiberid) {
    }

    /** Where the field lies on the focal plane in one visit. */
    record Placement(double rotationDeg, double offsetX, double offsetY) {
    }

    /**
     * Allocates fibres.
     *
     * @param xi        targets' tangent-plane coordinates about the field centre, deg (east)
     * @param eta       ... (north)
     * @param priority  targets' priority class (lower first)
     * @param tieKey    targets' tie-breaking keys (lower first)
     * @param radiusDeg field radius
     * @param spacing   cell side, deg
     * @param place     the visit's placement
     * @param working   whether the fibre of cell key k works in this visit
     * @return the assignments ordered by spectrograph and fibre
     */
    static List<Assignment> allocate(double[] xi, double[] eta, int[] priority, double[] tieKey, double radiusDeg, double spacing,
                                     Placement place, java.util.function.LongPredicate working) {
        int half = (int) Math.ceil(radiusDeg / spacing) + 1;
        int side = 2 * half;
        int cells = side * side;
        boolean[] exists = new boolean[cells];
        int[] spid = new int[cells];
        int[] fiber = new int[cells];
        numberFibres(half, spacing, radiusDeg, place, exists, spid, fiber);
        boolean[] open = new boolean[cells];
        for (int k = 0; k < cells; k++) {
            open[k] = exists[k] && working.test(k);
        }
        int[] best = new int[cells];
        Arrays.fill(best, -1);
        double cos = Math.cos(Math.toRadians(place.rotationDeg()));
        double sin = Math.sin(Math.toRadians(place.rotationDeg()));
        for (int t = 0; t < xi.length; t++) {
            double x = cos * xi[t] - sin * eta[t];
            double y = sin * xi[t] + cos * eta[t];
            int i = (int) Math.floor((x - place.offsetX()) / spacing) + half;
            int j = (int) Math.floor((y - place.offsetY()) / spacing) + half;
            if (i < 0 || j < 0 || i >= side || j >= side) {
                continue;
            }
            int k = i * side + j;
            if (!open[k]) {
                continue;
            }
            int b = best[k];
            if (b < 0 || priority[t] < priority[b] || priority[t] == priority[b] && tieKey[t] < tieKey[b]) {
                best[k] = t;
            }
        }
        List<Assignment> out = new ArrayList<>();
        for (int k = 0; k < cells; k++) {
            if (best[k] >= 0) {
                out.add(new Assignment(best[k], spid[k], fiber[k]));
            }
        }
        out.sort((a, b) -> a.spid() != b.spid() ? Integer.compare(a.spid(), b.spid()) : Integer.compare(a.fiberid(), b.fiberid()));
        return out;
    }

    /** The number of fibres (cells inside the field). */
    static int fibreCount(double radiusDeg, double spacing, Placement place) {
        int half = (int) Math.ceil(radiusDeg / spacing) + 1;
        int side = 2 * half;
        boolean[] exists = new boolean[side * side];
        numberFibres(half, spacing, radiusDeg, place, exists, new int[side * side], new int[side * side]);
        int n = 0;
        for (boolean e : exists) {
            n += e ? 1 : 0;
        }
        return n;
    }

    /** Marks the cells inside the field and gives each its spectrograph and fibre number. */
    private static void numberFibres(int half, double spacing, double radiusDeg, Placement place, boolean[] exists, int[] spid,
                                     int[] fiber) {
        int side = 2 * half;
        List<long[]> bySector = new ArrayList<>(); // {sector, r^2 bits, cell}
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                double cx = place.offsetX() + (i - half + 0.5) * spacing;
                double cy = place.offsetY() + (j - half + 0.5) * spacing;
                double r2 = cx * cx + cy * cy;
                if (r2 > radiusDeg * radiusDeg) {
                    continue;
                }
                int k = i * side + j;
                exists[k] = true;
                double angle = Math.atan2(cy, cx) + Math.PI;
                int sector = Math.min(SPECTROGRAPHS - 1, (int) (SPECTROGRAPHS * angle / (2 * Math.PI)));
                spid[k] = sector + 1;
                bySector.add(new long[] {sector, Double.doubleToLongBits(r2), k});
            }
        }
        bySector.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : a[1] != b[1] ? Double.compare(Double.longBitsToDouble(a[1]), Double.longBitsToDouble(b[1])) : Long.compare(a[2], b[2]));
        int rank = 0;
        long sector = -1;
        for (long[] e : bySector) {
            if (e[0] != sector) {
                sector = e[0];
                rank = 0;
            }
            fiber[(int) e[2]] = ++rank;
        }
    }
}
