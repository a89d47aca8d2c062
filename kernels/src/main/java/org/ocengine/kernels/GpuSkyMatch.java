package org.ocengine.kernels;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.arrow.vector.Float8Vector;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.SkyGeometry;
import org.ocengine.compute.SkyPositions;

/**
 * The host half of the GPU sky match (the device half, and the algorithm, are described in
 * {@code sky_match.cu}): plans the work for the device's memory, moves the data and assembles the
 * result. Positions are copied to the device straight from the Arrow vectors' off-heap buffers
 * (with their validity bitmaps when there are nulls), in chunks of rows.
 *
 * <p>The zone grid covers [-90, 90] with zones of twice the padded radius (fewer, taller zones
 * when B is small); the RA keys, padding and window rules are {@code ZoneIndex}'s, so the same
 * candidates pass the same predicate and the pair set equals the CPU backend's. When B's index
 * does not fit in device memory, B is cut into declination bands ({@link SkyBandPlan}) from a zone
 * histogram, and A is searched against each band in turn; A itself is processed in chunks, and
 * pairs are copied back in runs of rows that fit the space left.
 *
 * <p>Errors: a declination outside [-90, 90] is an {@link IllegalArgumentException} with the CPU
 * backend's message (B checked first; A only when B has positions, as there); a lack of device
 * memory or a failed kernel is a {@link DeviceFailure}. Device memory is freed on every path.
 * Not thread-safe.
 */
final class GpuSkyMatch {

    /** Most rows per upload of B or A positions (a multiple of 8, so validity bitmaps split on bytes). */
    static final int MAX_CHUNK_ROWS = 1 << 24;
    /** B rows per device thread when compacting a band. */
    static final int BAND_TILE = 256;
    /** Device bytes per B row of a band while it is built: keys, slots, vectors, rows, their sorted copies. */
    static final long BAND_BYTES_PER_ROW = 8 + 4 + 24 + 4 + 8 + 4 + 24 + 4 + 4 + 2;
    /** Device bytes per A row of a chunk: positions, validity, counts, scan sums. */
    private static final long A_BYTES_PER_ROW = 16 + 1 + 4 + 1;
    /** Device bytes per B row of an upload chunk: positions, validity, tile counts. */
    private static final long UPLOAD_BYTES_PER_ROW = 16 + 1 + 1;
    /** Device bytes per pair copied back: B row and squared chord. */
    private static final long PAIR_BYTES = 12;
    /** Zones at most (the grid is coarser for small catalogues). */
    private static final long MAX_ZONES = 1 << 22;
    private static final long NO_BAD_ROW = -1L;

    private final Kernels kernels;
    private final KernelDevice device;

    GpuSkyMatch(Kernels kernels) {
        this.kernels = kernels;
        this.device = kernels.device();
    }

    /** The match radius and zone grid of one call. */
    record Geometry(double searchDeg, double sinSearch, double limit2, double zoneHeight, long zones) {

        static Geometry of(double radiusArcsec, long bRows) {
            double searchDeg = radiusArcsec / 3600.0 * (1 + 1e-9) + 1e-8; // ZoneIndex's padded radius
            double sinSearch = Math.sin(Math.toRadians(Math.min(searchDeg, 90.0)));
            long zonesCap = Math.max(1024, Math.min(MAX_ZONES, bRows));
            double height = Math.max(2 * searchDeg, 180.0 / zonesCap);
            long zones = (long) Math.floor(180.0 / height) + 1;
            return new Geometry(searchDeg, sinSearch, SkyGeometry.chordSquaredLimit(radiusArcsec), height, zones);
        }

        Kernels.SkySearch search() {
            return new Kernels.SkySearch(searchDeg, sinSearch, limit2);
        }
    }

    MatchPairs match(SkyPositions a, SkyPositions b, double radiusArcsec) {
        SkyGeometry.checkRadius(radiusArcsec);
        Geometry geometry = Geometry.of(radiusArcsec, b.size());
        long available = device.availableBytes();
        int uploadRows = chunkRows(b.size(), available / 8 / UPLOAD_BYTES_PER_ROW);
        int aRows = chunkRows(a.size(), available / 8 / A_BYTES_PER_ROW);
        long transientBytes = Math.max(UPLOAD_BYTES_PER_ROW * uploadRows, A_BYTES_PER_ROW * aRows) + 4 * (geometry.zones() + 1)
                + DeviceRadixSort.scratchBytes(b.size()) + (1 << 16);
        long capacityRows = (available - transientBytes - available / 8) / BAND_BYTES_PER_ROW;
        if (capacityRows < 1) {
            throw new DeviceFailure("too little device memory for the sky match (" + available + " bytes available)", true);
        }
        PairAssembly pairs = new PairAssembly(a.size());
        try (DeviceBuffer firstBad = device.allocate(8)) {
            device.fill32(firstBad, 2, -1);
            List<SkyBandPlan.Band> bands;
            if (b.size() <= capacityRows) {
                bands = List.of(new SkyBandPlan.Band(0, geometry.zones() - 1, b.size()));
            } else {
                bands = SkyBandPlan.of(zoneHistogram(b, geometry, uploadRows, firstBad), capacityRows).bands();
                checkBad(firstBad, b, "B");
            }
            boolean checkedA = false;
            for (SkyBandPlan.Band band : bands) {
                try (BandIndex index = buildBand(b, geometry, band, uploadRows, firstBad)) {
                    if (bands.size() == 1) {
                        checkBad(firstBad, b, "B");
                    }
                    if (index == null) {
                        continue; // no B row has a position: nothing matches, and A goes unchecked, as on the CPU
                    }
                    searchBand(a, index, geometry, aRows, firstBad, pairs, !checkedA);
                    checkedA = true;
                }
            }
        }
        return pairs.build();
    }

    /** Rows per chunk: all of them when they fit, else at most the limit, a multiple of 8, at least 8. */
    private static int chunkRows(int rows, long limit) {
        long cap = Math.max(8, Math.min(MAX_CHUNK_ROWS, limit) & ~7L);
        return (int) Math.min(cap, Math.max(8, (rows + 7L) & ~7L));
    }

    private void checkBad(DeviceBuffer firstBad, SkyPositions side, String name) {
        long[] bad = new long[1];
        device.download(firstBad, 0, bad);
        if (bad[0] != NO_BAD_ROW) {
            int row = (int) bad[0];
            throw new IllegalArgumentException(name + " row " + row + ": declination " + side.dec().get(row) + " outside [-90, 90]");
        }
    }

    /** A chunk of positions on the device, uploaded straight from the Arrow buffers. */
    private final class PositionChunk implements AutoCloseable {
        final DeviceBuffer ra;
        final DeviceBuffer dec;
        final DeviceBuffer raValid;
        final DeviceBuffer decValid;
        final Kernels.SkyChunk chunk;

        PositionChunk(SkyPositions p, int from, int rows) {
            DeviceBuffer[] held = new DeviceBuffer[4];
            try {
                held[0] = device.allocate(8L * rows);
                held[1] = device.allocate(8L * rows);
                held[2] = upload(p.ra(), from, rows, held[0]);
                held[3] = upload(p.dec(), from, rows, held[1]);
            } catch (RuntimeException | Error e) {
                closeAll(held);
                throw e;
            }
            ra = held[0];
            dec = held[1];
            raValid = held[2];
            decValid = held[3];
            chunk = new Kernels.SkyChunk(ra, dec, raValid, decValid, rows, from);
        }

        /** Uploads the values; returns the validity bitmap on the device, or null when there are no nulls. */
        private DeviceBuffer upload(Float8Vector v, int from, int rows, DeviceBuffer values) {
            ByteBuffer data = v.getDataBuffer().nioBuffer((long) from * Float8Vector.TYPE_WIDTH, rows * Float8Vector.TYPE_WIDTH);
            device.upload(data, values, 0);
            if (v.getNullCount() == 0) {
                return null;
            }
            int bytes = (rows + 7) / 8;
            DeviceBuffer valid = device.allocate(bytes);
            try {
                device.upload(v.getValidityBuffer().nioBuffer(from / 8, bytes), valid, 0);
            } catch (RuntimeException | Error e) {
                valid.close();
                throw e;
            }
            return valid;
        }

        @Override
        public void close() {
            closeAll(ra, dec, raValid, decValid);
        }
    }

    /** Rows with a position per zone (checking B's declinations on the way). */
    private long[] zoneHistogram(SkyPositions b, Geometry g, int uploadRows, DeviceBuffer firstBad) {
        long zones = g.zones();
        try (DeviceBuffer counts = device.allocate(4 * zones)) {
            device.fill32(counts, zones, 0);
            Kernels.SkyGrid grid = new Kernels.SkyGrid(g.zoneHeight(), zones, 0, zones - 1);
            for (int from = 0; from < b.size(); from += uploadRows) {
                int rows = Math.min(uploadRows, b.size() - from);
                try (PositionChunk chunk = new PositionChunk(b, from, rows)) {
                    kernels.skyZoneHistogram(chunk.chunk, grid, firstBad, counts);
                }
            }
            int[] raw = new int[(int) zones];
            device.download(counts, 0, raw);
            long[] out = new long[raw.length];
            for (int z = 0; z < raw.length; z++) {
                out[z] = Integer.toUnsignedLong(raw[z]);
            }
            return out;
        }
    }

    /** One band of B on the device, in (zone, RA) order: what the search reads. */
    private static final class BandIndex implements AutoCloseable {
        final DeviceBuffer xyz;
        final DeviceBuffer raKey;
        final DeviceBuffer bRows;
        final DeviceBuffer zoneStart;
        final Kernels.SkyBand band;

        BandIndex(DeviceBuffer xyz, DeviceBuffer raKey, DeviceBuffer bRows, DeviceBuffer zoneStart, Kernels.SkyGrid grid) {
            this.xyz = xyz;
            this.raKey = raKey;
            this.bRows = bRows;
            this.zoneStart = zoneStart;
            this.band = new Kernels.SkyBand(xyz, raKey, bRows, zoneStart, grid);
        }

        @Override
        public void close() {
            closeAll(xyz, raKey, bRows, zoneStart);
        }
    }

    /**
     * Compacts the band's B rows from every upload chunk, sorts them by (zone, RA key) and lays them
     * out; null when the band has no rows with a position.
     */
    private BandIndex buildBand(SkyPositions b, Geometry g, SkyBandPlan.Band plan, int uploadRows, DeviceBuffer firstBad) {
        Kernels.SkyGrid grid = new Kernels.SkyGrid(g.zoneHeight(), g.zones(), plan.zoneLo(), plan.zoneHi());
        long capacity = Math.max(1, plan.rows());
        long bandZones = plan.zoneHi() - plan.zoneLo() + 1;
        DeviceBuffer zoneStart = device.allocate(4 * (bandZones + 1));
        try (DeviceBuffer keys = device.allocate(8 * capacity);
             DeviceBuffer slots = device.allocate(4 * capacity);
             DeviceBuffer xyzIn = device.allocate(24 * capacity);
             DeviceBuffer rowsIn = device.allocate(4 * capacity)) {
            long fill = 0;
            for (int from = 0; from < b.size(); from += uploadRows) {
                int rows = Math.min(uploadRows, b.size() - from);
                long tiles = (rows + BAND_TILE - 1) / BAND_TILE;
                try (PositionChunk chunk = new PositionChunk(b, from, rows);
                     DeviceBuffer tileCounts = device.allocate(4 * tiles)) {
                    kernels.skyBandCount(tiles, chunk.chunk, grid, BAND_TILE, firstBad, tileCounts);
                    int[] counts = new int[(int) tiles];
                    device.download(tileCounts, 0, counts);
                    long start = fill;
                    for (int t = 0; t < counts.length; t++) {
                        int c = counts[t];
                        counts[t] = (int) fill;
                        fill += Integer.toUnsignedLong(c);
                    }
                    if (fill > capacity) {
                        throw new IllegalStateException("band holds " + fill + " rows, planned for " + capacity);
                    }
                    if (fill > start) {
                        device.upload(counts, tileCounts, 0);
                        kernels.skyBandScatter(tiles, chunk.chunk, grid, BAND_TILE, tileCounts, keys, slots, xyzIn, rowsIn);
                    }
                }
            }
            if (fill == 0) {
                zoneStart.close();
                return null;
            }
            int bits = 31 + (64 - Long.numberOfLeadingZeros(Math.max(1, bandZones - 1)));
            DeviceBuffer xyz = null;
            DeviceBuffer raKey = null;
            DeviceBuffer bRows = null;
            try (DeviceBuffer keysAlt = device.allocate(8 * fill); DeviceBuffer slotsAlt = device.allocate(4 * fill)) {
                boolean inAlt = DeviceRadixSort.sort(kernels, keys, slots, keysAlt, slotsAlt, fill, bits);
                xyz = device.allocate(24 * fill);
                raKey = device.allocate(4 * fill);
                bRows = device.allocate(4 * fill);
                kernels.skyGather(fill, inAlt ? keysAlt : keys, inAlt ? slotsAlt : slots, xyzIn, rowsIn, xyz, bRows, raKey, zoneStart,
                        bandZones);
                return new BandIndex(xyz, raKey, bRows, zoneStart, grid);
            } catch (RuntimeException | Error e) {
                closeAll(xyz, raKey, bRows);
                throw e;
            }
        } catch (RuntimeException | Error e) {
            zoneStart.close();
            throw e;
        }
    }

    private static void closeAll(DeviceBuffer... buffers) {
        for (DeviceBuffer b : buffers) {
            if (b != null) {
                b.close();
            }
        }
    }

    /** Searches every A chunk against one band and hands the pairs to the assembly. */
    private void searchBand(SkyPositions a, BandIndex index, Geometry g, int aRows, DeviceBuffer firstBad, PairAssembly pairs,
                            boolean checkA) {
        for (int from = 0; from < a.size(); from += aRows) {
            int rows = Math.min(aRows, a.size() - from);
            try (PositionChunk chunk = new PositionChunk(a, from, rows);
                 DeviceBuffer offsets = device.allocate(4L * rows)) {
                kernels.skyCount(chunk.chunk, index.band, g.search(), firstBad, offsets);
                if (checkA) {
                    checkBad(firstBad, a, "A");
                }
                int[] counts = new int[rows];
                device.download(offsets, 0, counts);
                long total = DeviceScan.exclusiveInPlace(kernels, offsets, rows);
                if (total > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("sky match found " + total + " pairs, more than one array can hold");
                }
                int[] bRows = new int[(int) total];
                double[] chord2 = new double[(int) total];
                if (total > 0) {
                    copyPairs(chunk, index, g, counts, offsets, bRows, chord2);
                }
                pairs.add(from, counts, bRows, chord2);
            }
        }
    }

    /** Writes and copies back the pairs of a chunk in runs of rows that fit the device memory left. */
    private void copyPairs(PositionChunk chunk, BandIndex index, Geometry g, int[] counts, DeviceBuffer offsets, int[] bRows,
                           double[] chord2) {
        long capacity = Math.min(bRows.length, (device.availableBytes() - (1 << 16)) / PAIR_BYTES);
        int largest = 0;
        for (int c : counts) {
            largest = Math.max(largest, c);
        }
        if (capacity < largest) {
            throw new DeviceFailure("too little device memory to copy back " + largest + " pairs of one A row", true);
        }
        try (DeviceBuffer pairB = device.allocate(4 * capacity); DeviceBuffer pairChord2 = device.allocate(8 * capacity)) {
            int row = 0;
            int done = 0;
            while (row < counts.length) {
                int first = row;
                long run = 0;
                while (row < counts.length && run + counts[row] <= capacity) {
                    run += counts[row++];
                }
                if (run > 0) {
                    kernels.skyWrite(row - first, chunk.chunk, first, index.band, g.search(), offsets, done, pairB, pairChord2);
                    copyBack(pairB, pairChord2, bRows, chord2, done, (int) run);
                    done += (int) run;
                }
            }
        }
    }

    private void copyBack(DeviceBuffer pairB, DeviceBuffer pairChord2, int[] bRows, double[] chord2, int at, int run) {
        if (at == 0 && run == bRows.length) {
            device.download(pairB, 0, bRows);
            device.download(pairChord2, 0, chord2);
            return;
        }
        int[] b = new int[run];
        double[] c = new double[run];
        device.download(pairB, 0, b);
        device.download(pairChord2, 0, c);
        System.arraycopy(b, 0, bRows, at, run);
        System.arraycopy(c, 0, chord2, at, run);
    }
}
