package org.kedrec.core.progress;

/**
 * Receives progress of a long task: the plugin forwards it to Neo4j's log ({@link LoggingProgressTracker}) as {@code <task> :: Start}, percentages
 * and {@code <task> :: Finished} (GDS's {@code ProgressLogger}); the command line draws it with {@link ConsoleProgress}, its one progress display.
 * Core code takes one of these instead of logging directly, and {@link #NULL} when nobody listens.
 */
public interface ProgressTracker {
    ProgressTracker NULL = new ProgressTracker() {
        @Override
        public void begin(String task, long total) {}

        @Override
        public void advance(long done) {}

        @Override
        public void end() {}
    };

    /** Starts a task of {@code total} units; {@code total} may be -1 when unknown. */
    void begin(String task, long total);

    /** Reports {@code done} more units finished. */
    void advance(long done);

    /** Ends the task that began last. */
    void end();
}
