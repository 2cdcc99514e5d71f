package org.kedrec.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aWriterKilledMidWriteLeavesThePreviousFolderWhole() throws Exception {
        Path target = dir.resolve("ranker");
        publish(target, "old");
        // A real crash: another JVM stages a new folder, writes half of it and is killed with SIGKILL.
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("half written");
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("old");
        assertThat(Files.readString(target.resolve("b.txt"))).isEqualTo("old");
        assertThat(Files.exists(dir.resolve("ranker.tmp/a.txt"))).isTrue();
        // The next writer clears the leftover and publishes a whole new folder.
        publish(target, "new");
        assertThat(Files.readString(target.resolve("b.txt"))).isEqualTo("new");
        try (var names = Files.list(dir)) {
            assertThat(names.map(p -> p.getFileName().toString()).toList()).containsExactly("ranker");
        }
    }

    @Test
    void aCrashBetweenTheTwoRenamesIsRecovered() throws Exception {
        Path target = dir.resolve("student");
        publish(target, "old");
        Files.move(target, dir.resolve("student.old"));
        Path staging = AtomicDirectory.staging(target);
        assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("old");
        assertThat(staging).isEmptyDirectory();
    }

    @Test
    void filesTheWriterDoesNotOwnAreCarriedOver() throws Exception {
        Path target = dir.resolve("dataset");
        publish(target, "old");
        Files.writeString(target.resolve("demo-source.json"), "{}");
        Files.createDirectories(target.resolve("inputs/deep"));
        Files.writeString(target.resolve("inputs/deep/x.tsv"), "x");
        Path staging = AtomicDirectory.staging(target, name -> name.endsWith(".txt"));
        Files.writeString(staging.resolve("a.txt"), "new");
        AtomicDirectory.replace(staging, target);
        try (var names = Files.list(target)) {
            assertThat(names.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(List.of("a.txt", "demo-source.json", "inputs"));
        }
        assertThat(Files.readString(target.resolve("inputs/deep/x.tsv"))).isEqualTo("x");
    }

    private static void publish(Path target, String content) throws Exception {
        Path staging = AtomicDirectory.staging(target);
        Files.writeString(staging.resolve("a.txt"), content);
        Files.writeString(staging.resolve("b.txt"), content);
        AtomicDirectory.replace(staging, target);
    }

    /** The crashing writer: half a folder, then waits to be killed. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            Path staging = AtomicDirectory.staging(Path.of(args[0]));
            Files.writeString(staging.resolve("a.txt"), "new");
            System.out.println("half written");
            System.out.flush();
            Thread.sleep(60_000);
            Files.writeString(staging.resolve("b.txt"), "new");
            AtomicDirectory.replace(staging, Path.of(args[0]));
        }
    }
}
