package org.ocengine.datasets.mock;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ocengine.galaxy.GalacticFrames;

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
 * from MJD 58362 (2018 September 1), each one co-added spectrum per star.
 *
 * <p>A time-domain field has one plate observed in {@code tdEpochsMin} to {@code tdEpochsMax} single
 * exposures with the LAMOST-MRS time-domain cadence (Zong et al. 2020, LK-MRS: about 60 exposures per
 * plate over five years; 3 or more exposures per visit, at most eight; bright nights only; the field
 * within two hours of the meridian; no observing in the summer maintenance). The exposures are split into
 * visits of 3 to 8 (uniform; the last visit takes what is left), so 60 exposures make about 11 visit
 * nights. Each visit is on its own night, drawn uniformly without replacement from the survey's nights
 * on which the field can be observed:
 * <ul>
 *   <li>a bright night: the 7th to the 22nd night of the lunar month (moon age 6 to 22 days at local
 *       midnight; synodic month 29.530589 d from the new moon of MJD 58370.751);</li>
 *   <li>not in June, July or August (Xinglong's monsoon season, when LAMOST is maintained);</li>
 *   <li>the field transits within 4 hours of local midnight (Xinglong, 117.58 deg E: midnight at
 *       UT 16:10), so a block of exposures within 2 hours of the meridian falls in the night; each
 *       field thus has an observing season of about four months a year, winter for the anticentre.</li>
 * </ul>
 * A visit's exposures are 23 minutes apart (20 minutes of exposure, 3 of read-out) in one block placed
 * uniformly within the part of the night where the field is within 2 hours of the meridian and the
 * sky is dark (local midnight +- 5 hours). Draws, all from the field's stream
 * {@code (FIELD, Q_TIMES, field index, sub)}: sub 0, the number of exposures and then the visit sizes in
 * order; sub 1, the nights (a partial Fisher-Yates shuffle of the candidate nights, in date order);
 * sub 2, one uniform per visit (in date order) placing its block. Immutable and thread-safe.
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
    private static final int SUB_VISITS = 0;
    private static final int SUB_NIGHTS = 1;
    private static final int SUB_BLOCKS = 2;
    /** Fewest and most exposures in one time-domain visit (Zong et al. 2020: 3+, at most eight). */
    private static final int VISIT_EXPOSURES_MIN = 3;
    private static final int VISIT_EXPOSURES_MAX = 8;
    /** Time between the mid-points of consecutive exposures of a visit: 20 min exposure + 3 min read-out. */
    private static final double EXPOSURE_STEP_DAYS = 23.0 / 1440.0;
    private static final double EXPOSURE_DAYS = 20.0 / 1440.0;
    /** Xinglong's east longitude, deg, and the UT fraction of the MJD day at its local mean midnight. */
    private static final double SITE_LONGITUDE_DEG = 117.58;
    private static final double LOCAL_MIDNIGHT_UT = 1.0 - SITE_LONGITUDE_DEG / 360.0;
    /** A new moon (2018-09-09 18:01 UT), MJD, and the synodic month, days. */
    private static final double NEW_MOON_MJD = 58370.751;
    private static final double SYNODIC_MONTH_DAYS = 29.530589;
    /** Bright nights: moon age at local midnight in [6, 22) days, the 7th to the 22nd night of the lunar month. */
    private static final double BRIGHT_AGE_MIN = 6.0;
    private static final double BRIGHT_AGE_MAX = 22.0;
    /** Observing from 2 h before to 2 h after the meridian; dark sky within 5 h of midnight; transit within 4 h of it. */
    private static final double MERIDIAN_HALF_WINDOW_DAYS = 2.0 / 24;
    private static final double DARK_HALF_NIGHT_DAYS = 5.0 / 24;
    private static final double TRANSIT_FROM_MIDNIGHT_MAX_DAYS = 4.0 / 24;
    /** Sidereal degrees per solar day. */
    private static final double SIDEREAL_DEG_PER_DAY = 360.98564736629;
    /** MJD of 1970-01-01. */
    private static final long MJD_OF_UNIX_EPOCH = 40587;

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
        // the engine's ICRS - Galactic rotation (it does not depend on the solar parameters)
        GalacticFrames frames = GalacticFrames.defaults();
        for (int k = 0; k < oc.length + td.length; k++) {
            boolean isOc = k < oc.length;
            double[] cell = cells.get(isOc ? oc[k] : td[k - oc.length]);
            frames.galacticToIcrs(cell[0], cell[1], radec);
            int clusters = isOc ? preset.clustersPerOcField() : preset.clustersPerTdField();
            double[] mjd = isOc ? visitTimes(k, preset.ocVisits(), s) : exposureTimes(k, radec[0], preset, s);
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

    /** Exposure mid-times of a time-domain plate at right ascension {@code ra} (deg): the cadence of the class comment. */
    private static double[] exposureTimes(int field, double ra, MockPreset p, MockRandom.Stream s) {
        s.at(MockRandom.Domain.FIELD, Q_TIMES, field, SUB_VISITS);
        int epochs = p.tdEpochsMin() + s.below(p.tdEpochsMax() - p.tdEpochsMin() + 1);
        List<Integer> visitSizes = new ArrayList<>();
        for (int left = epochs; left > 0; ) {
            int size = Math.min(left, VISIT_EXPOSURES_MIN + s.below(VISIT_EXPOSURES_MAX - VISIT_EXPOSURES_MIN + 1));
            visitSizes.add(size);
            left -= size;
        }
        int visits = visitSizes.size();
        List<Double> candidates = new ArrayList<>();
        for (int d = 0; d < SPAN_DAYS; d++) {
            double night = START_MJD + d;
            if (observable(night, ra)) {
                candidates.add(night);
            }
        }
        if (candidates.size() < visits) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "time-domain field %d (RA %.1f deg) has %d observable nights"
                    + " in the survey, fewer than the %d visits of its %d exposures", field, ra, candidates.size(), visits, epochs));
        }
        s.at(MockRandom.Domain.FIELD, Q_TIMES, field, SUB_NIGHTS);
        double[] nights = new double[visits];
        for (int v = 0; v < visits; v++) {
            int j = v + s.below(candidates.size() - v);
            nights[v] = candidates.get(j);
            candidates.set(j, candidates.get(v));
        }
        Arrays.sort(nights);
        s.at(MockRandom.Domain.FIELD, Q_TIMES, field, SUB_BLOCKS);
        double[] mjd = new double[epochs];
        int e = 0;
        for (int v = 0; v < visits; v++) {
            double midnight = nights[v] + LOCAL_MIDNIGHT_UT;
            double transit = midnight - hourAngleDeg(midnight, ra) / SIDEREAL_DEG_PER_DAY;
            double from = Math.max(transit - MERIDIAN_HALF_WINDOW_DAYS, midnight - DARK_HALF_NIGHT_DAYS);
            double to = Math.min(transit + MERIDIAN_HALF_WINDOW_DAYS, midnight + DARK_HALF_NIGHT_DAYS);
            int size = visitSizes.get(v);
            double block = (size - 1) * EXPOSURE_STEP_DAYS + EXPOSURE_DAYS;
            double start = from + s.uniform() * Math.max(0, to - from - block);
            for (int k = 0; k < size; k++) {
                mjd[e++] = start + EXPOSURE_DAYS / 2 + k * EXPOSURE_STEP_DAYS;
            }
        }
        return mjd;
    }

    /** True when a time-domain field at {@code ra} (deg) can be observed on the night starting on MJD day {@code night}. */
    private static boolean observable(double night, double ra) {
        double midnight = night + LOCAL_MIDNIGHT_UT;
        double moonAge = midnight - NEW_MOON_MJD - SYNODIC_MONTH_DAYS * Math.floor((midnight - NEW_MOON_MJD) / SYNODIC_MONTH_DAYS);
        if (moonAge < BRIGHT_AGE_MIN || moonAge >= BRIGHT_AGE_MAX) {
            return false;
        }
        int month = LocalDate.ofEpochDay((long) Math.floor(midnight) - MJD_OF_UNIX_EPOCH).getMonthValue();
        if (month >= 6 && month <= 8) {
            return false;
        }
        return Math.abs(hourAngleDeg(midnight, ra)) / SIDEREAL_DEG_PER_DAY <= TRANSIT_FROM_MIDNIGHT_MAX_DAYS;
    }

    /** Hour angle at Xinglong of right ascension {@code ra} at time {@code mjd} (UT), deg in [-180, 180). */
    private static double hourAngleDeg(double mjd, double ra) {
        double gmst = 280.46061837 + SIDEREAL_DEG_PER_DAY * (mjd - 51544.5);
        double ha = gmst + SITE_LONGITUDE_DEG - ra;
        return ha - 360 * Math.floor((ha + 180) / 360);
    }
}
