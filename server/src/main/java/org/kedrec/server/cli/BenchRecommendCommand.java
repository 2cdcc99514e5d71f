package org.kedrec.server.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kedrec.commandline.ReportOption;
import org.kedrec.core.Messages;
import org.kedrec.server.bench.RecommendBenchmark;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.Neo4jException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kedrec bench recommend}: latency and throughput of {@code kedrec.recommend} over Bolt on a server that has
 * a graph and a model (the demo graph for the published figures), for one client and for several, without a
 * rationale and with the evidence teacher's.
 */
@Command(
        name = "recommend",
        description = {
            "Measure kedrec.recommend over Bolt on a running server with a graph and a loaded model: the first "
                    + "call's latency (the first after a start when run right after `kedrec server start`), latency "
                    + "p50/p99 and calls per second for 1 and for N concurrent clients without a rationale, and for "
                    + "1 client with the teacher's rationale, after a server warm-up at N clients. Writes a JSON "
                    + "report.",
            ""
        })
public final class BenchRecommendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerTarget target;

    @Mixin
    ReportOption report;

    @Option(names = "--k", defaultValue = "10", description = "Drugs per call (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--paths", defaultValue = "3", description = "Paths per drug (default: ${DEFAULT-VALUE}).")
    int paths;

    /** --clients: the second scenario's; each scenario is one load, warmed up and measured. */
    // 30 s of warm-up, not 10, and a server warm-up at N clients before the first scenario (warmServer): on two cores
    // the JIT compilers of the server and of this client share the cores with the load for the first minute or so.
    @Mixin
    LoadOptions load = new LoadOptions(8, 30, 30);

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        ServerTarget.Resolved server = target.resolve(spec);
        String uri = server.uri();
        RecommendBenchmark.Settings settings;
        try {
            settings = new RecommendBenchmark.Settings(k, paths, load.warmup, load.seconds, load.clients);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Path reportFile = report.file();
        try (Driver driver = target.driver(server)) {
            Map<String, Object> model = modelInfo(driver, uri);
            Map<String, Object> graph = graph(driver);
            List<String> diseases = RecommendBenchmark.diseases(driver);
            KedrecCli.say(spec, Messages.format("Benchmarking kedrec.recommend on %s: model `%s` (%s, %s), %s nodes, "
                            + "%s relationships, %d diseases cycled, k=%d, %d paths per drug.", uri, model.get("name"),
                    model.get("kind"), model.get("device"), graph.get("nodes"), graph.get("relationships"),
                    diseases.size(), k, paths));
            RecommendBenchmark bench = new RecommendBenchmark(driver, settings, diseases,
                    line -> KedrecCli.say(spec, line));
            // Before any other recommend call: right after `kedrec server start` this is the first call after a start.
            double firstCallMs = bench.firstCallMs(diseases.get(0));
            KedrecCli.say(spec, Messages.format("  first call (%s): %.1f ms", diseases.get(0), firstCallMs));
            bench.warmServer(load.clients);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("startedAt", Instant.now().toString());
            out.put("uri", uri);
            out.put("query", RecommendBenchmark.QUERY);
            out.put("k", k);
            out.put("pathsPerDrug", paths);
            out.put("warmupSeconds", load.warmup);
            // The server warm-up before the first scenario: the warm-up time at the second scenario's clients.
            out.put("serverWarmupSeconds", load.warmup);
            out.put("secondsPerScenario", load.seconds);
            out.put("diseases", diseases.size());
            out.put("model", model);
            out.put("graph", graph);
            out.put("processors", Runtime.getRuntime().availableProcessors());
            out.put("loadAverageBefore", BenchMachine.loadAverage());
            out.put("firstCallMs", firstCallMs);
            out.put("firstCallDisease", diseases.get(0));
            out.put("clients1", bench.run("none", 1).toMap());
            out.put("clients" + load.clients, bench.run("none", load.clients).toMap());
            out.put("clients1Teacher", bench.run("teacher", 1).toMap());
            out.put("loadAverageAfter", BenchMachine.loadAverage());
            BenchMachine.writeReport(reportFile, out);
        }
        KedrecCli.say(spec, "Report: " + reportFile);
        return 0;
    }

    /** The loaded model, waiting while it loads; a clear error when there is none. */
    private static Map<String, Object> modelInfo(Driver driver, String uri) {
        try (Session session = driver.session()) {
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (true) {
                Record info = session.run("CALL kedrec.model.info() YIELD name, state, error, kind, device, engine, "
                        + "parameters, loadMillis, dataHash RETURN *").single();
                String state = info.get("state").asString();
                if (state.equals("loaded")) {
                    Map<String, Object> out = new LinkedHashMap<>(info.asMap());
                    out.remove("error");
                    return out;
                }
                if (!state.equals("loading") || System.nanoTime() > deadline) {
                    throw new IllegalStateException(Messages.format("The server at %s has no usable KEDRec model "
                            + "(state: %s). %s", uri, state, info.get("error").isNull() ? ""
                            : info.get("error").asString()).strip());
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the model to load.", e);
        } catch (Neo4jException e) {
            throw new IllegalStateException(Messages.format("Cannot ask %s for its KEDRec model: %s Is the KEDRec "
                    + "plugin installed?", uri, e.getMessage()), e);
        }
    }

    private static Map<String, Object> graph(Driver driver) {
        try (Session session = driver.session()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("nodes", session.run("MATCH (n) RETURN count(n) AS n").single().get("n").asLong());
            out.put("relationships", session.run("MATCH ()-[r]->() RETURN count(r) AS n").single().get("n").asLong());
            return out;
        }
    }
}
