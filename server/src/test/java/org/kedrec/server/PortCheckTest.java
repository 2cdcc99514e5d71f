package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortCheckTest {
    /** In this engineer's assigned range (7700-7799), unused by the integration tests. */
    private static final int PORT = 7790;

    @Test
    void aTakenPortIsNamedWithTheOptionThatMovesNeo4j() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT));
            assertThatThrownBy(() -> PortCheck.requireFree(PORT, "HTTP", "--http"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Port 7790 on 127.0.0.1 is already in use, so Neo4j cannot listen there for HTTP. "
                            + "Choose a free port with --http PORT, or stop whatever listens on 7790 (another KEDRec "
                            + "server: kedrec server stop --home DIR).");
        }
        assertThatCode(() -> PortCheck.requireFree(PORT, "HTTP", "--http")).doesNotThrowAnyException();
    }
}
