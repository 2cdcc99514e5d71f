package org.kedrec.server.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataCatalogue;
import org.kedrec.core.data.DataCatalogue.Entry;
import org.kedrec.core.data.DataCatalogue.Kind;

/** Checks a data directory against the catalogue: each file present with its pinned size and SHA-256, or not. */
public final class DataVerifier {
    /** The state of one file. */
    public enum State {
        OK, MISSING, CORRUPT,
        /**
         * Not the catalogue's file but the stand-in {@code data derive} writes from the originals alone
         * ({@link Deriver#PARTIALS}), which matches its own pin: usable, and said to be less.
         */
        PARTIAL
    }

    /** One file's state; {@code detail} says what is wrong with a corrupt one. */
    public record Check(Entry entry, State state, String detail) {}

    private DataVerifier() {}

    public static List<Check> check(Path dir, List<Entry> entries) {
        List<Check> checks = new ArrayList<>();
        for (Entry entry : entries) {
            Path file = dir.resolve(entry.path());
            if (!Files.isRegularFile(file)) {
                checks.add(new Check(entry, State.MISSING, null));
                continue;
            }
            try {
                DataCatalogue.Measured measured = DataCatalogue.measure(entry, file);
                String what = entry.pinsContent() ? "decompressed " : "";
                Deriver.Partial partial = partialOf(entry, measured);
                if (partial != null) {
                    checks.add(new Check(entry, State.PARTIAL, partial.summary()));
                } else if (measured.bytes() != entry.bytes()) {
                    checks.add(new Check(entry, State.CORRUPT, Messages.format("%s%,d bytes; the catalogue pins %,d",
                            what, measured.bytes(), entry.bytes())));
                } else if (!measured.sha256().equals(entry.sha256())) {
                    checks.add(new Check(entry, State.CORRUPT, Messages.format("%sSHA-256 %s; expected %s", what,
                            measured.sha256(), entry.sha256())));
                } else {
                    checks.add(new Check(entry, State.OK, null));
                }
            } catch (IOException e) {
                checks.add(new Check(entry, State.CORRUPT, "unreadable: " + e));
            }
        }
        return checks;
    }

    private static Deriver.Partial partialOf(Entry entry, DataCatalogue.Measured measured) {
        for (Deriver.Partial partial : Deriver.PARTIALS) {
            if (partial.path().equals(entry.path()) && partial.bytes() == measured.bytes()
                    && partial.sha256().equals(measured.sha256())) {
                return partial;
            }
        }
        return null;
    }

    /**
     * Whether a missing file of this entry makes the directory incomplete: the --full extras are optional, and so
     * are derived files without a recipe (they come only with a copy of the data; no command can make them).
     */
    public static boolean required(Entry entry) {
        return entry.kind() == Kind.ORIGINAL || (entry.kind() == Kind.DERIVED && entry.recipe() != null);
    }
}
