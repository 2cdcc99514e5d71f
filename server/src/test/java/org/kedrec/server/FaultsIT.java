package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.server.cli.CliRun;

/**
 * The short version of {@code kedrec bench faults} (docs/reliability.md): on the small set cut from the real data,
 * each of the import, the dataset build, the ranker and the student training is run clean, then killed with
 * SIGKILL as soon as it prints its stage's progress line (a child JVM of the real command line: the import once it has
 * read the trials map, the dataset build once its explanation paths are found, the ranker once its evidence is read,
 * the student after its first epoch), then re-run; every re-run must end identical to the clean run. A kill at a
 * fraction of the clean run's time either missed (a second dataset build on the warmed server took a sixth of the
 * first) or, at 10 %, mostly landed before anything was written. Ports 7807/7808.
 */
class FaultsIT {
    private final Path root = Path.of("target", "it-homes", "faults").toAbsolutePath();

    @Test
    void everyStageKilledOnceEndsIdenticalToACleanRunWhenRerun() throws IOException {
        Path data = DataDirectory.forTests(Assumptions::abort);
        AtomicDirectory.delete(root);
        Path report = root.resolve("faults.json");
        CliRun run = CliRun.of("bench", "faults", "--data", data.toString(), "--small", "--points", "progress",
                "--home", root.resolve("home").toString(), "--bolt", "7807", "--http", "7808", "--heap", "768m",
                "--timeout", "600", "--report", report.toString());
        String text = Files.exists(report) ? Files.readString(report) : "(no report)";
        assertThat(run.exitCode()).as(run + "\n" + text).isZero();
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        assertThat(json.get("identical").getAsBoolean()).isTrue();
        JsonObject stages = json.getAsJsonObject("stages");
        assertThat(stages.keySet()).containsExactly("import", "dataset", "ranker", "student");
        for (String name : List.of("import", "dataset", "ranker", "student")) {
            JsonObject stage = stages.getAsJsonObject(name);
            assertThat(stage.get("cleanExitCode").getAsInt()).as(name).isZero();
            JsonArray runs = stage.getAsJsonArray("runs");
            assertThat(runs).as(name).hasSize(1);
            JsonObject killed = runs.get(0).getAsJsonObject();
            // A point that missed (the run had finished) proves nothing: the kill must have landed.
            assertThat(killed.get("killed").getAsBoolean()).as(name + " " + killed).isTrue();
            assertThat(killed.get("killedExitCode").getAsInt()).as(name).isEqualTo(137);
            assertThat(killed.get("rerunExitCode").getAsInt()).as(name).isZero();
            assertThat(killed.get("identical").getAsBoolean()).as(name + " " + killed).isTrue();
            assertThat(killed.get("killedAfterLine").getAsString()).as(name).isNotBlank();
            if (!name.equals("import")) {
                // Folders are published whole or not at all: a killed run never leaves one that looks complete.
                assertThat(killed.getAsJsonObject("afterKill").get("published").getAsBoolean()).as(name).isFalse();
            }
        }
        JsonObject graph = stages.getAsJsonObject("import").getAsJsonObject("reference");
        assertThat(graph.get("nodes").getAsLong()).isPositive();
        // The import's kill landed mid-write: some of its nodes were in the graph, not yet all its relationships.
        JsonObject left = stages.getAsJsonObject("import").getAsJsonArray("runs").get(0).getAsJsonObject()
                .getAsJsonObject("afterKill");
        assertThat(left.get("nodes").getAsLong()).as(left.toString()).isPositive();
        assertThat(left.get("relationships").getAsLong()).as(left.toString())
                .isLessThan(graph.get("relationships").getAsLong());
        assertThat(graph.get("duplicateIds").getAsLong()).isZero();
        assertThat(stages.getAsJsonObject("dataset").get("dataHash").getAsString()).isNotBlank();
        // The home was the test's own; the command stops the server it started.
        assertThat(new ServerHome(root.resolve("home")).runningProcess()).isEmpty();
    }
}
