package org.ocengine.datasets.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GalacticFrame against astropy 5.2's Galactocentric frame with the SPEC.md 6 solar parameters
 * (fixture from src/test/scripts/astropy-galactocentric-reference.py): positions to 1e-9 kpc,
 * velocities to 1e-6 km/s, l and b to 1e-9 deg, and back.
 */
class GalacticFrameTest {

    private static List<double[]> fixture() throws Exception {
        Path p = Path.of(GalacticFrameTest.class.getResource("/mock/galactocentric_astropy.csv").toURI());
        return Files.readAllLines(p).stream().filter(l -> !l.startsWith("#") && !l.startsWith("ra,"))
                .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
    }

    @Test
    void agreesWithAstropy() throws Exception {
        GalacticFrame frame = new GalacticFrame(GalacticFrame.Sun.SPEC);
        List<double[]> rows = fixture();
        assertEquals(24, rows.size());
        double[] out = new double[3];
        for (double[] r : rows) {
            double ra = r[0];
            double dec = r[1];
            double d = r[2];
            GalacticFrame.icrsToGalactic(ra, dec, out);
            assertEquals(0, angleDiff(r[6], out[0]) * Math.cos(Math.toRadians(r[7])), 1e-9, "l");
            assertEquals(r[7], out[1], 1e-9, "b");
            GalacticFrame.galacticToIcrs(r[6], r[7], out);
            assertEquals(0, angleDiff(ra, out[0]) * Math.cos(Math.toRadians(dec)), 1e-9, "ra back");
            assertEquals(dec, out[1], 1e-9, "dec back");
            frame.position(ra, dec, d, out);
            assertEquals(r[8], out[0], 1e-9, "x");
            assertEquals(r[9], out[1], 1e-9, "y");
            assertEquals(r[10], out[2], 1e-9, "z");
            frame.velocity(ra, dec, d, r[3], r[4], r[5], out);
            assertEquals(r[11], out[0], 1e-6, "vx");
            assertEquals(r[12], out[1], 1e-6, "vy");
            assertEquals(r[13], out[2], 1e-6, "vz");
            frame.observe(ra, dec, d, r[11], r[12], r[13], out);
            assertEquals(r[3], out[0], 1e-8, "pmra back");
            assertEquals(r[4], out[1], 1e-8, "pmdec back");
            assertEquals(r[5], out[2], 1e-6, "rv back");
        }
    }

    @Test
    void aStarOfTheLocalStandardOfRestShowsTheSolarMotion() {
        GalacticFrame frame = new GalacticFrame(GalacticFrame.Sun.SPEC);
        // a star 10 pc from the Sun towards the Galactic centre, on a circular orbit
        double[] radec = new double[2];
        GalacticFrame.galacticToIcrs(0, 0, radec);
        double[] x = new double[3];
        frame.position(radec[0], radec[1], 0.01, x);
        double[] v = new double[3];
        frame.rotation(x[0], x[1], 0, 0, 0, v);
        double[] seen = new double[3];
        frame.observe(radec[0], radec[1], 0.01, v[0], v[1], v[2], seen);
        // the Sun moves towards it at U and, the plane being tilted by t = asin(z_sun / R0) to the line of
        // sight, away from it at W sin t: RV = -U cos t + W sin t
        double t = Math.asin(0.0208 / 8.2);
        assertEquals(-11.1 * Math.cos(t) + 7.25 * Math.sin(t), seen[2], 1e-9);
    }

    private static double angleDiff(double a, double b) {
        double d = (a - b) % 360;
        return d > 180 ? d - 360 : d < -180 ? d + 360 : d;
    }
}
