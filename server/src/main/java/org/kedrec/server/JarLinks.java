package org.kedrec.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Mirrors the jars of a distribution folder into a server home as links, not copies (the natives jar alone is
 * 112 MB). Hard links come first: they survive {@code mvn clean} and a rebuild that replaces a jar; a symbolic link
 * is the fallback where the home lies on another file system. The jars linked last time are listed in
 * {@value #MANIFEST}, so a jar that left the distribution (a version bump) leaves the home too, while jars the user
 * put there themselves stay untouched.
 */
public final class JarLinks {
    static final String MANIFEST = ".kedrec-managed";

    private JarLinks() {}

    /** What {@link #sync} did. */
    public record Result(int linked, int unchanged, int removed, boolean symbolic) {}

    public static Result sync(Path sourceDir, Path targetDir) {
        try {
            Files.createDirectories(targetDir);
            Path manifest = targetDir.resolve(MANIFEST);
            Set<String> previous = Files.exists(manifest)
                    ? new LinkedHashSet<>(Files.readAllLines(manifest, StandardCharsets.UTF_8))
                    : Set.of();
            List<String> current = new ArrayList<>();
            int linked = 0;
            int unchanged = 0;
            boolean symbolic = false;
            for (Path source : Distribution.jars(sourceDir)) {
                String name = source.getFileName().toString();
                current.add(name);
                Path target = targetDir.resolve(name);
                if (Files.exists(target) && Files.isSameFile(source, target)) {
                    unchanged++;
                    continue;
                }
                Files.deleteIfExists(target);
                symbolic |= link(source, target);
                linked++;
            }
            int removed = 0;
            for (String name : previous) {
                if (!name.isBlank() && !current.contains(name) && Files.deleteIfExists(targetDir.resolve(name))) {
                    removed++;
                }
            }
            Files.write(manifest, current, StandardCharsets.UTF_8);
            return new Result(linked, unchanged, removed, symbolic);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot link the jars of " + sourceDir + " into " + targetDir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The jars of {@code sourceDir} that a server started at {@code since} from {@code targetDir} does not run: a jar
     * whose content differs from the home's link (rebuilt into a new file, or added), or one written in place after
     * the start (what a symbolic link, always the same file, shows of a rebuild). A jar copied anew with the same
     * bytes is not stale. Empty when the folder does not exist.
     */
    public static List<String> changedSince(Path sourceDir, Path targetDir, Instant since) {
        if (!Files.isDirectory(sourceDir)) {
            return List.of();
        }
        try {
            List<String> changed = new ArrayList<>();
            for (Path source : Distribution.jars(sourceDir)) {
                Path target = targetDir.resolve(source.getFileName());
                boolean stale;
                if (!Files.exists(target)) {
                    stale = true;
                } else if (Files.isSameFile(source, target)) {
                    stale = Files.getLastModifiedTime(source).toInstant().isAfter(since);
                } else {
                    stale = Files.mismatch(source, target) != -1;
                }
                if (stale) {
                    changed.add(source.getFileName().toString());
                }
            }
            return changed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compare the jars of " + sourceDir + " with " + targetDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Links {@code target} to {@code source}; true when only a symbolic link was possible. */
    private static boolean link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
            return false;
        } catch (FileSystemException | UnsupportedOperationException e) {
            // Another file system (EXDEV) or one without hard links.
            Files.createSymbolicLink(target, source.toAbsolutePath());
            return true;
        }
    }
}
