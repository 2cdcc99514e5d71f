package org.kedrec.commandline;

import org.neo4j.driver.SessionConfig;

/** Driver sessions for a named database, or for the user's home database when none is named. */
public final class Sessions {
    private Sessions() {}

    /** A session configuration for {@code database}, or the user's home database when it is null or blank. */
    public static SessionConfig forDatabase(String database) {
        return database == null || database.isBlank()
                ? SessionConfig.defaultConfig()
                : SessionConfig.forDatabase(database);
    }
}
