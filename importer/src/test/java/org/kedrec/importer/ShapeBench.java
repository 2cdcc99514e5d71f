package org.kedrec.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.ids.Curies;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/** Developer tool: compares write query shapes for GpPW edges on an in-process Neo4j (Bolt 127.0.0.1:7661). */
public final class ShapeBench {
    private ShapeBench() {}

    public static void main(String[] args) throws Exception {
        Path data = DataDirectory.require();
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder().withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 7661))
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 1024L * 1024 * 1024).build();
        try (Driver driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none())) {
            new Importer(driver, ImportOptions.defaults().withDataDirectory(data)).importHetionet(
                    data.resolve("hetionet/hetionet-v1.0-nodes.tsv"), data.resolve("hetionet-integrate/edges-10.sif"));
            List<String[]> edges = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(data.resolve("derived/hetionet-v1.0-edges-demo.sif.gz")))))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] c = line.split("\t");
                    if (c[1].equals("GpPW")) {
                        edges.add(new String[] {Curies.fromHetionet(c[0]), Curies.fromHetionet(c[2])});
                    }
                }
            }
            int batch = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
            Map<String, String> eid = new HashMap<>();
            try (Session session = driver.session()) {
                session.run("MATCH (n) WHERE n:Gene OR n:Pathway RETURN n.id AS id, elementId(n) AS e")
                        .forEachRemaining(r -> eid.put(r.get("id").asString(), r.get("e").asString()));
            }
            List<String[]> byElement = edges.stream().map(e -> new String[] {eid.get(e[0]), eid.get(e[1])}).toList();
            String index = """
                    CYPHER replan=skip
                    UNWIND $rows AS row
                    MATCH (a:Gene {id: row.s})
                    MATCH (b:Pathway {id: row.e})
                    CREATE (a)-[r:BENCH {source: $k.source, relation: $k.relation}]->(b)""";
            String element = """
                    CYPHER replan=skip
                    UNWIND $rows AS row
                    MATCH (a) WHERE elementId(a) = row.s
                    MATCH (b) WHERE elementId(b) = row.e
                    CREATE (a)-[r:BENCH {source: $k.source, relation: $k.relation}]->(b)""";
            String oneProp = """
                    CYPHER replan=skip
                    UNWIND $rows AS row
                    MATCH (a:Gene {id: row.s})
                    MATCH (b:Pathway {id: row.e})
                    CREATE (a)-[r:BENCH {source: $k.source}]->(b)""";
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int round = 0; round < 4; round++) {
                time(driver, os, "index", index, edges, batch);
                time(driver, os, "element", element, byElement, batch);
                time(driver, os, "oneprop", oneProp, edges, batch);
            }
        } finally {
            neo4j.close();
        }
    }

    private static void time(Driver driver, com.sun.management.OperatingSystemMXBean os, String name, String query,
            List<String[]> edges, int batch) {
        long start = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        Map<String, Object> k = Map.of("source", "Hetionet", "relation", "GpPW");
        for (int from = 0; from < edges.size(); from += batch) {
            List<String[]> part = edges.subList(from, Math.min(edges.size(), from + batch));
            Map<String, Object> params = new HashMap<>();
            params.put("k", k);
            params.put("rows", part.stream().map(e -> Map.of("s", e[0], "e", e[1])).toList());
            try (Session session = driver.session()) {
                session.executeWrite(tx -> tx.run(query, params).consume());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-10s %d rels in %.2f s = %.0f/s, %.2f CPU s%n", name, edges.size(), seconds,
                edges.size() / seconds, (os.getProcessCpuTime() - cpu) / 1e9);
        try (Session session = driver.session()) {
            session.run("MATCH ()-[r:BENCH]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS").consume();
        }
    }
}
