package org.kedrec.core.explain;

/**
 * The Cypher that reads trial and publication evidence for (drug, disease) pairs. Every query takes
 * {@code $pairs}, a list of {@link PairRequest#toParameter()} maps, and echoes each pair's {@code key}; the drug
 * and the disease are looked up by their unique {@code id} and the evidence node is reached from both sides
 * ({@code Expand(Into)}), so a dense disease with thousands of trials costs no more than a sparse one.
 */
public final class EvidenceQueries {
    /** Trials that TEST the drug and STUDY the disease. */
    public static final String TRIALS = """
            UNWIND $pairs AS pair
            MATCH (c:Drug {id: pair.drug}), (d:Disease {id: pair.disease})
            MATCH (c)<-[:TESTS]-(t:Trial)-[:STUDIES]->(d)
            RETURN pair.key AS key, t.id AS id, t.title AS title, t.phase AS phase, t.status AS status,
                   t.outcome AS outcome, t.whyStopped AS whyStopped""";

    /** Publications that MENTION both the drug and the disease (without a score). */
    public static final String PUBLICATIONS = """
            UNWIND $pairs AS pair
            MATCH (c:Drug {id: pair.drug}), (d:Disease {id: pair.disease})
            MATCH (c)<-[:MENTIONS]-(p:Publication)-[:MENTIONS]->(d)
            RETURN pair.key AS key, p.id AS id, p.title AS title""";

    /**
     * Full-text scores from the {@code publication_text} index for the publications found by
     * {@link #PUBLICATIONS}: {@code $pairs} holds maps {@code {key, query, ids}} with the Lucene query built by
     * {@link LuceneQuery#forNames} and the CURIEs of the pair's publications. Publications the query does not
     * match get no row (score 0).
     */
    public static final String PUBLICATION_SCORES = """
            UNWIND $pairs AS pair
            CALL db.index.fulltext.queryNodes('publication_text', pair.query) YIELD node, score
            WITH pair, node, score
            WHERE node.id IN pair.ids
            RETURN pair.key AS key, node.id AS id, score""";

    private EvidenceQueries() {}
}
