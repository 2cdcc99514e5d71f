package org.kedrec.importer.dataset;

import java.io.PrintWriter;
import org.kedrec.core.Messages;
import org.kedrec.core.progress.ProgressTracker;

/**
 * A one-line progress bar for the command line ({@code expRxRec: explanation paths [#####.....] 52% 786/1510}),
 * redrawn in place with a carriage return at most every 1%, finished with the task's time. When the output is
 * not a terminal (a log file, CI) only the finished line is printed. Not thread-safe: callers that advance from
 * several threads synchronise on it.
 */
final class ConsoleProgressBar implements ProgressTracker {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean interactive;
    private String task;
    private long total;
    private long done;
    private int lastPercent;
    private long startNanos;

    ConsoleProgressBar(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void begin(String task, long total) {
        this.task = task;
        this.total = total;
        this.done = 0;
        this.lastPercent = -1;
        this.startNanos = System.nanoTime();
        draw();
    }

    @Override
    public void advance(long units) {
        done += units;
        draw();
    }

    @Override
    public void end() {
        done = Math.max(done, total);
        lastPercent = -1;
        drawAlways(interactive);
        out.printf(" (%s s)%n", Messages.format("%.1f", (System.nanoTime() - startNanos) / 1e9));
        out.flush();
    }

    private void draw() {
        if (interactive) {
            drawAlways(true);
        }
    }

    private void drawAlways(boolean redraw) {
        int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : 0;
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        out.print((redraw ? "\r" : "") + task + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + Messages.format("%3d%% %d/%d", percent, Math.min(done, total), total));
        out.flush();
    }
}
