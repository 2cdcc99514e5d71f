package org.kedrec.importer.cli;

import java.io.PrintWriter;
import org.kedrec.core.Messages;
import org.kedrec.core.progress.ProgressTracker;

/**
 * A text progress bar per input file, redrawn in place with {@code \r} when the percentage changes:
 *
 * <pre>
 * hetionet edges hetionet-v1.0-edges-demo.sif.gz [##############------]  70%
 * </pre>
 *
 * and finished with the time the file took. Writes only to the writer it is given (the command's error stream,
 * so that the summary on standard output stays clean).
 */
public final class ProgressBar implements ProgressTracker {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private String task;
    private long total;
    private long done;
    private int lastPercent;
    private long start;

    public ProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void begin(String task, long total) {
        this.task = task;
        this.total = total;
        this.done = 0;
        this.lastPercent = -1;
        this.start = System.nanoTime();
        draw();
    }

    @Override
    public void advance(long units) {
        done += units;
        int percent = percent();
        if (percent != lastPercent) {
            draw();
        }
    }

    @Override
    public void end() {
        done = Math.max(done, total);
        draw();
        out.printf(" %.1f s%n", (System.nanoTime() - start) / 1e9);
        out.flush();
    }

    private int percent() {
        return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
    }

    private void draw() {
        int percent = percent();
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        out.print(Messages.format("\r%-60s [%s%s] %3d%%", abbreviate(task), "#".repeat(filled),
                "-".repeat(WIDTH - filled), percent));
        out.flush();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 28) + "..." + text.substring(text.length() - 29);
    }
}
