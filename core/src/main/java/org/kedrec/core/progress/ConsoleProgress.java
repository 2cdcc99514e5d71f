package org.kedrec.core.progress;

import java.io.PrintWriter;
import org.kedrec.core.Messages;

/**
 * The command line's one progress display: a line per task,
 * {@code expRxRec: explanation paths [##########--------------------]  34% 512/1510}, redrawn in place with a
 * carriage return when the percentage changes, and finished with the task's time. Where the output is not a terminal
 * (a log file, CI, a pipe) nothing is redrawn: only the finished line is written, so logs hold one line per task.
 * Tasks of unknown size ({@code total <= 0}) print their start and their end.
 *
 * <p>Write it to the command's error stream: standard output stays for results (tables, JSON) that users pipe on.
 * Thread-safe: the dataset builder and parallel downloads advance it from several threads.
 */
public final class ConsoleProgress implements ProgressTracker {
    private static final int WIDTH = 30;
    private static final int TASK_WIDTH = 60;

    private final PrintWriter out;
    private final boolean interactive;
    private String task = "";
    private long total;
    private long done;
    private int lastPercent;
    private long startNanos;
    private long lastStatusNanos;
    /** Characters of the line now drawn in place (0 when the cursor is at the start of a fresh line). */
    private int drawnWidth;

    /**
     * @param out where to draw (the command's error stream)
     * @param interactive whether {@code out} is a terminal, so redrawing in place reads well
     */
    public ConsoleProgress(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** A display on {@code out} that redraws only when this JVM has a console (a terminal). */
    public static ConsoleProgress forTerminal(PrintWriter out) {
        return new ConsoleProgress(out, System.console() != null);
    }

    @Override
    public synchronized void begin(String task, long total) {
        this.task = task;
        this.total = total;
        this.done = 0;
        this.lastPercent = -1;
        this.startNanos = System.nanoTime();
        if (total <= 0) {
            out.println(task + " ...");
            out.flush();
        } else if (interactive) {
            draw(true);
        }
    }

    @Override
    public synchronized void advance(long units) {
        done += units;
        if (interactive && total > 0 && percent() != lastPercent) {
            draw(true);
        }
    }

    @Override
    public synchronized void end() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (total > 0) {
            done = Math.max(done, total);
            draw(interactive);
            out.println(Messages.format(" (%.1f s)", seconds));
            drawnWidth = 0;
        } else {
            out.println(Messages.format("%s done (%.1f s)", task, seconds));
        }
        out.flush();
    }

    /**
     * A free-text status line (a training step's loss and speed), redrawn in place at most once a second on a
     * terminal and not written at all elsewhere: the lines that matter are written with {@link #log}.
     */
    public synchronized void status(String line) {
        long now = System.nanoTime();
        if (interactive && now - lastStatusNanos > 1_000_000_000L) {
            lastStatusNanos = now;
            out.print("\r" + line);
            drawnWidth = line.length();
            out.flush();
        }
    }

    /** A line that stays, written over the line being redrawn (if any) so that it starts a line of its own. */
    public synchronized void log(String line) {
        if (interactive && drawnWidth > 0) {
            out.print("\r");
            out.println(line.length() >= drawnWidth ? line : line + " ".repeat(drawnWidth - line.length()));
            drawnWidth = 0;
        } else {
            out.println(line);
        }
        out.flush();
    }

    private int percent() {
        return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
    }

    private void draw(boolean redraw) {
        int percent = percent();
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        String line = Messages.format("%-" + TASK_WIDTH + "s [%s%s] %3d%% %d/%d", abbreviate(task),
                "#".repeat(filled), "-".repeat(WIDTH - filled), percent, Math.min(done, total), total);
        out.print(redraw ? "\r" + line : line);
        drawnWidth = redraw ? line.length() : 0;
        out.flush();
    }

    private static String abbreviate(String text) {
        return text.length() <= TASK_WIDTH ? text : text.substring(0, 28) + "..." + text.substring(text.length() - 29);
    }
}
