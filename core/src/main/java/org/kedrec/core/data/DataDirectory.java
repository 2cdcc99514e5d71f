package org.kedrec.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.kedrec.core.Messages;

/**
 * Finds the real data that tests and tools read: the {@code KEDREC_DATA} environment variable wins, then the
 * {@code kedrec.data} system property, then {@code kedrec.data.default} (set by the build to
 * {@code ../shared/data} beside the repository), then {@code ../shared/data} from the working directory upwards.
 * The data itself is never committed to the repository.
 */
public final class DataDirectory {
    public static final String ENV = "KEDREC_DATA";

    private DataDirectory() {}

    /** The data directory if one is configured or found, else empty (tests then skip). */
    public static Optional<Path> find() {
        for (String candidate : new String[] {
            System.getenv(ENV), System.getProperty("kedrec.data"), System.getProperty("kedrec.data.default")
        }) {
            if (candidate != null && !candidate.isBlank()) {
                Path path = Paths.get(candidate).toAbsolutePath().normalize();
                if (Files.isDirectory(path)) {
                    return Optional.of(path);
                }
            }
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path shared = dir.resolve("../shared/data").normalize();
            if (Files.isDirectory(shared.resolve("hetionet"))) {
                return Optional.of(shared);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** The data directory, or an error that says how to point at one. */
    public static Path require() {
        return find().orElseThrow(() -> new IllegalStateException(Messages.format(
                "No KEDRec data directory found. Set %s to a copy of the data (see the README section "
                        + "'Data sources'), e.g. `export %s=/path/to/shared/data`.",
                ENV, ENV)));
    }

    /** A file inside the data directory that must exist, with a message naming the expected path if it does not. */
    public static Path requireFile(Path dataDir, String relative) {
        Path file = dataDir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(Messages.format(
                    "Missing data file %s. Expected it under %s=%s; see the README section 'Data sources' for "
                            + "where it comes from.",
                    file, ENV, dataDir));
        }
        return file;
    }
}
