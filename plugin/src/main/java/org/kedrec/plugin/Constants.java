package org.kedrec.plugin;

/** Descriptions shown by {@code SHOW FUNCTIONS} / {@code SHOW PROCEDURES}, kept in one place (GDS style). */
final class Constants {
    static final String VERSION_DESCRIPTION =
            "Returns the version of the KEDRec plugin loaded into this server (the Neo4j line it is built for, "
                    + "then the plugin's own number), e.g. '5.26.18.0'.";

    private Constants() {}
}
