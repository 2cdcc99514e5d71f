package org.kedrec.importer;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.kedrec.core.data.DataDirectory;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Measures {@link ImportBenchmark} against an in-process Neo4j with Bolt on 127.0.0.1:7660 (a developer tool, not a
 * test: the real measurement is {@code kedrec bench import} against the real server).
 * Arguments: [report.json] [batchSize] [writers].
 */
public final class HarnessBench {
    private HarnessBench() {}

    private static void step(String name, com.sun.management.OperatingSystemMXBean os, long cpu, long start,
            ImportReport report) {
        System.out.printf("%-20s %.1f s wall, %.1f CPU s, created %s%n", name, (System.nanoTime() - start) / 1e9,
                (os.getProcessCpuTime() - cpu) / 1e9, report.created());
    }

    public static void main(String[] args) throws java.io.IOException {
        Path report = Paths.get(args.length > 0 ? args[0] : "target/bench-import.json");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : ImportOptions.DEFAULT_BATCH_SIZE;
        int writers = args.length > 2 ? Integer.parseInt(args[2]) : ImportOptions.DEFAULT_WRITERS;
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 7660))
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 1024L * 1024 * 1024)
                .build();
        try (Driver driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none())) {
            ImportOptions options = ImportOptions.defaults().withBatchSize(batch).withWriters(writers);
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            ImportReport result;
            if (Boolean.getBoolean("kedrec.bench.steps")) {
                java.nio.file.Path data = DataDirectory.require();
                Importer importer = new Importer(driver, options);
                importer.applySchema();
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < Integer.getInteger("kedrec.bench.nodeRounds", 0); i++) {
                    step("nodes round " + i, os, c0, t0, importer.importHetionet(data.resolve(Importer.DEMO_NODES),
                            data.resolve("hetionet-integrate/edges-10.sif")));
                    ImportBenchmark.wipe(driver, "neo4j");
                    c0 = os.getProcessCpuTime();
                    t0 = System.nanoTime();
                }
                java.nio.file.Path noEdges = java.nio.file.Files.createTempFile("edges", ".sif");
                java.nio.file.Files.writeString(noEdges, "source\tmetaedge\ttarget\n");
                step("nodes", os, c0, t0, importer.importHetionet(data.resolve(Importer.DEMO_NODES), noEdges));
                c0 = os.getProcessCpuTime();
                t0 = System.nanoTime();
                java.nio.file.Path noNodes = java.nio.file.Files.createTempFile("nodes", ".tsv");
                java.nio.file.Files.writeString(noNodes, "id\tname\tkind\n");
                step("edges", os, c0, t0, importer.importHetionet(noNodes, data.resolve(Importer.DEMO_EDGES)));
                c0 = os.getProcessCpuTime();
                t0 = System.nanoTime();
                step("trials", os, c0, t0, importer.importTrials(data));
                c0 = os.getProcessCpuTime();
                t0 = System.nanoTime();
                result = importer.importPubmed(Importer.DEMO_PUBMED.stream().map(data::resolve)
                        .toArray(java.nio.file.Path[]::new));
                step("pubmed", os, c0, t0, result);
            } else {
                int rounds = Integer.getInteger("kedrec.bench.rounds", 1);
                result = null;
                for (int round = 1; round <= rounds; round++) {
                    long c = os.getProcessCpuTime();
                    result = ImportBenchmark.run(driver, options, DataDirectory.require(), round > 1,
                            Integer.getInteger("kedrec.bench.warmups", 0));
                    System.out.printf("round %d: %.1f s wall, %.1f CPU s, %,.0f relationships/s%n", round,
                            result.seconds(), (os.getProcessCpuTime() - c) / 1e9, result.relationshipsPerSecond());
                }
            }
            System.out.printf("CPU seconds during the import (server and client together): %.1f%n",
                    (os.getProcessCpuTime() - cpu) / 1e9);
            result.write(report);
            if (Boolean.getBoolean("kedrec.bench.pause")) {
                System.out.println("PAUSE");
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            System.out.println(result.toJson());
            ImportBenchmark.summary(result).forEach(System.out::println);
        } finally {
            neo4j.close();
        }
    }
}
