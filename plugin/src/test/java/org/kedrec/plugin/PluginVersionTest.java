package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluginVersionTest {
    @Test
    void versionComesFromTheFilteredResource() {
        // Surefire passes the POM's project.version; an unfiltered resource would return "${project.version}".
        assertThat(PluginVersion.version()).isEqualTo(System.getProperty("kedrec.version"));
        assertThat(PluginVersion.neo4jVersion()).isEqualTo(System.getProperty("neo4j.version"));
        assertThat(new VersionFunction().version()).startsWith(PluginVersion.neo4jVersion() + ".");
    }
}
