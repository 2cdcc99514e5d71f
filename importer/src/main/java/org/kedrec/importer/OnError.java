package org.kedrec.importer;

/** What an import does with a bad input line (a malformed line, an id that names no node). */
public enum OnError {
    /** Stop at the first bad line with a message naming the file, the line and the fix (the default). */
    FAIL,
    /** Skip the bad line, count it by reason in the report, and go on. */
    SKIP
}
