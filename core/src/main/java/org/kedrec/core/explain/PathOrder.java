package org.kedrec.core.explain;

import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.text.EnumLabels;

/**
 * How the explanation paths of a pair are ordered (config key {@code order} of {@code kedrec.explain} and
 * {@code kedrec.recommend}).
 */
public enum PathOrder {
    /**
     * Mechanism paths first, then similarity, then clinical; within a kind by the calibrated relevance of
     * {@link PathRanking} (metapath weight fitted on known indications, degree penalty, diversity across genes).
     */
    MECHANISM("mechanism"),
    /** The degree-weighted path score of {@link PathScorer}, one path per metapath first ({@link PathSelector}). */
    PATH_COUNT("pathCount"),
    /** The paths in the order the path query returns them (catalogue order, then score within a metapath). */
    DATABASE("database");

    /** The values as users write them. */
    public static final List<String> KEYS = EnumLabels.all(PathOrder.class, PathOrder::key);

    private final String key;

    PathOrder(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The order named {@code key} (case-insensitive), or an error that lists the valid names. */
    public static PathOrder of(String key) {
        return EnumLabels.findIgnoringCase(PathOrder.class, PathOrder::key, key == null ? "" : key.strip())
                .orElseThrow(() -> new IllegalArgumentException(Messages.format(
                        "Invalid value for `order`: `%s`. Valid values are: %s.", key, KEYS)));
    }
}
