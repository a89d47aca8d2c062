package org.ocengine.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model y(x) for a gradient fit (SPEC.md 7), with its parameters in a fixed order. Kernels see a
 * model as a type code ({@link #code()}) and a flat parameter vector, so that a batched CPU loop or a
 * GPU kernel can evaluate any mix of models without objects:
 * <pre>
 *   LINEAR           y = slope * x + intercept                                   [slope, intercept]
 *   BROKEN_LINEAR    y = value_at_knee + (x &lt; knee ? slope_inner : slope_outer) * (x - knee)
 *                    knee fixed:  [slope_inner, slope_outer, value_at_knee]
 *                    knee fitted: [slope_inner, slope_outer, value_at_knee, knee]
 *   QUADRATIC        y = a * x^2 + b * x + c   (Fu et al. 2022, eq. 1)             [a, b, c]
 * </pre>
 * The broken line is continuous at the knee. With {@code scatter}, a last parameter {@code scatter}
 * (same unit as y) is the intrinsic scatter added in quadrature to each point's error.
 *
 * <p>Units: x and y in the units of the data (for gradients: y in dex, x in kpc or the variable's
 * unit); slopes in y-unit per x-unit. Immutable.
 *
 * @param shape   the functional form
 * @param knee    the fixed knee position for {@link Shape#BROKEN_LINEAR} (x units), or NaN when the knee
 *                is a fitted parameter; NaN for the other shapes
 * @param scatter whether an intrinsic-scatter parameter is fitted
 */
public record FitModel(Shape shape, double knee, boolean scatter) {

    /** The functional forms. */
    public enum Shape {
        LINEAR("linear"), BROKEN_LINEAR("broken"), QUADRATIC("quadratic");

        private final String label;

        Shape(String label) {
            this.label = label;
        }

        /** The name used on the command line and in output tables. */
        public String label() {
            return label;
        }

        /** Parses {@code linear}, {@code broken} or {@code quadratic} (any case). */
        public static Shape parse(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (Shape s : values()) {
                if (s.label.equals(t)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown model '" + text + "' (expected linear, broken or quadratic)");
        }
    }

    /** Kernel code of a straight line. */
    public static final int CODE_LINEAR = 0;
    /** Kernel code of a broken line with the knee fixed (taken from the fit's knee slot). */
    public static final int CODE_BROKEN_FIXED_KNEE = 1;
    /** Kernel code of a broken line whose knee is the fourth parameter. */
    public static final int CODE_BROKEN_FITTED_KNEE = 2;
    /** Kernel code of a quadratic. */
    public static final int CODE_QUADRATIC = 3;
    /** Bit added to the code when the last parameter is an intrinsic scatter. */
    public static final int SCATTER_BIT = 0x10;
    /** Mask of the shape part of a code. */
    public static final int SHAPE_MASK = 0x0F;

    public FitModel {
        if (shape == null) {
            throw new IllegalArgumentException("a model needs a shape");
        }
        if (shape != Shape.BROKEN_LINEAR && !Double.isNaN(knee)) {
            throw new IllegalArgumentException("only the broken-linear model has a knee");
        }
        if (Double.isInfinite(knee)) {
            throw new IllegalArgumentException("the knee must be finite, got " + knee);
        }
    }

    /** A straight line. */
    public static FitModel linear(boolean scatter) {
        return new FitModel(Shape.LINEAR, Double.NaN, scatter);
    }

    /** A quadratic. */
    public static FitModel quadratic(boolean scatter) {
        return new FitModel(Shape.QUADRATIC, Double.NaN, scatter);
    }

    /** A broken line with the knee fixed at {@code knee} (x units). */
    public static FitModel brokenAt(double knee, boolean scatter) {
        if (Double.isNaN(knee)) {
            throw new IllegalArgumentException("a fixed knee needs a value");
        }
        return new FitModel(Shape.BROKEN_LINEAR, knee, scatter);
    }

    /** A broken line whose knee is fitted. */
    public static FitModel brokenFittedKnee(boolean scatter) {
        return new FitModel(Shape.BROKEN_LINEAR, Double.NaN, scatter);
    }

    /** Whether the knee is a free parameter. */
    public boolean kneeFitted() {
        return shape == Shape.BROKEN_LINEAR && Double.isNaN(knee);
    }

    /** The kernel type code: one of the {@code CODE_*} constants, plus {@link #SCATTER_BIT} with scatter. */
    public int code() {
        int base = switch (shape) {
            case LINEAR -> CODE_LINEAR;
            case BROKEN_LINEAR -> kneeFitted() ? CODE_BROKEN_FITTED_KNEE : CODE_BROKEN_FIXED_KNEE;
            case QUADRATIC -> CODE_QUADRATIC;
        };
        return scatter ? base | SCATTER_BIT : base;
    }

    /** Number of parameters of a kernel code. */
    public static int dimension(int code) {
        int base = switch (code & SHAPE_MASK) {
            case CODE_LINEAR -> 2;
            case CODE_BROKEN_FIXED_KNEE, CODE_QUADRATIC -> 3;
            case CODE_BROKEN_FITTED_KNEE -> 4;
            default -> throw new IllegalArgumentException("unknown model code " + code);
        };
        return (code & SCATTER_BIT) != 0 ? base + 1 : base;
    }

    /** Number of parameters. */
    public int dimension() {
        return dimension(code());
    }

    /** Index of the scatter parameter, or -1. */
    public int scatterIndex() {
        return scatter ? dimension() - 1 : -1;
    }

    /** Parameter names in order (output column stems). */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>(switch (shape) {
            case LINEAR -> List.of("slope", "intercept");
            case BROKEN_LINEAR -> kneeFitted() ? List.of("slope_inner", "slope_outer", "value_at_knee", "knee")
                    : List.of("slope_inner", "slope_outer", "value_at_knee");
            case QUADRATIC -> List.of("a", "b", "c");
        });
        if (scatter) {
            names.add("scatter");
        }
        return List.copyOf(names);
    }

    /** Short description, e.g. {@code broken(knee=11.5)+scatter}. */
    public String describe() {
        String s = switch (shape) {
            case LINEAR, QUADRATIC -> shape.label();
            case BROKEN_LINEAR -> kneeFitted() ? "broken(knee fitted)" : "broken(knee=" + num(knee) + ")";
        };
        return scatter ? s + "+scatter" : s;
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The model value at x for parameters {@code p} (the scalar reference; kernels evaluate many walkers
     * at once with the same arithmetic).
     */
    public double value(double x, double[] p) {
        return value(code(), knee, x, p, 0, 1);
    }

    /**
     * The model value of a kernel code at x, parameters read as {@code p[offset + k * stride]}.
     *
     * @param fixedKnee the knee of {@link #CODE_BROKEN_FIXED_KNEE}; ignored otherwise
     */
    public static double value(int code, double fixedKnee, double x, double[] p, int offset, int stride) {
        double p0 = p[offset];
        double p1 = p[offset + stride];
        return switch (code & SHAPE_MASK) {
            case CODE_LINEAR -> p0 * x + p1;
            case CODE_BROKEN_FIXED_KNEE -> p[offset + 2 * stride] + (x < fixedKnee ? p0 : p1) * (x - fixedKnee);
            case CODE_BROKEN_FITTED_KNEE -> {
                double k = p[offset + 3 * stride];
                yield p[offset + 2 * stride] + (x < k ? p0 : p1) * (x - k);
            }
            case CODE_QUADRATIC -> (p0 * x + p1) * x + p[offset + 2 * stride];
            default -> throw new IllegalArgumentException("unknown model code " + code);
        };
    }
}
