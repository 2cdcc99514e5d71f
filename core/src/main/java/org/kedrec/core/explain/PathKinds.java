package org.kedrec.core.explain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.kedrec.core.Messages;

/** Reads the {@code kinds} config key: which {@link PathKind}s a caller wants to see. */
public final class PathKinds {
    /** Every kind, the default. */
    public static final Set<PathKind> ALL = Set.copyOf(EnumSet.allOf(PathKind.class));

    private PathKinds() {}

    /** The kinds named in {@code keys} ({@code ['mechanism', 'similarity']}); null means all. */
    public static Set<PathKind> of(List<String> keys) {
        if (keys == null) {
            return ALL;
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(Messages.format(
                    "The value of `kinds` must name at least one path kind, e.g. ['mechanism']. Valid kinds are: %s. "
                            + "Leave `kinds` out for all of them.",
                    allKeys()));
        }
        EnumSet<PathKind> out = EnumSet.noneOf(PathKind.class);
        for (String key : keys) {
            PathKind kind = find(key);
            if (kind == null) {
                // No cause attached: Neo4j shows the innermost cause's message to the user.
                throw new IllegalArgumentException(Messages.format(
                        "Invalid value in `kinds`: `%s`. Valid kinds are: %s.", key, allKeys()));
            }
            out.add(kind);
        }
        return Set.copyOf(out);
    }

    private static PathKind find(String key) {
        for (PathKind kind : PathKind.values()) {
            if (key != null && kind.key().equalsIgnoreCase(key.strip())) {
                return kind;
            }
        }
        return null;
    }

    /** The lower-case names, in declaration order. */
    public static List<String> allKeys() {
        List<String> out = new ArrayList<>();
        for (PathKind kind : PathKind.values()) {
            out.add(kind.key());
        }
        return out;
    }
}
