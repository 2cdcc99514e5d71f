package org.kedrec.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log, to show why Neo4j failed without sending the user off to find the file. */
final class LogTail {
    private LogTail() {}

    static String of(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
            StringBuilder text = new StringBuilder();
            for (String line : tail) {
                text.append("  | ").append(line).append('\n');
            }
            return text.toString();
        } catch (IOException | RuntimeException e) {
            return "  (cannot read " + file + ": " + e.getMessage() + ")\n";
        }
    }
}
