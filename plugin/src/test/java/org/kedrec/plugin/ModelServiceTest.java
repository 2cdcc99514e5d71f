package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.model.AtomicDirectory;
import org.neo4j.logging.NullLog;

/**
 * The model service on its own (as the extension creates it): no model configured, a model directory that does not
 * exist yet when the server starts, and the same directory once a model has been trained into it.
 */
class ModelServiceTest {
    private static ModelService service(Path home, String... confLines) throws IOException {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf);
        Files.write(conf.resolve("kedrec.conf"), List.of(confLines));
        return new ModelService(home, () -> KedrecSettings.load(home, conf, Map.of()), NullLog.getInstance());
    }

    @Test
    void withoutAModelCallsSayWhatToSet(@TempDir Path home) throws IOException {
        try (ModelService service = service(home)) {
            service.start();
            Path conf = home.resolve("conf/kedrec.conf");
            String expected = "No KEDRec model is configured. Set `kedrec.model.dir` in kedrec.conf (or the "
                    + "environment variable KEDREC_MODEL_DIR) to a model directory trained by `kedrec train kge` and "
                    + "call kedrec.model.load() (or restart the server), or call kedrec.model.load('<name>') for a "
                    + "model under kedrec.model.home.";
            assertThat(expected).doesNotContain(conf.toString());
            assertThatThrownBy(() -> service.acquire(null, null)).isInstanceOf(IllegalStateException.class)
                    .hasMessage(expected);
            assertThat(service.status(null).state()).isEqualTo("not configured");
            assertThat(service.status(null).error()).isEqualTo(expected);
            assertThat(service.list()).isEmpty();
        }
    }

    @Test
    void aModelTrainedAfterTheStartIsPickedUpWithoutARestart(@TempDir Path home) throws IOException {
        Path late = home.resolve("models/late");
        try (ModelService service = service(home, "kedrec.model.dir=models/late")) {
            service.start();
            Path conf = home.resolve("conf/kedrec.conf");
            assertThatThrownBy(() -> service.acquire("", null)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("The KEDRec model directory <kedrec.model.dir> does not exist (set by kedrec.model.dir, "
                            + "from kedrec.conf line 1). Train a model into it with `kedrec train kge --model "
                            + "<kedrec.model.dir>`, or point the setting at an existing model directory.")
                    .message().doesNotContain(home.toString());
            assertThat(service.status("late").state()).isEqualTo("failed");

            AtomicDirectory.copy(TestDb.get().modelHome.resolve(TestDb.RANKER_ONLY), late);
            try (ModelService.ModelLease lease = service.acquire("", null)) {
                assertThat(lease.model().name()).isEqualTo("late");
                assertThat(lease.model().ranker().knowsDisease("DOID:10763")).isTrue();
                assertThat(lease.model().student()).isNull();
            }
            assertThat(service.status(null).state()).isEqualTo("loaded");
            assertThat(service.list()).singleElement().satisfies(listed -> {
                assertThat(listed.name()).isEqualTo("late");
                assertThat(listed.isDefault()).isTrue();
                assertThat(listed.state()).isEqualTo("loaded");
            });
        }
    }

    @Test
    void aModelInUseIsClosedOnlyWhenItsLastCallEnds(@TempDir Path home) throws IOException {
        AtomicDirectory.copy(TestDb.get().modelHome.resolve(TestDb.RANKER_ONLY), home.resolve("models/a"));
        try (ModelService service = service(home, "kedrec.model.dir=models/a")) {
            service.start();
            try (ModelService.ModelLease lease = service.acquire(null, null)) {
                // Reloading replaces the model for new calls; this call keeps a working one.
                service.load("a", null);
                assertThat(lease.model().ranker().scoreAll("DOID:10763").size()).isPositive();
            }
            try (ModelService.ModelLease lease = service.acquire(null, null)) {
                assertThat(lease.model().ranker().scoreAll("DOID:10763").size()).isPositive();
            }
        }
    }
}
