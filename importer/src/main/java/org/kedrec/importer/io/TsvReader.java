package org.kedrec.importer.io;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.importer.ImportException;

/**
 * Tab-separated rows with a checked header: the columns a reader needs must all be there (extra columns are
 * fine), so a wrong file fails on line 1 with the expected and the found layout instead of importing garbage.
 * Blank lines are skipped. Values are not unquoted: use {@link #unquote} where a source quotes them.
 */
public final class TsvReader implements Closeable {
    /** Reason key of a file whose header does not have the expected columns. */
    public static final String WRONG_HEADER = "wrong column layout";

    private final LineReader lines;
    private final List<String> header;

    private TsvReader(LineReader lines, List<String> header) {
        this.lines = lines;
        this.header = header;
    }

    /**
     * Opens a TSV whose header must contain {@code required}.
     *
     * @param what what the file should be, for the message ("a Hetionet nodes file")
     * @param fix what to do about a wrong file, for the message
     */
    public static TsvReader open(Path file, List<String> required, String what, String fix) {
        LineReader lines = LineReader.open(file);
        try {
            String first = lines.next();
            List<String> found = first == null ? List.of() : Arrays.asList(first.split("\t", -1));
            List<String> missing = new ArrayList<>(required);
            missing.removeAll(found);
            if (!missing.isEmpty()) {
                throw new ImportException(WRONG_HEADER, Messages.format(
                        "%s line 1: expected the columns %s of %s but found %s. %s",
                        file, required, what, first == null ? "an empty file" : Messages.echo(found), fix));
            }
            return new TsvReader(lines, found);
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    /** Opens a TSV without a header line (DRKG triples). */
    public static TsvReader openHeaderless(Path file) {
        return new TsvReader(LineReader.open(file), List.of());
    }

    /** The index of a header column (it exists: {@link #open} checked it). */
    public int column(String name) {
        return header.indexOf(name);
    }

    /** The next non-blank row split on tabs (trailing empty cells kept), or null at the end. */
    public String[] next() {
        String line;
        do {
            line = lines.next();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        return split(line);
    }

    /** Splits on tabs, keeping empty cells, faster than a regex. */
    public static String[] split(String line) {
        int count = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\t') {
                count++;
            }
        }
        String[] cells = new String[count];
        int start = 0;
        int cell = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\t') {
                cells[cell++] = line.substring(start, i);
                start = i + 1;
            }
        }
        cells[cell] = line.substring(start);
        return cells;
    }

    /** Removes one pair of surrounding double quotes (DrugCentral's TSV quotes its values). */
    public static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return v.substring(1, v.length() - 1).replace("\"\"", "\"");
        }
        return v;
    }

    /** The line number of the row {@link #next()} returned last. */
    public long lineNumber() {
        return lines.lineNumber();
    }

    public LineReader lines() {
        return lines;
    }

    public Path file() {
        return lines.file();
    }

    @Override
    public void close() {
        lines.close();
    }
}
