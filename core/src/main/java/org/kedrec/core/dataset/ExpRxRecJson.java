package org.kedrec.core.dataset;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.text.NumberedLines;

/** Reads and writes expRxRec JSONL: one {@link ExpRxRecExample} per line, UTF-8, no pretty-printing. */
public final class ExpRxRecJson {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private ExpRxRecJson() {}

    public static String toJson(ExpRxRecExample example) {
        return GSON.toJson(example);
    }

    public static ExpRxRecExample fromJson(String line) {
        return GSON.fromJson(line, ExpRxRecExample.class);
    }

    public static void write(Path file, List<ExpRxRecExample> examples) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ExpRxRecExample example : examples) {
                out.write(toJson(example));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    public static List<ExpRxRecExample> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(Messages.format(
                    "No expRxRec file at %s. Build the dataset first with `kedrec dataset build --out DIR`.", file));
        }
        List<ExpRxRecExample> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            NumberedLines.forEachNonBlank(in, 0, (number, line) -> {
                try {
                    out.add(fromJson(line));
                } catch (JsonParseException e) {
                    throw new IllegalArgumentException(Messages.format(
                            "%s line %d is not an expRxRec JSON object (%s). Rebuild the dataset.",
                            file, number, e.getMessage()), e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        return out;
    }
}
