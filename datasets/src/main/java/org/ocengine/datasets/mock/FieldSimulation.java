package org.ocengine.datasets.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ocengine.datasets.mock.MockTables.ClusterParameters;
import org.ocengine.datasets.mock.MockTables.GaiaSource;
import org.ocengine.datasets.mock.MockTables.ListedMember;
import org.ocengine.datasets.mock.MockTables.Spectrum;
import org.ocengine.datasets.mock.MockTables.TruthBinary;
import org.ocengine.datasets.mock.MockTables.TruthCluster;
import org.ocengine.datasets.mock.MockTables.TruthOffset;
import org.ocengine.datasets.mock.MockTables.TruthSpectrum;
import org.ocengine.datasets.mock.MockTables.TruthStar;
import org.ocengine.galaxy.GalacticFrames;
import org.ocengine.table.SkyAverage;

/**
 * One field of the mock survey, from the sky to the catalogue rows: its clusters and their members,
 * its field stars, what Gaia lists of them, the cluster member list, the fibre visits and the spectra,
 * and the truth of it all. Every number comes from {@link MockRandom} streams addressed by the field,
 * cluster, star, visit and spectrum it belongs to, so a field's rows depend on the seed and the field
 * alone.
 *
 * <p>Stars. Members: mass from the Kroupa IMF between the main-sequence mass seen at G = 18 and the end
 * of the giant branch; projected radius from the cluster's King profile, uniform position angle, depth
 * N(0, r50); velocity the cluster's plus N(0, sigma_int) per component; [Fe/H] and [alpha/M] the
 * cluster's. Field stars: uniform over the field; G from dN/dG proportional to 10^(0.35 G) over 9-18;
 * a giant with probability 0.45 - 0.25 (G - 9)/9 (log age uniform in 8.5-10, mass along the giant
 * branch), else a dwarf (log age uniform in 8-10.1, IMF mass in 0.3 Msun to min(turn-off, 3 Msun));
 * distance from G, absolute G and the extinction; [Fe/H] = the cluster gradient at its radius - 0.1 +
 * N(0, 0.2); disc kinematics with sigma_R = 20 (age/Gyr)^0.3 km/s (10-45), sigma_phi = 0.7 sigma_R,
 * sigma_z = 0.5 sigma_R and an asymmetric drift sigma_R^2 / 80. A fraction of stars are binaries
 * ({@link BinaryOrbit}).
 *
 * <p>Gaia. Parallax uncertainty 1.3 sqrt(40 + 800 z + 30 z^2) microarcsec with
 * z = 10^(0.4 (max(G, 13) - 15)) (Lindegren et al. 2021's shape), proper motions 1.1 times that, G to
 * 0.003 mag, BP-RP to 0.01 mag; positions at epoch 2016.0.
 *
 * <p>Member list. Every member with G &lt;= 18, probability 1 - 0.7 u^k rounded to 0.1 with
 * k = 1 + 3 (18 - G)/9 (bright members near 1); plus field stars within 2.5 r50 of the centre,
 * listed with probability uniform in [0.1, 1] (rounded), in number about {@code contamination} times
 * the members.
 *
 * <p>Observations. Targets are the stars inside the field with Gaia G in [9, {@code targetMaxG}];
 * listed stars with probability &gt;= 0.5 come first. Open-cluster visits take unobserved targets
 * before repeats; a time-domain plate keeps one allocation for all its exposures.
 */
final class FieldSimulation {

    private static final int Q_STAR = 0;
    private static final int Q_BINARY = 1;
    private static final int Q_GAIA = 2;
    private static final int Q_LIST = 3;
    private static final int Q_CATALOGUE = 1;
    private static final int Q_PLACEMENT = 10;
    private static final int Q_EXPOSURE = 11;
    private static final double LF_SLOPE = 0.35;
    private static final double GAIA_EPOCH_YEARS = 16.0;
    private static final double MAS_PER_DEG = 3.6e6;
    private static final long MEMBER_KEY_TAG = 1L << 62;

    private final MockPreset preset;
    private final SurveyLayout.Field field;
    private final MockRandom rng;
    private final GalacticFrames frames;
    /** Scratch phase-space points (x, y, z, v_x, v_y, v_z; ra, dec, d, pmra, pmdec, rv) for {@link #observe}. */
    private final double[] xv = new double[6];
    private final double[] seen = new double[6];
    private final Extinction extinction;
    private final SpectrumModel model;
    private final SpectrumModel.Truth truth = new SpectrumModel.Truth();
    private final SpectrumModel.Measurement meas = new SpectrumModel.Measurement();

    // stars of the field, structure of arrays
    private int n;
    private long[] key;
    private int[] cluster;
    private double[] ra;
    private double[] dec;
    private double[] dist;
    private double[] pmra;
    private double[] pmdec;
    private double[] rv;
    private double[] g;
    private double[] bpRp;
    private double[] ag;
    private double[] teff;
    private double[] logg;
    private double[] feh;
    private double[] alpha;
    private double[] mass;
    private double[] logAge;
    private boolean[] evolved;
    private BinaryOrbit[] orbit;
    // Gaia's view
    private double[] gaiaRa;
    private double[] gaiaDec;
    private double[] plx;
    private double[] plxErr;
    private double[] pmraObs;
    private double[] pmdecObs;
    private double[] pmErr;
    private double[] gObs;
    private double[] bpRpObs;
    // survey bookkeeping
    private int[] listed;
    private double[] bestProba;
    private int[] spectra;
    private boolean[] inField;
    /** Field stars listed as members, per cluster of the field. */
    private int[] contaminants;
    /** Star rows listed with probability &gt;= 0.7, per cluster of the field (what a catalogue averages). */
    private List<List<Integer>> catalogueRows;

    FieldSimulation(MockPreset preset, SurveyLayout.Field field, MockRandom rng, GalacticFrames frames, Extinction extinction,
                    SpectrumModel model) {
        this.preset = preset;
        this.field = field;
        this.rng = rng;
        this.frames = frames;
        this.extinction = extinction;
        this.model = model;
    }

    /** The rows of every file that this field contributes. */
    static final class Result {
        final Rows<GaiaSource> gaia;
        final Rows<ListedMember> members;
        final Rows<Spectrum> spectra;
        final Rows<ClusterParameters> clusters;
        final Rows<TruthCluster> truthClusters;
        final Rows<TruthStar> truthStars;
        final Rows<TruthSpectrum> truthSpectra;
        final Rows<TruthBinary> truthBinaries;
        final Rows<TruthOffset> truthOffsets;

        Result(int stars) {
            gaia = new Rows<>(GaiaSource.class, stars);
            members = new Rows<>(ListedMember.class, 1024);
            spectra = new Rows<>(Spectrum.class, 4096);
            clusters = new Rows<>(ClusterParameters.class, 16);
            truthClusters = new Rows<>(TruthCluster.class, 16);
            truthStars = new Rows<>(TruthStar.class, 4096);
            truthSpectra = new Rows<>(TruthSpectrum.class, 4096);
            truthBinaries = new Rows<>(TruthBinary.class, 1024);
            truthOffsets = new Rows<>(TruthOffset.class, 256);
        }
    }

    Result run() {
        MockRandom.Stream s = rng.stream();
        List<MockCluster> clusters = new ArrayList<>();
        int capacity = 0;
        for (int c = field.firstCluster(); c < field.firstCluster() + field.clusterCount(); c++) {
            MockCluster cl = MockCluster.draw(c, field, preset, frames, extinction, s);
            clusters.add(cl);
            capacity += cl.membersDrawn();
        }
        int fieldStars = (int) Math.round(preset.fieldStarsPerDeg2() * preset.fieldAreaDeg2());
        allocateStars(capacity + fieldStars);
        int[] firstMember = new int[clusters.size() + 1];
        StellarModel.Star star = new StellarModel.Star();
        double[] tmp = new double[3];
        for (int ci = 0; ci < clusters.size(); ci++) {
            firstMember[ci] = n;
            MockCluster cl = clusters.get(ci);
            for (int k = 0; k < cl.membersDrawn(); k++) {
                addMember(cl, ci, k, s, star, tmp);
            }
        }
        firstMember[clusters.size()] = n;
        int firstField = n;
        for (int k = 0; k < fieldStars; k++) {
            addFieldStar(k, s, star, tmp);
        }
        for (int i = 0; i < n; i++) {
            observeWithGaia(i, s);
            inField[i] = SkyOffsets.distance(field.ra(), field.dec(), ra[i], dec[i]) <= preset.fieldRadiusDeg();
        }
        Result out = new Result(n);
        listMembers(clusters, firstMember, firstField, s, out);
        observe(s, out);
        writeStars(out);
        writeClusters(clusters, firstMember, s, out);
        return out;
    }

    private void allocateStars(int cap) {
        key = new long[cap];
        cluster = new int[cap];
        ra = new double[cap];
        dec = new double[cap];
        dist = new double[cap];
        pmra = new double[cap];
        pmdec = new double[cap];
        rv = new double[cap];
        g = new double[cap];
        bpRp = new double[cap];
        ag = new double[cap];
        teff = new double[cap];
        logg = new double[cap];
        feh = new double[cap];
        alpha = new double[cap];
        mass = new double[cap];
        logAge = new double[cap];
        evolved = new boolean[cap];
        orbit = new BinaryOrbit[cap];
        gaiaRa = new double[cap];
        gaiaDec = new double[cap];
        plx = new double[cap];
        plxErr = new double[cap];
        pmraObs = new double[cap];
        pmdecObs = new double[cap];
        pmErr = new double[cap];
        gObs = new double[cap];
        bpRpObs = new double[cap];
        listed = new int[cap];
        bestProba = new double[cap];
        spectra = new int[cap];
        inField = new boolean[cap];
    }

    private void addMember(MockCluster cl, int ci, int k, MockRandom.Stream s, StellarModel.Star star, double[] tmp) {
        long entity = (long) cl.index() << 32 | k;
        s.at(MockRandom.Domain.MEMBER, Q_STAR, entity, 0);
        double m = InitialMassFunction.sample(s.uniform(), cl.massLow(), cl.massHigh());
        double rDeg = cl.radiusAt(s.uniform());
        double pa = s.uniform(0, 360);
        double depth = s.normal(0, cl.r50Pc() / 1000);
        double dvx = s.normal(0, cl.sigmaInt());
        double dvy = s.normal(0, cl.sigmaInt());
        double dvz = s.normal(0, cl.sigmaInt());
        StellarModel.evaluate(m, cl.ageYr(), star);
        double d = Math.max(0.05, cl.distanceKpc() + depth);
        double gMag = star.absG + 5 * Math.log10(100 * d) + cl.ag();
        if (gMag < MockPreset.G_MIN || gMag > MockPreset.G_MAX) {
            return;
        }
        int i = n++;
        key[i] = MEMBER_KEY_TAG | entity;
        cluster[i] = ci;
        SkyOffsets.offset(cl.ra(), cl.dec(), rDeg, pa, tmp);
        ra[i] = tmp[0];
        dec[i] = tmp[1];
        dist[i] = d;
        frames.icrsToGalactocentric(ra[i], dec[i], d, 0, 0, 0, xv);
        xv[3] = cl.vx() + dvx;
        xv[4] = cl.vy() + dvy;
        xv[5] = cl.vz() + dvz;
        observe(i);
        g[i] = gMag;
        ag[i] = cl.ag();
        bpRp[i] = star.bpRp0 + cl.ag() * Extinction.REDDENING_PER_AG;
        teff[i] = star.teff;
        logg[i] = star.logg;
        feh[i] = cl.feh();
        alpha[i] = cl.alphaM();
        mass[i] = m;
        logAge[i] = cl.logAge();
        evolved[i] = star.evolved;
        s.at(MockRandom.Domain.MEMBER, Q_BINARY, entity, 0);
        orbit[i] = binary(m, s);
    }

    private void addFieldStar(int k, MockRandom.Stream s, StellarModel.Star star, double[] tmp) {
        long entity = (long) field.index() << 32 | k;
        s.at(MockRandom.Domain.FIELD_STAR, Q_STAR, entity, 0);
        double cosR = Math.cos(Math.toRadians(preset.fieldRadiusDeg()));
        double rho = Math.toDegrees(Math.acos(1 - s.uniform() * (1 - cosR)));
        double pa = s.uniform(0, 360);
        double lo = Math.pow(10, LF_SLOPE * MockPreset.G_MIN);
        double hi = Math.pow(10, LF_SLOPE * MockPreset.G_MAX);
        double gMag = Math.log10(lo + s.uniform() * (hi - lo)) / LF_SLOPE;
        double uType = s.uniform();
        double uAge = s.uniform();
        double uMass = s.uniform();
        double fehScatter = s.normal(0, 0.2);
        double alphaScatter = s.normal(0, 0.03);
        double zR = s.normal();
        double zPhi = s.normal();
        double zZ = s.normal();

        int i = n++;
        key[i] = entity;
        cluster[i] = -1;
        SkyOffsets.offset(field.ra(), field.dec(), rho, pa, tmp);
        ra[i] = tmp[0];
        dec[i] = tmp[1];
        frames.icrsToGalactic(ra[i], dec[i], tmp);
        double b = tmp[1];
        boolean giant = uType < 0.45 - 0.25 * (gMag - MockPreset.G_MIN) / (MockPreset.G_MAX - MockPreset.G_MIN);
        double d = giant ? fieldGiant(uAge, uMass, gMag, b, star, i) : Double.NaN;
        if (!giant || d > 12) {
            d = fieldDwarf(uAge, uMass, gMag, b, star, i);
        }
        dist[i] = d;
        g[i] = gMag;
        ag[i] = extinction.ag(d, b);
        bpRp[i] = star.bpRp0 + ag[i] * Extinction.REDDENING_PER_AG;
        teff[i] = star.teff;
        logg[i] = star.logg;
        evolved[i] = star.evolved;
        frames.icrsToGalactocentric(ra[i], dec[i], d, 0, 0, 0, xv);
        double x = xv[0];
        double y = xv[1];
        double rGc = Math.hypot(x, y);
        feh[i] = MockCluster.gradientFeh(rGc) - 0.1 + fehScatter;
        alpha[i] = Math.max(0, Math.min(0.3, -0.25 * feh[i])) + alphaScatter;
        double ageGyr = Math.pow(10, logAge[i]) / 1e9;
        double sigmaR = Math.max(10, Math.min(45, 20 * Math.pow(ageGyr, 0.3)));
        GalacticFrames.cartesianVelocity(x, y, sigmaR * zR, frames.sun().circularSpeed() - sigmaR * sigmaR / 80 + 0.7 * sigmaR * zPhi,
                0.5 * sigmaR * zZ, tmp);
        System.arraycopy(tmp, 0, xv, 3, 3);
        observe(i);
        s.at(MockRandom.Domain.FIELD_STAR, Q_BINARY, entity, 0);
        orbit[i] = binary(mass[i], s);
    }

    /**
     * Row i's proper motions and radial velocity: what the Sun sees of the star at the Galactocentric
     * position and velocity in {@link #xv} (its position computed from row i's ra, dec and distance).
     */
    private void observe(int i) {
        frames.galactocentricToIcrs(xv, seen);
        pmra[i] = seen[3];
        pmdec[i] = seen[4];
        rv[i] = seen[5];
    }

    /** A field giant: its distance; fills the star, mass and age of row i. */
    private double fieldGiant(double uAge, double uMass, double gMag, double b, StellarModel.Star star, int i) {
        double la = 8.5 + 1.5 * uAge;
        double age = Math.pow(10, la);
        double m = StellarModel.turnoffMass(age) * (1 + StellarModel.GIANT_SPAN * uMass);
        StellarModel.evaluate(m, age, star);
        mass[i] = m;
        logAge[i] = la;
        return extinction.distanceFor(gMag, star.absG, b);
    }

    /** A field dwarf: its distance; fills the star, mass and age of row i. */
    private double fieldDwarf(double uAge, double uMass, double gMag, double b, StellarModel.Star star, int i) {
        double la = 8.0 + 2.1 * uAge;
        double age = Math.pow(10, la);
        double m = InitialMassFunction.sample(uMass, 0.3, Math.min(StellarModel.turnoffMass(age), 3.0));
        StellarModel.evaluate(m, age, star);
        mass[i] = m;
        logAge[i] = la;
        return extinction.distanceFor(gMag, star.absG, b);
    }

    private BinaryOrbit binary(double m, MockRandom.Stream s) {
        boolean isBinary = s.uniform() < preset.binaryFraction();
        BinaryOrbit o = BinaryOrbit.draw(m, SurveyLayout.START_MJD, s);
        return isBinary ? o : null;
    }

    /** Gaia's measurements of star i (epoch 2016.0). */
    private void observeWithGaia(int i, MockRandom.Stream s) {
        boolean member = cluster[i] >= 0;
        s.at(member ? MockRandom.Domain.MEMBER : MockRandom.Domain.FIELD_STAR, Q_GAIA, key[i] & ~MEMBER_KEY_TAG, 0);
        double z = Math.pow(10, 0.4 * (Math.max(g[i], 13) - 15));
        double sigmaPlx = 1.3 * Math.sqrt(40 + 800 * z + 30 * z * z) / 1000;
        double sigmaPm = 1.1 * sigmaPlx;
        plxErr[i] = sigmaPlx;
        pmErr[i] = sigmaPm;
        plx[i] = 1 / dist[i] + s.normal(0, sigmaPlx);
        pmraObs[i] = pmra[i] + s.normal(0, sigmaPm);
        pmdecObs[i] = pmdec[i] + s.normal(0, sigmaPm);
        gObs[i] = g[i] + s.normal(0, 0.003);
        bpRpObs[i] = bpRp[i] + s.normal(0, 0.01);
        double cosDec = Math.cos(Math.toRadians(dec[i]));
        gaiaRa[i] = SkyOffsets.wrap(ra[i] + pmra[i] * GAIA_EPOCH_YEARS / MAS_PER_DEG / Math.max(cosDec, 1e-6));
        gaiaDec[i] = Math.max(-90, Math.min(90, dec[i] + pmdec[i] * GAIA_EPOCH_YEARS / MAS_PER_DEG));
    }

    /** The member list rows of the field's clusters: members, then listed field stars. */
    private void listMembers(List<MockCluster> clusters, int[] firstMember, int firstField, MockRandom.Stream s, Result out) {
        contaminants = new int[clusters.size()];
        catalogueRows = new ArrayList<>();
        for (int ci = 0; ci < clusters.size(); ci++) {
            catalogueRows.add(new ArrayList<>());
            MockCluster cl = clusters.get(ci);
            int members = firstMember[ci + 1] - firstMember[ci];
            for (int i = firstMember[ci]; i < firstMember[ci + 1]; i++) {
                s.at(MockRandom.Domain.MEMBER, Q_LIST, key[i] & ~MEMBER_KEY_TAG, 0);
                double k = 1 + 3 * Math.max(0, Math.min(1, (MockPreset.G_MAX - g[i]) / (MockPreset.G_MAX - MockPreset.G_MIN)));
                listRow(cl, ci, i, round1(1 - 0.7 * Math.pow(s.uniform(), k)), out);
            }
            double reach = 2.5 * cl.r50Deg();
            List<Integer> near = new ArrayList<>();
            for (int i = firstField; i < n; i++) {
                if (Math.abs(dec[i] - cl.dec()) <= reach && SkyOffsets.distance(cl.ra(), cl.dec(), ra[i], dec[i]) <= reach) {
                    near.add(i);
                }
            }
            double p = near.isEmpty() ? 0 : Math.min(1, preset.contamination() * members / near.size());
            for (int i : near) {
                s.at(MockRandom.Domain.MEMBERSHIP, 0, (long) cl.index() << 32 | (i - firstField), 0);
                boolean take = s.uniform() < p;
                double proba = round1(s.uniform(0.1, 1.0));
                if (take) {
                    listRow(cl, ci, i, proba, out);
                    contaminants[ci]++;
                }
            }
        }
    }

    private void listRow(MockCluster cl, int ci, int i, double proba, Result out) {
        listed[i]++;
        if (proba >= 0.7) {
            catalogueRows.get(ci).add(i);
        }
        bestProba[i] = Math.max(bestProba[i], proba);
        out.members.add()
                .set(ListedMember.CLUSTER, cl.name())
                .set(ListedMember.SOURCE_ID, sourceId(i))
                .set(ListedMember.RA, gaiaRa[i])
                .set(ListedMember.DEC, gaiaDec[i])
                .set(ListedMember.PARALLAX, plx[i])
                .set(ListedMember.PARALLAX_ERROR, plxErr[i])
                .set(ListedMember.PMRA, pmraObs[i])
                .set(ListedMember.PMRA_ERROR, pmErr[i])
                .set(ListedMember.PMDEC, pmdecObs[i])
                .set(ListedMember.PMDEC_ERROR, pmErr[i])
                .set(ListedMember.PHOT_G_MEAN_MAG, gObs[i])
                .set(ListedMember.BP_RP, bpRpObs[i])
                .set(ListedMember.PROBA, proba);
    }

    private static double round1(double p) {
        return Math.round(p * 10) / 10.0;
    }

    private long sourceId(int i) {
        return ((long) field.index() + 1) << 40 | i;
    }

    private String uid(int i) {
        return String.format(Locale.ROOT, "L%03d%09d", field.index(), i);
    }

    /** Fibre visits, exposures and spectra. */
    private void observe(MockRandom.Stream s, Result out) {
        List<Integer> targetList = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (inField[i] && gObs[i] >= MockPreset.G_MIN && gObs[i] <= preset.targetMaxG()) {
                targetList.add(i);
            }
        }
        int nt = targetList.size();
        int[] target = targetList.stream().mapToInt(Integer::intValue).toArray();
        double[] xi = new double[nt];
        double[] eta = new double[nt];
        double[] p = new double[2];
        for (int t = 0; t < nt; t++) {
            SkyOffsets.project(field.ra(), field.dec(), ra[target[t]], dec[target[t]], p);
            xi[t] = p[0];
            eta[t] = p[1];
        }
        double spacing = 1 / Math.sqrt(preset.fibresPerDeg2());
        int exposures = field.exposures();
        double[][] offset = zeroPoints(s, out);
        boolean[] observedBefore = new boolean[nt];
        List<FibreAllocation.Assignment> plate = null;
        for (int e = 0; e < exposures; e++) {
            boolean newAllocation = field.kind() == SurveyLayout.Kind.OPEN_CLUSTER || e == 0;
            if (newAllocation) {
                plate = allocate(e, target, xi, eta, observedBefore, spacing, s);
                for (FibreAllocation.Assignment a : plate) {
                    observedBefore[a.target()] = true;
                }
            }
            s.at(MockRandom.Domain.FIELD, Q_EXPOSURE, field.index(), e);
            double weather = Math.exp(s.normal(0, 0.2));
            for (FibreAllocation.Assignment a : plate) {
                spectrum(target[a.target()], e, a, weather, offset[e][a.spid() - 1], s, out);
            }
        }
    }

    private List<FibreAllocation.Assignment> allocate(int visit, int[] target, double[] xi, double[] eta, boolean[] observedBefore,
                                                      double spacing, MockRandom.Stream s) {
        s.at(MockRandom.Domain.FIELD, Q_PLACEMENT, field.index(), visit);
        FibreAllocation.Placement place = new FibreAllocation.Placement(s.uniform(0, 360), s.uniform(0, spacing), s.uniform(0, spacing));
        double yield = field.kind() == SurveyLayout.Kind.OPEN_CLUSTER ? preset.fibreYield()
                : Math.min(1.0, preset.tdTargets() / (double) Math.max(1, FibreAllocation.fibreCount(preset.fieldRadiusDeg(), spacing, place)));
        int nt = target.length;
        int[] priority = new int[nt];
        double[] tie = new double[nt];
        for (int t = 0; t < nt; t++) {
            int i = target[t];
            boolean wanted = bestProba[i] >= 0.5;
            priority[t] = (observedBefore[t] ? 2 : 0) + (wanted ? 0 : 1);
            tie[t] = s.at(MockRandom.Domain.TARGET, 0, key[i], (long) field.index() << 32 | visit).uniform();
        }
        MockRandom.Stream fibres = rng.stream();
        return FibreAllocation.allocate(xi, eta, priority, tie, preset.fieldRadiusDeg(), spacing, place,
                cell -> fibres.at(MockRandom.Domain.FIBRE, 0, field.index(), (long) visit << 32 | cell).uniform() < yield);
    }

    /** The zero point of every (exposure, spectrograph) cell of the field, written to the truth. */
    private double[][] zeroPoints(MockRandom.Stream s, Result out) {
        double[][] offset = new double[field.exposures()][FibreAllocation.SPECTROGRAPHS];
        for (int e = 0; e < field.exposures(); e++) {
            for (int sp = 1; sp <= FibreAllocation.SPECTROGRAPHS; sp++) {
                s.at(MockRandom.Domain.OFFSET, 0, field.index(), (long) e << 8 | sp);
                offset[e][sp - 1] = s.normal(0, preset.rvOffsetSigma());
                out.truthOffsets.add()
                        .set(TruthOffset.PLANID, field.plateId(e))
                        .set(TruthOffset.FIELD, field.index())
                        .set(TruthOffset.EXPOSURE, e)
                        .set(TruthOffset.MJD, field.exposureMjd()[e])
                        .set(TruthOffset.LMJM, lmjm(field.exposureMjd()[e]))
                        .set(TruthOffset.SPID, sp)
                        .set(TruthOffset.RV_OFFSET, offset[e][sp - 1]);
            }
        }
        return offset;
    }

    /** Local (Beijing, UT+8) modified Julian minute of an MJD. */
    private static long lmjm(double mjd) {
        return (long) Math.floor((mjd + 8.0 / 24) * 1440);
    }

    private void spectrum(int i, int e, FibreAllocation.Assignment a, double weather, double rvOffset, MockRandom.Stream s, Result out) {
        s.at(MockRandom.Domain.SPECTRUM, 0, key[i], (long) field.index() << 32 | e);
        double snrScatter = s.normal();
        double jitterRa = s.normal(0, model.fibreJitterArcsec());
        double jitterDec = s.normal(0, model.fibreJitterArcsec());
        double snr = model.baseSnr(g[i], field.coadded()) * weather * Math.exp(model.snrScatter() * snrScatter);
        double mjd = field.exposureMjd()[e];
        double orbital = orbit[i] == null ? 0 : orbit[i].radialVelocity(mjd);
        truth.rv = rv[i] + orbital;
        truth.rvOffset = rvOffset;
        truth.teff = teff[i];
        truth.logg = logg[i];
        truth.feh = feh[i];
        truth.alphaM = alpha[i];
        truth.snr = snr;
        model.measure(truth, s, meas);
        if (snr < model.minCatalogueSnr()) {
            return;
        }
        spectra[i]++;
        long obsid = ((field.index() + 1L) * 1000 + e) * 100_000L + a.spid() * 1000L + a.fiberid();
        double cosDec = Math.max(Math.cos(Math.toRadians(dec[i])), 1e-6);
        out.spectra.add()
                .set(Spectrum.OBSID, obsid)
                .set(Spectrum.UID, uid(i))
                .set(Spectrum.RA, SkyOffsets.wrap(ra[i] + jitterRa / 3600 / cosDec))
                .set(Spectrum.DEC, dec[i] + jitterDec / 3600)
                .set(Spectrum.MJD, mjd)
                .set(Spectrum.LMJM, lmjm(mjd))
                .set(Spectrum.PLANID, field.plateId(e))
                .set(Spectrum.SPID, a.spid())
                .set(Spectrum.FIBERID, a.fiberid())
                .set(Spectrum.SNR, snr)
                .set(Spectrum.RV_BR1, meas.rv)
                .set(Spectrum.RV_BR1_ERR, meas.rvErr)
                .set(Spectrum.RV_BR_FLAG, meas.rvFlag)
                .set(Spectrum.TEFF_LASP, meas.teff)
                .set(Spectrum.TEFF_LASP_ERR, meas.teffErr)
                .set(Spectrum.LOGG_LASP, meas.logg)
                .set(Spectrum.LOGG_LASP_ERR, meas.loggErr)
                .set(Spectrum.FEH_LASP, meas.feh)
                .set(Spectrum.FEH_LASP_ERR, meas.fehErr)
                .set(Spectrum.ALPHA_M_LASP, meas.alphaM)
                .set(Spectrum.ALPHA_M_LASP_ERR, meas.alphaMErr);
        out.truthSpectra.add()
                .set(TruthSpectrum.OBSID, obsid)
                .set(TruthSpectrum.SOURCE_ID, sourceId(i))
                .set(TruthSpectrum.FIELD, field.index())
                .set(TruthSpectrum.EXPOSURE, e)
                .set(TruthSpectrum.RV_TRUE, truth.rv)
                .set(TruthSpectrum.RV_ORBIT, orbital)
                .set(TruthSpectrum.RV_OFFSET, rvOffset)
                .set(TruthSpectrum.SNR, snr)
                .set(TruthSpectrum.TEFF, teff[i])
                .set(TruthSpectrum.LOGG, logg[i])
                .set(TruthSpectrum.FEH, feh[i])
                .set(TruthSpectrum.ALPHA_M, alpha[i])
                .set(TruthSpectrum.LOGG_BIAS, meas.loggBias)
                .set(TruthSpectrum.FEH_BIAS, meas.fehBias)
                .set(TruthSpectrum.FEH_EXTRA_SIGMA, meas.fehExtraSigma)
                .set(TruthSpectrum.ALPHA_EXTRA_SIGMA, meas.alphaExtraSigma)
                .set(TruthSpectrum.RV_FAILED, meas.rvFlag != 0)
                .set(TruthSpectrum.PARAMETERS_MISSING, meas.parametersMissing);
    }

    /** Gaia sources (every star), and the truth of stars with a spectrum or a member-list row. */
    private void writeStars(Result out) {
        for (int i = 0; i < n; i++) {
            out.gaia.add()
                    .set(GaiaSource.SOURCE_ID, sourceId(i))
                    .set(GaiaSource.RA, gaiaRa[i])
                    .set(GaiaSource.DEC, gaiaDec[i])
                    .set(GaiaSource.PARALLAX, plx[i])
                    .set(GaiaSource.PARALLAX_ERROR, plxErr[i])
                    .set(GaiaSource.PMRA, pmraObs[i])
                    .set(GaiaSource.PMRA_ERROR, pmErr[i])
                    .set(GaiaSource.PMDEC, pmdecObs[i])
                    .set(GaiaSource.PMDEC_ERROR, pmErr[i])
                    .set(GaiaSource.PHOT_G_MEAN_MAG, gObs[i])
                    .set(GaiaSource.BP_RP, bpRpObs[i]);
            if (spectra[i] == 0 && listed[i] == 0) {
                continue;
            }
            String clusterName = cluster[i] >= 0 ? MockCluster.nameOf(field.firstCluster() + cluster[i]) : null;
            out.truthStars.add()
                    .set(TruthStar.SOURCE_ID, sourceId(i))
                    .set(TruthStar.UID, spectra[i] > 0 ? uid(i) : null)
                    .set(TruthStar.CLUSTER, clusterName)
                    .set(TruthStar.FIELD, field.index())
                    .set(TruthStar.RA, ra[i])
                    .set(TruthStar.DEC, dec[i])
                    .set(TruthStar.DISTANCE, 1000 * dist[i])
                    .set(TruthStar.PARALLAX, 1 / dist[i])
                    .set(TruthStar.PMRA, pmra[i])
                    .set(TruthStar.PMDEC, pmdec[i])
                    .set(TruthStar.RV, rv[i])
                    .set(TruthStar.GMAG, g[i])
                    .set(TruthStar.BP_RP, bpRp[i])
                    .set(TruthStar.A_G, ag[i])
                    .set(TruthStar.TEFF, teff[i])
                    .set(TruthStar.LOGG, logg[i])
                    .set(TruthStar.FEH, feh[i])
                    .set(TruthStar.ALPHA_M, alpha[i])
                    .set(TruthStar.MASS, mass[i])
                    .set(TruthStar.LOG_AGE, logAge[i])
                    .set(TruthStar.EVOLVED, evolved[i])
                    .set(TruthStar.BINARY, orbit[i] != null)
                    .set(TruthStar.RV_AMPLITUDE, orbit[i] == null ? 0 : orbit[i].semiAmplitude())
                    .set(TruthStar.LISTED, listed[i])
                    .set(TruthStar.N_SPECTRA, spectra[i]);
            if (orbit[i] != null) {
                BinaryOrbit o = orbit[i];
                out.truthBinaries.add()
                        .set(TruthBinary.SOURCE_ID, sourceId(i))
                        .set(TruthBinary.CLUSTER, clusterName)
                        .set(TruthBinary.PERIOD, o.periodDays())
                        .set(TruthBinary.ECCENTRICITY, o.eccentricity())
                        .set(TruthBinary.OMEGA, Math.toDegrees(o.omegaRad()))
                        .set(TruthBinary.PERIASTRON_MJD, o.periastronMjd())
                        .set(TruthBinary.K1, o.semiAmplitude())
                        .set(TruthBinary.M1, o.primaryMass())
                        .set(TruthBinary.M2, o.secondaryMass())
                        .set(TruthBinary.INCLINATION, Math.toDegrees(o.inclinationRad()));
            }
        }
    }

    /** The cluster table (catalogue estimates from the member list) and the cluster truth. */
    private void writeClusters(List<MockCluster> clusters, int[] firstMember, MockRandom.Stream s, Result out) {
        for (int ci = 0; ci < clusters.size(); ci++) {
            MockCluster cl = clusters.get(ci);
            int targetable = 0;
            int observedTargetable = 0;
            int observed = 0;
            int binaries = 0;
            int listedP07 = 0;
            for (int i = firstMember[ci]; i < firstMember[ci + 1]; i++) {
                boolean canTarget = inField[i] && gObs[i] <= preset.targetMaxG();
                targetable += canTarget ? 1 : 0;
                observedTargetable += canTarget && spectra[i] > 0 ? 1 : 0;
                observed += spectra[i] > 0 ? 1 : 0;
                binaries += orbit[i] != null ? 1 : 0;
                listedP07 += bestProba[i] >= 0.7 ? 1 : 0;
            }
            int[] rows = catalogueRows.get(ci).stream().mapToInt(Integer::intValue).toArray();
            double[] centre = rows.length == 0 ? new double[] {cl.ra(), cl.dec()} : SkyAverage.of(rows, gaiaRa, gaiaDec);
            double[] lb = new double[2];
            frames.icrsToGalactic(centre[0], centre[1], lb);
            s.at(MockRandom.Domain.CLUSTER, Q_CATALOGUE, cl.index(), 0);
            double ageNoise = s.normal(0, 0.1);
            double distanceNoise = s.normal(0, 0.05);
            double r50Noise = s.normal(0, 0.1);
            out.clusters.add()
                    .set(ClusterParameters.CLUSTER, cl.name())
                    .set(ClusterParameters.RA_ICRS, centre[0])
                    .set(ClusterParameters.DE_ICRS, centre[1])
                    .set(ClusterParameters.GLON, lb[0])
                    .set(ClusterParameters.GLAT, lb[1])
                    .set(ClusterParameters.R50, cl.r50Deg() * Math.exp(r50Noise))
                    .set(ClusterParameters.NBSTARS07, rows.length)
                    .set(ClusterParameters.PMRA, mean(rows, pmraObs))
                    .set(ClusterParameters.PMDE, mean(rows, pmdecObs))
                    .set(ClusterParameters.PLX, mean(rows, plx))
                    .set(ClusterParameters.AGE_NN, cl.logAge() + ageNoise)
                    .set(ClusterParameters.DIST_PC, 1000 * cl.distanceKpc() * Math.exp(distanceNoise));
            out.truthClusters.add()
                    .set(TruthCluster.CLUSTER, cl.name())
                    .set(TruthCluster.CLUSTER_INDEX, cl.index())
                    .set(TruthCluster.FIELD, cl.field())
                    .set(TruthCluster.RA, cl.ra())
                    .set(TruthCluster.DEC, cl.dec())
                    .set(TruthCluster.GLON, cl.l())
                    .set(TruthCluster.GLAT, cl.b())
                    .set(TruthCluster.DISTANCE, 1000 * cl.distanceKpc())
                    .set(TruthCluster.PARALLAX, 1 / cl.distanceKpc())
                    .set(TruthCluster.LOG_AGE, cl.logAge())
                    .set(TruthCluster.R50, cl.r50Deg())
                    .set(TruthCluster.R50_PC, cl.r50Pc())
                    .set(TruthCluster.KING_C, cl.kingC())
                    .set(TruthCluster.R_CORE, cl.coreDeg())
                    .set(TruthCluster.R_TIDAL, cl.tidalDeg())
                    .set(TruthCluster.A_G, cl.ag())
                    .set(TruthCluster.FEH, cl.feh())
                    .set(TruthCluster.ALPHA_M, cl.alphaM())
                    .set(TruthCluster.X, cl.x())
                    .set(TruthCluster.Y, cl.y())
                    .set(TruthCluster.Z, cl.z())
                    .set(TruthCluster.R_GC, cl.rGc())
                    .set(TruthCluster.VX, cl.vx())
                    .set(TruthCluster.VY, cl.vy())
                    .set(TruthCluster.VZ, cl.vz())
                    .set(TruthCluster.PMRA, cl.pmra())
                    .set(TruthCluster.PMDEC, cl.pmdec())
                    .set(TruthCluster.RV, cl.rv())
                    .set(TruthCluster.MASS, cl.massMsun())
                    .set(TruthCluster.SIGMA_INT, cl.sigmaInt())
                    .set(TruthCluster.N_MEMBERS, firstMember[ci + 1] - firstMember[ci])
                    .set(TruthCluster.N_MEMBERS_TARGETABLE, targetable)
                    .set(TruthCluster.N_OBSERVED_TARGETABLE, observedTargetable)
                    .set(TruthCluster.N_OBSERVED, observed)
                    .set(TruthCluster.N_BINARIES, binaries)
                    .set(TruthCluster.N_LISTED_P07, listedP07)
                    .set(TruthCluster.N_CONTAMINANTS, contaminants[ci]);
        }
    }

    private static double mean(int[] rows, double[] v) {
        if (rows.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int r : rows) {
            s += v[r];
        }
        return s / rows.length;
    }
}
