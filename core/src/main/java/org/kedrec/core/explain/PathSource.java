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

    /**
     * Which of the drugs' bindings are pharmacokinetic only ({@link BindingRoles}), for the reader's order. A source
     * that knows none says so ({@link BindingRoles#NONE}: every binding counts as a target).
     */
    default BindingRoles bindingRoles(List<String> drugs) {
        return BindingRoles.NONE;
    }

    /** The path query through {@code runner}, and the binding roles by {@link BindingRoles#read}. */
    static PathSource query(CypherRunner runner) {
        return new PathSource() {
            @Override
            public Map<String, List<GraphPath>> candidatesForDisease(String disease, List<String> drugs,
                    List<Metapath> metapaths, int perMetapath, double damping) {
                return new PathFinder(runner, new PathFinder.Settings(metapaths, perMetapath, 1, damping))
                        .findCandidatesForDisease(disease, drugs, List.of());
            }

            @Override
            public BindingRoles bindingRoles(List<String> drugs) {
                return BindingRoles.read(runner, drugs);
            }
        };
    }
}
