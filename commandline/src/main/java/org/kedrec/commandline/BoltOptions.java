package org.kedrec.commandline;

import org.kedrec.core.Messages;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import picocli.CommandLine.Option;

/**
 * The Bolt connection options of every command that talks to a running Neo4j ({@code import}, {@code dataset},
 * {@code train kge}, the benchmarks, the evaluations), declared once so that their names, defaults and help agree:
 * {@code @Mixin BoltOptions bolt;} in a picocli command.
 *
 * <p>The defaults reach the server {@code kedrec server start} and {@code kedrec demo} run: Bolt on 127.0.0.1:7687
 * (an address, not {@code localhost}, which may resolve to IPv6 first), user {@code neo4j}, the password from
 * {@value #PASSWORD_ENV} or the demo's {@value #DEFAULT_PASSWORD}, and the user's home database.
 */
public final class BoltOptions {
    public static final String DEFAULT_URI = "bolt://127.0.0.1:7687";
    public static final String DEFAULT_USER = "neo4j";
    public static final String PASSWORD_ENV = "KEDREC_NEO4J_PASSWORD";
    public static final String DEFAULT_PASSWORD = "kedrec-demo";

    @Option(names = "--uri", paramLabel = "URI",
            description = "Bolt URI of the Neo4j server (default: " + DEFAULT_URI + ").")
    String uri;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = DEFAULT_USER,
            description = "Neo4j user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", paramLabel = "P", arity = "0..1", interactive = true,
            defaultValue = "${env:" + PASSWORD_ENV + ":-" + DEFAULT_PASSWORD + "}",
            description = "Password (default: the environment variable " + PASSWORD_ENV + ", else " + DEFAULT_PASSWORD
                    + ", the password of `kedrec server start`; --password alone asks for it; an empty value sends "
                    + "no authentication). Never printed.")
    char[] password;

    @Option(names = "--database", paramLabel = "NAME",
            description = "Database (default: the user's home database, `neo4j` on a new server).")
    String database;

    /** The Bolt URI to connect to: the one given, else {@value #DEFAULT_URI}. */
    public String uri() {
        return uri != null ? uri : DEFAULT_URI;
    }

    /** Whether {@code --uri} was given (a command may derive the address from a server home otherwise). */
    public boolean uriGiven() {
        return uri != null;
    }

    public String user() {
        return user;
    }

    /** The database named with {@code --database}, or null for the user's home database. */
    public String database() {
        return database == null || database.isBlank() ? null : database;
    }

    /** The database for messages and reports: its name, or {@code (home database)}. */
    public String databaseLabel() {
        return database() != null ? database() : "(home database)";
    }

    /** Basic authentication with the user and password, or none when the password is empty. */
    public AuthToken auth() {
        return password == null || password.length == 0
                ? AuthTokens.none()
                : AuthTokens.basic(user, new String(password));
    }

    /** Whether a password will be sent (for reports: never the password itself). */
    public boolean hasPassword() {
        return password != null && password.length > 0;
    }

    /** A session configuration for the chosen database. */
    public SessionConfig sessionConfig() {
        return Sessions.forDatabase(database());
    }

    /** A new driver for {@link #uri()} with {@link #auth()}; the caller closes it. */
    public Driver driver() {
        return driver(uri());
    }

    /** A new driver for {@code uri} (found another way, e.g. from a server home) with {@link #auth()}. */
    public Driver driver(String uri) {
        return GraphDatabase.driver(uri, auth());
    }

    /**
     * A message for a failure to talk to the server that says what to change: the address when it cannot be
     * reached, the user and password when they are refused, the database otherwise.
     */
    public String describe(Exception failure) {
        if (failure instanceof ServiceUnavailableException) {
            return Messages.format("Cannot reach Neo4j at %s (%s). Start the server (`kedrec server start`) or pass "
                    + "--uri.", uri(), failure.getMessage());
        }
        if (failure instanceof AuthenticationException) {
            return Messages.format("Neo4j at %s refused user `%s` (%s). Pass --user and --password (or set %s).",
                    uri(), user, failure.getMessage(), PASSWORD_ENV);
        }
        return Messages.format("Neo4j at %s, database %s: %s", uri(), databaseLabel(), failure.getMessage());
    }
}
