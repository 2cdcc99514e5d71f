package org.kedrec.core.explain;

import java.util.List;
import java.util.Map;
import org.kedrec.core.graph.CypherRunner;
import org.kedrec.core.graph.Metapath;

/**
 * Where the serving side gets the candidate explanation paths of one disease and some drugs: the path query
 * ({@link PathFinder#findCandidatesForDisease}, over any {@link CypherRunner}) or a walk over the database's own API
 * ({@link PathTraversal}, in the plugin). Both return the same paths in the same order.
 */
@FunctionalInterface
public interface PathSource {
    /**
     * Every candidate path from {@code disease} to each of {@code drugs}, up to {@code perMetapath} per metapath,
     * keyed by drug id in the given order (every drug present).
     */
    Map<String, List<GraphPath>> candidatesForDisease(String disease, List<String> drugs, List<Metapath> metapaths,
            int perMetapath, double damping);

    /** The path query through {@code runner}. */
    static PathSource query(CypherRunner runner) {
        return (disease, drugs, metapaths, perMetapath, damping) -> new PathFinder(runner,
                new PathFinder.Settings(metapaths, perMetapath, 1, damping))
                .findCandidatesForDisease(disease, drugs, List.of());
    }
}
