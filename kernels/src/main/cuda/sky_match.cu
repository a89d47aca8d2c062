/*
 * Exact all-pairs sky match on the GPU, the device half of org.ocengine.kernels.GpuSkyMatch.
 *
 * B is indexed one declination band at a time (a band: consecutive zones of a grid over [-90, 90];
 * the whole sky when B fits in device memory): its rows with a position in the band are compacted
 * (oc_sky_band_count, host scan, oc_sky_band_scatter) with their unit vectors, sorted by (zone, RA
 * key) with the radix sort of scan_sort.cu, and laid out by oc_sky_gather with each zone's first
 * index. Each A row then searches the zones within the padded radius, in each the RA window of
 * ZoneIndex (the whole zone where the window reaches a pole or wraps onto itself), and tests every
 * candidate with SkyGeometry's predicate on the squared chord: oc_sky_count counts the pairs per A
 * row, and after a scan of the counts oc_sky_write writes them (B row, squared chord) in A-row
 * order. Every B row lies in exactly one band, so a pair is found exactly once.
 */
#include "oc_args.cuh"
#include "oc_sky.cuh"

/* 1: a position with declination in [-90, 90]; 0: no position; -1: declination out of range. */
OC_HD int oc_sky_row(const double* ra, const double* dec, const unsigned char* raValid, const unsigned char* decValid,
                     oc_i64 i, double* r, double* d) {
    if (!oc_valid_bit(raValid, i) || !oc_valid_bit(decValid, i)) {
        return 0;
    }
    *r = ra[i];
    *d = dec[i];
    if (!oc_is_finite(*r) || !oc_is_finite(*d)) {
        return 0;
    }
    return (*d < -90.0 || *d > 90.0) ? -1 : 1;
}

OC_HD void oc_sky_zone_histogram_thread(oc_i64 t, OcSkyRowsArgs a) {
    double r;
    double d;
    int state = oc_sky_row(a.ra, a.dec, a.raValid, a.decValid, t, &r, &d);
    if (state < 0) {
        oc_atomic_min_u64(a.firstBad, (oc_u64) (a.rowBase + t));
    } else if (state > 0) {
        oc_atomic_inc_u32(a.zoneCounts + oc_zone(d, a.zoneHeight, a.zones));
    }
}
OC_KERNEL(oc_sky_zone_histogram, OcSkyRowsArgs)

OC_HD void oc_sky_band_count_thread(oc_i64 t, OcSkyRowsArgs a) {
    oc_i64 from = t * a.tile;
    oc_i64 to = from + a.tile < a.n ? from + a.tile : a.n;
    oc_u32 count = 0;
    for (oc_i64 i = from; i < to; i++) {
        double r;
        double d;
        int state = oc_sky_row(a.ra, a.dec, a.raValid, a.decValid, i, &r, &d);
        if (state < 0) {
            oc_atomic_min_u64(a.firstBad, (oc_u64) (a.rowBase + i));
        } else if (state > 0) {
            oc_i64 z = oc_zone(d, a.zoneHeight, a.zones);
            count += (z >= a.zoneLo && z <= a.zoneHi) ? 1u : 0u;
        }
    }
    a.tileCounts[t] = count;
}
OC_KERNEL(oc_sky_band_count, OcSkyRowsArgs)

OC_HD void oc_sky_band_scatter_thread(oc_i64 t, OcSkyRowsArgs a) {
    oc_i64 from = t * a.tile;
    oc_i64 to = from + a.tile < a.n ? from + a.tile : a.n;
    oc_u32 at = a.tileBase[t];
    for (oc_i64 i = from; i < to; i++) {
        double r;
        double d;
        if (oc_sky_row(a.ra, a.dec, a.raValid, a.decValid, i, &r, &d) <= 0) {
            continue;
        }
        oc_i64 z = oc_zone(d, a.zoneHeight, a.zones);
        if (z < a.zoneLo || z > a.zoneHi) {
            continue;
        }
        a.keys[at] = ((oc_u64) (z - a.zoneLo) << 31) | oc_ra_key(oc_normalise_ra(r));
        a.slots[at] = at;
        oc_unit_vector(r, d, a.xyz + 3 * (oc_i64) at, a.xyz + 3 * (oc_i64) at + 1, a.xyz + 3 * (oc_i64) at + 2);
        a.rows[at] = (oc_u32) (a.rowBase + i);
        at++;
    }
}
OC_KERNEL(oc_sky_band_scatter, OcSkyRowsArgs)

OC_HD void oc_sky_gather_thread(oc_i64 t, OcSkyGatherArgs a) {
    oc_u64 key = a.sortedKeys[t];
    oc_i64 slot = a.sortedSlots[t];
    a.xyzOut[3 * t] = a.xyzIn[3 * slot];
    a.xyzOut[3 * t + 1] = a.xyzIn[3 * slot + 1];
    a.xyzOut[3 * t + 2] = a.xyzIn[3 * slot + 2];
    a.rowsOut[t] = a.rowsIn[slot];
    a.raKeyOut[t] = (oc_u32) (key & 0x7fffffffull);
    oc_i64 zone = (oc_i64) (key >> 31);
    oc_i64 previous = t == 0 ? -1 : (oc_i64) (a.sortedKeys[t - 1] >> 31);
    for (oc_i64 z = previous + 1; z <= zone; z++) {
        a.zoneStart[z] = (oc_u32) t;
    }
    if (t == a.n - 1) {
        for (oc_i64 z = zone + 1; z <= a.bandZones; z++) {
            a.zoneStart[z] = (oc_u32) a.n;
        }
    }
}
OC_KERNEL(oc_sky_gather, OcSkyGatherArgs)

/* Where the pairs of one A row go: counted only, or written from index `at`. */
typedef struct {
    int write;
    oc_u32 count;
    oc_i64 at;
} OcPairSink;

OC_HD oc_i64 oc_lower_bound(const oc_u32* keys, oc_i64 from, oc_i64 to, oc_i64 key) {
    while (from < to) {
        oc_i64 m = from + ((to - from) >> 1);
        if ((oc_i64) keys[m] < key) {
            from = m + 1;
        } else {
            to = m;
        }
    }
    return from;
}

/* Tests band rows [from, to) (stopping at the first RA key above hiKey when hiKey >= 0). */
OC_HD void oc_sky_scan(const OcSkySearchArgs& a, oc_i64 from, oc_i64 to, oc_i64 hiKey,
                       double ax, double ay, double az, OcPairSink& sink) {
    for (oc_i64 k = from; k < to; k++) {
        if (hiKey >= 0 && (oc_i64) a.raKey[k] > hiKey) {
            break;
        }
        double c2 = oc_chord_squared(ax, ay, az, a.xyz[3 * k], a.xyz[3 * k + 1], a.xyz[3 * k + 2]);
        if (c2 <= a.limit2) {
            if (sink.write) {
                a.pairB[sink.at] = a.bRows[k];
                a.pairChord2[sink.at] = c2;
                sink.at++;
            }
            sink.count++;
        }
    }
}

OC_HD oc_i64 oc_key_below(double deg) {
    double k = floor(deg * OC_RA_STEPS_PER_DEG) - 1.0;
    return k > 0.0 ? (oc_i64) k : 0;
}

OC_HD oc_i64 oc_key_above(double deg) {
    return (oc_i64) floor(deg * OC_RA_STEPS_PER_DEG) + 1;
}

/* The RA key range [loKey, hiKey] of zone rows [from, to). */
OC_HD void oc_sky_keys(const OcSkySearchArgs& a, oc_i64 from, oc_i64 to, oc_i64 loKey, oc_i64 hiKey,
                       double ax, double ay, double az, OcPairSink& sink) {
    oc_sky_scan(a, oc_lower_bound(a.raKey, from, to, loKey), to, hiKey, ax, ay, az, sink);
}

OC_HD void oc_sky_search_row(const OcSkySearchArgs& a, oc_i64 i, OcPairSink& sink) {
    double ra;
    double dec;
    int state = oc_sky_row(a.ra, a.dec, a.raValid, a.decValid, i, &ra, &dec);
    if (state < 0) {
        oc_atomic_min_u64(a.firstBad, (oc_u64) (a.rowBase + i));
    }
    if (state <= 0) {
        return;
    }
    double ax;
    double ay;
    double az;
    oc_unit_vector(ra, dec, &ax, &ay, &az);
    double raN = oc_normalise_ra(ra);
    oc_i64 z0 = oc_zone(dec - a.searchDeg, a.zoneHeight, a.zones);
    oc_i64 z1 = oc_zone(dec + a.searchDeg, a.zoneHeight, a.zones);
    z0 = z0 > a.zoneLo ? z0 : a.zoneLo;
    z1 = z1 < a.zoneHi ? z1 : a.zoneHi;
    double halfWidth = 1.0e300;
    if (fabs(dec) + a.searchDeg < 90.0) {
        double cosDec = sqrt(ax * ax + ay * ay);
        double gap = cosDec - a.sinSearch;
        if (gap > 1e-7) {
            /* asin(s / c) <= tan(asin(s / c)) = s / sqrt((c - s)(c + s)), widened as ZoneIndex does */
            halfWidth = a.sinSearch / sqrt(gap * (cosDec + a.sinSearch)) * 57.29577951308232 * (1 + 1e-6) + 1e-8;
        }
    }
    for (oc_i64 z = z0; z <= z1; z++) {
        oc_i64 from = a.zoneStart[z - a.zoneLo];
        oc_i64 to = a.zoneStart[z - a.zoneLo + 1];
        if (from == to) {
            continue;
        }
        if (halfWidth >= 180.0) {
            oc_sky_scan(a, from, to, -1, ax, ay, az, sink);
            continue;
        }
        double lo = raN - halfWidth;
        double hi = raN + halfWidth;
        if (lo < 0.0) {
            oc_i64 firstHi = oc_key_above(hi);
            oc_i64 secondLo = oc_key_below(lo + 360.0);
            if (secondLo <= firstHi) {
                oc_sky_scan(a, from, to, -1, ax, ay, az, sink); /* the two windows meet: the whole zone */
            } else {
                oc_sky_keys(a, from, to, 0, firstHi, ax, ay, az, sink);
                oc_sky_keys(a, from, to, secondLo, oc_key_above(360.0), ax, ay, az, sink);
            }
        } else if (hi >= 360.0) {
            oc_i64 firstLo = oc_key_below(lo);
            oc_i64 secondHi = oc_key_above(hi - 360.0);
            if (firstLo <= secondHi) {
                oc_sky_scan(a, from, to, -1, ax, ay, az, sink);
            } else {
                oc_sky_keys(a, from, to, firstLo, oc_key_above(360.0), ax, ay, az, sink);
                oc_sky_keys(a, from, to, 0, secondHi, ax, ay, az, sink);
            }
        } else {
            oc_sky_keys(a, from, to, oc_key_below(lo), oc_key_above(hi), ax, ay, az, sink);
        }
    }
}

OC_HD void oc_sky_count_thread(oc_i64 t, OcSkySearchArgs a) {
    OcPairSink sink;
    sink.write = 0;
    sink.count = 0;
    sink.at = 0;
    oc_sky_search_row(a, a.rowFrom + t, sink);
    a.counts[a.rowFrom + t] = sink.count;
}
OC_KERNEL(oc_sky_count, OcSkySearchArgs)

OC_HD void oc_sky_write_thread(oc_i64 t, OcSkySearchArgs a) {
    OcPairSink sink;
    sink.write = 1;
    sink.count = 0;
    sink.at = (oc_i64) a.offsets[a.rowFrom + t] - a.offsetBase;
    oc_sky_search_row(a, a.rowFrom + t, sink);
}
OC_KERNEL(oc_sky_write, OcSkySearchArgs)
