package org.kedrec.core.graph;

import java.util.List;

/**
 * Relationship types with a fixed meaning in KEDRec. Knowledge-graph types (BINDS, ASSOCIATES, …) come from the
 * relation mapping table ({@code relation-types.tsv}, data rather than code); the ones below are the types that
 * code reads by name.
 */
public final class GraphSchema {
    /** Drug is a disease-modifying treatment of the disease: the positive pairs, the held-out evaluation edges. */
    public static final String TREATS = "TREATS";
    /** Drug relieves symptoms of the disease: never a hard negative, never a positive. */
    public static final String PALLIATES = "PALLIATES";
    /** {@code (:Trial)-[:TESTS]->(:Drug)}. */
    public static final String TESTS = "TESTS";
    /** {@code (:Trial)-[:STUDIES]->(:Disease)}. */
    public static final String STUDIES = "STUDIES";
    /** {@code (:Publication)-[:MENTIONS]->(:Drug|:Disease|:Gene)}. */
    public static final String MENTIONS = "MENTIONS";
    /** Written by {@code kedrec.recommend.write}: {@code (:Drug)-[:PREDICTED_TREATS {score, rank, model, version}]->(:Disease)}. */
    public static final String PREDICTED_TREATS = "PREDICTED_TREATS";

    /** Node property holding a drug's or disease's KG embedding; indexed by a vector index. */
    public static final String EMBEDDING = "embedding";
    public static final String DRUG_EMBEDDING_INDEX = "drug_embedding";
    public static final String DISEASE_EMBEDDING_INDEX = "disease_embedding";

    /** Relationship types that are evidence or predictions, not knowledge-graph facts: kept out of KG training. */
    public static final List<String> NON_KG_TYPES = List.of(TESTS, STUDIES, MENTIONS, PREDICTED_TREATS);

    private GraphSchema() {}
}
