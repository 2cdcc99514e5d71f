package org.kedrec.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code kedrec --version}: our version and the versions of everything it runs, from the build's own properties. */
public final class VersionInfo implements IVersionProvider {
    static final String RESOURCE = "/org/kedrec/server/kedrec-cli.properties";

    public static Properties properties() {
        Properties properties = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The kedrec jar lacks " + RESOURCE + "; rebuild it with Maven.");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        return properties;
    }

    public static String kedrecVersion() {
        return properties().getProperty("kedrec");
    }

    /** {@inheritDoc} */
    @Override
    public String[] getVersion() {
        Properties p = properties();
        return new String[] {
            "kedrec " + p.getProperty("kedrec"),
            "Neo4j " + p.getProperty("neo4j") + " Community, APOC " + p.getProperty("apoc") + ", Neo4j Browser "
                    + p.getProperty("browser") + ", Java driver " + p.getProperty("driver"),
            "DJL " + p.getProperty("djl") + " with PyTorch " + p.getProperty("pytorch") + " (CPU natives "
                    + p.getProperty("natives") + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
