package org.kedrec.importer;

import java.util.List;
import java.util.Map;
import org.kedrec.importer.write.GraphWriter;
import org.kedrec.importer.write.ImportStats;
import org.neo4j.driver.Session;
import org.neo4j.driver.summary.Plan;

/** Developer tool: prints the EXPLAIN plans of the writer's query shapes (run via the test classpath). */
public final class PlanDump {
    private PlanDump() {}

    public static void main(String[] args) {
        TestNeo4j neo4j = TestNeo4j.shared();
        new Importer(neo4j.driver(), ImportOptions.defaults()).applySchema();
        try (GraphWriter writer = new GraphWriter(neo4j.driver(), "neo4j", 10, 1, new ImportStats());
                Session session = neo4j.driver().session()) {
            GraphWriter.NodeSpec nodes = writer.nodes("Gene", GraphWriter.NodeMode.UPSERT, List.of("name", "xrefs"),
                    List.of());
            GraphWriter.NodeSpec trials = writer.nodes("Trial", GraphWriter.NodeMode.UPSERT, List.of("title"),
                    List.of("sources"));
            GraphWriter.RelSpec rel = writer.relationships("PARTICIPATES", "Gene", "Pathway",
                    Map.of("source", "Hetionet", "relation", "GpPW"), List.of(), List.of(), List.of());
            GraphWriter.RelSpec pm = writer.relationships("CAUSES", "Drug", "Disease",
                    Map.of("source", "BC5CDR", "relation", "CID"), List.of("license"), List.of("pmids"), List.of());
            Map<String, Object> row = Map.of("id", "x", "s", "a", "e", "b", "p", Map.of(), "u", Map.of(), "m", Map.of());
            Map<String, Object> params = Map.of("rows", List.of(row), "k", Map.of("source", "s", "relation", "r"));
            for (String q : List.of(nodes.createQuery(), nodes.mergeQuery(), trials.mergeQuery(), rel.createQuery(),
                    rel.mergeQuery(), pm.mergeQuery(), rel.createByElementQuery(), rel.mergeByElementQuery())) {
                System.out.println("---- " + q.replace('\n', ' '));
                print(session.run("EXPLAIN " + q, params).consume().plan(), "");
            }
        }
        System.exit(0);
    }

    private static void print(Plan plan, String indent) {
        System.out.println(indent + plan.operatorType() + " " + plan.arguments().getOrDefault("Details", null));
        plan.children().forEach(c -> print(c, indent + "  "));
    }
}
