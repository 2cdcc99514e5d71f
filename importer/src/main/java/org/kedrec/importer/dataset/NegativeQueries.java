package org.kedrec.importer.dataset;

/**
 * The Cypher behind {@link HardNegativeSampler}. Every query takes {@code $pairs}: maps
 * {@code {key, drug, disease, preferred, excluded}} (one per positive; {@code preferred} lists the disease's
 * PharmacotherapyDB non-indications, {@code excluded} every drug with a TREATS or PALLIATES relationship to the
 * disease, whatever its split) and returns one row per pair with {@code top}, the closest eligible drugs best
 * first: never the relevant drug, never an excluded one. Passing the exclusions as a list costs a list lookup per
 * candidate instead of an {@code Expand(Into)} at a dense disease (measured 7.5 M db hits for the 755 positives).
 */
final class NegativeQueries {
    /**
     * Structural similarity to the relevant drug {@code c}:
     * {@code cos(targets) + cos(classes) + cos(diseases) + resembles}, where {@code cos(x) = shared / sqrt(deg(c) *
     * deg(n))} over the genes each drug BINDS, the pharmacologic classes that INCLUDE it, and the other diseases it
     * TREATS (training edges only) or PALLIATES; {@code resembles} is 1 when a RESEMBLES relationship joins them.
     * So the score lies in [0, 4]. Candidates are the drugs that share at least one of these with {@code c}, plus
     * the preferred non-indications (which rank first whatever their score). Degrees count all of a drug's
     * relationships of the type (a plain degree read, no expansion). Shared neighbours are counted inside a
     * per-pair subquery and the best are kept with a per-pair {@code LIMIT}, which keeps the build at ~2 s for
     * the 755 demo positives (one global aggregation and sort over the ~750 k candidate rows took 10 s).
     */
    static final String STRUCTURAL = """
            UNWIND $pairs AS pair
            MATCH (c:Drug {id: pair.drug}), (d:Disease {id: pair.disease})
            CALL (c, d, pair) {
              CALL (c, d, pair) {
                MATCH (c)-[:BINDS]->(:Gene)<-[:BINDS]-(n:Drug)
                RETURN n, count(*) AS targets, 0 AS classes, 0 AS resembles, 0 AS diseases, 0 AS preferred
                UNION ALL
                MATCH (c)<-[:INCLUDES]-(:PharmacologicClass)-[:INCLUDES]->(n:Drug)
                RETURN n, 0 AS targets, count(*) AS classes, 0 AS resembles, 0 AS diseases, 0 AS preferred
                UNION ALL
                MATCH (c)-[:RESEMBLES]-(n:Drug)
                RETURN n, 0 AS targets, 0 AS classes, 1 AS resembles, 0 AS diseases, 0 AS preferred
                UNION ALL
                MATCH (c)-[r1:TREATS|PALLIATES]->(x:Disease)<-[r2:TREATS|PALLIATES]-(n:Drug)
                WHERE x <> d
                  AND NOT (type(r1) = 'TREATS' AND c.id + '|' + x.id IN $heldOut)
                  AND NOT (type(r2) = 'TREATS' AND n.id + '|' + x.id IN $heldOut)
                RETURN n, 0 AS targets, 0 AS classes, 0 AS resembles, count(DISTINCT x) AS diseases, 0 AS preferred
                UNION ALL
                UNWIND pair.preferred AS preferredId
                MATCH (n:Drug {id: preferredId})
                RETURN n, 0 AS targets, 0 AS classes, 0 AS resembles, 0 AS diseases, 1 AS preferred
              }
              WITH c, n, sum(targets) AS targets, sum(classes) AS classes, sum(resembles) AS resembles,
                   sum(diseases) AS diseases, sum(preferred) > 0 AS preferred
              WHERE n <> c AND NOT n.id IN pair.excluded
              WITH n, preferred,
                   CASE WHEN targets = 0 THEN 0.0 ELSE targets / sqrt(toFloat(
                       COUNT { (c)-[:BINDS]->() } * COUNT { (n)-[:BINDS]->() })) END
                 + CASE WHEN classes = 0 THEN 0.0 ELSE classes / sqrt(toFloat(
                       COUNT { (c)<-[:INCLUDES]-() } * COUNT { (n)<-[:INCLUDES]-() })) END
                 + CASE WHEN diseases = 0 THEN 0.0 ELSE diseases / sqrt(toFloat(
                       COUNT { (c)-[:TREATS|PALLIATES]->() } * COUNT { (n)-[:TREATS|PALLIATES]->() })) END
                 + CASE WHEN resembles > 0 THEN 1.0 ELSE 0.0 END AS similarity
              ORDER BY preferred DESC, similarity DESC, n.id
              LIMIT $top
              RETURN collect({id: n.id, name: n.name, similarity: similarity, preferred: preferred}) AS top
            }
            RETURN pair.key AS key, top""";

    /** Whether the drug vector index written by the KG-embedding trainer exists and is online. */
    static final String EMBEDDING_INDEX = """
            SHOW INDEXES YIELD name, type, state
            WHERE name = $name AND type = 'VECTOR'
            RETURN state""";

    /**
     * The nearest drugs to {@code c} by embedding, through the vector index: asks for {@code $k} neighbours
     * (enough to survive the exclusions) and keeps the closest {@code $top} eligible ones.
     */
    static final String EMBEDDING = """
            UNWIND $pairs AS pair
            MATCH (c:Drug {id: pair.drug}), (d:Disease {id: pair.disease})
            WHERE c.embedding IS NOT NULL
            CALL db.index.vector.queryNodes($index, $k, c.embedding) YIELD node AS n, score
            WITH pair, c, d, n, score
            WHERE n <> c AND NOT n.id IN pair.excluded
            WITH pair, n, score
            ORDER BY score DESC, n.id
            RETURN pair.key AS key,
                   collect({id: n.id, name: n.name, similarity: score, preferred: false})[0..$top] AS top""";

    /** The preferred non-indications ranked by embedding cosine similarity to {@code c}. */
    static final String PREFERRED_BY_EMBEDDING = """
            UNWIND $pairs AS pair
            MATCH (c:Drug {id: pair.drug}), (d:Disease {id: pair.disease})
            WHERE c.embedding IS NOT NULL
            UNWIND pair.preferred AS preferredId
            MATCH (n:Drug {id: preferredId})
            WHERE n <> c AND n.embedding IS NOT NULL AND NOT n.id IN pair.excluded
            WITH pair, n, vector.similarity.cosine(c.embedding, n.embedding) AS similarity
            ORDER BY similarity DESC, n.id
            RETURN pair.key AS key,
                   collect({id: n.id, name: n.name, similarity: similarity, preferred: true})[0..$top] AS top""";

    /** Last resort when nothing is similar: every drug with at least one relationship, by id. */
    static final String CONNECTED_DRUGS = """
            MATCH (n:Drug)
            WHERE EXISTS { (n)--() }
            RETURN n.id AS id, n.name AS name
            ORDER BY id""";

    /** For each disease, the drugs that TREAT or PALLIATE it (never a hard negative). */
    static final String INDICATED = """
            MATCH (c:Drug)-[:TREATS|PALLIATES]->(d:Disease)
            RETURN d.id AS disease, collect(DISTINCT c.id) AS drugs""";

    private NegativeQueries() {}
}
