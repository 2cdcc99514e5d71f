package org.kedrec.importer.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.importer.ImportException;

/**
 * RFC 4180 comma-separated records: fields may be quoted with {@code "}, a quote inside a quoted field is written
 * {@code ""}, and quoted fields may span lines (HINT's eligibility criteria do). Each record knows the line it
 * started on, for messages. An unterminated quote is an error naming the line where it opened.
 */
public final class CsvReader implements Closeable {
    /** Reason key of a quoted field that never closes. */
    public static final String UNTERMINATED_QUOTE = "unterminated quoted field";

    private final Path file;
    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private long recordLine;
    private int pushedBack = -2;

    private CsvReader(Path file, Reader in) {
        this.file = file;
        this.in = in;
    }

    public static CsvReader open(Path file) {
        try {
            return new CsvReader(file, Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw LineReader.missing(file);
        } catch (IOException e) {
            throw new ImportException(LineReader.MISSING_FILE, Messages.format(
                    "Cannot read input file %s: %s. Check that the path names a readable file.", file, e.getMessage()),
                    e);
        }
    }

    /** A reader over text, for tests. */
    public static CsvReader of(Path nameForMessages, Reader text) {
        return new CsvReader(nameForMessages, text);
    }

    /** The next record, or null at the end of the input. */
    public List<String> next() {
        try {
            int c = read();
            if (c < 0) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean fieldStarted = false;
            while (true) {
                if (quoted) {
                    if (c < 0) {
                        throw new ImportException(UNTERMINATED_QUOTE, Messages.format(
                                "%s line %d: a quoted field opened in this record is never closed. Add the closing "
                                        + "double quote (a quote inside a field is written \"\").",
                                file, recordLine));
                    }
                    if (c == '"') {
                        int next = read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            c = next;
                            continue;
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c < 0 || c == '\n' || c == '\r') {
                    if (c == '\r') {
                        int next = read();
                        if (next != '\n') {
                            unread(next);
                        }
                    }
                    fields.add(field.toString());
                    return fields;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStarted = false;
                } else if (c == '"' && !fieldStarted) {
                    quoted = true;
                    fieldStarted = true;
                } else {
                    field.append((char) c);
                    fieldStarted = true;
                }
                c = read();
            }
        } catch (IOException e) {
            throw new ImportException(LineReader.CORRUPT_FILE, Messages.format(
                    "Reading %s failed at line %d: %s. Check the file and re-run the import.", file, line,
                    e.getMessage()), e);
        }
    }

    /** The line the record {@link #next()} returned last started on. */
    public long recordLine() {
        return recordLine;
    }

    public Path file() {
        return file;
    }

    private int read() throws IOException {
        int c;
        if (pushedBack != -2) {
            c = pushedBack;
            pushedBack = -2;
        } else {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            c = buffer[position++];
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void unread(int c) {
        if (c == '\n') {
            line--;
        }
        pushedBack = c;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // Read-only file: nothing to lose.
        }
    }
}
