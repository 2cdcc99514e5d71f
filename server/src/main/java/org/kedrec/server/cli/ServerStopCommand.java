package org.kedrec.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.kedrec.core.Messages;
import org.kedrec.server.Neo4jServer;
import org.kedrec.server.ServerHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kedrec server stop}: a clean shutdown, waited for. Stopping a stopped server is not an error. */
@Command(
        name = "stop",
        description = {"Stop the home's Neo4j cleanly (SIGTERM, as `neo4j stop` does) and wait until it has ended.", ""})
public final class ServerStopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Mixin
    TimeoutOption timeout = new TimeoutOption(120);

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        timeout.check(spec);
        ServerHome serverHome = new ServerHome(home.require());
        Neo4jServer.StopResult result = new Neo4jServer(line -> KedrecCli.say(spec, line))
                .stop(serverHome, timeout.duration());
        PrintWriter out = spec.commandLine().getOut();
        if (result.pid().isEmpty()) {
            out.println("Neo4j is not running in " + serverHome.root() + "; nothing to stop.");
        } else {
            out.println(Messages.format("Stopped Neo4j in %s (pid %d) in %.1f s.", serverHome.root(),
                    result.pid().getAsLong(), result.elapsed().toMillis() / 1000.0));
        }
        out.flush();
        return 0;
    }
}
