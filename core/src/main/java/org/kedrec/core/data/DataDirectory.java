package org.kedrec.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.kedrec.core.Messages;

/**
 * Finds the real data that tests and tools read: the {@code KEDREC_DATA} environment variable wins, then the
 * {@code kedrec.data} system property (either, when set, is final even if the folder does not exist), then {@code kedrec.data.default} (set by the build to
 * {@code ../shared/data} beside the repository), then {@code ../shared/data} from the working directory upwards.
 * The data itself is never committed to the repository.
 */
public final class DataDirectory {
    public static final String ENV = "KEDREC_DATA";

    /** With this environment variable set to {@code true}, missing test data fails the build instead of skipping. */
    public static final String CI_ENV = "CI";

    private static final Set<String> ANNOUNCED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private DataDirectory() {}

    /**
     * The data directory for a test that reads real data. When it is missing or incomplete (a file of the
     * catalogue that fetch and derive produce, or one of {@code alsoNeeded}, is absent or has another size), the
     * test is skipped through {@code skip} (pass {@code Assumptions::abort}) with one line that names
     * {@code bin/kedrec data fetch}; with {@code CI=true} the same line fails the test instead, so CI never passes
     * by skipping. The line is also printed once per JVM, so a build log shows why tests were skipped.
     */
    public static Path forTests(Consumer<String> skip, String... alsoNeeded) {
        Optional<Path> found = find();
        String line = found.isPresent() ? incompleteLine(found.get(), alsoNeeded) : Messages.format(
                "No KEDRec data directory (%s): tests that read real data need it; run `%s` then `bin/kedrec data "
                        + "derive`, or set %s to a copy of the data.", whyNone(), DataCatalogue.FETCH_COMMAND, ENV);
        if (line == null) {
            return found.get();
        }
        if ("true".equalsIgnoreCase(System.getenv(CI_ENV))) {
            throw new IllegalStateException(line);
        }
        if (ANNOUNCED.add(line)) {
            System.err.println("[kedrec] " + line);
        }
        skip.accept(line);
        // A skip callback that returns (not JUnit's abort) must not let the test run without its data.
        throw new IllegalStateException(line);
    }

    private static String whyNone() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Messages.format("%s=%s is not a folder", ENV, env);
        }
        String property = System.getProperty("kedrec.data");
        if (property != null && !property.isBlank()) {
            return Messages.format("-Dkedrec.data=%s is not a folder", property);
        }
        return ENV + " unset and no ../shared/data beside the repository";
    }

    /** {@code null} when every needed file is there with its pinned size, else the one line that says what is not. */
    private static String incompleteLine(Path dir, String... alsoNeeded) {
        DataCatalogue catalogue = DataCatalogue.pinned();
        Set<DataCatalogue.Entry> needed = new LinkedHashSet<>(catalogue.obtainable());
        List<String> unknown = new ArrayList<>();
        for (String path : alsoNeeded) {
            catalogue.entry(path).ifPresentOrElse(needed::add, () -> unknown.add(path));
        }
        List<String> bad = new ArrayList<>(unknown.stream().filter(p -> !Files.isRegularFile(dir.resolve(p))).toList());
        DataCatalogue.absentOrWrongSize(dir, List.copyOf(needed)).forEach(e -> bad.add(e.path()));
        if (bad.isEmpty()) {
            return null;
        }
        return Messages.format("The KEDRec data directory %s is incomplete (%d file%s missing or of the wrong size, "
                        + "first %s): tests that read real data need it; run `%s --dir %s` then `bin/kedrec data "
                        + "derive --dir %s`.",
                dir, bad.size(), bad.size() == 1 ? "" : "s", bad.get(0), DataCatalogue.FETCH_COMMAND, dir, dir);
    }

    /** The data directory if one is configured or found, else empty (tests then skip). */
    public static Optional<Path> find() {
        // An explicit choice is final: KEDREC_DATA=/nonexistent means "no data", not "look elsewhere".
        for (String explicit : new String[] {System.getenv(ENV), System.getProperty("kedrec.data")}) {
            if (explicit != null && !explicit.isBlank()) {
                Path path = Paths.get(explicit).toAbsolutePath().normalize();
                return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
            }
        }
        String byBuild = System.getProperty("kedrec.data.default");
        if (byBuild != null && !byBuild.isBlank()) {
            Path path = Paths.get(byBuild).toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                return Optional.of(path);
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

    /**
     * Where {@code kedrec data fetch} writes when no --dir is given: {@code KEDREC_DATA}, else {@code kedrec.data},
     * else {@code kedrec.data.default} ({@code bin/kedrec} sets it to {@code ../shared/data} beside the repository),
     * else {@code ../shared/data} from the working directory. Unlike {@link #find} it need not exist yet.
     */
    public static Path defaultTarget() {
        for (String candidate : new String[] {
            System.getenv(ENV), System.getProperty("kedrec.data"), System.getProperty("kedrec.data.default")
        }) {
            if (candidate != null && !candidate.isBlank()) {
                return Paths.get(candidate).toAbsolutePath().normalize();
            }
        }
        return Paths.get("../shared/data").toAbsolutePath().normalize();
    }

    /** The data directory, or an error that says how to point at one. */
    public static Path require() {
        return find().orElseThrow(() -> new IllegalStateException(Messages.format(
                "No KEDRec data directory found. Run `%s` (it downloads the data into ../shared/data "
                        + "beside the repository) or set %s to a copy of the data, e.g. `export %s=/path/to/data`; "
                        + "%s describes it.",
                DataCatalogue.FETCH_COMMAND, ENV, ENV, DataCatalogue.README)));
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
