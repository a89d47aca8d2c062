package org.ocengine.report;

import java.nio.file.Path;
import java.util.List;

/**
 * One figure of the report, or one that could not be drawn.
 *
 * @param section the index section ("Clusters", "Gradients", ...)
 * @param title   what the figure shows, one line
 * @param cluster the cluster (as named in the run's tables) for per-cluster figures, else null
 * @param files   the files written (PNG first); empty when not available
 * @param needs   for a figure not drawn: the columns or table it needs; null when drawn
 */
public record Figure(String section, String title, String cluster, List<Path> files, String needs) {

    public Figure {
        files = List.copyOf(files);
    }

    /** A figure drawn into {@code files}. */
    static Figure drawn(String section, String title, String cluster, List<Path> files) {
        return new Figure(section, title, cluster, files, null);
    }

    /** A figure not drawn because its inputs are absent. */
    static Figure unavailable(String section, String title, String cluster, String needs) {
        return new Figure(section, title, cluster, List.of(), needs);
    }

    /** True when the figure was drawn. */
    public boolean available() {
        return needs == null;
    }
}
