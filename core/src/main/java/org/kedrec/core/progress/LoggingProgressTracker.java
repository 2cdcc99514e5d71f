package org.kedrec.core.progress;

import java.util.function.Consumer;
import org.kedrec.core.Messages;

/**
 * Logs {@code <task> :: Start}, every 10 percent, and {@code <task> :: Finished} to a line sink, the way
 * GDS's progress logger writes to the Neo4j log. Not thread-safe: one tracker per task.
 */
public final class LoggingProgressTracker implements ProgressTracker {
    private final Consumer<String> sink;
    private String task;
    private long total;
    private long done;
    private int lastDecile;
    private long startNanos;

    public LoggingProgressTracker(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void begin(String task, long total) {
        this.task = task;
        this.total = total;
        this.done = 0;
        this.lastDecile = 0;
        this.startNanos = System.nanoTime();
        sink.accept(task + " :: Start");
    }

    @Override
    public void advance(long units) {
        done += units;
        if (total > 0) {
            int decile = (int) Math.min(10, done * 10 / total);
            if (decile > lastDecile) {
                lastDecile = decile;
                sink.accept(Messages.format("%s %d%%", task, decile * 10));
            }
        }
    }

    @Override
    public void end() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        sink.accept(Messages.format("%s :: Finished (%.1f s)", task, seconds));
    }
}
