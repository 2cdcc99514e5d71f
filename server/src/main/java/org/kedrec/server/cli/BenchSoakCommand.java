package org.kedrec.server.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.kedrec.core.Messages;
import org.kedrec.server.Neo4jServer;
import org.kedrec.server.ServerHome;
import org.kedrec.server.ServerStatus;
import org.kedrec.server.bench.RecommendBenchmark;
import org.kedrec.server.bench.SoakBenchmark;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
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
                    + "kedrec.score over random diseases and drugs for S seconds, with one kedrec.model.load half-way. "
                    + "Writes per-interval latency, errors by message, server heap and resident memory as JSON.",
            ""
        })
public final class BenchSoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Where the server is. */
    static final class Target {
        @Option(names = "--bolt", paramLabel = "PORT", description = "Bolt port of a server on 127.0.0.1 (its "
                + "resident memory is read from the process listening there when it runs on this machine).")
        Integer bolt;

        @Option(names = "--home", paramLabel = "DIR", description = "The home of a server started with `kedrec "
                + "server start` (Bolt port and process read from it). Default: $KEDREC_HOME.")
        Path home;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target = new Target();

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "neo4j",
            description = "User name (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", paramLabel = "P", defaultValue = "${env:" + ServerStartCommand.PASSWORD_ENV + "}",
            description = "Password; default $" + ServerStartCommand.PASSWORD_ENV + ", else '"
                    + ServerStartCommand.DEFAULT_PASSWORD + "' where the server asks for one.")
    String password;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "300", description = "Duration (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds per reported interval (default: ${DEFAULT-VALUE}).")
    double interval;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "30",
            description = "Warm-up before the measured time, not measured; every client calls every operation "
                    + "once first (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--no-reload", description = "Do not reload the model half-way.")
    boolean noReload;

    @Option(names = "--seed", defaultValue = "15", description = "Seed of the random mix (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", paramLabel = "FILE", required = true, description = "Where to write the JSON report.")
    Path report;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        if (clients < 1 || clients > 256) {
            throw new ParameterException(spec.commandLine(), Messages.format(
                    "Invalid value for option '--clients': %d. Use 1 to 256 clients.", clients));
        }
        if (!(seconds > 0) || seconds > 86_400) {
            throw new ParameterException(spec.commandLine(), Messages.format(
                    "Invalid value for option '--seconds': %s. Use a duration from 1 to 86400 seconds.", seconds));
        }
        SoakBenchmark.Settings settings;
        try {
            settings = new SoakBenchmark.Settings(clients, seconds, Math.min(interval, seconds), !noReload, seed,
                    warmup);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        int port;
        Supplier<OptionalLong> pid;
        if (target.bolt != null) {
            port = target.bolt;
            pid = () -> OptionalLong.empty();
        } else {
            ServerHome home = home();
            ServerStatus status = home.exists() ? Neo4jServer.status(home) : null;
            if (status == null || !status.running() || status.boltPort().isEmpty()) {
                throw new IllegalStateException(Messages.format("No Neo4j is running in %s. Start it with `kedrec "
                        + "server start --home %s`, or pass --bolt.", home.root(), home.root()));
            }
            port = status.boltPort().getAsInt();
            pid = () -> Neo4jServer.status(home).pid();
        }
        String uri = "bolt://127.0.0.1:" + port;
        Path reportFile = report.toAbsolutePath().normalize();
        String secret = password != null && !password.isBlank() ? password : ServerStartCommand.DEFAULT_PASSWORD;
        try (Driver driver = GraphDatabase.driver(uri, AuthTokens.basic(user, secret))) {
            List<String> diseases = RecommendBenchmark.diseases(driver);
            List<String> drugs = SoakBenchmark.drugs(driver, diseases);
            KedrecCli.say(spec, Messages.format("Soaking %s: %d clients for %.0f s, %d diseases and %d drugs drawn at "
                            + "random, %s.", uri, clients, seconds, diseases.size(), drugs.size(),
                    noReload ? "no model reload" : "one model reload half-way"));
            Map<String, Object> out = new SoakBenchmark(driver, settings, diseases, drugs, pid,
                    line -> KedrecCli.say(spec, line)).run();
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("startedAt", Instant.now().minusMillis((long) (seconds * 1000)).toString());
            context.put("uri", uri);
            context.put("model", model(driver));
            context.put("processors", Runtime.getRuntime().availableProcessors());
            context.put("loadAverageAfter", loadAverage());
            out.put("context", context);
            write(reportFile, out);
            KedrecCli.say(spec, Messages.format("%s calls, %s errors, p50 %s ms, p99 %s ms, %s failed during the "
                            + "reload.", out.get("calls"), out.get("errors"), out.get("p50Ms"), out.get("p99Ms"),
                    out.get("failedDuringReload")));
        }
        KedrecCli.say(spec, "Report: " + reportFile);
        return 0;
    }

    private ServerHome home() {
        Path dir = target.home;
        if (dir == null) {
            String env = System.getenv(HomeOption.ENV);
            if (env == null || env.isBlank()) {
                throw new ParameterException(spec.commandLine(), "Missing required option: '--bolt=PORT' or "
                        + "'--home=DIR' (or set " + HomeOption.ENV + ").");
            }
            dir = Path.of(env);
        }
        return new ServerHome(dir.toAbsolutePath().normalize());
    }

    private static Map<String, Object> model(Driver driver) {
        try (Session session = driver.session()) {
            return new LinkedHashMap<>(session.run("CALL kedrec.model.info() YIELD name, kind, device, dataHash "
                    + "RETURN *").single().asMap());
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void write(Path file, Map<String, Object> report) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
                    .create().toJson(report) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }
}
