package org.ocengine.datasets.mock;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import org.apache.arrow.memory.RootAllocator;
import org.ocengine.pipeline.Progress;

/**
 * Run in a forked JVM by {@link StreamingTest}: generates the survey preset's density over
 * {@code args[1]} open-cluster fields of radius {@code args[2]} deg into {@code args[0]} (Arrow files),
 * with an Arrow allocator limited to {@code args[3]} MB on {@code args[4]} threads (default 1), and prints one line
 * {@code rows=<gaia rows> spectra=<rows> peak_heap=<bytes> peak_arrow=<bytes>}.
 */
public final class StreamingProbe {

    private StreamingProbe() {
    }

    public static void main(String[] args) throws Exception {
        MockPreset preset = MockPreset.SURVEY.withFields(Integer.parseInt(args[1]), 0).withFieldRadius(Double.parseDouble(args[2]));
        long limit = Long.parseLong(args[3]) << 20;
        try (RootAllocator alloc = new RootAllocator(limit)) {
            int threads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
            MockSurveyGenerator.Summary s = MockSurveyGenerator.generate(preset, 5, Path.of(args[0]), "arrow", threads, alloc, Progress.NONE,
                    line -> { });
            long heap = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    heap += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("rows=" + s.rows().get(MockSurveyFiles.GAIA_SOURCES) + " spectra=" + s.rows().get(MockSurveyFiles.SPECTRA)
                    + " truth_stars=" + s.rows().get(MockSurveyFiles.TRUTH_STARS) + " peak_heap=" + heap
                    + " peak_arrow=" + alloc.getPeakMemoryAllocation());
        }
    }
}
