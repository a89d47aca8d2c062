package org.ocengine.datasets.mock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where the survey looks and when: the fields on the sky, their plates and exposure times, and which
 * clusters each field holds.
 *
 * <p>Fields are cells of a grid of non-overlapping circles along the Galactic plane (rows every
 * 2 R + 0.2 deg in latitude, within |b| &lt;= 30 deg or wider when the survey needs more cells).
 * Open-cluster fields are drawn without replacement with weight
 * (0.15 + exp(-(dl / 40 deg)^2 / 2)) exp(-|b| / 5 deg), dl the longitude distance from the anticentre,
 * so most lie at 130 &lt; l &lt; 240 deg near the plane as the LAMOST-MRS-O fields do; time-domain fields
 * are drawn from the remaining cells with weight exp(-|b| / 20 deg). (Weighted sampling without
 * replacement: the cells with the largest ln(u) / w.)
 *
 * <p>An open-cluster field has {@code ocVisits} plates on nights spread over five observing seasons
 * from MJD 58362 (2018 September 1), each one co-added spectrum per star. A time-domain field has one
 * plate observed in {@code tdEpochsMin} to {@code tdEpochsMax} single exposures, up to six per night
 * 20 minutes apart. Immutable and thread-safe.
 */
public final class SurveyLayout {

    /** First night of the survey, MJD (2018-09-01). */
    public static final double START_MJD = 58362.0;
    /** Span of the survey, days (five seasons). */
    public static final double SPAN_DAYS = 1826.0;
    /** Gap between neighbouring fields, deg. */
    public static final double FIELD_GAP_DEG = 0.2;

    private static final int Q_SELECT_OC = 0;
    private static final int Q_SELECT_TD = 1;
    private static final int Q_TIMES = 2;
    private static final double EXPOSURES_PER_NIGHT = 6;
    private static final double EXPOSURE_STEP_DAYS = 20.0 / 1440.0;

    /** What a field is observed for. */
    public enum Kind {
        /** Open-cluster survey: several plate visits with new fibre positions. */
        OPEN_CLUSTER,
        /** Time-domain survey: one plate, the same fibres in every exposure. */
        TIME_DOMAIN
    }

    /**
     * One field.
     *
     * @param index        field number (open-cluster fields first)
     * @param kind         survey kind
     * @param l            Galactic longitude of the centre, deg
     * @param b            Galactic latitude of the centre, deg
     * @param ra           ICRS right ascension of the centre, deg
     * @param dec          ICRS declination of the centre, deg
     * @param firstCluster global index of the field's first cluster
     * @param clusterCount number of clusters in the field
     * @param exposureMjd  mid-exposure MJD of each exposure (open-cluster: one per visit), ascending
     */
    public record Field(int index, Kind kind, double l, double b, double ra, double dec, int firstCluster, int clusterCount,
                        double[] exposureMjd) {

        /** Number of exposures (visits of an open-cluster field). */
        public int exposures() {
            return exposureMjd.length;
        }

        /** True when each exposure is a co-add of three (open-cluster visits). */
        public boolean coadded() {
            return kind == Kind.OPEN_CLUSTER;
        }

        /** The plate (LAMOST planid) of an exposure. */
        public String plateId(int exposure) {
            return kind == Kind.OPEN_CLUSTER
                    ? String.format(Locale.ROOT, "OC%03dV%d", index, exposure + 1)
                    : String.format(Locale.ROOT, "TD%03d", index);
        }
    }

    private final List<Field> fields;

    private SurveyLayout(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<Field> fields() {
        return fields;
    }

    /** The layout of a preset; a pure function of the preset and the seed. */
    public static SurveyLayout plan(MockPreset preset, MockRandom rng) {
        double step = 2 * preset.fieldRadiusDeg() + FIELD_GAP_DEG;
        List<double[]> cells = grid(step, preset.fieldCount());
        int n = cells.size();
        MockRandom.Stream s = rng.stream();
        double[] ocKey = new double[n];
        double[] tdKey = new double[n];
        for (int c = 0; c < n; c++) {
            double l = cells.get(c)[0];
            double b = cells.get(c)[1];
            double dl = Math.abs(l - 180);
            double wOc = (0.15 + Math.exp(-0.5 * Math.pow(dl / 40, 2))) * Math.exp(-Math.abs(b) / 5);
            double wTd = Math.exp(-Math.abs(b) / 20);
            ocKey[c] = Math.log(s.at(MockRandom.Domain.LAYOUT, Q_SELECT_OC, c, 0).uniform()) / wOc;
            tdKey[c] = Math.log(s.at(MockRandom.Domain.LAYOUT, Q_SELECT_TD, c, 0).uniform()) / wTd;
        }
        boolean[] taken = new boolean[n];
        int[] oc = top(ocKey, taken, preset.ocFields());
        int[] td = top(tdKey, taken, preset.tdFields());
        List<Field> fields = new ArrayList<>();
        int cluster = 0;
        double[] radec = new double[2];
        for (int k = 0; k < oc.length + td.length; k++) {
            boolean isOc = k < oc.length;
            double[] cell = cells.get(isOc ? oc[k] : td[k - oc.length]);
            GalacticFrame.galacticToIcrs(cell[0], cell[1], radec);
            int clusters = isOc ? preset.clustersPerOcField() : preset.clustersPerTdField();
            double[] mjd = isOc ? visitTimes(k, preset.ocVisits(), s) : exposureTimes(k, preset, s);
            fields.add(new Field(k, isOc ? Kind.OPEN_CLUSTER : Kind.TIME_DOMAIN, cell[0], cell[1], radec[0], radec[1], cluster,
                    clusters, mjd));
            cluster += clusters;
        }
        return new SurveyLayout(fields);
    }

    /** Grid cell centres (l, b), rows ordered by |b| then sign, cells by l; enough for {@code needed} fields. */
    private static List<double[]> grid(double step, int needed) {
        List<double[]> cells = new ArrayList<>();
        double bMax = 30;
        while (true) {
            cells.clear();
            for (int row = 0; (row + 0.5) * step <= bMax && (row + 0.5) * step < 90 - step; row++) {
                for (int sign : new int[] {1, -1}) {
                    double b = sign * (row + 0.5) * step;
                    int nl = (int) Math.floor(360 * Math.cos(Math.toRadians(Math.abs(b))) / step);
                    for (int i = 0; i < nl; i++) {
                        cells.add(new double[] {(i + 0.5) * 360.0 / nl, b});
                    }
                }
            }
            if (cells.size() >= 2 * needed || bMax >= 85) {
                break;
            }
            bMax += 10;
        }
        if (cells.size() < needed) {
            throw new IllegalArgumentException(needed + " fields of radius " + (step - FIELD_GAP_DEG) / 2
                    + " deg do not fit on the sky without overlapping");
        }
        return cells;
    }

    /** Indices of the {@code count} largest keys among cells not yet taken, largest first; marks them taken. */
    private static int[] top(double[] key, boolean[] taken, int count) {
        Integer[] order = new Integer[key.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> key[a] != key[b] ? Double.compare(key[b], key[a]) : Integer.compare(a, b));
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < order.length && k < count; i++) {
            if (!taken[order[i]]) {
                taken[order[i]] = true;
                out[k++] = order[i];
            }
        }
        return out;
    }

    private static double[] visitTimes(int field, int visits, MockRandom.Stream s) {
        s.at(MockRandom.Domain.FIELD, Q_TIMES, field, 0);
        double[] mjd = new double[visits];
        for (int v = 0; v < visits; v++) {
            double night = Math.floor(s.uniform() * SPAN_DAYS);
            mjd[v] = START_MJD + night + 0.55 + 0.1 * s.uniform();
        }
        Arrays.sort(mjd);
        return mjd;
    }

    private static double[] exposureTimes(int field, MockPreset p, MockRandom.Stream s) {
        s.at(MockRandom.Domain.FIELD, Q_TIMES, field, 0);
        int epochs = p.tdEpochsMin() + s.below(p.tdEpochsMax() - p.tdEpochsMin() + 1);
        int nights = (int) Math.ceil(epochs / EXPOSURES_PER_NIGHT);
        double[] night = new double[nights];
        for (int k = 0; k < nights; k++) {
            night[k] = Math.floor(s.uniform() * SPAN_DAYS);
        }
        Arrays.sort(night);
        double[] mjd = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            int k = (int) (e / EXPOSURES_PER_NIGHT);
            int within = e - (int) (k * EXPOSURES_PER_NIGHT);
            mjd[e] = START_MJD + night[k] + 0.5 + within * EXPOSURE_STEP_DAYS;
        }
        Arrays.sort(mjd);
        return mjd;
    }
}
