package org.ocengine.galaxy;

/**
 * The Miyamoto-Nagai (1975) disc Phi = -GM / sqrt(R^2 + (a + sqrt(z^2 + b^2))^2), analytic; units of
 * {@link Units}. Immutable and thread-safe.
 */
public final class MiyamotoNagaiDisc implements Potential {

    private final double gm;
    private final double a;
    private final double b;

    /**
     * @param gm G times the mass, kpc (km/s)^2
     * @param a  scale length, kpc
     * @param b  scale height, kpc
     */
    public MiyamotoNagaiDisc(double gm, double a, double b) {
        if (!(gm > 0) || !(a >= 0) || !(b > 0)) {
            throw new IllegalArgumentException("Miyamoto-Nagai disc needs GM > 0, a >= 0, b > 0");
        }
        this.gm = gm;
        this.a = a;
        this.b = b;
    }

    @Override
    public String name() {
        return "Miyamoto-Nagai disc";
    }

    /** G times the mass, kpc (km/s)^2 (for a device that evaluates the same formulas). */
    public double gm() {
        return gm;
    }

    /** Scale length, kpc. */
    public double a() {
        return a;
    }

    /** Scale height, kpc. */
    public double b() {
        return b;
    }

    @Override
    public double potential(double cylR, double z) {
        double s = a + Math.sqrt(z * z + b * b);
        return -gm / Math.sqrt(cylR * cylR + s * s);
    }

    @Override
    public void addForces(double cylR, double z, double[] acc) {
        double zeta = Math.sqrt(z * z + b * b);
        double s = a + zeta;
        double d2 = cylR * cylR + s * s;
        double inv3 = 1 / (d2 * Math.sqrt(d2));
        acc[0] -= gm * cylR * inv3;
        acc[1] -= gm * z * s / zeta * inv3;
    }

    @Override
    public double density(double cylR, double z) {
        double zeta2 = z * z + b * b;
        double zeta = Math.sqrt(zeta2);
        double s = a + zeta;
        double d2 = cylR * cylR + s * s;
        double num = a * cylR * cylR + (a + 3 * zeta) * s * s;
        return gm * b * b / (4 * Math.PI * Units.G) * num / (Math.pow(d2, 2.5) * zeta2 * zeta);
    }
}
