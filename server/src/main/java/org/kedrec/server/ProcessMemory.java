package org.kedrec.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a process, from Linux's /proc; empty elsewhere. */
public final class ProcessMemory {
    private ProcessMemory() {}

    public static OptionalLong residentBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String kib = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return OptionalLong.of(Long.parseLong(kib) * 1024L);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process just ended.
        }
        return OptionalLong.empty();
    }

    /** {@code 812 MB}, for humans. */
    public static String describe(long bytes) {
        return (bytes + 512 * 1024) / (1024 * 1024) + " MB";
    }
}
