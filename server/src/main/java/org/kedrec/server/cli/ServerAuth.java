package org.kedrec.server.cli;

import picocli.CommandLine.Option;

/**
 * Either a password for user neo4j or no authentication at all, for the commands that start a server
 * ({@code server start}, {@code demo}): {@code @ArgGroup(exclusive = true, multiplicity = "0..1") ServerAuth auth;},
 * null when neither option is given.
 */
final class ServerAuth {
    @Option(names = "--password", paramLabel = "P", description = "Password of user neo4j, at least 8 "
            + "characters; set before the first start of a home (default: $" + ServerStartCommand.PASSWORD_ENV
            + ", else " + ServerStartCommand.DEFAULT_PASSWORD + ").")
    String password;

    @Option(names = "--no-auth", description = "Run without authentication (still on 127.0.0.1 only).")
    boolean noAuth;

    /** The server's password: the option's, none with --no-auth, else the environment's, else the default. */
    static String password(ServerAuth auth) {
        if (auth != null) {
            return auth.noAuth ? null : auth.password;
        }
        String env = fromEnvironment();
        return env != null ? env : ServerStartCommand.DEFAULT_PASSWORD;
    }

    /** {@code $KEDREC_PASSWORD} when it is set and not empty, else null. */
    static String fromEnvironment() {
        String value = System.getenv(ServerStartCommand.PASSWORD_ENV);
        return value == null || value.isEmpty() ? null : value;
    }
}
