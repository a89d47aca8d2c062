package org.ocengine.table;

/**
 * The mean direction of a set of sky positions (the normalised sum of their unit vectors), correct
 * across RA 0/360 and near the poles. Stateless.
 */
public final class SkyAverage {

    private SkyAverage() {
    }

    /**
     * The mean position of the given rows, skipping rows with a missing coordinate.
     *
     * @param rows row indices into ra/dec
     * @param ra   right ascension, degrees
     * @param dec  declination, degrees
     * @return {ra in [0, 360), dec}, degrees; NaNs when no row has a position
     */
    public static double[] of(int[] rows, double[] ra, double[] dec) {
        double x = 0;
        double y = 0;
        double z = 0;
        boolean any = false;
        for (int r : rows) {
            if (Double.isNaN(ra[r]) || Double.isNaN(dec[r])) {
                continue;
            }
            double a = Math.toRadians(ra[r]);
            double d = Math.toRadians(dec[r]);
            x += Math.cos(d) * Math.cos(a);
            y += Math.cos(d) * Math.sin(a);
            z += Math.sin(d);
            any = true;
        }
        if (!any) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double ang = Math.toDegrees(Math.atan2(y, x));
        return new double[] {ang < 0 ? ang + 360 : ang, Math.toDegrees(Math.atan2(z, Math.hypot(x, y)))};
    }
}
