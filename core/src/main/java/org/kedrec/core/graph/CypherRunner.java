package org.kedrec.core.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one seam between the explanation layer and a database: runs a read query with parameters and returns its
 * rows as plain Java values ({@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code List},
 * {@code Map}, null). The importer implements it with the Java driver over Bolt, the plugin with the procedure's
 * {@code Transaction}; core only ever sees this interface, so the dataset builder and the plugin run the very same
 * queries and get the very same evidence.
 *
 * <p>Every query of the explanation layer returns scalars and lists only (never nodes or paths), so that both
 * implementations return identical values. Implementations must be safe to call from several threads at once.
 */
@FunctionalInterface
public interface CypherRunner {
    /**
     * Neo4j plans a query once per size bucket of a list parameter (1, 2-10, 11-100, ...), and planning the path
     * query costs seconds; list parameters are padded with inert entries to at least this many, so one plan serves
     * every request of up to 100 entries (see {@code PathFinder.find}).
     */
    int PLAN_BUCKET_FLOOR = 11;

    /** {@code values} padded with empty strings (no id, no edge key is empty) to {@link #PLAN_BUCKET_FLOOR}. */
    static List<String> padded(Collection<String> values) {
        List<String> out = new ArrayList<>(values);
        while (out.size() < PLAN_BUCKET_FLOOR) {
            out.add("");
        }
        return out;
    }

    List<Map<String, Object>> run(String cypher, Map<String, Object> parameters);
}
