package org.kedrec.importer;

/**
 * Bad input or a failed write: the message names the file, the line and the fix. A failed import leaves no
 * half-written batch behind (each batch is one transaction) and can simply be run again.
 */
public class ImportException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Why the line or file was rejected, e.g. {@code malformed line}; the key under which skips are counted. */
    private final String reason;

    public ImportException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ImportException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
