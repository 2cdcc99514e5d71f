package org.kedrec.server.cli;

import picocli.CommandLine.Option;

/**
 * The shape of a load held on a server, {@code --clients}, {@code --seconds} and {@code --warmup}, declared once for
 * {@code bench recommend} and {@code bench soak} with each command's defaults:
 * {@code @Mixin LoadOptions load = new LoadOptions(8, 30, 10);}. Each command checks the values its benchmark can
 * take.
 */
final class LoadOptions {
    @Option(names = "--clients", paramLabel = "N", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", paramLabel = "SECONDS",
            description = "Measured seconds of each load (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", paramLabel = "SECONDS",
            description = "Warm-up seconds before each load, not measured (default: ${DEFAULT-VALUE}).")
    double warmup;

    /** For picocli, which needs a constructor without arguments; commands pass their defaults. */
    LoadOptions() {
        this(1, 1, 0);
    }

    LoadOptions(int clients, double seconds, double warmup) {
        this.clients = clients;
        this.seconds = seconds;
        this.warmup = warmup;
    }
}
