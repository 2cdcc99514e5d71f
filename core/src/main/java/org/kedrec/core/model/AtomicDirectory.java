package org.kedrec.core.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.kedrec.core.Messages;

/**
 * Writes a folder that is either wholly there or not at all: the writer fills {@code <target>.tmp}, and
 * {@link #replace} moves it into place with renames. A crash (kill -9, power loss after the sync) while writing
 * leaves only the {@code .tmp} folder, which no reader looks at and the next writer clears; the previous folder
 * keeps serving until the new one is complete. Shared by the dataset builder and both trainers, so there is one
 * way to publish a folder.
 *
 * <p>Between the two renames of a replace there is a moment when {@code target} is absent and the previous folder
 * is {@code <target>.old}; {@link #recover} (called by {@link #staging}) moves it back if a crash hit exactly then.
 */
public final class AtomicDirectory {
    public static final String STAGING_SUFFIX = ".tmp";
    public static final String OLD_SUFFIX = ".old";

    private AtomicDirectory() {}

    /** {@code <target>.tmp}, emptied and created: the folder to write into. */
    public static Path staging(Path target) {
        recover(target);
        Path staging = sibling(target, STAGING_SUFFIX);
        delete(staging);
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Could not create the staging folder %s", staging), e);
        }
        return staging;
    }

    /**
     * {@link #staging(Path)}, with the top-level entries of the current {@code target} that this writer does not
     * own ({@code owned} is false for their name) carried over, hard-linked where the file system allows: a folder
     * shared with other tools (the demo keeps its inputs beside the dataset) must not lose their files.
     */
    public static Path staging(Path target, java.util.function.Predicate<String> owned) {
        Path staging = staging(target);
        if (!Files.isDirectory(target)) {
            return staging;
        }
        try (Stream<Path> top = Files.list(target)) {
            for (Path entry : top.toList()) {
                String name = entry.getFileName().toString();
                if (!owned.test(name)) {
                    carry(entry, staging.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Could not carry the files of %s over to %s", target,
                    staging), e);
        }
        return staging;
    }

    /** Hard links where the file system allows (the files are never written in place), else copies. */
    private static void carry(Path from, Path to) throws IOException {
        copyTree(from, to, (source, copy) -> {
            try {
                Files.createLink(copy, source);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
        });
    }

    /** Copies the folder {@code from}, with everything in it, to {@code to} (created; file attributes kept). */
    public static void copy(Path from, Path to) throws IOException {
        copyTree(from, to, (source, copy) -> Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES));
    }

    /** How one file of a tree reaches its place in the other. */
    @FunctionalInterface
    private interface FileCopy {
        void copy(Path source, Path copy) throws IOException;
    }

    private static void copyTree(Path from, Path to, FileCopy file) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path copy = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    file.copy(source, copy);
                }
            }
        }
    }

    /**
     * Makes the complete {@code staging} folder the new {@code target}: its files are synced, the old target is
     * renamed aside, the staging folder renamed into place, and the old one deleted last.
     */
    public static void replace(Path staging, Path target) {
        Path old = sibling(target, OLD_SUFFIX);
        try {
            syncTree(staging);
            delete(old);
            if (Files.exists(target)) {
                move(target, old);
            }
            move(staging, target);
            syncDirectory(target.toAbsolutePath().getParent());
            delete(old);
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format(
                    "Could not move the new folder %s into place as %s; the previous one (if any) is in %s.",
                    staging, target, old), e);
        }
    }

    /** Puts {@code <target>.old} back when a crash between the two renames of {@link #replace} left no target. */
    public static void recover(Path target) {
        Path old = sibling(target, OLD_SUFFIX);
        if (!Files.exists(target) && Files.isDirectory(old)) {
            try {
                move(old, target);
            } catch (IOException e) {
                throw new UncheckedIOException(Messages.format("Could not restore %s from %s", target, old), e);
            }
        }
    }

    /** Deletes a file or a folder tree; nothing when absent. */
    public static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Could not delete %s", path), e);
        }
    }

    private static Path sibling(Path target, String suffix) {
        return target.resolveSibling(target.getFileName() + suffix);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Forces the files' bytes to disk before the rename publishes them (a rename alone may reach disk first). */
    private static void syncTree(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
    }

    private static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot open a folder for syncing; the renames are still atomic there.
        }
    }
}
