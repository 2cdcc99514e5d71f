package org.kedrec.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.kedrec.core.Messages;
import org.kedrec.server.Neo4jServer;
import org.kedrec.server.ProcessMemory;
import org.kedrec.server.ServerHome;
import org.kedrec.server.ServerStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kedrec server status}: exit code 0 when running, 3 when not (as {@code neo4j status} and LSB do). */
@Command(
        name = "status",
        description = {"Say whether the home's Neo4j runs, with its pid, ports and memory. Exit code 0 when it "
                + "runs, 3 when it does not.", ""})
public final class ServerStatusCommand implements Callable<Integer> {
    /** Exit code for "not running", as Neo4j's own {@code neo4j status} uses. */
    public static final int EXIT_NOT_RUNNING = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        ServerHome serverHome = new ServerHome(home.require());
        PrintWriter out = spec.commandLine().getOut();
        if (!serverHome.exists()) {
            out.println(Messages.format("There is no Neo4j home at %s (kedrec server start --home %s creates one).",
                    serverHome.root(), serverHome.root()));
            out.flush();
            return EXIT_NOT_RUNNING;
        }
        ServerStatus status = Neo4jServer.status(serverHome);
        if (!status.running()) {
            out.println("Neo4j is not running in " + serverHome.root() + ".");
            out.flush();
            return EXIT_NOT_RUNNING;
        }
        String memory = status.residentBytes().isPresent()
                ? ", " + ProcessMemory.describe(status.residentBytes().getAsLong()) + " resident"
                : "";
        out.println(Messages.format("Neo4j is running in %s (pid %d%s).", serverHome.root(),
                status.pid().getAsLong(), memory));
        if (status.boltPort().isPresent()) {
            out.println(Messages.format("  Bolt:     bolt://127.0.0.1:%d (%s)", status.boltPort().getAsInt(),
                    status.boltAnswering() ? "answering" : "not answering yet: still starting?"));
        }
        if (status.httpPort().isPresent()) {
            out.println(Messages.format("  Browser:  http://127.0.0.1:%d/browser/", status.httpPort().getAsInt()));
        }
        out.println("  Logs:     " + serverHome.userLog());
        out.flush();
        return 0;
    }
}
