package org.kedrec.trainer.ranking.evidence;

import java.util.List;
import java.util.Map;
import org.kedrec.core.graph.GraphSchema;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;

/**
 * Reads the ranker's side information ({@link Evidence}) from Neo4j through the driver: trials that test a drug and
 * study a disease (with phase, status and HINT outcome), abstracts that mention both, the BC5CDR/BioRED relations
 * asserted between a drug and a disease, and the drugs' DrugBank properties.
 *
 * <p>No query reads a TREATS or PALLIATES relationship, and literature relations are read only from
 * {@link #LITERATURE_SOURCES} (never DRKG, whose DRUGBANK/GNBR treats-like relations restate indications). So a
 * held-out TREATS pair cannot enter through here under another name.
 */
public final class Neo4jEvidenceExport {
    /** The {@code source} values of literature-asserted relations. */
    public static final List<String> LITERATURE_SOURCES = List.of("BC5CDR", "BioRED");

    private static final String TRIAL_PAIRS = """
            MATCH (t:Trial)-[:TESTS]->(c:Drug)
            MATCH (t)-[:STUDIES]->(d:Disease)
            WHERE c.id IS NOT NULL AND d.id IS NOT NULL
            WITH DISTINCT t, c, d
            RETURN c.id AS drug, d.id AS disease, t.phase AS phase, t.status AS status, t.outcome AS outcome
            """;
    private static final String DRUG_TRIALS = """
            MATCH (t:Trial)-[:TESTS]->(c:Drug) WHERE c.id IS NOT NULL
            RETURN c.id AS drug, count(DISTINCT t) AS trials
            """;
    private static final String CO_MENTIONS = """
            MATCH (p:Publication)-[:MENTIONS]->(c:Drug)
            MATCH (p)-[:MENTIONS]->(d:Disease)
            WHERE c.id IS NOT NULL AND d.id IS NOT NULL
            RETURN c.id AS drug, d.id AS disease, count(DISTINCT p) AS publications
            """;
    private static final String DRUG_PUBLICATIONS = """
            MATCH (p:Publication)-[:MENTIONS]->(c:Drug) WHERE c.id IS NOT NULL
            RETURN c.id AS drug, count(DISTINCT p) AS publications
            """;
    private static final String LITERATURE = """
            MATCH (c:Drug)-[r]-(d:Disease)
            WHERE r.source IN $sources AND NOT type(r) IN $excluded AND c.id IS NOT NULL AND d.id IS NOT NULL
            RETURN c.id AS drug, d.id AS disease, type(r) AS type, count(*) AS relations
            """;
    private static final String DRUGS = """
            MATCH (c:Drug) WHERE c.id IS NOT NULL
            RETURN c.id AS drug, c.atcCodes AS atcCodes, c.categories AS categories, c.groups AS groups
            """;

    private final Driver driver;
    private final String database;

    public Neo4jEvidenceExport(Driver driver, String database) {
        this.driver = driver;
        this.database = database;
    }

    public Evidence export() {
        Evidence evidence = new Evidence();
        try (Session session = session()) {
            for (Record r : session.run(TRIAL_PAIRS).list()) {
                evidence.addTrial(r.get("drug").asString(), r.get("disease").asString(), text(r.get("phase")),
                        text(r.get("status")), text(r.get("outcome")));
            }
            Map<String, Integer> drugTrials = new java.util.HashMap<>();
            for (Record r : session.run(DRUG_TRIALS).list()) {
                drugTrials.put(r.get("drug").asString(), r.get("trials").asInt());
            }
            Map<String, Integer> drugPublications = new java.util.HashMap<>();
            for (Record r : session.run(DRUG_PUBLICATIONS).list()) {
                drugPublications.put(r.get("drug").asString(), r.get("publications").asInt());
            }
            for (Record r : session.run(CO_MENTIONS).list()) {
                evidence.addPublications(r.get("drug").asString(), r.get("disease").asString(),
                        r.get("publications").asInt());
            }
            for (Record r : session.run(LITERATURE, Map.of("sources", LITERATURE_SOURCES, "excluded",
                    List.of(GraphSchema.TREATS, GraphSchema.PALLIATES))).list()) {
                evidence.addLiteratureRelation(r.get("drug").asString(), r.get("disease").asString(),
                        r.get("type").asString(), r.get("relations").asInt());
            }
            for (Record r : session.run(DRUGS).list()) {
                String drug = r.get("drug").asString();
                evidence.drugProperties(drug, list(r.get("atcCodes")), list(r.get("categories")),
                        list(r.get("groups")));
                evidence.drugTotals(drug, drugTrials.getOrDefault(drug, 0), drugPublications.getOrDefault(drug, 0));
            }
        }
        return evidence;
    }

    private static String text(Value v) {
        return v == null || v.isNull() ? null : v.asObject().toString();
    }

    private static List<String> list(Value v) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        Object o = v.asObject();
        if (o instanceof List<?> l) {
            return l.stream().filter(x -> x != null).map(Object::toString).toList();
        }
        return List.of(o.toString());
    }

    private Session session() {
        return database == null || database.isBlank()
                ? driver.session()
                : driver.session(SessionConfig.forDatabase(database));
    }
}
