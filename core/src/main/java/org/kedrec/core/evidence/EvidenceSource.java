package org.kedrec.core.evidence;

import java.util.List;
import java.util.Map;
import org.kedrec.core.explain.PathFinder;
import org.kedrec.core.graph.CypherRunner;

/**
 * Where {@link EvidenceFinder} reads the trial and publication rows of one disease's drugs: the queries
 * {@link EvidenceQueries#TRIALS_FOR_DISEASE} and {@link EvidenceQueries#PUBLICATIONS_FOR_DISEASE} over any
 * {@link CypherRunner}, or a walk over the database's own API (the plugin: no query to start per call, which was a
 * third of a warm recommendation's time under JFR). Both return the same rows, in any order: the finder ranks them
 * by total orders.
 */
public interface EvidenceSource {
    /**
     * One row per (TESTS, STUDIES) relationship pair joining a drug of {@code drugs} to {@code disease} through a
     * trial, with the columns of {@link EvidenceQueries#TRIALS_FOR_DISEASE}: {@code key} (the drug's id), {@code id},
     * {@code title}, {@code phase}, {@code status}, {@code outcome}, {@code whyStopped}.
     */
    List<Map<String, Object>> trialsForDisease(String disease, List<String> drugs);

    /**
     * One row per pair of MENTIONS relationships joining a drug of {@code drugs} to {@code disease} through a
     * publication, with the columns of {@link EvidenceQueries#PUBLICATIONS_FOR_DISEASE}: {@code key}, {@code id},
     * {@code title}.
     */
    List<Map<String, Object>> publicationsForDisease(String disease, List<String> drugs);

    /**
     * The {@code publication_text} full-text scores of listed publications, as
     * {@link EvidenceQueries#PUBLICATION_SCORES} returns them: for each of {@code pairs} ({@code key}, a Lucene
     * {@code query}, publication {@code ids}), a row {@code key}, {@code id}, {@code score} for each publication of
     * {@code ids} that the query matches, in any order.
     */
    List<Map<String, Object>> publicationScores(List<Map<String, Object>> pairs);

    /** The evidence queries through {@code runner}. */
    static EvidenceSource query(CypherRunner runner) {
        return new EvidenceSource() {
            @Override
            public List<Map<String, Object>> trialsForDisease(String disease, List<String> drugs) {
                // Padded like the path query's lists, so one plan serves every k up to 100 (PathFinder.find).
                return runner.run(EvidenceQueries.TRIALS_FOR_DISEASE,
                        Map.of("disease", disease, "drugs", CypherRunner.padded(drugs)));
            }

            @Override
            public List<Map<String, Object>> publicationsForDisease(String disease, List<String> drugs) {
                return runner.run(EvidenceQueries.PUBLICATIONS_FOR_DISEASE,
                        Map.of("disease", disease, "drugs", CypherRunner.padded(drugs)));
            }

            @Override
            public List<Map<String, Object>> publicationScores(List<Map<String, Object>> pairs) {
                return runner.run(EvidenceQueries.PUBLICATION_SCORES, Map.of("pairs", pairs));
            }
        };
    }
}
