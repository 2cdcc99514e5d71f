package org.kedrec.server.cli;

import picocli.CommandLine.Command;

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
public final class ServerCommand extends CommandGroup {
}
