package org.ocengine.random;

/**
 * Standard normal deviates by the ziggurat method of Marsaglia &amp; Tsang (2000, J. Stat. Softw. 5, 8)
 * with 256 layers and 52-bit magnitudes, the layout numpy's generator uses: one 64-bit random word
 * gives the layer (8 bits), the sign (1 bit) and the magnitude (52 bits), and about 99.3% of
 * deviates are accepted with one multiply and one compare. The rest need more words: the wedge test
 * one uniform (and then a fresh attempt), the tail beyond {@link #R} two uniforms per try.
 *
 * <p>The words come from a {@link WordSource}, so a counter-based generator can supply them: the
 * result is a pure function of the word sequence. The tables are built here in plain double
 * arithmetic with {@link StrictMath} (fdlibm), the rare-path functions are {@link StrictMath#exp}
 * and {@link StrictMath#log1p}, so the values are the same on every JVM; a CUDA twin gets the
 * tables from here and needs fdlibm's exp and log1p to agree bit for bit.
 *
 * <p>Immutable tables; the static methods are thread-safe.
 */
public final class Ziggurat {

    /** Start of the tail: the right edge of the base layer's rectangle. */
    public static final double R = 3.6541528853610088;
    /** Area of each layer (and of the base layer with its tail). */
    public static final double V = 0.00492867323399;
    /** Number of layers. */
    public static final int LAYERS = 256;
    /** How many words a deviate may use before the inverse-CDF fallback (never reached in practice). */
    public static final int MAX_WORDS = 32;

    private static final double TWO_52 = 0x1.0p52;
    /** Acceptance thresholds: magnitude below K[i] lies inside layer i's rectangle. */
    static final long[] K = new long[LAYERS];
    /** Width scale: x = magnitude * W[i]. */
    static final double[] W = new double[LAYERS];
    /** Density exp(-x_i^2 / 2) at each layer's right edge (F[0] = 1 at the top). */
    static final double[] F = new double[LAYERS];

    static {
        double dn = R;
        double tn = dn;
        double q = V / StrictMath.exp(-0.5 * dn * dn);
        K[0] = (long) ((dn / q) * TWO_52);
        K[1] = 0;
        W[0] = q / TWO_52;
        W[LAYERS - 1] = dn / TWO_52;
        F[0] = 1.0;
        F[LAYERS - 1] = StrictMath.exp(-0.5 * dn * dn);
        for (int i = LAYERS - 2; i >= 1; i--) {
            dn = StrictMath.sqrt(-2.0 * StrictMath.log(V / dn + StrictMath.exp(-0.5 * dn * dn)));
            K[i + 1] = (long) ((dn / tn) * TWO_52);
            tn = dn;
            F[i] = StrictMath.exp(-0.5 * dn * dn);
            W[i] = dn / TWO_52;
        }
    }

    /*
     * K and W indexed by the word's low nine bits, the layer and the sign: the width negated for a
     * negative deviate, so that the fast path applies the sign with its one multiply (exactly: rounding
     * is symmetric, so m * -w is -(m * w), zero included) instead of a branch, which would mispredict
     * half the time.
     */
    private static final long[] SIGNED_K = new long[2 * LAYERS];
    private static final double[] SIGNED_W = new double[2 * LAYERS];

    static {
        for (int i = 0; i < LAYERS; i++) {
            SIGNED_K[i] = K[i];
            SIGNED_K[LAYERS + i] = K[i];
            SIGNED_W[i] = W[i];
            SIGNED_W[LAYERS + i] = -W[i];
        }
    }

    /*
     * The wedge test's squeeze. On layer i's wedge (the x a rejected magnitude can give, [a, b]) the
     * density f(x) = exp(-x^2/2) is its second-order Taylor polynomial about the wedge's centre c,
     * SQUEEZE_C0 + t (SQUEEZE_C1 + t SQUEEZE_C2) with t = x - c, to within SQUEEZE_BOUND: the Lagrange
     * remainder max|f'''| h^3 / 6 (h the larger half-width, f'''(x) = (3x - x^3) f(x)), plus a rounding
     * allowance a thousand times the few ulps by which the polynomial, its coefficients and
     * StrictMath.exp can be off. A test point below or above that band is decided without exp, with
     * the answer exp would give; only points inside the thin band call it.
     */
    static final double[] SQUEEZE_CENTRE = new double[LAYERS];
    static final double[] SQUEEZE_C0 = new double[LAYERS];
    static final double[] SQUEEZE_C1 = new double[LAYERS];
    static final double[] SQUEEZE_C2 = new double[LAYERS];
    static final double[] SQUEEZE_BOUND = new double[LAYERS];
    /** Rounding allowance, relative to the density at the wedge's left end (its largest value there). */
    private static final double SQUEEZE_ROUNDING = 1e-12;

    static {
        for (int i = 1; i < LAYERS; i++) {
            double a = K[i] * W[i];
            double b = ((1L << 52) - 1) * W[i];
            double c = 0.5 * (a + b);
            double fc = StrictMath.exp(-0.5 * c * c);
            SQUEEZE_CENTRE[i] = c;
            SQUEEZE_C0[i] = fc;
            SQUEEZE_C1[i] = -c * fc;
            SQUEEZE_C2[i] = 0.5 * (c * c - 1) * fc;
            double fa = StrictMath.exp(-0.5 * a * a);
            // max |3x - x^3| on [a, b]: at an end, or 2 at x = 1 (it rises to 1, falls beyond)
            double g = Math.max(Math.abs(a * (3 - a * a)), Math.abs(b * (3 - b * b)));
            if (a <= 1 && b >= 1) {
                g = 2;
            }
            double halfWidth = Math.max(b - c, c - a);
            double remainder = g * fa * halfWidth * halfWidth * halfWidth / 6;
            SQUEEZE_BOUND[i] = 1.001 * remainder + SQUEEZE_ROUNDING * fa;
        }
    }

    /**
     * The wedge test of layer i (1 &lt;= i &lt; 256) for a point (x, y) of its wedge:
     * {@code y < StrictMath.exp(-0.5 * x * x)}, exactly, but mostly without the exp (see the squeeze).
     */
    static boolean underDensity(int layer, double x, double y) {
        double t = x - SQUEEZE_CENTRE[layer];
        double p = SQUEEZE_C0[layer] + t * (SQUEEZE_C1[layer] + t * SQUEEZE_C2[layer]);
        double bound = SQUEEZE_BOUND[layer];
        if (y < p - bound) {
            return true;
        }
        if (y >= p + bound) {
            return false;
        }
        return y < StrictMath.exp(-0.5 * x * x);
    }

    /** A copy of the acceptance thresholds K (a magnitude below K[i] lies inside layer i's rectangle), for device twins. */
    public static long[] layerThresholds() {
        return K.clone();
    }

    /** A copy of the width scales W (x = magnitude * W[i]), for device twins. */
    public static double[] layerWidths() {
        return W.clone();
    }

    /** A copy of the densities F (exp(-x_i^2 / 2) at each layer's right edge), for device twins. */
    public static double[] layerDensities() {
        return F.clone();
    }

    /** Supplies the random 64-bit words of one deviate, in order (word 0 first). */
    @FunctionalInterface
    public interface WordSource {
        long word(int index);
    }

    private Ziggurat() {
    }

    /**
     * The fast path: the deviate of a first word when it is accepted at once, else NaN (then call
     * {@link #deviate}, which starts again from word 0).
     */
    public static double fast(long word) {
        return acceptedAtOnce(word) ? rectangleDeviate(word) : Double.NaN;
    }

    /** Whether a first word's deviate is accepted at once (it lies inside its layer's rectangle). */
    static boolean acceptedAtOnce(long word) {
        return word >>> 12 < SIGNED_K[(int) word & 0x1FF];
    }

    /** The deviate of a first word accepted at once (see {@link #acceptedAtOnce}). */
    static double rectangleDeviate(long word) {
        return (word >>> 12) * SIGNED_W[(int) word & 0x1FF];
    }

    /** The deviate of a word sequence (the full method, rare paths included). */
    public static double deviate(WordSource words) {
        long word = words.word(0);
        return acceptedAtOnce(word) ? rectangleDeviate(word) : deviateAfterRejection(word, words);
    }

    /**
     * The deviate of a word sequence whose first word, given, is not accepted at once ({@link #fast}
     * gave NaN): the same value as {@link #deviate}, which would test that word again. Words from
     * index 1 on come from {@code words}.
     */
    public static double deviateAfterRejection(long firstWord, WordSource words) {
        long word = firstWord;
        int used = 1;
        while (true) {
            // word (the used-th) lies outside its layer's rectangle
            int layer = (int) word & 0xFF;
            boolean negative = (word & 0x100) != 0;
            if (layer == 0) {
                while (used + 1 < MAX_WORDS) {
                    double xx = -StrictMath.log1p(-Philox4x64.uniformOpen(words.word(used++))) / R;
                    double yy = -StrictMath.log1p(-Philox4x64.uniformOpen(words.word(used++)));
                    if (yy + yy > xx * xx) {
                        return negative ? -(R + xx) : R + xx;
                    }
                }
                break;
            }
            if (used >= MAX_WORDS) {
                break;
            }
            double x = (word >>> 12) * W[layer];
            double u = Philox4x64.uniformOpen(words.word(used++));
            if (underDensity(layer, x, (F[layer - 1] - F[layer]) * u + F[layer])) {
                return negative ? -x : x;
            }
            if (used >= MAX_WORDS) {
                break;
            }
            word = words.word(used++);
            if (acceptedAtOnce(word)) {
                return rectangleDeviate(word);
            }
        }
        return NormalQuantile.inverseCdf(Philox4x64.uniformOpen(word));
    }
}
