package org.ocengine.compute;

import java.util.Arrays;
import java.util.function.DoubleToIntFunction;
import java.util.stream.IntStream;

/**
 * The B side of a zone match: B's positions sorted into declination zones (Gray, Nieto-Santisteban
 * &amp; Szalay 2006, "The Zones Algorithm for Finding Points-Near-a-Point or Cross-Matching Spatial
 * Datasets", MSR-TR-2006-52) and, within a zone, by right ascension, with each row's unit vector
 * stored beside it in that order. {@link #collect} lists the B rows within the radius of one
 * position: it visits the zones overlapping dec +- r and, in each, searches the RA window
 * +- asin(sin r / cos dec) (bounded above by its tangent; wrapped at RA 0/360; the whole zone where
 * the window reaches a pole), then tests the candidates with the one predicate of
 * {@link SkyGeometry}. Windows are computed for a slightly padded radius, so they are supersets and
 * no pair the predicate accepts is missed; which pairs match is decided by the predicate alone.
 *
 * <p>Memory: 36 bytes per B row with a position (unit vector, quantised RA, row number) and 4 bytes
 * per zone, plus about 32 bytes per row transiently while building; nothing per row as objects.
 * Zones span only B's declination range and number at most one per B row, so a tiny radius cannot
 * blow up the index.
 *
 * <p>Immutable once built; {@link #collect} may be called from many threads at once. Building runs
 * its parallel parts in the calling thread's {@link java.util.concurrent.ForkJoinPool}.
 */
final class ZoneIndex {

    /**
     * Zone height in search radii: an A row then visits at most two zones. Taller zones mean fewer
     * searches and more candidates per search; on 10^6 x 10^6 at 3.5 arcsec heights of 1 to 6 radii
     * timed within the noise of a shared machine (SkyMatchTiming), so the choice is not critical.
     */
    static final double ZONE_HEIGHT_RADII = 2.0;

    /** RA quantisation for the search keys: 2^31 steps over 360 degrees (0.6 mas per step). */
    private static final double RA_STEPS_PER_DEG = 2147483648.0 / 360.0;
    /** Padding of the search radius, degrees: far above the predicate's rounding (1e-11 arcsec). */
    private static final double PAD_DEG = 1e-8;
    /** Relative widening of RA windows, covering rounding in cos dec and sin r. */
    private static final double WINDOW_SLACK = 1e-6;
    /** Below this gap, radians, between cos dec and sin r a window is treated as reaching the pole. */
    private static final double POLE_GAP = 1e-7;

    private final double limit2;
    private final double searchDeg;
    private final double sinSearch;
    private final double decMin;
    private final double zoneHeight;
    private final int zones;
    private final int[] zoneStart;
    private final int[] raKey;
    private final int[] rows;
    private final double[] xyz;

    private ZoneIndex(double radiusArcsec, double decMin, double zoneHeight, int zones,
                      int[] zoneStart, int[] raKey, int[] rows, double[] xyz) {
        this.limit2 = SkyGeometry.chordSquaredLimit(radiusArcsec);
        this.searchDeg = searchRadiusDeg(radiusArcsec);
        this.sinSearch = Math.sin(Math.toRadians(Math.min(searchDeg, 90.0)));
        this.decMin = decMin;
        this.zoneHeight = zoneHeight;
        this.zones = zones;
        this.zoneStart = zoneStart;
        this.raKey = raKey;
        this.rows = rows;
        this.xyz = xyz;
    }

    private static double searchRadiusDeg(double radiusArcsec) {
        return radiusArcsec / 3600.0 * (1 + 1e-9) + PAD_DEG;
    }

    /**
     * Sorts B into zones for matches at the given radius. Rows without a position (NaN or infinite
     * ra or dec) are left out.
     *
     * @param ra  right ascensions of B's rows, degrees (any value; NaN for none)
     * @param dec declinations of B's rows, degrees (NaN for none)
     * @throws IllegalArgumentException if a declination lies outside [-90, 90]
     */
    static ZoneIndex build(double[] ra, double[] dec, double radiusArcsec) {
        SkyGeometry.checkRadius(radiusArcsec);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int valid = 0;
        for (int i = 0; i < ra.length; i++) {
            if (hasPosition(ra, dec, i, "B")) {
                lo = Math.min(lo, dec[i]);
                hi = Math.max(hi, dec[i]);
                valid++;
            }
        }
        if (valid == 0) {
            return new ZoneIndex(radiusArcsec, 0, 1, 0, new int[1], new int[0], new int[0], new double[0]);
        }
        double decMin = lo;
        double height = Math.max(ZONE_HEIGHT_RADII * searchRadiusDeg(radiusArcsec), (hi - lo) / valid);
        int zones = (int) Math.floor((hi - lo) / height) + 1;
        Sorted sorted = Sorted.of(ra, dec, zones, d -> (int) Math.floor((d - decMin) / height), "B");
        int count = sorted.size();
        int[] raKey = new int[count];
        int[] rows = new int[count];
        double[] xyz = new double[3 * count];
        IntStream.range(0, zones).parallel().forEach(z -> {
            for (int k = sorted.bucketStart[z]; k < sorted.bucketStart[z + 1]; k++) {
                int slot = sorted.slot(k);
                raKey[k] = sorted.raKey(k);
                rows[k] = sorted.rows[slot];
                SkyGeometry.unitVector(sorted.ra[slot], sorted.dec[slot], xyz, 3 * k);
            }
        });
        return new ZoneIndex(radiusArcsec, decMin, height, zones, sorted.bucketStart, raKey, rows, xyz);
    }

    /**
     * Rows with a position sorted by bucket (a zone), then RA (quantised), then row: a stable
     * counting sort by bucket, then a sort of each bucket by RA key. The counting sort cuts the input
     * into a fixed number of chunks (set by the sizes alone, never by the thread count), counts and
     * scatters them in parallel, each chunk reading its rows sequentially and writing behind the
     * previous chunks' rows of every bucket; buckets are then sorted in parallel. The order is
     * therefore the same for any number of threads.
     *
     * <p>The sorted order is held as keys (quantised RA in the high word, {@link #slot} in the low
     * word) pointing into row, RA and declination arrays in bucket order; reading through them
     * stays within one bucket's memory, so it needs no separate gather pass.
     *
     * @param bucketStart offsets of the buckets (length buckets + 1), in sorted positions and slots
     * @param keys        the sorted order: see {@link #slot} and {@link #raKey}
     * @param rows        input row of each slot
     * @param ra          RA of each slot as given, degrees
     * @param dec         declination of each slot, degrees
     */
    record Sorted(int[] bucketStart, long[] keys, int[] rows, double[] ra, double[] dec) {

        /** Most chunks the counting sort uses. */
        private static final int MAX_CHUNKS = 16;
        /** Bucket value of a row with no position. */
        private static final int NONE = -1;
        /** Bucket value of a row whose declination lies outside [-90, 90]. */
        private static final int BAD = -2;

        /**
         * @param bucketOfDec the bucket of a declination, in [0, buckets)
         * @param side        "A" or "B", for error messages
         * @throws IllegalArgumentException naming the first row whose declination lies outside [-90, 90]
         */
        static Sorted of(double[] ra, double[] dec, int buckets, DoubleToIntFunction bucketOfDec, String side) {
            int n = ra.length;
            // several chunks only where each has a few rows per bucket, so the counts stay small
            int chunks = (int) Math.max(1, Math.min(MAX_CHUNKS, n / (4L * buckets)));
            int chunkRows = (n + chunks - 1) / chunks;
            int[] bucket = new int[n];
            int[] counts = new int[chunks * buckets];
            IntStream.range(0, chunks).parallel().forEach(c -> {
                int to = Math.min(n, (c + 1) * chunkRows);
                for (int i = c * chunkRows; i < to; i++) {
                    double d = dec[i];
                    if (!SkyGeometry.hasPosition(ra[i], d)) {
                        bucket[i] = NONE;
                    } else if (d < -90.0 || d > 90.0) {
                        bucket[i] = BAD;
                    } else {
                        bucket[i] = bucketOfDec.applyAsInt(d);
                        counts[c * buckets + bucket[i]]++;
                    }
                }
            });
            for (int i = 0; i < n; i++) {
                if (bucket[i] == BAD) {
                    hasPosition(ra, dec, i, side);
                }
            }
            // counts become each chunk's next position in each bucket
            int[] start = new int[buckets + 1];
            int total = 0;
            for (int z = 0; z < buckets; z++) {
                start[z] = total;
                for (int c = 0; c < chunks; c++) {
                    int count = counts[c * buckets + z];
                    counts[c * buckets + z] = total;
                    total += count;
                }
            }
            start[buckets] = total;
            long[] keys = new long[total];
            int[] bucketRow = new int[total];
            double[] bucketRa = new double[total];
            double[] bucketDec = new double[total];
            IntStream.range(0, chunks).parallel().forEach(c -> {
                int to = Math.min(n, (c + 1) * chunkRows);
                for (int i = c * chunkRows; i < to; i++) {
                    if (bucket[i] >= 0) {
                        int k = counts[c * buckets + bucket[i]]++;
                        keys[k] = (long) raKeyOf(SkyGeometry.normaliseRa(ra[i])) << 32 | k;
                        bucketRow[k] = i;
                        bucketRa[k] = ra[i];
                        bucketDec[k] = dec[i];
                    }
                }
            });
            IntStream.range(0, buckets).parallel().forEach(z -> Arrays.sort(keys, start[z], start[z + 1]));
            return new Sorted(start, keys, bucketRow, bucketRa, bucketDec);
        }

        /** Number of rows sorted (those with a position). */
        int size() {
            return keys.length;
        }

        /** Where sorted position k's row, ra and dec are in {@link #rows}, {@link #ra}, {@link #dec}. */
        int slot(int k) {
            return (int) keys[k];
        }

        /** The quantised RA of sorted position k. */
        int raKey(int k) {
            return (int) (keys[k] >>> 32);
        }
    }

    /**
     * True when row i has a position (finite ra and dec).
     *
     * @throws IllegalArgumentException for a declination outside [-90, 90]
     */
    static boolean hasPosition(double[] ra, double[] dec, int i, String side) {
        double d = dec[i];
        if (!SkyGeometry.hasPosition(ra[i], d)) {
            return false;
        }
        if (d < -90.0 || d > 90.0) {
            throw new IllegalArgumentException(side + " row " + i + ": declination " + d + " outside [-90, 90]");
        }
        return true;
    }

    private static int raKeyOf(double raNormalisedDeg) {
        return (int) Math.min(Math.floor(raNormalisedDeg * RA_STEPS_PER_DEG), Integer.MAX_VALUE);
    }

    /** Number of zones (0 when B has no positions). */
    int zones() {
        return zones;
    }

    /**
     * The zone a declination falls in, clamped to [-1, zones]: -1 below the first zone, zones above
     * the last. A rows sorted by it (then by RA) visit B's memory in order.
     */
    int zoneOrEdge(double decDeg) {
        double z = Math.floor((decDeg - decMin) / zoneHeight);
        return (int) Math.max(-1, Math.min(zones, z));
    }

    /**
     * Appends to {@code scratch}'s hits every B row whose unit vector passes the match predicate with
     * the unit vector (ax, ay, az) of position (ra, dec), with its separation.
     *
     * @param raDeg  right ascension wrapped into [0, 360)
     * @param decDeg declination in [-90, 90]
     */
    void collect(double ax, double ay, double az, double raDeg, double decDeg, Scratch scratch) {
        int z0 = Math.max(0, zoneOrEdge(decDeg - searchDeg));
        int z1 = Math.min(zones - 1, zoneOrEdge(decDeg + searchDeg));
        if (z0 > z1) {
            return;
        }
        double halfWidth = Double.POSITIVE_INFINITY;
        if (Math.abs(decDeg) + searchDeg < 90.0) {
            double cosDec = Math.sqrt(ax * ax + ay * ay);
            double gap = cosDec - sinSearch;
            if (gap > POLE_GAP) {
                // asin(s / c) <= tan(asin(s / c)) = s / sqrt((c - s)(c + s))
                halfWidth = Math.toDegrees(sinSearch / Math.sqrt(gap * (cosDec + sinSearch))) * (1 + WINDOW_SLACK) + PAD_DEG;
            }
        }
        for (int z = z0; z <= z1; z++) {
            int from = zoneStart[z];
            int to = zoneStart[z + 1];
            if (from == to) {
                continue;
            }
            if (halfWidth >= 90.0) {
                // near a pole: the two wrapped windows would nearly meet, and their quantised key
                // ranges could overlap and record a pair twice; the whole (small) zone is cheaper anyway
                scan(from, to, ax, ay, az, scratch);
                continue;
            }
            double lo = raDeg - halfWidth;
            double hi = raDeg + halfWidth;
            if (lo < 0) {
                window(z, from, to, 0, hi, ax, ay, az, scratch);
                window(z, from, to, lo + 360.0, 360.0, ax, ay, az, scratch);
            } else if (hi >= 360.0) {
                window(z, from, to, lo, 360.0, ax, ay, az, scratch);
                window(z, from, to, 0, hi - 360.0, ax, ay, az, scratch);
            } else {
                window(z, from, to, lo, hi, ax, ay, az, scratch);
            }
        }
    }

    /** Tests the rows of zone z's slice [from, to) whose RA lies in [loDeg, hiDeg]. */
    private void window(int z, int from, int to, double loDeg, double hiDeg, double ax, double ay, double az, Scratch scratch) {
        int loKey = (int) Math.max(0, Math.floor(loDeg * RA_STEPS_PER_DEG) - 1);
        long hiKey = (long) Math.floor(hiDeg * RA_STEPS_PER_DEG) + 1;
        int slot = z & (Scratch.HINTS - 1);
        int hint = scratch.hintZone[slot] == z ? scratch.hintPosition[slot] : (from + to) >>> 1;
        int l = lowerBound(raKey, from, to, loKey, hint);
        scratch.hintZone[slot] = z;
        scratch.hintPosition[slot] = l;
        int end = l;
        while (end < to && raKey[end] <= hiKey) {
            end++;
        }
        scan(l, end, ax, ay, az, scratch);
    }

    /**
     * The first index in [from, to) whose key is at least {@code key} (or {@code to}), found by
     * galloping outwards from {@code hint} and then bisecting: a few probes when consecutive searches
     * land close together, as they do for A rows in (zone, RA) order.
     */
    static int lowerBound(int[] keys, int from, int to, int key, int hint) {
        int lo;
        int hi;
        if (hint < to && keys[hint] < key) {
            lo = hint + 1;
            hi = to;
            for (int step = 1; lo + step - 1 < to; step <<= 1) {
                int probe = lo + step - 1;
                if (keys[probe] >= key) {
                    hi = probe;
                    break;
                }
                lo = probe + 1;
            }
        } else {
            lo = from;
            hi = hint;
            for (int step = 1; hi - step >= from; step <<= 1) {
                int probe = hi - step;
                if (keys[probe] < key) {
                    lo = probe + 1;
                    break;
                }
                hi = probe;
            }
        }
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (keys[m] < key) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    private void scan(int from, int to, double ax, double ay, double az, Scratch scratch) {
        double[] v = xyz;
        double limit = limit2;
        for (int k = from; k < to; k++) {
            double c2 = SkyGeometry.chordSquared(ax, ay, az, v[3 * k], v[3 * k + 1], v[3 * k + 2]);
            if (c2 <= limit) {
                scratch.add(rows[k], SkyGeometry.separationArcsec(c2));
            }
        }
    }

    /**
     * One task's working memory: the hits of the current A row (B row and separation, growable) and
     * the last lower bound found in each of the recently searched zones. Single-threaded.
     */
    static final class Scratch {
        /** Remembered zones: a power of two, above the 3 zones that the A rows of one zone visit. */
        static final int HINTS = 4;

        int size;
        int[] rows = new int[16];
        double[] separations = new double[16];
        final int[] hintZone = {-1, -1, -1, -1};
        final int[] hintPosition = new int[HINTS];

        void clearHits() {
            size = 0;
        }

        void add(int row, double separationArcsec) {
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, grow(size));
                separations = Arrays.copyOf(separations, rows.length);
            }
            rows[size] = row;
            separations[size++] = separationArcsec;
        }
    }

    /** The next capacity of an array of {@code size} elements that must grow. */
    static int grow(int size) {
        if (size >= Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 16) + " pairs");
        }
        return (int) Math.min(Integer.MAX_VALUE - 16L, 2L * size + 16);
    }
}
