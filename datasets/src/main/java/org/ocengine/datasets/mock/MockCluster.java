package org.ocengine.datasets.mock;

import java.util.Locale;
import org.ocengine.galaxy.GalacticFrames;

/**
 * The true parameters of one mock cluster, and how they are drawn.
 *
 * <ul>
 *   <li>Centre uniform within 0.75 of its field's radius; distance uniform in [0.3, 5] kpc; log age
 *       uniform in [7, 9.8].</li>
 *   <li>Projected half-number radius r50: log-uniform in [1.5, 8] pc, seen from the distance, kept
 *       within [0.03, 0.3] deg; a King (1962) profile with concentration log10(r_t/r_c) uniform in
 *       [0.5, 1.2] scaled to that r50.</li>
 *   <li>[Fe/H] = -0.06 dex/kpc (R_GC - 8.2) inside 11.5 kpc, -0.015 dex/kpc beyond (continuous), plus
 *       N(0, 0.05); [alpha/M] = N(0, 0.02).</li>
 *   <li>Space velocity: circular rotation at v_c plus a peculiar motion N(0, 5 km/s) per cylindrical
 *       component, turned into pm and RV by the engine's {@link GalacticFrames} (the frame the
 *       pipeline computes R_GC and orbits in).</li>
 *   <li>Mass log-uniform in [massMin, massMax]; the members with G &lt;= 18 are its stars (Kroupa IMF,
 *       {@link StellarModel}) bright enough at its distance and extinction, their number kept within
 *       the preset's [membersMin, membersMax]; internal 1-D velocity dispersion
 *       sqrt(G M / (10 r_h)) with r_h = 1.33 r50, within [0.2, 3] km/s.</li>
 *   <li>Extinction A_G from {@link Extinction} times a factor uniform in [0.7, 1.3].</li>
 * </ul>
 * Angles in degrees, distances in kpc unless named pc, velocities km/s, pm mas/yr. Immutable.
 *
 * @param index          global cluster number
 * @param name           cluster name ({@code Mock_0001} ...)
 * @param field          index of its field
 * @param ra             centre, ICRS (epoch J2000), deg
 * @param dec            centre, deg
 * @param l              Galactic longitude, deg
 * @param b              Galactic latitude, deg
 * @param distanceKpc    heliocentric distance, kpc
 * @param logAge         log10 of the age in years
 * @param r50Deg         projected half-number radius, deg
 * @param r50Pc          the same in pc
 * @param kingC          log10(r_t / r_c)
 * @param coreDeg        King core radius r_c, deg
 * @param tidalDeg       King tidal radius r_t, deg
 * @param ag             extinction A_G, mag
 * @param feh            [Fe/H], dex
 * @param alphaM         [alpha/M], dex
 * @param x              Galactocentric x, kpc ({@link GalacticFrames}: astropy's frame, SPEC.md 6)
 * @param y              Galactocentric y, kpc
 * @param z              Galactocentric z, kpc
 * @param rGc            Galactocentric cylindrical radius, kpc
 * @param vx             Galactocentric velocity, km/s
 * @param vy             ...
 * @param vz             ...
 * @param pmra           proper motion mu_alpha* at the centre, mas/yr
 * @param pmdec          proper motion mu_delta, mas/yr
 * @param rv             radial velocity of the centre of mass, km/s
 * @param massMsun       total stellar mass, solar masses
 * @param sigmaInt       internal 1-D velocity dispersion, km/s
 * @param massLow        lowest member mass drawn (G = 18 on the main sequence), solar masses
 * @param massHigh       highest member mass drawn (end of the giant branch), solar masses
 * @param membersDrawn   members drawn (G &lt;= 18 expected; those brighter than G = 9 are dropped)
 */
public record MockCluster(int index, String name, int field, double ra, double dec, double l, double b, double distanceKpc,
                          double logAge, double r50Deg, double r50Pc, double kingC, double coreDeg, double tidalDeg,
                          double ag, double feh, double alphaM, double x, double y, double z, double rGc, double vx,
                          double vy, double vz, double pmra, double pmdec, double rv, double massMsun, double sigmaInt,
                          double massLow, double massHigh, int membersDrawn) {

    /** Gravitational constant in pc (km/s)^2 per solar mass. */
    public static final double G_PC_KMS2_MSUN = 4.3009e-3;
    /** Sun-distance of the [Fe/H] anchor and the knee of the gradient, kpc. */
    public static final double GRADIENT_ANCHOR_KPC = 8.2;
    public static final double GRADIENT_KNEE_KPC = 11.5;
    public static final double GRADIENT_INNER = -0.06;
    public static final double GRADIENT_OUTER = -0.015;

    /** The injected gradient: [Fe/H] at Galactocentric radius R (kpc), without scatter. */
    public static double gradientFeh(double rGcKpc) {
        if (rGcKpc <= GRADIENT_KNEE_KPC) {
            return GRADIENT_INNER * (rGcKpc - GRADIENT_ANCHOR_KPC);
        }
        return GRADIENT_INNER * (GRADIENT_KNEE_KPC - GRADIENT_ANCHOR_KPC) + GRADIENT_OUTER * (rGcKpc - GRADIENT_KNEE_KPC);
    }

    /** The name of cluster {@code index}. */
    public static String nameOf(int index) {
        return String.format(Locale.ROOT, "Mock_%04d", index + 1);
    }

    /** Draws cluster {@code index} of {@code field}. */
    public static MockCluster draw(int index, SurveyLayout.Field field, MockPreset preset, GalacticFrames frames, Extinction extinction,
                                   MockRandom.Stream s) {
        s.at(MockRandom.Domain.CLUSTER, 0, index, 0);
        double rho = 0.75 * preset.fieldRadiusDeg() * Math.sqrt(s.uniform());
        double pa = s.uniform(0, 360);
        double d = s.uniform(0.3, 5.0);
        double logAge = s.uniform(7.0, 9.8);
        double r50PcDrawn = Math.exp(s.uniform(Math.log(1.5), Math.log(8.0)));
        double kingC = s.uniform(0.5, 1.2);
        double extinctionFactor = s.uniform(0.7, 1.3);
        double fehScatter = s.normal(0, 0.05);
        double alpha = s.normal(0, 0.02);
        double vR = s.normal(0, 5);
        double vPhi = s.normal(0, 5);
        double vZ = s.normal(0, 5);
        double logMass = s.uniform(Math.log(preset.clusterMassMin()), Math.log(preset.clusterMassMax()));

        double[] p = new double[3];
        SkyOffsets.offset(field.ra(), field.dec(), rho, pa, p);
        double ra = p[0];
        double dec = p[1];
        frames.icrsToGalactic(ra, dec, p);
        double l = p[0];
        double b = p[1];
        double r50Deg = Math.max(0.03, Math.min(0.3, Math.toDegrees(Math.atan(r50PcDrawn / (1000 * d)))));
        double r50Pc = 1000 * d * Math.tan(Math.toRadians(r50Deg));
        double xHalf = kingHalfRadius(kingC);
        double core = r50Deg / xHalf;
        double tidal = core * Math.pow(10, kingC);
        double ag = extinction.ag(d, b) * extinctionFactor;
        double[] xv = new double[6];
        frames.icrsToGalactocentric(ra, dec, d, 0, 0, 0, xv);
        double x = xv[0];
        double y = xv[1];
        double z = xv[2];
        double rGc = Math.hypot(x, y);
        double feh = gradientFeh(rGc) + fehScatter;
        GalacticFrames.cartesianVelocity(x, y, vR, frames.sun().circularSpeed() + vPhi, vZ, p);
        double vx = p[0];
        double vy = p[1];
        double vz = p[2];
        System.arraycopy(p, 0, xv, 3, 3);
        double[] seen = new double[6];
        frames.galactocentricToIcrs(xv, seen);

        double ageYr = Math.pow(10, logAge);
        double mass = Math.exp(logMass);
        double modulus = 5 * Math.log10(100 * d) + ag;
        double mHigh = Math.min(20.0, StellarModel.maxMass(ageYr));
        double mLow = StellarModel.mainSequenceMassForAbsG(MockPreset.G_MAX - modulus, ageYr);
        double meanMass = InitialMassFunction.mass(0.08, mHigh) / InitialMassFunction.number(0.08, mHigh);
        double visibleFraction = InitialMassFunction.number(mLow, mHigh) / InitialMassFunction.number(0.08, mHigh);
        long implied = Math.round(mass / meanMass * visibleFraction);
        int members = (int) Math.max(preset.membersMin(), Math.min(preset.membersMax(), implied));
        double sigma = Math.sqrt(G_PC_KMS2_MSUN * mass / (10 * 1.33 * r50Pc));
        sigma = Math.max(0.2, Math.min(3.0, sigma));
        return new MockCluster(index, nameOf(index), field.index(), ra, dec, l, b, d, logAge, r50Deg, r50Pc, kingC, core, tidal,
                ag, feh, alpha, x, y, z, rGc, vx, vy, vz, seen[3], seen[4], seen[5], mass, sigma, mLow, mHigh, members);
    }

    /** The age in years. */
    public double ageYr() {
        return Math.pow(10, logAge);
    }

    /**
     * The projected radius (deg) at quantile {@code u} of the King profile: the root of
     * N(R) = u N(r_t), by bisection.
     */
    public double radiusAt(double u) {
        double xt2 = Math.pow(10, 2 * kingC);
        double target = u * kingCumulative(xt2, xt2);
        double lo = 0;
        double hi = Math.pow(10, kingC);
        for (int i = 0; i < 50; i++) {
            double mid = 0.5 * (lo + hi);
            if (kingCumulative(mid * mid, xt2) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return coreDeg * 0.5 * (lo + hi);
    }

    /**
     * King's (1962, eq. 18) number of stars within projected radius R, up to a constant, with
     * x = (R/r_c)^2 and xt = (r_t/r_c)^2.
     */
    static double kingCumulative(double x, double xt) {
        double st = Math.sqrt(1 + xt);
        return Math.log1p(x) - 4 * (Math.sqrt(1 + x) - 1) / st + x / (1 + xt);
    }

    /** R50 / r_c of a King profile of concentration c = log10(r_t / r_c). */
    static double kingHalfRadius(double c) {
        double xt2 = Math.pow(10, 2 * c);
        double half = 0.5 * kingCumulative(xt2, xt2);
        double lo = 0;
        double hi = Math.pow(10, c);
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (kingCumulative(mid * mid, xt2) < half) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
