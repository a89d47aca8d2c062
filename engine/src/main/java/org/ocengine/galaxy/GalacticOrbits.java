package org.ocengine.galaxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.OrbitSummaries;
import org.ocengine.compute.PhaseSpace;
import org.ocengine.random.DrawKey;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import org.ocengine.table.TableBuilder;

/**
 * The kinematics and orbit stage (SPEC.md 6; Fu et al. 2022, Sec. 4.1): for every row with a position,
 * a distance (or a parallax), proper motions and a radial velocity, its Galactocentric position and
 * velocity, U, V, W relative to the LSR, v_R, v_phi, v_z, L_z, the energy, the escape speed there
 * and the high-velocity class (Qin et al. 2025: unbound above v_esc, bound above 0.7 v_esc), and its
 * orbit integrated back through the look-back time: pericentre, apocentre (spherical radius),
 * eccentricity (r_apo - r_peri) / (r_apo + r_peri), Z_max and R_GC, Z at the snapshot times. Orbits of
 * all rows go to the backend in batches.
 *
 * <p>Uncertainties come from Monte-Carlo realisations of distance, proper motions and RV, each drawn
 * from a normal distribution with its error, from the counter-based {@link DrawKey} stream keyed by
 * (seed, object key, stream, 0, draw) with streams {@value #STREAM_DISTANCE} (distance, or parallax when
 * the distance comes from it), {@value #STREAM_PMRA} (pmra), {@value #STREAM_PMDEC} (pmdec) and
 * {@value #STREAM_RV} (RV); the object key is the hash of the name the caller gives (the normalised
 * cluster name), so an object's draws do not depend on the other rows. A column {@code X_err} is the
 * standard deviation of X over the realisations; the values themselves are those of the catalogue
 * numbers. Realisations whose distance or parallax comes out non-positive are left out (the count
 * used is {@code orbit_draws}). A missing error leaves its quantity fixed (and says so in a note).
 *
 * <p>Rows that cannot be placed (no distance or parallax, parallax or distance &lt;= 0, a missing
 * position, proper motion or RV, a negative error) get one {@link Problem} each, naming the column,
 * and NaN kinematics with the reason in {@code orbit_status}: never a crash, never a silent zero.
 * Stateless; one call is single-threaded apart from the backend.
 */
public final class GalacticOrbits {

    /** Draw streams (the cluster stage uses 0 and 1). */
    public static final int STREAM_DISTANCE = 16;
    public static final int STREAM_PMRA = 17;
    public static final int STREAM_PMDEC = 18;
    public static final int STREAM_RV = 19;

    /** Orbits handed to the backend per call, which bounds the memory of large tables. */
    private static final int ORBITS_PER_BATCH = 1 << 16;

    private GalacticOrbits() {
    }

    /**
     * The columns the stage reads; any may be {@code null} (absent). Distances in pc, parallaxes in mas,
     * proper motions in mas/yr, velocities in km/s, angles in degrees.
     */
    public record Inputs(String ra, String dec, String distance, String distanceErr, String parallax, String parallaxErr,
                         String pmra, String pmraErr, String pmdec, String pmdecErr, String rv, String rvErr) {

        /** The canonical column names. */
        public static Inputs canonical() {
            return new Inputs(Columns.RA.name(), Columns.DEC.name(), Columns.DISTANCE.name(), Columns.DISTANCE_ERR.name(),
                    Columns.PARALLAX.name(), Columns.PARALLAX_ERR.name(), Columns.PMRA.name(), Columns.PMRA_ERR.name(),
                    Columns.PMDEC.name(), Columns.PMDEC_ERR.name(), Columns.RV.name(), Columns.RV_ERR.name());
        }

        /** The same with other RV columns. */
        public Inputs withRv(String rvColumn, String rvErrColumn) {
            return new Inputs(ra, dec, distance, distanceErr, parallax, parallaxErr, pmra, pmraErr, pmdec, pmdecErr, rvColumn, rvErrColumn);
        }

        /** The same with other position columns. */
        public Inputs withPosition(String raColumn, String decColumn) {
            return new Inputs(raColumn, decColumn, distance, distanceErr, parallax, parallaxErr, pmra, pmraErr, pmdec, pmdecErr, rv, rvErr);
        }

        /**
         * What the table lacks to give any row an orbit: position, proper motions, RV, and a distance or a
         * parallax column. Empty when the stage can run.
         */
        public List<String> missingIn(Table t) {
            List<String> missing = new ArrayList<>();
            for (String c : new String[] {ra, dec, pmra, pmdec, rv}) {
                if (c == null || !t.has(c)) {
                    missing.add(c == null ? "?" : c);
                }
            }
            if (!has(t, distance) && !has(t, parallax)) {
                missing.add(distance + " or " + parallax);
            }
            return missing;
        }
    }

    /**
     * A row that got no kinematics.
     *
     * @param row    0-based row of the table
     * @param object its key (name)
     * @param column the first column at fault
     * @param value  that value as text
     * @param reason why, in a few words
     */
    public record Problem(int row, String object, String column, String value, String reason) {
    }

    /** The stage's columns for every row, with the problems and notes. */
    public static final class Result {
        private final int rows;
        private final List<ColumnSpec> specs = new ArrayList<>();
        private final List<double[]> values = new ArrayList<>();
        private final int[] draws;
        private final String[] speedClass;
        private final String[] status;
        private final List<Problem> problems;
        private final List<String> notes;

        private Result(int rows, List<Problem> problems, List<String> notes) {
            this.rows = rows;
            this.draws = new int[rows];
            this.speedClass = new String[rows];
            this.status = new String[rows];
            this.problems = problems;
            this.notes = notes;
        }

        private double[] column(String name, String unit, String description) {
            double[] v = new double[rows];
            java.util.Arrays.fill(v, Double.NaN);
            specs.add(new ColumnSpec(name, ColumnType.FLOAT64, unit, description));
            values.add(v);
            return v;
        }

        /** The names of the columns {@link #addTo} adds. */
        public List<String> columnNames() {
            List<String> names = new ArrayList<>(specs.stream().map(ColumnSpec::name).toList());
            names.addAll(List.of(ORBIT_DRAWS.name(), SPEED_CLASS.name(), ORBIT_STATUS.name()));
            return names;
        }

        /** Adds the stage's columns to a table being built (same rows, same order). */
        public void addTo(TableBuilder b) {
            for (int k = 0; k < specs.size(); k++) {
                b.addDoubles(specs.get(k), values.get(k));
            }
            b.addInts(ORBIT_DRAWS, draws);
            b.addStrings(SPEED_CLASS, speedClass);
            b.addStrings(ORBIT_STATUS, status);
        }

        /** Rows without kinematics, one entry each. */
        public List<Problem> problems() {
            return problems;
        }

        /** One-line notes (errors missing, draws left out). */
        public List<String> notes() {
            return notes;
        }

        /** Rows that got kinematics and an orbit. */
        public int computed() {
            return rows - problems.size();
        }
    }

    public static final ColumnSpec ORBIT_DRAWS = new ColumnSpec("orbit_draws", ColumnType.INT32, "",
            "Monte-Carlo realisations behind the _err columns of the kinematics and orbit");
    public static final ColumnSpec SPEED_CLASS = new ColumnSpec("speed_class", ColumnType.STRING, "",
            "unbound (Galactocentric speed above v_esc), bound (above 0.7 v_esc) or normal (Qin et al. 2025)");
    public static final ColumnSpec ORBIT_STATUS = new ColumnSpec("orbit_status", ColumnType.STRING, "",
            "Why the row has no kinematics or orbit (empty when it has them)");

    /**
     * Runs the stage.
     *
     * @param table   the rows (caller keeps ownership)
     * @param in      which columns hold the inputs
     * @param keys    each row's name: the key of its random draws and the object named in messages
     * @param config  potential, solar parameters, integrator, look-back, draws, seed
     * @param backend where the orbits are integrated
     */
    public static Result run(Table table, Inputs in, String[] keys, OrbitConfig config, ComputeBackend backend) {
        int n = table.rowCount();
        List<Problem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Result result = new Result(n, problems, notes);
        double[] ra = read(table, in.ra());
        double[] dec = read(table, in.dec());
        double[] dist = read(table, in.distance());
        double[] distErr = read(table, in.distanceErr());
        double[] plx = read(table, in.parallax());
        double[] plxErr = read(table, in.parallaxErr());
        double[] pmra = read(table, in.pmra());
        double[] pmraErr = read(table, in.pmraErr());
        double[] pmdec = read(table, in.pmdec());
        double[] pmdecErr = read(table, in.pmdecErr());
        double[] rv = read(table, in.rv());
        double[] rvErr = read(table, in.rvErr());

        // the object each row is, and how its Monte-Carlo draws are made
        Draws[] objects = new Draws[n];
        int[] missingErrors = new int[4];
        for (int i = 0; i < n; i++) {
            Problem p = check(i, keys[i], in, ra, dec, dist, plx, pmra, pmdec, rv, distErr, plxErr, pmraErr, pmdecErr, rvErr);
            if (p != null) {
                problems.add(p);
                result.status[i] = p.column() + ": " + p.reason();
                continue;
            }
            objects[i] = Draws.of(i, keys[i], dist, distErr, plx, plxErr, pmra[i], pmraErr, pmdec[i], pmdecErr, rv[i], rvErr, missingErrors);
        }
        if (config.draws() > 0) {
            String[] what = {"distance", "pmra", "pmdec", "RV"};
            for (int k = 0; k < 4; k++) {
                if (missingErrors[k] > 0) {
                    notes.add(table.origin() + ": " + missingErrors[k] + " row(s) have no " + what[k]
                            + " error: the orbit Monte-Carlo keeps their " + what[k] + " fixed");
                }
            }
        }
        OutputColumns out = new OutputColumns(result, config);
        GalacticFrames frames = new GalacticFrames(config.sun());
        Potential potential = config.model().potential();
        fillKinematics(objects, ra, dec, frames, potential, out, result);
        integrate(objects, keys, ra, dec, frames, config, potential, backend, out, result, notes, table.origin());
        return result;
    }

    private static boolean has(Table t, String column) {
        return column != null && t.has(column);
    }

    private static double[] read(Table t, String column) {
        return has(t, column) ? t.doubles(column) : null;
    }

    private static double at(double[] column, int i) {
        return column == null ? Double.NaN : column[i];
    }

    /** The first reason the row cannot be placed, or null. */
    /**
     * Distance of row i in kpc by the stage's one rule: the distance column (pc) when it holds a
     * number, else 1 / parallax (mas); NaN when that number is not positive or neither is there
     * (rows {@link #check} rejects).
     */
    static double distanceKpc(double[] dist, double[] plx, int i) {
        double d = at(dist, i);
        if (Double.isFinite(d)) {
            return d > 0 ? d / 1000 : Double.NaN;
        }
        double p = at(plx, i);
        return p > 0 ? 1 / p : Double.NaN;
    }

    private static Problem check(int i, String key, Inputs in, double[] ra, double[] dec, double[] dist, double[] plx,
                                 double[] pmra, double[] pmdec, double[] rv, double[]... errors) {
        String[][] needed = {{in.ra(), "right ascension is missing"}, {in.dec(), "declination is missing"},
            {in.pmra(), "proper motion in RA is missing"}, {in.pmdec(), "proper motion in Dec is missing"},
            {in.rv(), "radial velocity is missing"}};
        double[][] neededValues = {ra, dec, pmra, pmdec, rv};
        for (int k = 0; k < needed.length; k++) {
            double v = at(neededValues[k], i);
            if (!Double.isFinite(v)) {
                return new Problem(i, key, needed[k][0], text(v), needed[k][1]);
            }
        }
        double d = at(dist, i);
        double p = at(plx, i);
        if (Double.isFinite(d)) {
            if (d <= 0) {
                return new Problem(i, key, in.distance(), text(d), "distance <= 0");
            }
        } else if (Double.isFinite(p)) {
            if (p <= 0) {
                return new Problem(i, key, in.parallax(), text(p), "parallax <= 0, no distance");
            }
        } else {
            return new Problem(i, key, dist != null || plx == null ? in.distance() : in.parallax(), text(Double.NaN),
                    "no distance or parallax");
        }
        String[] errorNames = {in.distanceErr(), in.parallaxErr(), in.pmraErr(), in.pmdecErr(), in.rvErr()};
        for (int k = 0; k < errors.length; k++) {
            double e = at(errors[k], i);
            if (e < 0) {
                return new Problem(i, key, errorNames[k], text(e), "negative uncertainty");
            }
        }
        return null;
    }

    private static String text(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** One object's catalogue values and how to draw its realisations. */
    private record Draws(long key, double distanceKpc, double distanceErrKpc, double parallax, double parallaxErr,
                         boolean fromParallax, double pmra, double pmraErr, double pmdec, double pmdecErr, double rv, double rvErr) {

        static Draws of(int i, String name, double[] dist, double[] distErr, double[] plx, double[] plxErr, double pmra,
                        double[] pmraErr, double pmdec, double[] pmdecErr, double rv, double[] rvErr, int[] missing) {
            double d = at(dist, i);
            double p = at(plx, i);
            double pe = at(plxErr, i);
            boolean fromParallax = !Double.isFinite(d);
            double dKpc = GalacticOrbits.distanceKpc(dist, plx, i);
            double dErr = at(distErr, i) / 1000;
            if (!fromParallax && !Double.isFinite(dErr) && p > 0 && Double.isFinite(pe)) {
                dErr = dKpc * pe / p;
            }
            double spread = fromParallax ? pe : dErr;
            missing[0] += Double.isFinite(spread) ? 0 : 1;
            double re = at(rvErr, i);
            double pe1 = at(pmraErr, i);
            double pe2 = at(pmdecErr, i);
            missing[1] += Double.isFinite(pe1) ? 0 : 1;
            missing[2] += Double.isFinite(pe2) ? 0 : 1;
            missing[3] += Double.isFinite(re) ? 0 : 1;
            return new Draws(DrawKey.groupKey(name), dKpc, orZero(dErr), p, orZero(pe), fromParallax, pmra, orZero(pe1),
                    pmdec, orZero(pe2), rv, orZero(re));
        }

        private static double orZero(double e) {
            return Double.isFinite(e) ? e : 0;
        }

        /**
         * Realisation j (1-based) into {d, pmra, pmdec, rv}; false when its distance is not positive.
         */
        boolean draw(DrawKey rng, long j, double[] out) {
            double d = fromParallax
                    ? 1 / (parallax + parallaxErr * rng.normal(key, STREAM_DISTANCE, 0, j))
                    : distanceKpc + distanceErrKpc * rng.normal(key, STREAM_DISTANCE, 0, j);
            out[0] = d;
            out[1] = pmra + pmraErr * rng.normal(key, STREAM_PMRA, 0, j);
            out[2] = pmdec + pmdecErr * rng.normal(key, STREAM_PMDEC, 0, j);
            out[3] = rv + rvErr * rng.normal(key, STREAM_RV, 0, j);
            return d > 0 && Double.isFinite(d);
        }
    }

    /** The output columns, by name. */
    private static final class OutputColumns {
        final double[] x;
        final double[] y;
        final double[] z;
        final double[] rGc;
        final double[] u;
        final double[] v;
        final double[] w;
        final double[] vR;
        final double[] vPhi;
        final double[] vZ;
        final double[] vGc;
        final double[] vEsc;
        final double[] lz;
        final double[] lzErr;
        final double[] energy;
        final double[] energyErr;
        final double[] rPeri;
        final double[] rPeriErr;
        final double[] rApo;
        final double[] rApoErr;
        final double[] ecc;
        final double[] eccErr;
        final double[] zMax;
        final double[] zMaxErr;
        final double[][] snapR;
        final double[][] snapRErr;
        final double[][] snapZ;
        final double[][] snapZErr;
        final double[] drift;

        OutputColumns(Result r, OrbitConfig config) {
            x = r.column("x_gc", "kpc", "Galactocentric X (astropy's frame: from the Sun's side towards the centre)");
            y = r.column("y_gc", "kpc", "Galactocentric Y (in the sense of the Sun's rotation)");
            z = r.column("z_gc", "kpc", "Galactocentric Z (towards the north Galactic pole)");
            rGc = r.column("r_gc", "kpc", "Galactocentric cylindrical radius R_GC");
            u = r.column("u_lsr", "km/s", "U relative to the LSR (towards the Galactic centre)");
            v = r.column("v_lsr", "km/s", "V relative to the LSR (in the sense of rotation)");
            w = r.column("w_lsr", "km/s", "W relative to the LSR (towards the north Galactic pole)");
            vR = r.column("v_r", "km/s", "Galactocentric radial velocity (positive outwards)");
            vPhi = r.column("v_phi", "km/s", "Galactocentric azimuthal velocity (positive in the sense of rotation)");
            vZ = r.column("v_z", "km/s", "Galactocentric vertical velocity");
            vGc = r.column("v_gc", "km/s", "Galactocentric speed");
            vEsc = r.column("v_esc", "km/s", "Escape speed sqrt(-2 Phi) at the object's position");
            lz = r.column("lz", "kpc.km/s", "Angular momentum L_z = R v_phi (positive for prograde orbits)");
            lzErr = r.column("lz_err", "kpc.km/s", "Monte-Carlo standard deviation of L_z");
            energy = r.column("energy", "km2/s2", "Orbital energy v^2/2 + Phi (Phi = 0 at infinity)");
            energyErr = r.column("energy_err", "km2/s2", "Monte-Carlo standard deviation of the energy");
            rPeri = r.column("r_peri", "kpc", "Pericentre (spherical radius) over the look-back time");
            rPeriErr = r.column("r_peri_err", "kpc", "Monte-Carlo standard deviation of the pericentre");
            rApo = r.column("r_apo", "kpc", "Apocentre (spherical radius) over the look-back time");
            rApoErr = r.column("r_apo_err", "kpc", "Monte-Carlo standard deviation of the apocentre");
            ecc = r.column("ecc", "", "Eccentricity (r_apo - r_peri) / (r_apo + r_peri)");
            eccErr = r.column("ecc_err", "", "Monte-Carlo standard deviation of the eccentricity");
            zMax = r.column("z_max", "kpc", "Largest |Z| over the look-back time");
            zMaxErr = r.column("z_max_err", "kpc", "Monte-Carlo standard deviation of Z_max");
            double[] t = config.snapshotTimes();
            int s = t.length - 1;
            snapR = new double[s][];
            snapRErr = new double[s][];
            snapZ = new double[s][];
            snapZErr = new double[s][];
            for (int k = 0; k < s; k++) {
                String ago = fmt(-t[k + 1]);
                snapR[k] = r.column("r_gc_" + ago, "kpc", "R_GC " + ago + " Myr ago");
                snapRErr[k] = r.column("r_gc_" + ago + "_err", "kpc", "Monte-Carlo standard deviation of R_GC " + ago + " Myr ago");
                snapZ[k] = r.column("z_gc_" + ago, "kpc", "Z " + ago + " Myr ago");
                snapZErr[k] = r.column("z_gc_" + ago + "_err", "kpc", "Monte-Carlo standard deviation of Z " + ago + " Myr ago");
            }
            drift = r.column("orbit_energy_drift", "", "Largest relative energy change along the integrated orbit (an accuracy check)");
        }

        private static String fmt(double myr) {
            return myr == Math.rint(myr) ? Long.toString((long) myr) : Double.toString(myr);
        }
    }

    private static void fillKinematics(Draws[] objects, double[] ra, double[] dec, GalacticFrames frames, Potential potential,
                                       OutputColumns out, Result result) {
        double[] xv = new double[6];
        double[] cyl = new double[6];
        double[] uvw = new double[3];
        for (int i = 0; i < objects.length; i++) {
            Draws o = objects[i];
            if (o == null) {
                continue;
            }
            frames.icrsToGalactocentric(ra[i], dec[i], o.distanceKpc(), o.pmra(), o.pmdec(), o.rv(), xv);
            frames.velocityRelativeToLsr(ra[i], dec[i], o.distanceKpc(), o.pmra(), o.pmdec(), o.rv(), uvw);
            GalacticFrames.cylindrical(xv, cyl);
            out.x[i] = xv[0];
            out.y[i] = xv[1];
            out.z[i] = xv[2];
            out.rGc[i] = cyl[0];
            out.u[i] = uvw[0];
            out.v[i] = uvw[1];
            out.w[i] = uvw[2];
            out.vR[i] = cyl[3];
            out.vPhi[i] = cyl[4];
            out.vZ[i] = cyl[5];
            double speed = Math.sqrt(xv[3] * xv[3] + xv[4] * xv[4] + xv[5] * xv[5]);
            out.vGc[i] = speed;
            out.vEsc[i] = potential.escapeSpeed(cyl[0], xv[2]);
            out.lz[i] = GalacticFrames.angularMomentumZ(xv);
            out.energy[i] = 0.5 * speed * speed + potential.potential(cyl[0], xv[2]);
            String label = EscapeSpeedClassifier.label(speed, out.vEsc[i]);
            result.speedClass[i] = label == null ? "normal" : label;
        }
    }

    /** Integrates the catalogue orbit and the realisations of every placed row, in batches, and reduces them. */
    private static void integrate(Draws[] objects, String[] keys, double[] ra, double[] dec, GalacticFrames frames,
                                  OrbitConfig config, Potential potential, ComputeBackend backend, OutputColumns out, Result result,
                                  List<String> notes, String origin) {
        int perObject = 1 + config.draws();
        int rowsPerBatch = Math.max(1, ORBITS_PER_BATCH / perObject);
        DrawKey rng = new DrawKey(config.seed());
        long dropped = 0;
        double[] xv = new double[6];
        double[] drawn = new double[4];
        for (int from = 0; from < objects.length; from += rowsPerBatch) {
            int to = Math.min(objects.length, from + rowsPerBatch);
            // the orbits of this batch: for each placed row, the catalogue orbit then its valid realisations
            List<Integer> owner = new ArrayList<>();
            double[] starts = new double[6 * (to - from) * perObject];
            int m = 0;
            for (int i = from; i < to; i++) {
                Draws o = objects[i];
                if (o == null) {
                    continue;
                }
                for (int j = 0; j < perObject; j++) {
                    if (j == 0) {
                        frames.icrsToGalactocentric(ra[i], dec[i], o.distanceKpc(), o.pmra(), o.pmdec(), o.rv(), xv);
                    } else if (o.draw(rng, j, drawn)) {
                        frames.icrsToGalactocentric(ra[i], dec[i], drawn[0], drawn[1], drawn[2], drawn[3], xv);
                    } else {
                        dropped++;
                        continue;
                    }
                    System.arraycopy(xv, 0, starts, 6 * m, 6);
                    owner.add(i);
                    m++;
                }
            }
            if (m == 0) {
                continue;
            }
            OrbitSummaries s = backend.integrateOrbits(potential, new PhaseSpace(java.util.Arrays.copyOf(starts, 6 * m)), config.spec());
            reduce(s, owner, starts, keys, out, result);
        }
        if (dropped > 0) {
            notes.add(origin + ": " + dropped + " orbit realisation(s) drew a non-positive distance or parallax and were left out");
        }
    }

    /** Catalogue-orbit values and realisation spreads, per row. */
    private static void reduce(OrbitSummaries s, List<Integer> owner, double[] starts, String[] keys, OutputColumns out, Result result) {
        int snaps = s.snapshots();
        int k = 0;
        while (k < owner.size()) {
            int row = owner.get(k);
            int first = k;
            while (k < owner.size() && owner.get(k) == row) {
                k++;
            }
            // k - first orbits belong to this row; the first is the catalogue orbit
            if (s.failure()[first] != null) {
                result.status[row] = s.failure()[first];
                result.problems.add(new Problem(row, keys[row], "orbit", "", s.failure()[first]));
                result.speedClass[row] = null;
                continue;
            }
            out.rPeri[row] = s.rPeri()[first];
            out.rApo[row] = s.rApo()[first];
            out.ecc[row] = eccentricity(s, first);
            out.zMax[row] = s.zMax()[first];
            out.drift[row] = s.energyDrift()[first];
            for (int t = 1; t < snaps; t++) {
                out.snapR[t - 1][row] = s.snapshotR()[first * snaps + t];
                out.snapZ[t - 1][row] = s.snapshotZ()[first * snaps + t];
            }
            Spread peri = new Spread();
            Spread apo = new Spread();
            Spread ecc = new Spread();
            Spread zmax = new Spread();
            Spread energy = new Spread();
            Spread lz = new Spread();
            Spread[] sr = new Spread[snaps];
            Spread[] sz = new Spread[snaps];
            for (int t = 0; t < snaps; t++) {
                sr[t] = new Spread();
                sz[t] = new Spread();
            }
            int used = 0;
            for (int q = first + 1; q < k; q++) {
                if (s.failure()[q] != null) {
                    continue;
                }
                used++;
                peri.add(s.rPeri()[q]);
                apo.add(s.rApo()[q]);
                ecc.add(eccentricity(s, q));
                zmax.add(s.zMax()[q]);
                energy.add(s.energy()[q]);
                lz.add(angularMomentumZ(starts, q));
                for (int t = 1; t < snaps; t++) {
                    sr[t].add(s.snapshotR()[q * snaps + t]);
                    sz[t].add(s.snapshotZ()[q * snaps + t]);
                }
            }
            result.draws[row] = used;
            out.rPeriErr[row] = peri.std();
            out.rApoErr[row] = apo.std();
            out.eccErr[row] = ecc.std();
            out.zMaxErr[row] = zmax.std();
            out.energyErr[row] = energy.std();
            for (int t = 1; t < snaps; t++) {
                out.snapRErr[t - 1][row] = sr[t].std();
                out.snapZErr[t - 1][row] = sz[t].std();
            }
            out.lzErr[row] = lz.std();
        }
    }

    private static double eccentricity(OrbitSummaries s, int q) {
        return (s.rApo()[q] - s.rPeri()[q]) / (s.rApo()[q] + s.rPeri()[q]);
    }

    /** L_z of orbit q of a batch, from its start (it is conserved along the orbit). */
    private static double angularMomentumZ(double[] starts, int q) {
        return GalacticFrames.angularMomentumZ(java.util.Arrays.copyOfRange(starts, 6 * q, 6 * q + 6));
    }

    /** Mean and sample standard deviation (Welford). */
    private static final class Spread {
        private long n;
        private double mean;
        private double m2;

        void add(double x) {
            n++;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }

        double std() {
            return n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1));
        }
    }
}
