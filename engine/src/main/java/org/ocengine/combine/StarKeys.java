package org.ocengine.combine;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.SkyPositions;
import org.ocengine.random.Fnv1a;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/**
 * Decides which spectra belong to the same star (SPEC.md 1: "star id (uid or gp_id; else derived
 * from position)"). Per row, in order: the Gaia {@code source_id}; else a 64-bit FNV-1a hash of the
 * survey's {@code star_id}; else the row's position group, made by linking spectra closer than
 * a radius (friends of friends through the backend's sky match) and numbered from -1 downwards so it
 * cannot meet a Gaia id. Stateless.
 */
public final class StarKeys {

    /** Default linking radius for spectra without any identifier, arcsec (fibre positions jitter by a few tenths). */
    public static final double DEFAULT_LINK_RADIUS_ARCSEC = 1.0;

    private StarKeys() {
    }

    /**
     * The star key of every row.
     *
     * @param spectra          canonical spectra
     * @param backend          for the position groups (only used when some row has no identifier)
     * @param linkRadiusArcsec linking radius of the position groups
     */
    public static long[] assign(Table spectra, ComputeBackend backend, double linkRadiusArcsec, BufferAllocator allocator) {
        int n = spectra.rowCount();
        long[] key = new long[n];
        long[] sourceId = spectra.has(Columns.SOURCE_ID.name()) ? spectra.longs(Columns.SOURCE_ID.name()) : null;
        String[] starId = spectra.has(Columns.STAR_ID.name()) ? spectra.strings(Columns.STAR_ID.name()) : null;
        boolean anyUnnamed = false;
        boolean[] unnamed = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (sourceId != null && sourceId[i] != Table.NULL_LONG) {
                key[i] = sourceId[i];
            } else if (starId != null && starId[i] != null && !starId[i].isBlank()) {
                key[i] = Fnv1a.hash64(starId[i].strip());
            } else {
                unnamed[i] = true;
                anyUnnamed = true;
            }
        }
        if (anyUnnamed) {
            positionGroups(spectra, unnamed, key, backend, linkRadiusArcsec, allocator);
        }
        return key;
    }

    private static void positionGroups(Table spectra, boolean[] unnamed, long[] key, ComputeBackend backend,
                                       double radius, BufferAllocator allocator) {
        int n = spectra.rowCount();
        double[] ra = spectra.doubles(Columns.RA.name());
        double[] dec = spectra.doubles(Columns.DEC.name());
        int m = 0;
        int[] rowOf = new int[n];
        for (int i = 0; i < n; i++) {
            if (unnamed[i]) {
                rowOf[m++] = i;
            }
        }
        int[] parent = new int[m];
        for (int k = 0; k < m; k++) {
            parent[k] = k;
        }
        try (Float8Vector r = new Float8Vector("ra", allocator); Float8Vector d = new Float8Vector("dec", allocator)) {
            r.allocateNew(m);
            d.allocateNew(m);
            for (int k = 0; k < m; k++) {
                int i = rowOf[k];
                if (Double.isNaN(ra[i]) || Double.isNaN(dec[i])) {
                    r.setNull(k);
                    d.setNull(k);
                } else {
                    r.set(k, ra[i]);
                    d.set(k, dec[i]);
                }
            }
            r.setValueCount(m);
            d.setValueCount(m);
            SkyPositions pos = new SkyPositions(r, d);
            MatchPairs pairs = backend.skyMatch(pos, pos, radius);
            for (int p = 0; p < pairs.size(); p++) {
                union(parent, pairs.a(p), pairs.b(p));
            }
        }
        // number the groups by their first row, from -1 downwards
        int[] groupNumber = new int[m];
        java.util.Arrays.fill(groupNumber, -1);
        int next = 0;
        for (int k = 0; k < m; k++) {
            int root = find(parent, k);
            if (groupNumber[root] < 0) {
                groupNumber[root] = next++;
            }
            key[rowOf[k]] = -1L - groupNumber[root];
        }
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
