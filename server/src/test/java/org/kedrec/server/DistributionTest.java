package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributionTest {
    @TempDir
    Path tmp;

    @Test
    void anIncompleteFolderSaysHowToBuildIt() throws Exception {
        Files.createDirectories(tmp.resolve("lib"));
        Files.createFile(tmp.resolve("lib/neo4j-5.26.18.jar"));
        assertThatThrownBy(() -> new Distribution(tmp).validate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The Neo4j distribution folder " + tmp + " is missing or incomplete (it needs "
                        + "lib/neo4j-5.*.jar and plugins/kedrec-plugin-*.jar). Build it with `./mvnw -B -ntp -Dfast "
                        + "-pl server -am package` from the repository root (bin/kedrec does this on first use), or "
                        + "point -Dkedrec.dist or KEDREC_DIST at an existing one.");
    }

    @Test
    void aCompleteFolderListsItsJars() throws Exception {
        Files.createDirectories(tmp.resolve("lib"));
        Files.createDirectories(tmp.resolve("plugins"));
        Files.createFile(tmp.resolve("lib/neo4j-5.26.18.jar"));
        Files.createFile(tmp.resolve("lib/neo4j-kernel-5.26.18.jar"));
        Files.createFile(tmp.resolve("plugins/kedrec-plugin-5.26.18.0.jar"));
        Distribution dist = new Distribution(tmp).validate();
        assertThat(dist.libJars()).extracting(p -> p.getFileName().toString())
                .containsExactly("neo4j-5.26.18.jar", "neo4j-kernel-5.26.18.jar");
        assertThat(dist.pluginJars()).hasSize(1);
    }
}
