package org.kedrec.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.kedrec.commandline.BoltOptions;
import org.kedrec.core.Messages;
import org.kedrec.server.Distribution;
import org.kedrec.server.Neo4jConf;
import org.kedrec.server.Neo4jServer;
import org.kedrec.server.ProcessMemory;
import org.kedrec.server.ServerSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kedrec server start}: prepare the home, start Neo4j in the background, wait until Bolt answers. Not final:
 * {@code kedrec import offline} takes the same server options.
 */
@Command(
        name = "start",
        description = {
            "Create or update the server home (conf/neo4j.conf, lib/ and plugins/ linked to the jars Maven built), "
                    + "start Neo4j in the background and wait until it answers on Bolt. On a home whose server "
                    + "already runs, say so (and whether it predates a rebuilt jar) and do nothing.",
            ""
        })
public class ServerStartCommand implements Callable<Integer> {
    /** The password of user neo4j when neither --password, --no-auth nor {@link #PASSWORD_ENV} gives one. */
    public static final String DEFAULT_PASSWORD = BoltOptions.DEFAULT_PASSWORD;
    /** The same variable `kedrec import` reads its password from, so that the two agree without options. */
    public static final String PASSWORD_ENV = BoltOptions.PASSWORD_ENV;

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Mixin
    ServerOptions server;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ServerAuth auth;

    @Mixin
    TimeoutOption timeout = new TimeoutOption(180);

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        ServerSettings settings = settings();
        Distribution dist = Distribution.locate();
        Neo4jServer.StartResult result = new Neo4jServer(line -> KedrecCli.say(spec, line)).start(dist, settings);
        PrintWriter out = spec.commandLine().getOut();
        String memory = result.residentBytes().isPresent()
                ? ", " + ProcessMemory.describe(result.residentBytes().getAsLong()) + " resident"
                : "";
        if (result.alreadyRunning()) {
            out.println(Messages.format("Neo4j is already running in %s (pid %d%s): %s, Browser %s", result.home()
                    .root(), result.pid(), memory, result.boltUri(), result.browserUrl()));
            if (result.staleJars().isEmpty()) {
                out.println("Nothing to do. Stop it with: kedrec server stop --home " + result.home().root());
            } else {
                out.println(Messages.format("It started before %s was rebuilt, so it still runs the old %s. Restart it "
                                + "to load the new: kedrec server stop --home %s, then this command again.",
                        String.join(", ", result.staleJars()), result.staleJars().size() == 1 ? "jar" : "jars",
                        result.home().root()));
            }
        } else {
            out.println(Messages.format("Neo4j %s (%s) is ready in %.1f s (pid %d%s).", result.version(),
                    result.edition(), result.elapsed().toMillis() / 1000.0, result.pid(), memory));
            out.println("  Bolt:     " + result.boltUri() + "  " + credentials());
            out.println("  Browser:  " + result.browserUrl());
            out.println("  Guide:    :play " + Neo4jConf.guideUrl(result.httpPort()) + "  (in Browser)");
            out.println("  Home:     " + result.home().root());
            out.println("  Logs:     " + result.home().userLog() + " (debug.log beside it)");
            out.println("  Stop it:  kedrec server stop --home " + result.home().root());
        }
        out.flush();
        return 0;
    }

    String credentials() {
        if (auth != null && auth.noAuth) {
            return "(no authentication)";
        }
        if (auth != null && auth.password != null) {
            return "(user " + ServerSettings.USER + ", the password given with --password)";
        }
        if (ServerAuth.fromEnvironment() != null) {
            return "(user " + ServerSettings.USER + ", the password in $" + PASSWORD_ENV + ")";
        }
        return "(user " + ServerSettings.USER + ", password " + DEFAULT_PASSWORD
                + ": the default, choose your own with --password)";
    }

    ServerSettings settings() {
        String password = ServerAuth.password(auth);
        timeout.check(spec);
        try {
            return new ServerSettings(home.require(), server.bolt(), server.http(), password, server.heap(),
                    server.pageCache(), timeout.duration());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (auth == null && ServerAuth.fromEnvironment() != null) {
                // The password came from the environment, not from an option the user typed.
                message = message.replace("Invalid value for option '--password'", "Invalid value in $" + PASSWORD_ENV);
            }
            throw new ParameterException(spec.commandLine(), message, e);
        }
    }
}
