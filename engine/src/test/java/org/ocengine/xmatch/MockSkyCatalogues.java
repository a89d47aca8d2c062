package org.ocengine.xmatch;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ocengine.random.Philox4x64;

/**
 * Deterministic mock catalogues for cross-match checks and timings: a field of about 20 deg^2
 * straddling RA 0/360 at dec +25 (side sqrt(20) deg), with "sources" (B: 85% uniform, 15% in a
 * Gaussian cluster of sigma 0.3 deg) and "spectra" (A: 40% a source's position plus 0.4 arcsec
 * Gaussian noise per axis, 10% repeats of an earlier spectrum's position, the rest uniform).
 * Every number comes from Philox4x64-10 keyed by the seed and StrictMath, so the same seed gives the
 * same bits on every JVM; {@code stilts-xmatch-fixture.sh} relies on that.
 *
 * <p>{@code main(seed, nA, nB, dir)} writes {@code dir/a.csv} and {@code dir/b.csv} with columns
 * {@code id,ra,dec} (id = 0-based row; doubles in Java's shortest round-trip spelling, so a reader
 * gets the same bits back).
 */
final class MockSkyCatalogues {

    static final double CENTRE_RA = 0.0;
    static final double CENTRE_DEC = 25.0;
    static final double SIDE_DEG = Math.sqrt(20.0);

    private static final int SOURCES = 1;
    private static final int SPECTRA = 2;

    /** Positions in degrees, RA in [0, 360). */
    record Sky(double[] ra, double[] dec) {
        int size() {
            return ra.length;
        }
    }

    private MockSkyCatalogues() {
    }

    /** The B catalogue: n sources. */
    static Sky sources(long seed, int n) {
        double[] ra = new double[n];
        double[] dec = new double[n];
        double[] u = new double[4];
        for (int i = 0; i < n; i++) {
            draw(seed, SOURCES, i, u);
            if (u[0] < 0.85) {
                uniform(u[1], u[2], ra, dec, i);
            } else {
                double r = 0.3 * StrictMath.sqrt(-2 * StrictMath.log(u[1]));
                double dDec = r * StrictMath.sin(2 * Math.PI * u[2]);
                double dRa = r * StrictMath.cos(2 * Math.PI * u[2]) / StrictMath.cos(Math.toRadians(CENTRE_DEC));
                dec[i] = CENTRE_DEC + 0.5 + dDec;
                ra[i] = wrap(CENTRE_RA + 0.5 + dRa);
            }
        }
        return new Sky(ra, dec);
    }

    /** The A catalogue: n spectra, many of them of the given sources. */
    static Sky spectra(long seed, int n, Sky sources) {
        double[] ra = new double[n];
        double[] dec = new double[n];
        double[] u = new double[4];
        double noiseDeg = 0.4 / 3600.0;
        for (int i = 0; i < n; i++) {
            draw(seed, SPECTRA, i, u);
            if (u[0] < 0.4 && sources.size() > 0) {
                int j = (int) (u[3] * sources.size());
                double r = noiseDeg * StrictMath.sqrt(-2 * StrictMath.log(u[1]));
                double cosDec = StrictMath.cos(Math.toRadians(sources.dec()[j]));
                dec[i] = sources.dec()[j] + r * StrictMath.sin(2 * Math.PI * u[2]);
                ra[i] = wrap(sources.ra()[j] + r * StrictMath.cos(2 * Math.PI * u[2]) / cosDec);
            } else if (u[0] < 0.5 && i > 0) {
                int j = (int) (u[3] * i);
                ra[i] = ra[j];
                dec[i] = dec[j];
            } else {
                uniform(u[1], u[2], ra, dec, i);
            }
        }
        return new Sky(ra, dec);
    }

    /** Four uniforms in (0, 1) for row i of a catalogue. */
    private static void draw(long seed, int catalogue, int row, double[] u) {
        long[] w = new long[4];
        Philox4x64.block(row, catalogue, 0, 0, seed, 0, w);
        for (int k = 0; k < 4; k++) {
            u[k] = Philox4x64.uniformOpen(w[k]);
        }
    }

    private static void uniform(double u1, double u2, double[] ra, double[] dec, int i) {
        dec[i] = CENTRE_DEC + (u1 - 0.5) * SIDE_DEG;
        ra[i] = wrap(CENTRE_RA + (u2 - 0.5) * SIDE_DEG / StrictMath.cos(Math.toRadians(CENTRE_DEC)));
    }

    private static double wrap(double ra) {
        double r = ra < 0 ? ra + 360.0 : ra >= 360.0 ? ra - 360.0 : ra;
        return r < 360.0 ? r : 0.0;
    }

    /** Writes {@code dir/a.csv} and {@code dir/b.csv}: args are seed, nA, nB, dir. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: MockSkyCatalogues seed nA nB dir");
        }
        long seed = Long.parseLong(args[0]);
        Sky b = sources(seed, Integer.parseInt(args[2]));
        Sky a = spectra(seed, Integer.parseInt(args[1]), b);
        Path dir = Path.of(args[3]);
        Files.createDirectories(dir);
        write(a, dir.resolve("a.csv"));
        write(b, dir.resolve("b.csv"));
    }

    private static void write(Sky sky, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,ra,dec\n");
            for (int i = 0; i < sky.size(); i++) {
                w.write(i + "," + sky.ra()[i] + "," + sky.dec()[i] + "\n");
            }
        }
    }
}
