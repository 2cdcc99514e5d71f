package org.kedrec.server.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.importer.ImportReport;

/**
 * What a benchmark says about the machine it ran on: CPU seconds of the server and of this JVM over the measured
 * span, and the load average, since a 2-core machine shared with other work gives wall-clock figures that mean
 * little without them. CPU seconds bound the wall clock from below: on {@code cores} idle cores a run needs at least
 * {@code cpuSeconds / cores} seconds.
 */
final class BenchMachine {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private BenchMachine() {}

    /** The load average line of {@code /proc/loadavg} ("1.02 0.98 0.75 2/311 4242"), or null where there is none. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes a bench or eval report as pretty JSON (nulls kept, so every field of a contract is present). */
    static void writeReport(Path file, Map<String, Object> report) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
                    .create().toJson(report) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }

    /** CPU time of the server (or -1 when it cannot be read) and of this JVM, wall clock and load average. */
    record Sample(long nanos, double serverCpu, double clientCpu, double load) {}

    static Sample sample() {
        return sample(-1);
    }

    static Sample sample(long serverPid) {
        double server = serverPid < 0 ? -1 : cpuSeconds(ProcessHandle.of(serverPid).orElse(null));
        return new Sample(System.nanoTime(), server, cpuSeconds(ProcessHandle.current()),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double cpuSeconds(ProcessHandle process) {
        if (process == null) {
            return -1;
        }
        return process.info().totalCpuDuration().map(Duration::toMillis).map(ms -> ms / 1000.0).orElse(-1.0);
    }

    /** The report's {@code bench} entries for the span from {@code before} to {@code after}. */
    static Map<String, Object> describe(Sample machine, Sample before, Sample after) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("loadAverageBefore", round(machine.load()));
        out.put("loadAverageAfter", round(after.load()));
        Map<String, Object> cpu = new LinkedHashMap<>();
        if (before.serverCpu() >= 0 && after.serverCpu() >= 0 && (before.serverCpu() > 0 || after.serverCpu() > 0)) {
            cpu.put("server", round(after.serverCpu() - before.serverCpu()));
        }
        cpu.put("client", round(after.clientCpu() - before.clientCpu()));
        out.put("cpuSeconds", cpu);
        return out;
    }

    /** The import report's keys (a stable contract) plus a {@code bench} object. */
    static void write(Path file, ImportReport report, Map<String, Object> bench) {
        JsonObject json = GSON.fromJson(report.toJson(), JsonObject.class);
        json.add("bench", GSON.toJsonTree(bench));
        try {
            Files.writeString(file, GSON.toJson(json) + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Cannot write the report to %s: %s", file,
                    e.getMessage()), e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
