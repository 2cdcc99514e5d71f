package org.kedrec.server.cli;

import java.time.Duration;
import org.kedrec.commandline.OptionChecks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --timeout SECONDS}: how long a command waits for a server to start or to stop, declared and checked once,
 * with each command's default: {@code @Mixin TimeoutOption timeout = new TimeoutOption(120);}.
 */
final class TimeoutOption {
    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "How long to wait for the server to start or stop (default: ${DEFAULT-VALUE}).")
    int seconds;

    TimeoutOption(int seconds) {
        this.seconds = seconds;
    }

    /** A usage error (exit 2) naming the value when it is under a second. */
    void check(CommandSpec spec) {
        OptionChecks.requireSeconds(spec, "--timeout", seconds);
    }

    Duration duration() {
        return Duration.ofSeconds(seconds);
    }
}
