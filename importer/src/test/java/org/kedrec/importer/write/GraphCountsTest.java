package org.kedrec.importer.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kedrec.importer.TestNeo4j;
import org.neo4j.driver.Session;

/** The count store's answer and the fallback's (one count query per label and type) agree, empty kinds left out. */
class GraphCountsTest {
    @Test
    void theFallbackCountsWhatTheCountStoreCounts() {
        // The module's shared database, emptied for this class.
        try (Session session = TestNeo4j.shared().driver().session()) {
            session.run("CREATE (:Drug)-[:TREATS]->(:Disease), (:Drug)-[:BINDS]->(:Gene), (:Drug), "
                    + "(:Gene)-[:TREATS]->(:Disease)").consume();
            session.run("CREATE (g:Gone) DELETE g").consume();
            GraphCounts fallback = GraphCounts.byQueries(session);
            assertThat(fallback.labels()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("Disease", 2L, "Drug", 3L, "Gene", 2L));
            assertThat(fallback.types()).containsExactlyInAnyOrderEntriesOf(Map.of("BINDS", 1L, "TREATS", 2L));
            assertThat(fallback).isEqualTo(GraphCounts.read(session));
        }
    }
}
