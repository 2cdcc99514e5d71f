package org.kedrec.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.kedrec.core.Messages;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/** Waits until Neo4j answers a real query over Bolt, the only readiness that matters to a user. */
final class BoltProbe {
    private static final Duration POLL = Duration.ofMillis(250);

    /** What the server said about itself. */
    record Info(String version, String edition) {}

    /** Thrown when the process ended before Bolt answered. */
    static final class ProcessEnded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProcessEnded() {
            super("Neo4j ended before it answered on Bolt.");
        }
    }

    /** Thrown when Bolt did not answer in time while the process still runs. */
    static final class NoAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private BoltProbe() {}

    static String uri(int port) {
        return "bolt://127.0.0.1:" + port;
    }

    static AuthToken token(String password) {
        return password == null ? AuthTokens.none() : AuthTokens.basic(ServerSettings.USER, password);
    }

    static Config driverConfig() {
        return Config.builder()
                .withoutEncryption()
                .withLogging(Logging.none())
                .withConnectionTimeout(2, TimeUnit.SECONDS)
                .withConnectionAcquisitionTimeout(10, TimeUnit.SECONDS)
                .build();
    }

    /**
     * Polls until {@code CALL dbms.components()} succeeds on the default database. Authentication failures are
     * thrown at once (the driver's {@code SecurityException}); connection refusals and "database unavailable" are
     * the normal state of a starting server and are retried.
     */
    static Info waitUntilReady(int port, String password, ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        try (Driver driver = GraphDatabase.driver(uri(port), token(password), driverConfig())) {
            while (true) {
                if (!process.isAlive()) {
                    throw new ProcessEnded();
                }
                try (Session session = driver.session()) {
                    Record record = session.run("CALL dbms.components() YIELD versions, edition "
                                    + "RETURN versions[0] AS version, edition")
                            .single();
                    return new Info(record.get("version").asString(), record.get("edition").asString());
                } catch (ServiceUnavailableException | SessionExpiredException | TransientException e) {
                    last = e;
                }
                if (System.nanoTime() > deadline) {
                    throw new NoAnswer(Messages.format(
                            "Neo4j (pid %d) is running but did not answer on %s within %d s.",
                            process.pid(), uri(port), timeout.toSeconds()), last);
                }
                sleep(POLL);
            }
        }
    }

    /** True when something accepts TCP connections on the port (no Bolt handshake, no credentials). */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Neo4j.", e);
        }
    }
}
