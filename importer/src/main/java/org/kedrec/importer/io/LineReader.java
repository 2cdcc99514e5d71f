package org.kedrec.importer.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.kedrec.core.Messages;
import org.kedrec.importer.ImportException;

/**
 * Reads a text file line by line, plain or gzip (recognised by its magic bytes, whatever the name), with line
 * numbers for messages and the bytes consumed for progress. {@code \r\n} line ends (Hetionet's TSVs) are stripped.
 * A missing file, and a truncated or corrupt gzip stream, become {@link ImportException}s that name the file, the
 * last good line and the fix.
 */
public final class LineReader implements Closeable {
    /** Reason keys of file-level problems (never skipped: the rest of such a file cannot be trusted). */
    public static final String MISSING_FILE = "missing file";

    public static final String CORRUPT_FILE = "truncated or corrupt file";

    private final Path file;
    private final CountingInputStream counting;
    private final BufferedReader reader;
    private final long size;
    private final boolean gzip;
    private long line;

    private LineReader(Path file, CountingInputStream counting, BufferedReader reader, long size, boolean gzip) {
        this.file = file;
        this.counting = counting;
        this.reader = reader;
        this.size = size;
        this.gzip = gzip;
    }

    /** Opens a file, failing with a message that names it and says what to check. */
    public static LineReader open(Path file) {
        Reader text = null;
        try {
            long size = Files.size(file);
            CountingInputStream counting = new CountingInputStream(Files.newInputStream(file));
            BufferedInputStream buffered = new BufferedInputStream(counting, 1 << 16);
            buffered.mark(2);
            int b1 = buffered.read();
            int b2 = buffered.read();
            buffered.reset();
            boolean gzip = b1 == 0x1f && b2 == 0x8b;
            InputStream in = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            // Strict: a file in another encoding fails on its first bad byte, with the line, instead of being
            // imported with replacement characters in its names.
            text = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT));
            return new LineReader(file, counting, new BufferedReader(text, 1 << 16), size, gzip);
        } catch (NoSuchFileException e) {
            throw missing(file);
        } catch (EOFException | ZipException e) {
            closeQuietly(text);
            throw corrupt(file, 0, e);
        } catch (IOException e) {
            closeQuietly(text);
            throw new ImportException(MISSING_FILE, Messages.format(
                    "Cannot read input file %s: %s. Check that the path names a readable file.", file, e.getMessage()),
                    e);
        }
    }

    /** The message for a file that does not exist. */
    public static ImportException missing(Path file) {
        return new ImportException(MISSING_FILE, Messages.format(
                "Input file %s does not exist. Check the path, or point --data (or KEDREC_DATA) at the data "
                        + "directory that holds it.",
                file));
    }

    private static ImportException corrupt(Path file, long lastLine, IOException e) {
        return new ImportException(CORRUPT_FILE, Messages.format(
                "%s is truncated or not valid gzip: reading stopped after line %d (%s). Copy or download the file "
                        + "again; a failed import can simply be re-run.",
                file, lastLine, e.getMessage()), e);
    }

    /** The next line without its line end, or null at the end of the file. */
    public String next() {
        try {
            String text = reader.readLine();
            if (text != null) {
                line++;
                // A byte-order mark (Excel, Notepad) is not part of the first column's name.
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
            }
            return text;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ImportException(CORRUPT_FILE, Messages.format(
                    "%s is not valid UTF-8 at or after line %d (%s). Save the file as UTF-8 and re-run the import.",
                    file, line + 1, e.getMessage()), e);
        } catch (EOFException | ZipException e) {
            throw corrupt(file, line, e);
        } catch (IOException e) {
            if (gzip) {
                throw corrupt(file, line, e);
            }
            throw new ImportException(CORRUPT_FILE, Messages.format(
                    "Reading %s failed after line %d: %s. Check the file and re-run the import.",
                    file, line, e.getMessage()), e);
        }
    }

    /** The number of the line {@link #next()} returned last (1-based). */
    public long lineNumber() {
        return line;
    }

    /** Bytes of the file (compressed, for gzip) read so far. */
    public long bytesRead() {
        return counting.count;
    }

    /** The file's size in bytes. */
    public long size() {
        return size;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // Closing a file we only read: nothing was written that could be lost.
            }
        }
    }

    /** Counts the bytes read from the file, so progress works for gzip too. */
    static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
