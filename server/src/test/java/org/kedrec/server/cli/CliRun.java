package org.kedrec.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kedrec.server.bench.FaultBenchmark;
import picocli.CommandLine;

/** One run of {@code kedrec}, in this JVM or a JVM of its own: exit code, standard output and standard error. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = KedrecCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /**
     * One run of {@code kedrec} in a JVM of its own, the way {@code bin/kedrec} runs it from a shell: nothing an
     * earlier test left in this JVM (engines, threads, static state) reaches it.
     */
    public static CliRun inChildJvm(String heap, Duration limit, String... args) {
        List<String> command = new ArrayList<>(FaultBenchmark.javaCommand(heap));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kedrec-cli-", ".out");
            Path err = Files.createTempFile("kedrec-cli-", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    return new CliRun(-1, Files.readString(out), Files.readString(err) + "\n(killed after " + limit
                            + ": kedrec " + String.join(" ", args) + ")");
                }
                return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while kedrec " + String.join(" ", args) + " ran", e);
        }
    }

    /**
     * The exit code, then the end of standard error (where a failed command says why), then standard output, then the
     * whole of standard error: a CI log that keeps only the first part of a long failure message still shows the
     * cause.
     */
    @Override
    public String toString() {
        List<String> errLines = err.lines().toList();
        String errTail = String.join("\n", errLines.subList(Math.max(0, errLines.size() - ERR_TAIL_LINES),
                errLines.size()));
        return "exit " + exitCode + "\n--- err (last " + ERR_TAIL_LINES + " lines)\n" + errTail + "\n--- out\n" + out
                + "--- err\n" + err;
    }

    private static final int ERR_TAIL_LINES = 15;
}
