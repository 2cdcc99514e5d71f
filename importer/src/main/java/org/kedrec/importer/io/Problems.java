package org.kedrec.importer.io;

import java.nio.file.Path;
import org.kedrec.core.Messages;
import org.kedrec.importer.ImportException;
import org.kedrec.importer.OnError;
import org.kedrec.importer.write.ImportStats;

/**
 * Applies the {@link OnError} policy to bad input lines: under {@link OnError#FAIL} the first one stops the import
 * with a message naming the file, the line and the fix; under {@link OnError#SKIP} it is counted by reason.
 * File-level problems (a missing file, a wrong header, a truncated gzip) always stop the import: the rest of such a
 * file cannot be trusted.
 */
public final class Problems {
    public static final String MALFORMED = "malformed line";
    public static final String UNKNOWN_ID = "unknown node id";
    public static final String UNKNOWN_RELATION = "unknown relation";
    public static final String BAD_ID = "bad identifier";

    private final OnError onError;
    private final ImportStats stats;

    public Problems(OnError onError, ImportStats stats) {
        this.onError = onError;
        this.stats = stats;
    }

    /**
     * Reports a bad line.
     *
     * @param detail what is wrong, a sentence ending with a full stop
     * @param fix what the user can do, a clause ("Fix or remove the line")
     */
    public void line(Path file, long line, String reason, String detail, String fix) {
        if (onError == OnError.SKIP) {
            stats.skip(reason);
            return;
        }
        throw new ImportException(reason, Messages.format(
                "%s line %d: %s %s, or import with --on-error skip to skip such lines.", file, line, detail, fix));
    }

    /** A line with the wrong number of columns. */
    public void malformed(Path file, long line, int expected, String columns, int found) {
        line(file, line, MALFORMED, Messages.format(
                "expected %d tab-separated columns (%s) but found %d.", expected, columns, found),
                "Fix or remove the line");
    }

    public OnError onError() {
        return onError;
    }
}
