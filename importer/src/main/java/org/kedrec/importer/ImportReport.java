package org.kedrec.importer;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;

/**
 * What an import did, and the graph it left. Written as JSON by {@code --report FILE} and by the import benchmark;
 * later tools and CI read these keys, so they are a stable contract:
 *
 * <ul>
 *   <li>{@code nodes}: label to number of nodes in the database after the run;
 *   <li>{@code relationships}: type to number of relationships in the database after the run;
 *   <li>{@code created}: {@code {nodes, relationships}} this run created (the driver's summary counters; 0 and 0
 *       when re-running an import that already happened);
 *   <li>{@code skippedLines}: bad lines skipped under {@code --on-error skip}, with {@code skippedByReason};
 *   <li>{@code seconds}: wall-clock time of the run, schema included;
 *   <li>{@code relationshipsPerSecond}: relationships created per second of the run.
 * </ul>
 *
 * Besides: {@code ignored} (valid input with no place in the graph, by reason, e.g. mentions of entities the
 * graph lacks), {@code files} (each input with its line count and seconds), {@code warnings}, {@code database},
 * and {@code steps} (each step of the run, e.g. the KG, the trials and PubMed of {@code import all}, with its
 * seconds and what it created, so a speed figure can be split).
 */
public record ImportReport(
        Map<String, Long> nodes,
        Map<String, Long> relationships,
        Created created,
        long skippedLines,
        Map<String, Long> skippedByReason,
        Map<String, Long> ignored,
        double seconds,
        double relationshipsPerSecond,
        List<FileReport> files,
        List<String> warnings,
        String database,
        List<StepReport> steps) {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** Nodes and relationships this run created. */
    public record Created(long nodes, long relationships) {}

    /** One input file of the run. */
    public record FileReport(String step, String file, long lines, double seconds) {}

    /**
     * One step of the run (reading, writing and committing its inputs), with what it created and its
     * relationships per second.
     */
    public record StepReport(String step, double seconds, long nodesCreated, long relationshipsCreated,
            double relationshipsPerSecond) {}

    /** Total number of nodes in the database after the run. */
    public long totalNodes() {
        return nodes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Total number of relationships in the database after the run. */
    public long totalRelationships() {
        return relationships.values().stream().mapToLong(Long::longValue).sum();
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    public static ImportReport fromJson(String json) {
        return GSON.fromJson(json, ImportReport.class);
    }

    /** Writes the JSON report, creating parent folders. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson() + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Cannot write the report to %s: %s", file, e.getMessage()), e);
        }
    }
}
