package org.kedrec.trainer.ranking.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.split.SplitPlan;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Values;

/**
 * Exports the training graph from Neo4j through the Java driver (so it works against an embedded, standalone,
 * cluster or Aura database): every KG relationship as (head id, {@code HeadLabel-TYPE->TailLabel}, tail id),
 * without evidence and prediction types ({@link GraphSchema#NON_KG_TYPES}), without trial and publication nodes,
 * only from the chosen {@code source} values, and without any held-out TREATS pair ({@link TrainingGraphBuilder}).
 */
public final class Neo4jGraphExport {
    /** The default {@code source}: Hetionet only. See {@code docs/ranker.md} for why DRKG is opt-in. */
    public static final List<String> DEFAULT_SOURCES = List.of("Hetionet");
    /** Pass as the only source to keep every relationship whatever its {@code source}. */
    public static final String ALL_SOURCES = "*";

    private static final String TREATS_PAIRS = """
            MATCH (d)-[:TREATS]->(s)
            WHERE d.id IS NOT NULL AND s.id IS NOT NULL
            RETURN DISTINCT d.id AS drug, labels(d) AS drugLabels, s.id AS disease, labels(s) AS diseaseLabels
            """;
    private static final String RANKED_NODES = """
            MATCH (n) WHERE (n:Drug OR n:Disease) AND n.id IS NOT NULL
            RETURN n.id AS id, labels(n) AS labels, n.name AS name
            """;
    private static final String SOURCES = """
            MATCH (h)-[r]->(t)
            WHERE NOT type(r) IN $excludedTypes
            RETURN r.source AS source, count(*) AS edges ORDER BY source
            """;
    private static final String EDGES = """
            MATCH (h)-[r]->(t)
            WHERE NOT type(r) IN $excludedTypes
              AND h.id IS NOT NULL AND t.id IS NOT NULL
              AND NOT (h:Trial OR h:Publication OR t:Trial OR t:Publication)
              AND ($allSources OR r.source IN $sources)
            RETURN h.id AS head, labels(h) AS headLabels, type(r) AS type, t.id AS tail, labels(t) AS tailLabels
            """;

    private final Driver driver;
    private final String database;

    public Neo4jGraphExport(Driver driver, String database) {
        this.driver = driver;
        this.database = database;
    }

    /** What the export saw per {@code source} value, and what it kept. */
    public record SourceCount(String source, long edges, boolean kept) {}

    /** Counts of KG relationships per {@code source}, marking the ones {@code sources} keeps. */
    public List<SourceCount> sourceCounts(List<String> sources) {
        boolean all = sources.contains(ALL_SOURCES);
        List<SourceCount> out = new ArrayList<>();
        try (Session session = session()) {
            for (Record r : session.run(SOURCES, Map.of("excludedTypes", GraphSchema.NON_KG_TYPES)).list()) {
                String source = r.get("source").isNull() ? null : r.get("source").asString();
                out.add(new SourceCount(source, r.get("edges").asLong(), all || sources.contains(source)));
            }
        }
        return out;
    }

    /** Reads the graph and builds the training graph under {@code plan}. */
    public TrainingGraph export(SplitPlan plan, List<String> sources, ProgressTracker progress) {
        TrainingGraphBuilder builder = new TrainingGraphBuilder(plan);
        boolean all = sources.contains(ALL_SOURCES);
        try (Session session = session()) {
            for (Record r : session.run(TREATS_PAIRS).list()) {
                if (isDrugDisease(r.get("drugLabels").asList(v -> v.asString()),
                        r.get("diseaseLabels").asList(v -> v.asString()))) {
                    builder.treatsPair(r.get("drug").asString(), r.get("disease").asString());
                }
            }
            for (Record r : session.run(RANKED_NODES).list()) {
                builder.node(r.get("id").asString(), TrainingGraphBuilder.primaryLabel(
                        r.get("labels").asList(v -> v.asString())), r.get("name").isNull() ? "" : r.get("name").asString());
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("excludedTypes", GraphSchema.NON_KG_TYPES);
            params.put("allSources", all);
            params.put("sources", all ? List.of() : sources);
            progress.begin("Export training graph", -1);
            Result result = session.run(EDGES, Values.value(params));
            long n = 0;
            while (result.hasNext()) {
                Record r = result.next();
                builder.edge(r.get("head").asString(),
                        TrainingGraphBuilder.primaryLabel(r.get("headLabels").asList(v -> v.asString())),
                        r.get("type").asString(), r.get("tail").asString(),
                        TrainingGraphBuilder.primaryLabel(r.get("tailLabels").asList(v -> v.asString())));
                if (++n % 10_000 == 0) {
                    progress.advance(10_000);
                }
            }
            progress.end();
        }
        return builder.build();
    }

    private static boolean isDrugDisease(List<String> drugLabels, List<String> diseaseLabels) {
        return TrainingGraphBuilder.primaryLabel(drugLabels).equals(EntityKind.DRUG.label())
                && TrainingGraphBuilder.primaryLabel(diseaseLabels).equals(EntityKind.DISEASE.label());
    }

    private Session session() {
        return database == null || database.isBlank()
                ? driver.session()
                : driver.session(SessionConfig.forDatabase(database));
    }
}
