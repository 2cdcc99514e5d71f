package org.kedrec.server.data;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataCatalogue.Entry;

/**
 * One progress display for all parallel downloads. On a terminal it rewrites one line on stderr a few times a
 * second (files done, bytes, rate); in a log (no console) it writes one line per finished file instead, so logs
 * carry no carriage returns.
 */
public final class FetchProgress {
    private final PrintWriter err;
    private final boolean terminal;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger files = new AtomicInteger();
    private volatile long total;
    private volatile int count;
    private volatile long started;
    private ScheduledExecutorService ticker;

    /** @param terminal whether {@code err} is a terminal ({@code System.console() != null} for the real CLI) */
    public FetchProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** A display that prints nothing (tests, embedded use). */
    public static FetchProgress silent() {
        return new FetchProgress(new PrintWriter(PrintWriter.nullWriter()), false);
    }

    synchronized void start(List<Entry> todo) {
        total = todo.stream().mapToLong(Entry::bytes).sum();
        count = todo.size();
        started = System.nanoTime();
        if (terminal && count > 0) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kedrec-fetch-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 0, 250, TimeUnit.MILLISECONDS);
        }
    }

    void advance(long n) {
        bytes.addAndGet(n);
    }

    synchronized void done(Entry entry, String error) {
        int n = files.incrementAndGet();
        if (terminal) {
            if (error != null) {
                err.print("\r\033[K");
                err.println(error);
            }
            redraw();
        } else {
            err.println(error != null ? error : Messages.format("[%d/%d] %s (%,d bytes)", n, count, entry.path(),
                    entry.bytes()));
        }
        err.flush();
    }

    synchronized void finish() {
        if (ticker != null) {
            ticker.shutdownNow();
            redraw();
            err.println();
            err.flush();
        }
    }

    private synchronized void redraw() {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        long have = bytes.get();
        err.print(Messages.format("\r\033[Kfetch: %d/%d files, %.1f of %.1f MB (%.0f%%), %.1f MB/s", files.get(), count,
                have / 1e6, total / 1e6, total == 0 ? 100.0 : 100.0 * have / total, have / 1e6 / seconds));
        err.flush();
    }
}
