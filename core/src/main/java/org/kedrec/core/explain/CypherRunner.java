package org.kedrec.core.explain;

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
    List<Map<String, Object>> run(String cypher, Map<String, Object> parameters);
}
