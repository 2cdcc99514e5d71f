package org.kedrec.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.kedrec.core.graph.GraphSchema;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * Developer tool: times applying cypher/schema.cypher to a loaded database in different ways. Arguments: boltUri
 * mode (sequential | indexes-first | one-tx-indexes | parallel:N).
 */
public final class SchemaTiming {
    private SchemaTiming() {}

    public static void main(String[] args) throws Exception {
        String mode = args[1];
        List<String> statements = GraphSchema.statements();
        List<String> constraints = statements.stream().filter(s -> s.startsWith("CREATE CONSTRAINT")).toList();
        List<String> indexes = statements.stream().filter(s -> !s.startsWith("CREATE CONSTRAINT")).toList();
        try (Driver driver = GraphDatabase.driver(args[0], AuthTokens.none())) {
            long t0 = System.nanoTime();
            try (Session session = driver.session()) {
                switch (mode.split(":")[0]) {
                    case "sequential" -> statements.forEach(s -> session.run(s).consume());
                    case "indexes-first" -> {
                        indexes.forEach(s -> session.run(s).consume());
                        constraints.forEach(s -> session.run(s).consume());
                    }
                    case "one-tx-indexes" -> {
                        try (var tx = session.beginTransaction()) {
                            indexes.forEach(s -> tx.run(s).consume());
                            tx.commit();
                        }
                        constraints.forEach(s -> session.run(s).consume());
                    }
                    case "parallel" -> {
                        indexes.forEach(s -> session.run(s).consume());
                        int n = Integer.parseInt(mode.split(":")[1]);
                        ExecutorService pool = Executors.newFixedThreadPool(n);
                        List<Future<?>> futures = new ArrayList<>();
                        for (String s : constraints) {
                            futures.add(pool.submit(() -> {
                                try (Session own = driver.session()) {
                                    own.run(s).consume();
                                }
                            }));
                        }
                        for (Future<?> f : futures) {
                            f.get();
                        }
                        pool.shutdown();
                    }
                    default -> throw new IllegalArgumentException(mode);
                }
                long t1 = System.nanoTime();
                session.run("CALL db.awaitIndexes(300)").consume();
                long t2 = System.nanoTime();
                System.out.printf("%s: statements %.2f s, await %.2f s, total %.2f s%n", mode, (t1 - t0) / 1e9,
                        (t2 - t1) / 1e9, (t2 - t0) / 1e9);
            }
        }
    }
}
