package org.kedrec.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress-line kill point of {@code bench faults}, on real child processes writing a real log. */
class FaultBenchmarkTest {
    @TempDir
    Path tmp;

    private static Process shell(Path log, String script) throws Exception {
        return new ProcessBuilder(List.of("sh", "-c", script)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    @Test
    void aRunIsKilledAsSoonAsItPrintsTheLineAndNotBefore() throws Exception {
        Path log = tmp.resolve("child.log");
        // The line is preceded by a redrawn progress bar (carriage return, no newline) and by a line that only
        // contains the text further in: neither may trigger the kill.
        Process child = shell(log, "echo 'export done'; sleep 0.3; printf 'bar 50%%\\r'; "
                + "echo 'not the hetionet nodes line'; sleep 0.3; echo 'hetionet nodes x.tsv 100%'; sleep 30; "
                + "echo 'the end'");
        long start = System.nanoTime();
        assertThat(FaultBenchmark.killAtLine(child, log, "hetionet nodes")).isTrue();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(seconds).isBetween(0.5, 20.0);
        assertThat(FaultBenchmark.lastLine(log)).isEqualTo("hetionet nodes x.tsv 100%");
    }

    @Test
    void aRunThatEndsWithoutTheLineIsReportedAsNotKilled() throws Exception {
        Path log = tmp.resolve("child.log");
        Process child = shell(log, "echo 'epoch 2: loss 1.0'; sleep 0.2; echo 'written'");
        assertThat(FaultBenchmark.killAtLine(child, log, "epoch 1:")).isFalse();
        assertThat(child.exitValue()).isZero();
    }

    @Test
    void aLineStartsAfterANewlineOrACarriageReturn() {
        assertThat(FaultBenchmark.containsLineStart("epoch 1: loss", "epoch 1:")).isTrue();
        assertThat(FaultBenchmark.containsLineStart("x\nepoch 1: loss", "epoch 1:")).isTrue();
        assertThat(FaultBenchmark.containsLineStart("bar 99%\repoch 1: loss", "epoch 1:")).isTrue();
        assertThat(FaultBenchmark.containsLineStart("after epoch 1: loss", "epoch 1:")).isFalse();
        assertThat(FaultBenchmark.containsLineStart("", "epoch 1:")).isFalse();
    }
}
