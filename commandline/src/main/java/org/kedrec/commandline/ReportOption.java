package org.kedrec.commandline;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --report FILE}, where a bench or eval command writes its JSON report (every speed or quality figure comes
 * from one), declared once: {@code @Mixin ReportOption report;}.
 */
public final class ReportOption {
    @Option(names = "--report", paramLabel = "FILE", required = true, description = "Where to write the JSON report.")
    Path report;

    /** The report file, absolute. */
    public Path file() {
        return report.toAbsolutePath().normalize();
    }
}
