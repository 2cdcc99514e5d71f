package org.kedrec.importer;

import java.lang.management.ManagementFactory;
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
 * Developer tool, not a test: {@link ImportBenchmark} against an in-process Neo4j with Bolt on 127.0.0.1:7660, with
 * the CPU time the import took (server and client share this JVM). The real measurement is
 * {@code kedrec bench import} against the real server.
 *
 * <p>Arguments: [report.json] [batchSize] [writers]. System properties: {@code kedrec.bench.rounds} (imports in a
 * row, the database wiped between them; default 1), {@code kedrec.bench.warmups} (untimed warm-up imports before
 * each measured one; default 0).
 */
public final class HarnessBench {
    private HarnessBench() {}

    public static void main(String[] args) {
        Path report = Paths.get(args.length > 0 ? args[0] : "target/bench-import.json");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : ImportOptions.DEFAULT_BATCH_SIZE;
        int writers = args.length > 2 ? Integer.parseInt(args[2]) : ImportOptions.DEFAULT_WRITERS;
        int rounds = Integer.getInteger("kedrec.bench.rounds", 1);
        int warmups = Integer.getInteger("kedrec.bench.warmups", 0);
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 7660))
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 1024L * 1024 * 1024)
                .build();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Driver driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none())) {
            ImportOptions options = ImportOptions.defaults().withBatchSize(batch).withWriters(writers);
            ImportReport result = null;
            for (int round = 1; round <= rounds; round++) {
                long cpu = os.getProcessCpuTime();
                result = ImportBenchmark.run(driver, options, DataDirectory.require(), round > 1, warmups);
                System.out.printf("round %d: %.1f s wall, %.1f CPU s (warm-ups included), %,.0f relationships/s%n",
                        round, result.seconds(), (os.getProcessCpuTime() - cpu) / 1e9, result.relationshipsPerSecond());
            }
            result.write(report);
            ImportBenchmark.summary(result).forEach(System.out::println);
        } finally {
            neo4j.close();
        }
    }
}
