package org.kedrec.trainer.cli;

import java.io.PrintWriter;
import org.kedrec.core.Messages;
import org.kedrec.core.progress.ProgressTracker;

/**
 * A one-line progress bar for the command line ({@code task [=====>    ] 45% 123/270}), redrawn with a carriage
 * return when the percentage changes, in the manner of DJL's {@code ProgressBar} but written to the command's own
 * output stream. Tasks of unknown size print their start and end only.
 */
final class ConsoleProgressBar implements ProgressTracker {
    private static final int WIDTH = 40;
    private final PrintWriter out;
    private String task;
    private long total;
    private long done;
    private int lastPercent;
    private long start;

    ConsoleProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void begin(String task, long total) {
        this.task = task;
        this.total = total;
        this.done = 0;
        this.lastPercent = -1;
        this.start = System.nanoTime();
        if (total <= 0) {
            out.println(task + " ...");
            out.flush();
        } else {
            draw();
        }
    }

    @Override
    public void advance(long units) {
        done += units;
        if (total > 0 && (int) (done * 100 / total) != lastPercent) {
            draw();
        }
    }

    @Override
    public void end() {
        double seconds = (System.nanoTime() - start) / 1e9;
        if (total > 0) {
            done = total;
            draw();
        }
        out.println(total > 0 ? Messages.format(" (%.1f s)", seconds) : Messages.format("%s done (%.1f s)", task, seconds));
        out.flush();
    }

    private void draw() {
        int percent = (int) Math.min(100, done * 100 / total);
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        StringBuilder bar = new StringBuilder();
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        out.print(Messages.format("\r%s [%s] %3d%% %d/%d", task, bar, percent, done, total));
        out.flush();
    }
}
