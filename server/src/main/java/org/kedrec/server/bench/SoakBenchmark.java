package org.kedrec.server.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.kedrec.core.Messages;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * A bounded soak over Bolt: {@code clients} sessions call a mix of {@code kedrec.recommend} (with and without the
 * teacher's rationale), {@code kedrec.explain}, {@code kedrec.select} and {@code kedrec.score()} over random
 * diseases and drugs, back to back, for {@code seconds}; half-way, the model is reloaded once
 * ({@code kedrec.model.load}) while the clients keep calling. Every {@code interval} seconds a sampler records the
 * server's heap ({@code dbms.queryJmx}) and resident memory ({@code /proc/<pid>/status}). Each call's latency is
 * measured by the client, from sending the query to having read every row.
 */
public final class SoakBenchmark {
    /** The calls of the mix, with their share of the calls. */
    public enum Operation {
        RECOMMEND(30, """
                CALL kedrec.recommend($disease, {k: 10, rationale: 'none'}) YIELD rank, drug, score, paths
                RETURN rank, drug.id AS drug, score, size(paths) AS paths"""),
        RECOMMEND_TEACHER(15, """
                CALL kedrec.recommend($disease, {k: 5, rationale: 'teacher'}) YIELD rank, drug, score, rationale
                RETURN rank, drug.id AS drug, score, rationale"""),
        EXPLAIN(20, """
                CALL kedrec.explain($disease, $drug) YIELD path, metapath, score, modelScore
                RETURN metapath, score, modelScore, length(path) AS hops"""),
        SELECT(15, """
                CALL kedrec.select($disease, $drugs) YIELD drug, probability, selected
                RETURN drug.id AS drug, probability, selected"""),
        SCORE(20, "RETURN kedrec.score($disease, $drug) AS score");

        final int weight;
        final String cypher;

        Operation(int weight, String cypher) {
            this.weight = weight;
            this.cypher = cypher;
        }
    }

    /** What to run. */
    public record Settings(int clients, double seconds, double intervalSeconds, boolean reload, long seed,
            double warmupSeconds) {
        public Settings {
            if (clients < 1 || seconds <= 0 || intervalSeconds <= 0 || intervalSeconds > seconds || warmupSeconds < 0) {
                throw new IllegalArgumentException(Messages.format(
                        "Invalid soak settings: %d clients, %s s, intervals of %s s. Use at least 1 client, a "
                                + "positive duration, and an interval no longer than the duration.",
                        clients, seconds, intervalSeconds));
            }
        }
    }

    /** One call as a client saw it. */
    private record Call(long startNanos, long nanos, Operation op, String error) {}

    /** A memory sample. */
    private record Sample(long atNanos, Long heapBytes, Long rssBytes) {}

    private final Driver driver;
    private final Settings settings;
    private final List<String> diseases;
    private final List<String> drugs;
    private final Supplier<OptionalLong> serverPid;
    private final Consumer<String> say;

    /**
     * @param diseases disease ids the model knows
     * @param drugs drug ids the model knows (at least 3, for {@code select})
     * @param serverPid the Neo4j process, for its resident memory (empty: not measured, e.g. a remote server)
     */
    public SoakBenchmark(Driver driver, Settings settings, List<String> diseases, List<String> drugs,
            Supplier<OptionalLong> serverPid, Consumer<String> say) {
        if (diseases.isEmpty() || drugs.size() < 3) {
            throw new IllegalArgumentException(Messages.format(
                    "The soak needs at least one disease and three drugs the model knows; it found %d and %d.",
                    diseases.size(), drugs.size()));
        }
        this.driver = driver;
        this.settings = settings;
        this.diseases = List.copyOf(diseases);
        this.drugs = List.copyOf(drugs);
        this.serverPid = serverPid;
        this.say = say;
    }

    /** Drugs the model ranks, from its top 10 for a few diseases (they are known to the model by construction). */
    public static List<String> drugs(Driver driver, List<String> diseases) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        try (Session session = driver.session()) {
            for (int i = 0; i < diseases.size() && out.size() < 200; i += Math.max(1, diseases.size() / 20)) {
                session.run("CALL kedrec.recommend($d, {k: 10, rationale: 'none'}) YIELD drug RETURN drug.id AS id",
                        Map.of("d", diseases.get(i))).list(r -> r.get("id").asString()).forEach(out::add);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Runs the soak and returns the report (the keys of the report contract first). A warm-up comes first, not
     * measured: every client calls every operation once (the first calls after a start plan the queries and may
     * wait for the model to load: a minute on two busy cores), then the mix until the warm-up time is over.
     */
    public Map<String, Object> run() {
        warmUp();
        long start = System.nanoTime();
        long deadline = start + (long) (settings.seconds() * 1e9);
        long intervalNanos = (long) (settings.intervalSeconds() * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(settings.clients() + 1);
        List<Sample> samples = new ArrayList<>();
        long[] reloadWindow = {-1, -1};
        String[] reloadOutcome = {null};
        try {
            List<Future<List<Call>>> futures = new ArrayList<>();
            for (int c = 0; c < settings.clients(); c++) {
                long seed = settings.seed() + c;
                futures.add(pool.submit(() -> client(deadline, new Random(seed), false)));
            }
            Future<?> reloader = pool.submit(() -> {
                if (!settings.reload()) {
                    return;
                }
                sleepUntil(start + (deadline - start) / 2);
                reloadWindow[0] = System.nanoTime();
                try (Session session = driver.session()) {
                    String name = session.run("CALL kedrec.model.info() YIELD name RETURN name").single().get("name")
                            .asString();
                    session.run("CALL kedrec.model.load($name) YIELD state RETURN state", Map.of("name", name))
                            .consume();
                    reloadOutcome[0] = "reloaded `" + name + "`";
                } catch (Neo4jException e) {
                    reloadOutcome[0] = "failed: " + Messages.echo(e.getMessage());
                }
                reloadWindow[1] = System.nanoTime();
                say.accept(Messages.format("  model reload at %.0f s: %s (%.0f ms)", (reloadWindow[0] - start) / 1e9,
                        reloadOutcome[0], (reloadWindow[1] - reloadWindow[0]) / 1e6));
            });
            // The sampler runs on this thread: one sample at the end of each interval.
            try (Session session = driver.session()) {
                for (long at = start + intervalNanos; at <= deadline + intervalNanos / 2; at += intervalNanos) {
                    sleepUntil(Math.min(at, deadline));
                    samples.add(new Sample(System.nanoTime(), heap(session), serverPid.get().stream()
                            .mapToObj(org.kedrec.server.ProcessMemory::residentBytes)
                            .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).findFirst().orElse(null)));
                }
            }
            List<Call> calls = new ArrayList<>();
            await(futures).forEach(calls::addAll);
            await(List.of(reloader));
            double elapsed = (System.nanoTime() - start) / 1e9;
            return report(calls, samples, start, intervalNanos, elapsed, reloadWindow, reloadOutcome[0]);
        } finally {
            pool.shutdownNow();
        }
    }

    private void warmUp() {
        if (settings.warmupSeconds() <= 0) {
            return;
        }
        say.accept(Messages.format("  warming up: %d clients, %.0f s (not measured)", settings.clients(),
                settings.warmupSeconds()));
        long deadline = System.nanoTime() + (long) (settings.warmupSeconds() * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
        try {
            List<Future<List<Call>>> futures = new ArrayList<>();
            for (int c = 0; c < settings.clients(); c++) {
                long seed = settings.seed() - 1 - c;
                futures.add(pool.submit(() -> client(deadline, new Random(seed), true)));
            }
            await(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The results of the clients (and the reloader): a failed one or an interrupted wait ends the soak. */
    private static <T> List<T> await(List<? extends Future<? extends T>> futures) {
        List<T> results = new ArrayList<>();
        try {
            for (Future<? extends T> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The soak was interrupted.", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("A soak client failed: " + e.getCause().getMessage(), e.getCause());
        }
        return results;
    }

    /** Calls until {@code deadline}; with {@code everyOperationFirst}, each operation once before the mix. */
    private List<Call> client(long deadline, Random random, boolean everyOperationFirst) {
        List<Call> calls = new ArrayList<>();
        int total = Arrays.stream(Operation.values()).mapToInt(o -> o.weight).sum();
        int first = everyOperationFirst ? Operation.values().length : 0;
        try (Session session = driver.session()) {
            while (first > 0 || System.nanoTime() < deadline) {
                Operation op = null;
                if (first > 0) {
                    op = Operation.values()[--first];
                } else {
                    int pick = random.nextInt(total);
                    for (Operation candidate : Operation.values()) {
                        pick -= candidate.weight;
                        if (pick < 0) {
                            op = candidate;
                            break;
                        }
                    }
                }
                String disease = diseases.get(random.nextInt(diseases.size()));
                List<String> three = new ArrayList<>(drugs);
                java.util.Collections.shuffle(three, random);
                Map<String, Object> params = Map.of("disease", disease, "drug", three.get(0),
                        "drugs", List.copyOf(three.subList(0, 3)));
                long t0 = System.nanoTime();
                String error = null;
                try {
                    List<Record> rows = session.run(op.cypher, params).list();
                    if (rows.isEmpty() && op != Operation.EXPLAIN) {
                        error = op + " returned no row";
                    }
                } catch (Neo4jException e) {
                    error = Messages.echo(e.getMessage());
                }
                calls.add(new Call(t0, System.nanoTime() - t0, op, error));
            }
        }
        return calls;
    }

    private static Long heap(Session session) {
        try {
            Record record = session.run("CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
                    + "RETURN attributes.HeapMemoryUsage.value.properties.used AS used").single();
            Value used = record.get("used");
            return used.isNull() ? null : used.asLong();
        } catch (Neo4jException | java.util.NoSuchElementException e) {
            return null;
        }
    }

    private Map<String, Object> report(List<Call> calls, List<Sample> samples, long start, long intervalNanos,
            double elapsed, long[] reloadWindow, String reloadOutcome) {
        Map<String, Object> out = new LinkedHashMap<>();
        long errors = calls.stream().filter(c -> c.error() != null).count();
        out.put("calls", (long) calls.size());
        out.put("errors", errors);
        out.put("clients", settings.clients());
        out.put("seconds", round(elapsed));
        out.put("p50Ms", percentileMs(calls, 50));
        out.put("p99Ms", percentileMs(calls, 99));
        out.put("reloads", reloadWindow[1] > 0 && reloadOutcome != null && reloadOutcome.startsWith("reloaded")
                ? 1 : 0);
        // A call counts as during the reload when it overlapped the reload call at all.
        out.put("failedDuringReload", reloadWindow[1] < 0 ? 0L : calls.stream().filter(c -> c.error() != null
                && c.startNanos() <= reloadWindow[1] && c.startNanos() + c.nanos() >= reloadWindow[0]).count());
        List<Map<String, Object>> intervals = new ArrayList<>();
        int count = (int) Math.ceil((double) (samples.isEmpty() ? 1 : samples.size()));
        for (int i = 0; i < count; i++) {
            long from = start + i * intervalNanos;
            long to = from + intervalNanos;
            boolean last = i == count - 1;
            // By the time each call ended; calls still running at the deadline end in the last interval.
            List<Call> in = calls.stream().filter(c -> c.startNanos() + c.nanos() >= from
                    && (last || c.startNanos() + c.nanos() < to)).toList();
            Map<String, Object> interval = new LinkedHashMap<>();
            interval.put("second", round((to - start) / 1e9));
            interval.put("calls", (long) in.size());
            interval.put("errors", in.stream().filter(c -> c.error() != null).count());
            interval.put("p99Ms", in.isEmpty() ? null : percentileMs(in, 99));
            Sample sample = i < samples.size() ? samples.get(i) : null;
            interval.put("heapBytes", sample == null ? null : sample.heapBytes());
            interval.put("rssBytes", sample == null ? null : sample.rssBytes());
            intervals.add(interval);
        }
        out.put("intervals", intervals);
        out.put("rssGrowth", rssGrowth(intervals, elapsed));
        Map<String, Long> byMessage = new TreeMap<>();
        calls.stream().filter(c -> c.error() != null).forEach(c -> byMessage.merge(c.error(), 1L, Long::sum));
        out.put("errorsByMessage", byMessage);
        Map<String, Object> byOperation = new LinkedHashMap<>();
        for (Operation op : Operation.values()) {
            List<Call> of = calls.stream().filter(c -> c.op() == op).toList();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("calls", (long) of.size());
            figures.put("errors", of.stream().filter(c -> c.error() != null).count());
            figures.put("p50Ms", of.isEmpty() ? null : percentileMs(of, 50));
            figures.put("p99Ms", of.isEmpty() ? null : percentileMs(of, 99));
            byOperation.put(op.name().toLowerCase(java.util.Locale.ENGLISH), figures);
        }
        out.put("byOperation", byOperation);
        out.put("reload", reloadWindow[0] < 0 ? null : Map.of("atSecond", round((reloadWindow[0] - start) / 1e9),
                "millis", round((reloadWindow[1] - reloadWindow[0]) / 1e6), "outcome", String.valueOf(reloadOutcome)));
        out.put("intervalSeconds", settings.intervalSeconds());
        out.put("warmupSeconds", settings.warmupSeconds());
        out.put("diseases", diseases.size());
        out.put("drugs", drugs.size());
        out.put("seed", settings.seed());
        return out;
    }

    /**
     * The resident-memory target of docs/reliability.md: the mean of the last minute's samples against the mean of
     * the second minute's (the first minute is start-up: the JIT and first calls). Null for runs under three
     * minutes, where the two minutes would overlap or touch.
     */
    static Map<String, Object> rssGrowth(List<Map<String, Object>> intervals, double elapsed) {
        if (elapsed < 180) {
            return null;
        }
        double second = meanRss(intervals, 60, 120);
        double last = meanRss(intervals, elapsed - 60, elapsed + 1);
        if (Double.isNaN(second) || Double.isNaN(last)) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("secondMinuteMeanBytes", Math.round(second));
        out.put("lastMinuteMeanBytes", Math.round(last));
        out.put("percent", round(100 * (last - second) / second));
        return out;
    }

    /** Mean {@code rssBytes} of the intervals ending after {@code from} and at or before {@code to} seconds. */
    private static double meanRss(List<Map<String, Object>> intervals, double from, double to) {
        return intervals.stream()
                .filter(i -> (double) i.get("second") > from && (double) i.get("second") <= to)
                .map(i -> (Long) i.get("rssBytes"))
                .filter(java.util.Objects::nonNull)
                .mapToLong(Long::longValue).average().orElse(Double.NaN);
    }

    private static Double percentileMs(List<Call> calls, double p) {
        if (calls.isEmpty()) {
            return null;
        }
        long[] sorted = calls.stream().mapToLong(Call::nanos).sorted().toArray();
        return round(RecommendBenchmark.percentile(sorted, p) / 1e6);
    }

    private static void sleepUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
