package org.ocengine.xmatch;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.ocengine.compute.CpuBackend;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.SkyPositions;

/**
 * Manual timing of the CPU sky match on {@link MockSkyCatalogues} (not a unit test): the wall time
 * of {@code CpuBackend.skyMatch} alone, inputs already in Arrow vectors, after three warm-up runs,
 * with the process CPU time beside it (on a shared machine the wall time also measures the
 * neighbours); prints every run, the median and the minimum. Arguments (all optional): nA nB
 * radiusArcsec threads runs seed. Run from the engine directory after
 * {@code mvn -o -pl engine test-compile} and
 * {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}:
 * {@code java -Xmx4g --add-opens=java.base/java.nio=ALL-UNNAMED -cp target/test-classes:target/classes:$(cat cp.txt)
 * org.ocengine.xmatch.SkyMatchTiming 1000000 1000000 3.5 0 7} (JDK 23+ also wants
 * {@code --sun-misc-unsafe-memory-access=allow}).
 */
final class SkyMatchTiming {

    private SkyMatchTiming() {
    }

    public static void main(String[] args) {
        int nA = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int nB = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        double radius = args.length > 2 ? Double.parseDouble(args[2]) : 3.5;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 7;
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 20260501L;
        MockSkyCatalogues.Sky b = MockSkyCatalogues.sources(seed, nB);
        MockSkyCatalogues.Sky a = MockSkyCatalogues.spectra(seed, nA, b);
        try (BufferAllocator allocator = new RootAllocator();
             Float8Vector raA = vector(allocator, "ra", a.ra());
             Float8Vector decA = vector(allocator, "dec", a.dec());
             Float8Vector raB = vector(allocator, "ra", b.ra());
             Float8Vector decB = vector(allocator, "dec", b.dec());
             CpuBackend backend = new CpuBackend(threads)) {
            SkyPositions pa = new SkyPositions(raA, decA);
            SkyPositions pb = new SkyPositions(raB, decB);
            System.out.printf("%s; %d x %d at %.2f arcsec%n", backend.description(), nA, nB, radius);
            for (int w = 0; w < 3; w++) {
                backend.skyMatch(pa, pb, radius);
            }
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double[] seconds = new double[runs];
            int pairs = 0;
            for (int r = 0; r < runs; r++) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                MatchPairs result = backend.skyMatch(pa, pb, radius);
                seconds[r] = (System.nanoTime() - t0) * 1e-9;
                double cpu = (os.getProcessCpuTime() - cpu0) * 1e-9;
                pairs = result.size();
                System.out.printf("run %d: %.3f s wall, %.3f s CPU, %d pairs%n", r, seconds[r], cpu, pairs);
            }
            Arrays.sort(seconds);
            System.out.printf("median %.3f s, min %.3f s, %d pairs%n", seconds[runs / 2], seconds[0], pairs);
        }
    }

    private static Float8Vector vector(BufferAllocator allocator, String name, double[] values) {
        Float8Vector v = new Float8Vector(name, allocator);
        v.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            v.set(i, values[i]);
        }
        v.setValueCount(values.length);
        return v;
    }
}
