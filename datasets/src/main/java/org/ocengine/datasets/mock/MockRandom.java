package org.ocengine.datasets.mock;

import org.ocengine.random.Philox4x64;
import org.ocengine.random.Ziggurat;

/**
 * The random numbers of the mock survey: Philox4x64-10 blocks keyed by the seed, so every number is a
 * pure function of (seed, what it is for, whom it is for) and the same whatever the thread count.
 *
 * <p>Key = (seed, {@link #KEY1}); {@code KEY1} differs from the pipeline's
 * {@link org.ocengine.random.DrawKey#KEY1}, so a mock generated with seed s and a run with seed s draw
 * unrelated numbers. A stream of numbers is addressed by four values, and its n-th 64-bit word is
 * word {@code n % 4} of the block with counter
 * <pre>
 *   c0 = n / 4,   c1 = sub,   c2 = entity,   c3 = (domain &lt;&lt; 32) | quantity
 * </pre>
 * where {@code domain} says what kind of object the numbers belong to ({@link Domain}), {@code entity}
 * which object (a field, a cluster, a star: see each domain), {@code sub} an index within it (a visit,
 * an exposure, a fibre cell) and {@code quantity} which quantity is drawn (constants in the classes
 * that draw them). Uniforms use {@link Philox4x64#uniformOpen}; normal deviates use the
 * {@link Ziggurat} on consecutive words of the stream.
 *
 * <p>Immutable and thread-safe; the {@link Stream}s it hands out are for one thread each.
 */
public final class MockRandom {

    /** Second key word: "ocmock01" in ASCII. */
    public static final long KEY1 = 0x6F636D6F636B3031L;

    /** What a stream of numbers belongs to (the high half of counter word 3). */
    public enum Domain {
        /** The sky layout: entity = grid cell, or 0 for the survey as a whole. */
        LAYOUT(1),
        /** A field: entity = field index; sub = visit or exposure where it applies. */
        FIELD(2),
        /** A cluster: entity = cluster index. */
        CLUSTER(3),
        /** A cluster member: entity = (cluster index &lt;&lt; 32) | member number. */
        MEMBER(4),
        /** A field star: entity = (field index &lt;&lt; 32) | star number. */
        FIELD_STAR(5),
        /** A fibre cell of a visit: entity = field index, sub = (visit &lt;&lt; 32) | cell key. */
        FIBRE(6),
        /**
         * A spectrum: entity = the star's key (a member's entity with bit 62 set, a field star's entity as it is),
         * sub = (field index &lt;&lt; 32) | exposure.
         */
        SPECTRUM(7),
        /** A zero-point cell: entity = field index, sub = (exposure &lt;&lt; 8) | spectrograph. */
        OFFSET(8),
        /** Membership-list draws: entity = (cluster index &lt;&lt; 32) | star local index. */
        MEMBERSHIP(9),
        /** A target's fibre tie-break in a visit: entity = the star's key (as for SPECTRUM), sub = (field index &lt;&lt; 32) | visit. */
        TARGET(10);

        private final long code;

        Domain(int code) {
            this.code = code;
        }

        long code() {
            return code;
        }
    }

    private final long seed;

    public MockRandom(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A new stream object (positioned nowhere until {@link Stream#at}). */
    public Stream stream() {
        return new Stream();
    }

    /**
     * A cursor over one addressed stream of words. Reposition it with {@link #at} and draw in a fixed
     * order; the numbers depend only on the address and the position. Not thread-safe.
     */
    public final class Stream {
        private final long[] block = new long[4];
        private long c0;
        private long c1;
        private long c2;
        private long c3;
        private int lane = 4;

        private Stream() {
        }

        /** Positions this cursor at the start of the stream {@code (domain, quantity, entity, sub)}. */
        public Stream at(Domain domain, int quantity, long entity, long sub) {
            c0 = 0;
            c1 = sub;
            c2 = entity;
            c3 = domain.code() << 32 | (quantity & 0xFFFFFFFFL);
            lane = 4;
            return this;
        }

        /** The next 64-bit word. */
        public long word() {
            if (lane == 4) {
                Philox4x64.block(c0++, c1, c2, c3, seed, KEY1, block);
                lane = 0;
            }
            return block[lane++];
        }

        /** A uniform deviate on the open interval (0, 1). */
        public double uniform() {
            return Philox4x64.uniformOpen(word());
        }

        /** A uniform deviate on (lo, hi). */
        public double uniform(double lo, double hi) {
            return lo + (hi - lo) * uniform();
        }

        /** An integer uniform on 0 .. n-1. */
        public int below(int n) {
            return (int) Math.min(n - 1L, (long) (uniform() * n));
        }

        /** A standard normal deviate (ziggurat over the stream's next words). */
        public double normal() {
            long first = word();
            double z = Ziggurat.fast(first);
            if (!Double.isNaN(z)) {
                return z;
            }
            return Ziggurat.deviateAfterRejection(first, m -> word());
        }

        /** A normal deviate with the given mean and standard deviation. */
        public double normal(double mean, double sd) {
            return mean + sd * normal();
        }
    }
}
