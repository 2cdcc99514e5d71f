package org.kedrec.server.cli;

import java.nio.file.Path;
import org.kedrec.core.data.DataDirectory;
import picocli.CommandLine.Option;

/** The {@code --dir} of every {@code kedrec data} command, declared once: {@code @Mixin DataDirOption dir;}. */
public final class DataDirOption {
    @Option(names = "--dir", paramLabel = "DIR", description = "The data directory (default: $KEDREC_DATA, else "
            + "../shared/data beside the repository).")
    Path dir;

    /** --dir, else the default data directory (which need not exist yet), absolute. */
    public Path resolve() {
        return (dir != null ? dir : DataDirectory.defaultTarget()).toAbsolutePath().normalize();
    }
}
