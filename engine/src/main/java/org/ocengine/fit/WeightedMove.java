package org.ocengine.fit;

import java.util.List;
import java.util.Locale;

/**
 * A move and its relative weight: each step the sampler picks one move with probability
 * proportional to its weight (emcee's {@code moves=[(move, weight), ...]}). Immutable.
 *
 * @param move   the move
 * @param weight its weight, positive
 */
public record WeightedMove(Move move, double weight) {

    public WeightedMove {
        if (move == null) {
            throw new IllegalArgumentException("a move is required");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("a move's weight must be positive and finite, got " + weight);
        }
    }

    /**
     * Parses a move list such as {@code stretch}, {@code stretch:2}, {@code de},
     * {@code stretch:2@0.8,de@0.2} (name[:parameter][@weight], comma-separated; the stretch parameter
     * is a, the de parameter gamma0).
     */
    public static List<WeightedMove> parse(String text) {
        List<WeightedMove> out = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            double weight = 1;
            int at = p.indexOf('@');
            if (at >= 0) {
                weight = number(p.substring(at + 1), text);
                p = p.substring(0, at);
            }
            int colon = p.indexOf(':');
            String name = colon >= 0 ? p.substring(0, colon) : p;
            Double arg = colon >= 0 ? number(p.substring(colon + 1), text) : null;
            Move move = switch (name.strip()) {
                case "stretch" -> new StretchMove(arg == null ? 2.0 : arg);
                case "de" -> new DifferentialEvolutionMove(1e-5, arg == null ? Double.NaN : arg);
                default -> throw new IllegalArgumentException("unknown move '" + name.strip() + "' in '" + text + "' (expected stretch or de)");
            };
            out.add(new WeightedMove(move, weight));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no move given in '" + text + "'");
        }
        return List.copyOf(out);
    }

    private static double number(String s, String whole) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number '" + s.strip() + "' in move list '" + whole + "'", e);
        }
    }

    /** The list in the syntax {@link #parse} reads. */
    public static String describe(List<WeightedMove> moves) {
        StringBuilder sb = new StringBuilder();
        for (WeightedMove m : moves) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(m.move().describe());
            if (moves.size() > 1) {
                sb.append('@').append(m.weight());
            }
        }
        return sb.toString();
    }
}
