package org.kedrec.core.text;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * The lines of a text file with the numbers an editor shows, for the messages that name the line at fault
 * ({@code splits.tsv line 12: expected …}). The header a caller has read and checked counts as line 1.
 */
public final class NumberedLines {
    /** What to do with one line. */
    @FunctionalInterface
    public interface Action {
        void accept(int number, String line);
    }

    private NumberedLines() {}

    /** Every line left in {@code in}, the first numbered {@code linesRead + 1} (2 after a header, 1 without). */
    public static void forEach(BufferedReader in, int linesRead, Action action) throws IOException {
        String line;
        int number = linesRead;
        while ((line = in.readLine()) != null) {
            number++;
            action.accept(number, line);
        }
    }

    /** As {@link #forEach}, passing blank lines over (they keep their numbers). */
    public static void forEachNonBlank(BufferedReader in, int linesRead, Action action) throws IOException {
        forEach(in, linesRead, (number, line) -> {
            if (!line.isBlank()) {
                action.accept(number, line);
            }
        });
    }
}
