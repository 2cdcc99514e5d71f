package org.kedrec.server;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@code kedrec server status} reports.
 *
 * @param home the server home
 * @param pid the Neo4j process, when running
 * @param boltPort the configured Bolt port, when the home has a neo4j.conf
 * @param httpPort the configured HTTP port
 * @param boltAnswering whether something accepts connections on the Bolt port (false while Neo4j is starting)
 * @param residentBytes the process's resident memory, where the OS tells
 */
public record ServerStatus(
        Path home,
        OptionalLong pid,
        OptionalInt boltPort,
        OptionalInt httpPort,
        boolean boltAnswering,
        OptionalLong residentBytes) {
    public boolean running() {
        return pid.isPresent();
    }
}
