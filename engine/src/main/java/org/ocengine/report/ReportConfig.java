package org.ocengine.report;

import java.util.List;

/**
 * How to render a report. Immutable.
 *
 * @param formats     figure formats: {@code png} and optionally {@code svg} (PNG is always written first)
 * @param clusters    clusters to draw (any spelling; compared after {@link org.ocengine.table.ClusterNames#normalise});
 *                    empty: all
 * @param maxClusters at most this many clusters get figures (in normalised-name order); the index says how many were left out
 * @param threads     rendering threads (0: one per available processor)
 */
public record ReportConfig(List<String> formats, List<String> clusters, int maxClusters, int threads) {

    /** The default cap on clusters drawn. */
    public static final int DEFAULT_MAX_CLUSTERS = 2000;

    public ReportConfig {
        formats = formats.stream().map(f -> f.strip().toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        for (String f : formats) {
            if (!f.equals("png") && !f.equals("svg")) {
                throw new IllegalArgumentException("figure format must be png or svg, not " + f);
            }
        }
        if (!formats.contains("png")) {
            throw new IllegalArgumentException("figure formats must include png (the index shows PNGs)");
        }
        formats = formats.stream().sorted((a, b) -> a.equals("png") ? -1 : b.equals("png") ? 1 : a.compareTo(b)).toList();
        clusters = List.copyOf(clusters);
        if (maxClusters < 0) {
            throw new IllegalArgumentException("the cluster cap must be >= 0, not " + maxClusters);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, not " + threads);
        }
    }

    /** PNG only, every cluster up to the default cap, one thread per processor. */
    public static ReportConfig defaults() {
        return new ReportConfig(List.of("png"), List.of(), DEFAULT_MAX_CLUSTERS, 0);
    }
}
