package org.kedrec.server.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.kedrec.core.Messages;
import org.kedrec.core.config.RecordMaps;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * Load test of {@code kedrec.recommend} over Bolt, as users call it: each client is a thread with its own session
 * that calls the procedure back to back for a fixed time, the diseases cycled over every disease the model knows;
 * latency is measured by the client from sending the query to having read every row. A warm-up (same query, all
 * clients) precedes each measured scenario, so the query plans are cached and the JIT has compiled the hot paths.
 */
public final class RecommendBenchmark {
    /** The query each call runs: every column YIELDed, so nothing is skipped that a Browser user would see. */
    public static final String QUERY = """
            CALL kedrec.recommend($disease, {k: $k, pathsPerDrug: $pathsPerDrug, rationale: $rationale})
            YIELD rank, drug, score, paths, rationale, evidence
            RETURN rank, drug, score, paths, rationale, evidence""";

    /** What to measure. */
    public record Settings(int k, int pathsPerDrug, double warmupSeconds, double seconds, int clients) {
        public Settings {
            if (k < 1 || pathsPerDrug < 1 || warmupSeconds < 0 || seconds <= 0 || clients < 1) {
                throw new IllegalArgumentException(Messages.format(
                        "Invalid benchmark settings: k %d, pathsPerDrug %d, warm-up %s s, %s s per scenario, %d "
                                + "clients; all must be positive.", k, pathsPerDrug, warmupSeconds, seconds, clients));
            }
        }
    }

    /** One scenario's figures. */
    public record Scenario(String rationale, int clients, long calls, long errors, double seconds, double p50Ms,
            double p90Ms, double p99Ms, double maxMs, double meanMs, double callsPerSecond, double rowsPerCall) {
        public Map<String, Object> toMap() {
            Map<String, Object> out = RecordMaps.toMap(this);
            out.replaceAll((key, value) -> value instanceof Double d ? round(d) : value);
            return out;
        }
    }

    private final Driver driver;
    private final Settings settings;
    private final List<String> diseases;
    private final Consumer<String> say;

    /**
     * @param diseases the disease ids to cycle over
     * @param say progress lines
     */
    public RecommendBenchmark(Driver driver, Settings settings, List<String> diseases, Consumer<String> say) {
        if (diseases.isEmpty()) {
            throw new IllegalArgumentException("The benchmark needs at least one disease the model knows.");
        }
        this.driver = driver;
        this.settings = settings;
        this.diseases = List.copyOf(diseases);
        this.say = say;
    }

    /** The diseases of the graph that the model can rank for, by id. */
    public static List<String> diseases(Driver driver) {
        try (Session session = driver.session()) {
            List<String> ids = session.run("MATCH (d:Disease) WHERE d.id IS NOT NULL RETURN d.id AS id ORDER BY id")
                    .list(r -> r.get("id").asString());
            List<String> known = new ArrayList<>();
            for (String id : ids) {
                try {
                    session.run("RETURN kedrec.score($d, $c) AS s", Map.of("d", id, "c", anyDrug(session))).consume();
                    known.add(id);
                } catch (Neo4jException e) {
                    // A disease the model was not trained on is not part of the benchmark.
                }
            }
            return known;
        }
    }

    private static String anyDrug(Session session) {
        return session.run("MATCH (c:Drug) WHERE c.id IS NOT NULL RETURN c.id AS id ORDER BY id LIMIT 1").single()
                .get("id").asString();
    }

    /**
     * The latency in milliseconds of one call for {@code disease} without a rationale, every column read: run
     * before any other recommend call of the benchmark, right after {@code kedrec server start}, it is the first call
     * after a start (the plugin warms its queries when the model loads; this shows whether that sufficed).
     */
    public double firstCallMs(String disease) {
        try (Session session = driver.session()) {
            Map<String, Object> params = Map.of("disease", disease, "k", (long) settings.k(),
                    "pathsPerDrug", (long) settings.pathsPerDrug(), "rationale", "none");
            long t0 = System.nanoTime();
            session.run(QUERY, params).list();
            return round((System.nanoTime() - t0) / 1e6);
        }
    }

    /**
     * A load of {@code clients} clients without a rationale for the warm-up time, before the first scenario and not
     * measured: on two cores the server's and this client's JIT compilers share the cores with the load for the first
     * minute or so, and without it the first scenario (1 client) measured their work more than the code (18-21 ms p50
     * where the same code gave 9-10 ms a minute later; docs/plugin.md, fifth round).
     */
    public void warmServer(int clients) {
        if (settings.warmupSeconds() > 0) {
            say.accept(Messages.format("  warming the server up: %d client(s), rationale 'none', %.0f s", clients,
                    settings.warmupSeconds()));
            measure("none", clients, settings.warmupSeconds());
        }
    }

    /** Warm-up, then the measured run of one scenario. */
    public Scenario run(String rationale, int clients) {
        // The first calls after a start plan the queries (seconds on two busy cores) whatever the warm-up time, so
        // every client makes one call before the warm-up clock starts.
        measure(rationale, clients, 0);
        if (settings.warmupSeconds() > 0) {
            say.accept(Messages.format("  warming up: %d client(s), rationale '%s', %.0f s", clients, rationale,
                    settings.warmupSeconds()));
            measure(rationale, clients, settings.warmupSeconds());
        }
        say.accept(Messages.format("  measuring: %d client(s), rationale '%s', %.0f s", clients, rationale,
                settings.seconds()));
        Scenario scenario = measure(rationale, clients, settings.seconds());
        say.accept(Messages.format("  %d calls, p50 %.1f ms, p99 %.1f ms, %.1f calls/s%s", scenario.calls(),
                scenario.p50Ms(), scenario.p99Ms(), scenario.callsPerSecond(),
                scenario.errors() > 0 ? ", " + scenario.errors() + " errors" : ""));
        return scenario;
    }

    private record ClientResult(long[] nanos, int count, long errors, long rows, String firstError) {}

    private Scenario measure(String rationale, int clients, double seconds) {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        try {
            List<Future<ClientResult>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> client(rationale, deadline, next)));
            }
            List<ClientResult> results = new ArrayList<>();
            for (Future<ClientResult> future : futures) {
                results.add(future.get());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            int total = results.stream().mapToInt(ClientResult::count).sum();
            long errors = results.stream().mapToLong(ClientResult::errors).sum();
            long rows = results.stream().mapToLong(ClientResult::rows).sum();
            if (total == 0) {
                String reason = results.stream().map(ClientResult::firstError).filter(e -> e != null).findFirst()
                        .orElse("no call finished in time");
                throw new IllegalStateException("kedrec.recommend did not answer during the benchmark: " + reason);
            }
            long[] all = new long[total];
            int at = 0;
            for (ClientResult result : results) {
                System.arraycopy(result.nanos(), 0, all, at, result.count());
                at += result.count();
            }
            Arrays.sort(all);
            double mean = Arrays.stream(all).average().orElse(0) / 1e6;
            return new Scenario(rationale, clients, total, errors, elapsed, percentile(all, 50) / 1e6,
                    percentile(all, 90) / 1e6, percentile(all, 99) / 1e6, all[all.length - 1] / 1e6, mean,
                    total / elapsed, (double) rows / total);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The benchmark was interrupted.", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("A benchmark client failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private ClientResult client(String rationale, long deadline, AtomicInteger next) {
        long[] nanos = new long[1024];
        int count = 0;
        long errors = 0;
        long rows = 0;
        String firstError = null;
        try (Session session = driver.session()) {
            // At least one call each, even past the deadline: a scenario always has figures.
            do {
                String disease = diseases.get(Math.floorMod(next.getAndIncrement(), diseases.size()));
                Map<String, Object> params = Map.of("disease", disease, "k", (long) settings.k(),
                        "pathsPerDrug", (long) settings.pathsPerDrug(), "rationale", rationale);
                long t0 = System.nanoTime();
                try {
                    List<Record> result = session.run(QUERY, params).list();
                    long took = System.nanoTime() - t0;
                    if (count == nanos.length) {
                        nanos = Arrays.copyOf(nanos, count * 2);
                    }
                    nanos[count++] = took;
                    rows += result.size();
                } catch (Neo4jException e) {
                    errors++;
                    if (firstError == null) {
                        firstError = e.getMessage();
                    }
                }
            } while (System.nanoTime() < deadline);
        }
        return new ClientResult(nanos, count, errors, rows, firstError);
    }

    /** The nearest-rank percentile of sorted values. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("No values to take a percentile of.");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
