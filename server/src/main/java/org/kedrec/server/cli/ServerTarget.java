package org.kedrec.server.cli;

import java.nio.file.Path;
import org.kedrec.commandline.BoltOptions;
import org.kedrec.core.Messages;
import org.kedrec.server.Neo4jServer;
import org.kedrec.server.ServerHome;
import org.kedrec.server.ServerStatus;
import org.neo4j.driver.Driver;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where the server of a bench or eval command is: the shared Bolt options ({@link BoltOptions}), or instead of
 * {@code --uri} the home of a server started with {@code kedrec server start}, whose Bolt port is read from the home
 * (and whose dataset a command may use). Declared once for every command that measures a running server:
 * {@code @Mixin ServerTarget server;}.
 */
public final class ServerTarget {
    @Mixin
    BoltOptions bolt;

    @Option(names = "--home", paramLabel = "DIR", description = "The home of a server started with `kedrec server "
            + "start` (its Bolt port is read from the home), instead of --uri. Default: $KEDREC_HOME, else the --uri "
            + "default.")
    Path home;

    /** A Bolt URI and, when the server was found through its home, that home. */
    public record Resolved(String uri, Path home) {}

    /** A new driver for the resolved server with the user's credentials; the caller closes it. */
    public Driver driver(Resolved server) {
        return bolt.driver(server.uri());
    }

    public BoltOptions bolt() {
        return bolt;
    }

    /** The server to talk to: {@code --uri}, else {@code --home} or {@code $KEDREC_HOME}, else the default URI. */
    public Resolved resolve(CommandSpec spec) {
        if (bolt.uriGiven() && home != null) {
            throw new ParameterException(spec.commandLine(),
                    "Error: --uri=URI, --home=DIR are mutually exclusive (specify only one)");
        }
        if (bolt.uriGiven()) {
            return new Resolved(bolt.uri(), null);
        }
        Path homeDir = home;
        if (homeDir == null) {
            String env = System.getenv(HomeOption.ENV);
            if (env == null || env.isBlank()) {
                return new Resolved(bolt.uri(), null);
            }
            homeDir = Path.of(env);
        }
        ServerHome serverHome = new ServerHome(homeDir.toAbsolutePath().normalize());
        ServerStatus status = serverHome.exists() ? Neo4jServer.status(serverHome) : null;
        if (status == null || !status.running() || status.boltPort().isEmpty()) {
            throw new IllegalStateException(Messages.format("No Neo4j is running in %s. Start it with `kedrec server "
                    + "start --home %s`, or pass --uri.", serverHome.root(), serverHome.root()));
        }
        return new Resolved("bolt://127.0.0.1:" + status.boltPort().getAsInt(), serverHome.root());
    }
}
