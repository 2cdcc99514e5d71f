package org.kedrec.server;

import java.nio.file.Path;
import java.time.Duration;
import org.kedrec.core.Messages;

/**
 * What {@code kedrec server start} was asked for. {@code password == null} means authentication is off.
 *
 * @param home the server home (created when missing)
 * @param boltPort Bolt port on 127.0.0.1
 * @param httpPort HTTP port on 127.0.0.1 (Browser, HTTP API)
 * @param password the password of user {@code neo4j}, or {@code null} for {@code --no-auth}
 * @param heap heap size in neo4j.conf form, e.g. {@code 1g} (initial and maximum)
 * @param pageCache page cache size in neo4j.conf form, e.g. {@code 512m}
 * @param startTimeout how long to wait for Bolt to answer
 */
public record ServerSettings(
        Path home, int boltPort, int httpPort, String password, String heap, String pageCache, Duration startTimeout) {
    public static final int DEFAULT_BOLT_PORT = 7687;
    public static final int DEFAULT_HTTP_PORT = 7474;
    public static final String DEFAULT_HEAP = "1g";
    public static final String DEFAULT_PAGE_CACHE = "512m";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);
    /** The user Neo4j creates; the password is set before the first start. */
    public static final String USER = "neo4j";
    /** Neo4j's own minimum ({@code dbms.security.auth_minimum_password_length}). */
    public static final int MIN_PASSWORD_LENGTH = 8;

    public ServerSettings {
        home = home.toAbsolutePath().normalize();
        requirePort("--bolt", boltPort);
        requirePort("--http", httpPort);
        if (boltPort == httpPort) {
            throw new IllegalArgumentException(Messages.format(
                    "--bolt and --http must be different ports, but both are %d.", boltPort));
        }
        if (password != null && password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(Messages.format(
                    "Invalid value for option '--password': Neo4j needs at least %d characters, this one has %d. "
                            + "Choose a longer one, or use --no-auth for a server without authentication.",
                    MIN_PASSWORD_LENGTH, password.length()));
        }
        heap = ByteSize.parse("--heap", heap);
        pageCache = ByteSize.parse("--pagecache", pageCache);
    }

    public boolean authEnabled() {
        return password != null;
    }

    private static void requirePort(String option, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(Messages.format(
                    "Invalid value for option '%s': %d is not a TCP port; use a number from 1 to 65535.", option, port));
        }
    }
}
