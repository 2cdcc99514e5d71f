package org.kedrec.server.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.kedrec.commandline.OptionChecks;
import org.kedrec.commandline.ReportOption;
import org.kedrec.core.Messages;
import org.kedrec.server.Neo4jServer;
import org.kedrec.server.ServerHome;
import org.kedrec.server.bench.RecommendBenchmark;
import org.kedrec.server.bench.SoakBenchmark;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kedrec bench soak}: a bounded load over Bolt on 127.0.0.1 with a model reload in the middle, reporting
 * latency, errors and server memory per interval (docs/reliability.md).
 */
@Command(
        name = "soak",
        description = {
            "Hold a bounded load over Bolt on a running server with a graph and a model: N clients call a mix of "
                    + "kedrec.recommend (with and without rationales), kedrec.explain, kedrec.select and "
                    + "kedrec.score over random diseases and drugs for S seconds, with one kedrec.model.load half-way "
                    + "(in the warm-up before, every client calls every operation once). Writes per-interval latency, errors by message, server heap and resident memory as JSON.",
            ""
        })
public final class BenchSoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Where the server is; with --home (or $KEDREC_HOME) its resident memory is read from its process too. */
    @Mixin
    ServerTarget target;

    @Mixin
    LoadOptions load = new LoadOptions(16, 300, 30);

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds per reported interval (default: ${DEFAULT-VALUE}).")
    double interval;

    @Option(names = "--no-reload", description = "Do not reload the model half-way.")
    boolean noReload;

    @Option(names = "--seed", defaultValue = "15", description = "Seed of the random mix (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ReportOption report;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        OptionChecks.require(spec, load.clients >= 1 && load.clients <= 256, "--clients", load.clients,
                "1 to 256 clients");
        OptionChecks.require(spec, load.seconds > 0 && load.seconds <= 86_400, "--seconds", load.seconds,
                "a duration from 1 to 86400 seconds");
        SoakBenchmark.Settings settings;
        try {
            settings = new SoakBenchmark.Settings(load.clients, load.seconds, Math.min(interval, load.seconds),
                    !noReload, seed, load.warmup);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ServerTarget.Resolved server = target.resolve(spec);
        String uri = server.uri();
        Supplier<OptionalLong> pid = server.home() == null
                ? OptionalLong::empty
                : () -> Neo4jServer.status(new ServerHome(server.home())).pid();
        Path reportFile = report.file();
        try (Driver driver = target.driver(server)) {
            List<String> diseases = RecommendBenchmark.diseases(driver);
            List<String> drugs = SoakBenchmark.drugs(driver, diseases);
            KedrecCli.say(spec, Messages.format("Soaking %s: %d clients for %.0f s, %d diseases and %d drugs drawn at "
                            + "random, %s.", uri, load.clients, load.seconds, diseases.size(), drugs.size(),
                    noReload ? "no model reload" : "one model reload half-way"));
            Map<String, Object> out = new SoakBenchmark(driver, settings, diseases, drugs, pid,
                    line -> KedrecCli.say(spec, line)).run();
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("startedAt", Instant.now().minusMillis((long) (load.seconds * 1000)).toString());
            context.put("uri", uri);
            context.put("model", model(driver));
            context.put("processors", Runtime.getRuntime().availableProcessors());
            context.put("loadAverageAfter", BenchMachine.loadAverage());
            out.put("context", context);
            BenchMachine.writeReport(reportFile, out);
            KedrecCli.say(spec, Messages.format("%s calls, %s errors, p50 %s ms, p99 %s ms, %s failed during the "
                            + "reload.", out.get("calls"), out.get("errors"), out.get("p50Ms"), out.get("p99Ms"),
                    out.get("failedDuringReload")));
        }
        KedrecCli.say(spec, "Report: " + reportFile);
        return 0;
    }

    private static Map<String, Object> model(Driver driver) {
        try (Session session = driver.session()) {
            return new LinkedHashMap<>(session.run("CALL kedrec.model.info() YIELD name, kind, device, dataHash "
                    + "RETURN *").single().asMap());
        }
    }
}
