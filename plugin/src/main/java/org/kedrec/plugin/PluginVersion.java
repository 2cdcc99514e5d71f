package org.kedrec.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The plugin's own version, from the resource the build writes, so the jar in {@code plugins/} can name itself. */
public final class PluginVersion {
    static final String RESOURCE = "kedrec-plugin.properties";

    private static final Properties PROPERTIES = load();

    private PluginVersion() {}

    /** The plugin version, e.g. {@code 5.26.18.0}: the Neo4j line it is built against, then our own number. */
    public static String version() {
        return PROPERTIES.getProperty("version");
    }

    /** The Neo4j version the plugin was compiled against. */
    public static String neo4jVersion() {
        return PROPERTIES.getProperty("neo4j.version");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = PluginVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The KEDRec plugin jar lacks " + RESOURCE
                        + "; it was not built by Maven. Rebuild it with ./mvnw -B -ntp -Dfast package.");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + " from the KEDRec plugin jar.", e);
        }
        return properties;
    }
}
