package org.kedrec.server.data;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataCatalogue.Entry;
import org.kedrec.core.progress.ConsoleProgress;

/**
 * The progress of all parallel downloads as one task of the command line's one progress display
 * ({@link ConsoleProgress}): on a terminal a bar of the bytes fetched, redrawn in place; in a log (no console) one
 * line per finished file instead, so logs carry no carriage returns. Failures are always written as lines.
 */
public final class FetchProgress {
    private final ConsoleProgress console;
    private final boolean terminal;
    private final AtomicInteger files = new AtomicInteger();
    private volatile int count;

    /** @param terminal whether {@code err} is a terminal ({@code System.console() != null} for the real CLI) */
    public FetchProgress(PrintWriter err, boolean terminal) {
        this.console = new ConsoleProgress(err, terminal);
        this.terminal = terminal;
    }

    /** A display that prints nothing (tests, embedded use). */
    public static FetchProgress silent() {
        return new FetchProgress(new PrintWriter(PrintWriter.nullWriter()), false);
    }

    void start(List<Entry> todo) {
        count = todo.size();
        long total = todo.stream().mapToLong(Entry::bytes).sum();
        if (count > 0) {
            console.begin(Messages.format("fetch: %d files, %.1f MB", count, total / 1e6), total);
        }
    }

    void advance(long n) {
        console.advance(n);
    }

    void done(Entry entry, String error) {
        int n = files.incrementAndGet();
        if (error != null) {
            console.log(error);
        } else if (!terminal) {
            console.log(Messages.format("[%d/%d] %s (%,d bytes)", n, count, entry.path(), entry.bytes()));
        }
    }

    void finish() {
        if (count > 0) {
            console.end();
        }
    }
}
