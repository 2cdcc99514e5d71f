package org.kedrec.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.kedrec.core.Messages;

/** Says which port is taken, and which option moves Neo4j elsewhere, before Neo4j fails on it in its own log. */
public final class PortCheck {
    private PortCheck() {}

    /** Returns quietly when {@code port} on 127.0.0.1 can be bound; else an error naming the port and the option. */
    public static void requireFree(int port, String protocol, String option) {
        if (!isFree(port)) {
            throw new IllegalStateException(Messages.format(
                    "Port %d on 127.0.0.1 is already in use, so Neo4j cannot listen there for %s. Choose a free port "
                            + "with %s PORT, or stop whatever listens on %d (another KEDRec server: kedrec server stop "
                            + "--home DIR).",
                    port, protocol, option, port));
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Like Neo4j's own listener: a port left in TIME_WAIT by a server that just stopped counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
