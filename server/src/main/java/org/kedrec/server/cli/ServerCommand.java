package org.kedrec.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kedrec server start|stop|status}. */
@Command(
        name = "server",
        description = {
            "Run a real Neo4j 5.26 Community server assembled from Maven jars, with APOC, Neo4j Browser and the "
                    + "KEDRec plugin, listening on 127.0.0.1 only.",
            ""
        },
        commandListHeading = "%nCommands:%n",
        subcommands = {ServerStartCommand.class, ServerStopCommand.class, ServerStatusCommand.class})
public final class ServerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** {@inheritDoc} */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of start, stop, status.");
    }
}
