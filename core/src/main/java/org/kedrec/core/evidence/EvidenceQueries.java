package org.kedrec.core.evidence;

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

    /** The full-text index over the publications' titles and abstracts (cypher/schema.cypher). */
    public static final String PUBLICATION_INDEX = "publication_text";

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

    /**
     * {@link #TRIALS} for one disease and many drugs ({@code $disease}, {@code $drugs}), keyed by the drug's id:
     * on the demo graph 40x fewer db hits than the pair form for a recommendation's ten drugs (docs/plugin.md).
     */
    public static final String TRIALS_FOR_DISEASE = """
            MATCH (d:Disease {id: $disease})
            MATCH (c:Drug) WHERE c.id IN $drugs
            MATCH (c)<-[:TESTS]-(t:Trial)-[:STUDIES]->(d)
            RETURN c.id AS key, t.id AS id, t.title AS title, t.phase AS phase, t.status AS status,
                   t.outcome AS outcome, t.whyStopped AS whyStopped""";

    /** {@link #PUBLICATIONS} for one disease and many drugs ({@code $disease}, {@code $drugs}), keyed by drug id. */
    public static final String PUBLICATIONS_FOR_DISEASE = """
            MATCH (d:Disease {id: $disease})
            MATCH (c:Drug) WHERE c.id IN $drugs
            MATCH (c)<-[:MENTIONS]-(p:Publication)-[:MENTIONS]->(d)
            RETURN c.id AS key, p.id AS id, p.title AS title""";

    private EvidenceQueries() {}
}
