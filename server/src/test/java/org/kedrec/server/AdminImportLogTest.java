package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin tool's stages as {@code bench scale} reports them, read from a log of a real 16x run (its file lists
 * cut), and the admin tool's JIT by the size of the load.
 */
class AdminImportLogTest {
    @Test
    void readsTheStagesOfTheLastRunInOrder() throws URISyntaxException {
        Path log = Path.of(getClass().getResource("neo4j-admin-import.log").toURI());

        Map<String, Double> stages = OfflineLoad.adminStages(log);

        // The earlier run in the same log (1 s of Nodes) is not counted; the heap warning glued to the first
        // stage's name is not part of it; minutes, seconds and milliseconds are all read.
        assertThat(stages).containsEntry("Nodes", 12.413)
                .containsEntry("Prepare node index", 4.345)
                .containsEntry("Relationships", 47.076)
                .containsEntry("RelationshipGroup 1-24/24", 0.177)
                .containsEntry("Relationship counts and relationship type index build", 3.54)
                .containsEntry("total", 85.477);
        assertThat(stages.keySet()).startsWith("Nodes", "Prepare node index", "Relationships", "Node Degrees")
                .endsWith("total").hasSize(15);
    }

    @Test
    void aLogThatCannotBeReadGivesNoStages() {
        assertThat(OfflineLoad.adminStages(Path.of("no/such/neo4j-admin-import.log"))).isEmpty();
    }

    @Test
    void smallLoadsCompileWithC1OnlyAndLargeOnesKeepTheDefaultJit() {
        assertThat(OfflineLoad.adminJvmOptions(277_987)).contains("-XX:TieredStopAtLevel=1", "-Xmx1g");
        assertThat(OfflineLoad.adminJvmOptions(4_410_667)).doesNotContain("-XX:TieredStopAtLevel=1")
                .contains("-Xmx1g");
    }
}
