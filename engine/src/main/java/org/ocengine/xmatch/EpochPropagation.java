package org.ocengine.xmatch;

import org.ocengine.compute.SkyGeometry;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;

/**
 * Moves positions by their proper motions from one epoch to another, on the sphere: the velocity in
 * the tangent plane (pmra, which includes cos dec, towards east; pmdec towards north) times the
 * elapsed time is added to the unit vector, and the direction of the sum is the new position. That
 * is straight-line motion in space with zero radial velocity; radial velocity, parallax and
 * light-time are ignored (perspective acceleration reaches milliarcseconds over decades only for the
 * nearest fast stars, far below a match radius). It agrees with astropy's
 * {@code SkyCoord.apply_space_motion} (zero radial velocity, a distance small enough that ERFA's
 * relativistic terms vanish) to 0.01 micro-arcsec for proper motions up to 1 arcsec/yr over 16
 * years, near the poles and across RA 0 (see the test and its generating script).
 * Rows without a position stay without one; rows missing pmra or pmdec keep their position.
 *
 * <p>Epochs are Julian years (TCB for Gaia: DR2 is J2015.5, DR3 J2016.0; a LAMOST spectrum's epoch is
 * 2000.0 + (MJD - 51544.5) / 365.25). Immutable and thread-safe.
 *
 * @param fromEpoch epoch of the input positions, Julian years
 * @param toEpoch   epoch wanted, Julian years
 */
public record EpochPropagation(double fromEpoch, double toEpoch) {

    /** Reference epoch of Gaia DR2 positions (J2015.5). */
    public static final double GAIA_DR2_EPOCH = 2015.5;
    /** Reference epoch of Gaia (E)DR3 positions (J2016.0). */
    public static final double GAIA_DR3_EPOCH = 2016.0;
    /** J2000.0. */
    public static final double J2000 = 2000.0;

    private static final double RADIANS_PER_MAS = Math.PI / (180.0 * 3600.0 * 1000.0);

    public EpochPropagation {
        if (!Double.isFinite(fromEpoch) || !Double.isFinite(toEpoch)) {
            throw new IllegalArgumentException("epochs must be finite, got " + fromEpoch + " and " + toEpoch);
        }
    }

    /** Elapsed time, Julian years (negative when propagating backwards). */
    public double years() {
        return toEpoch - fromEpoch;
    }

    /**
     * The positions of a table's rows at {@link #toEpoch}, from its canonical columns {@code ra},
     * {@code dec} (deg), {@code pmra}, {@code pmdec} (mas/yr): {@code {ra, dec}} in degrees, NaN where a
     * row has no position.
     */
    public double[][] apply(Table table) {
        double[] ra = table.doubles(Columns.RA.name());
        double[] dec = table.doubles(Columns.DEC.name());
        double[] pmra = table.doubles(Columns.PMRA.name());
        double[] pmdec = table.doubles(Columns.PMDEC.name());
        double[] out = new double[2];
        for (int i = 0; i < ra.length; i++) {
            move(ra[i], dec[i], pmra[i], pmdec[i], years(), out);
            ra[i] = out[0];
            dec[i] = out[1];
        }
        return new double[][] {ra, dec};
    }

    /**
     * Moves one position: writes the new (ra, dec), degrees with ra in [0, 360), into out[0], out[1].
     * Without a proper motion (NaN pmra or pmdec) the position is unchanged; without a position the
     * result is NaN.
     *
     * @param pmraMasPerYear  proper motion in RA times cos dec, mas/yr
     * @param pmdecMasPerYear proper motion in dec, mas/yr
     * @param years           elapsed time, Julian years
     */
    public static void move(double raDeg, double decDeg, double pmraMasPerYear, double pmdecMasPerYear, double years, double[] out) {
        if (!SkyGeometry.hasPosition(raDeg, decDeg)) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            return;
        }
        if (Double.isNaN(pmraMasPerYear) || Double.isNaN(pmdecMasPerYear) || years == 0) {
            out[0] = raDeg;
            out[1] = decDeg;
            return;
        }
        double sinRa = SkyGeometry.sinDegrees(raDeg);
        double cosRa = SkyGeometry.cosDegrees(raDeg);
        double sinDec = SkyGeometry.sinDegrees(decDeg);
        double cosDec = SkyGeometry.cosDegrees(decDeg);
        double east = pmraMasPerYear * RADIANS_PER_MAS * years;
        double north = pmdecMasPerYear * RADIANS_PER_MAS * years;
        // position + east * (-sin ra, cos ra, 0) + north * (-sin dec cos ra, -sin dec sin ra, cos dec)
        double x = cosDec * cosRa - east * sinRa - north * sinDec * cosRa;
        double y = cosDec * sinRa + east * cosRa - north * sinDec * sinRa;
        double z = sinDec + north * cosDec;
        out[0] = SkyGeometry.normaliseRa(Math.toDegrees(Math.atan2(y, x)));
        out[1] = Math.toDegrees(Math.atan2(z, Math.sqrt(x * x + y * y)));
    }
}
