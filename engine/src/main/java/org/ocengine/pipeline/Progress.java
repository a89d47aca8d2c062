package org.ocengine.pipeline;

/**
 * Where stages report progress on long work. The command line shows bars; libraries and tests use
 * {@link #NONE}. Implementations must tolerate calls from several threads on one task.
 */
public interface Progress {

    /** A unit of work with a known total; close it when done. */
    interface Task extends AutoCloseable {
        /** Adds {@code done} to the amount completed. */
        void step(long done);

        @Override
        void close();
    }

    /**
     * Starts a task.
     *
     * @param name  what is being done, a few words ("Monte-Carlo RV")
     * @param total amount of work in the unit of {@link Task#step}; 0 if unknown
     * @param unit  the unit, for display ("rows", "clusters")
     */
    Task start(String name, long total, String unit);

    /** Reports nothing. */
    Progress NONE = (name, total, unit) -> new Task() {
        @Override
        public void step(long done) {
        }

        @Override
        public void close() {
        }
    };
}
