package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kedrec.conf beside neo4j.conf, the environment above it, and bad lines that never stop the database. */
class KedrecSettingsTest {
    @Test
    void theConfFolderIsNeo4jConfOrTheServersConfigDirOrHomeConf(@TempDir Path home) {
        assertThat(KedrecSettings.confDir(home, Map.of("NEO4J_CONF", "/etc/neo4j"), null))
                .isEqualTo(Path.of("/etc/neo4j"));
        assertThat(KedrecSettings.confDir(home, Map.of(),
                "org.neo4j.server.CommunityEntryPoint --home-dir=/h --config-dir=/h/conf2"))
                .isEqualTo(Path.of("/h/conf2"));
        assertThat(KedrecSettings.confDir(home, Map.of(), "surefirebooter.jar")).isEqualTo(home.resolve("conf"));
    }

    @Test
    void defaultsWithoutAFile(@TempDir Path home) {
        KedrecSettings settings = KedrecSettings.load(home, home.resolve("conf"), Map.of());
        assertThat(settings.modelDir()).isNull();
        assertThat(settings.modelHome()).isEqualTo(home.resolve("models"));
        assertThat(settings.device()).isEqualTo("auto");
        assertThat(settings.maxK()).isEqualTo(100);
        assertThat(settings.problems()).isEmpty();
        assertThat(settings.sourceOf(KedrecSettings.MODEL_HOME)).isEqualTo("default");
    }

    @Test
    void theFileIsReadAndTheEnvironmentWins(@TempDir Path home) throws IOException {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf);
        Files.write(conf.resolve("kedrec.conf"), List.of("# KEDRec", "", "kedrec.model.dir = models/demo",
                "kedrec.model.device=CPU", "kedrec.recommend.max_k=50"));
        KedrecSettings settings = KedrecSettings.load(home, conf, Map.of("KEDREC_RECOMMEND_MAX_K", "20"));
        assertThat(settings.modelDir()).isEqualTo(home.resolve("models/demo"));
        assertThat(settings.device()).isEqualTo("cpu");
        assertThat(settings.maxK()).isEqualTo(20);
        assertThat(settings.sourceOf(KedrecSettings.MODEL_DIR)).isEqualTo(conf.resolve("kedrec.conf") + " line 3");
        assertThat(settings.sourceOf(KedrecSettings.MAX_K)).isEqualTo("environment variable KEDREC_RECOMMEND_MAX_K");
        assertThat(KedrecSettings.load(home, conf, Map.of("KEDREC_MODEL_DIR", "/models/other")).modelDir())
                .isEqualTo(Path.of("/models/other"));
    }

    @Test
    void badLinesAreProblemsAndDefaultsAreUsed(@TempDir Path home) throws IOException {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf);
        Path file = conf.resolve("kedrec.conf");
        Files.write(file, List.of("kedrec.model.dir", "apoc.export.file.enabled=true", "kedrec.model.device=tpu",
                "kedrec.recommend.max_k=0"));
        KedrecSettings settings = KedrecSettings.load(home, conf, Map.of());
        assertThat(settings.problems()).containsExactly(
                file + " line 1 is not `key=value`: `kedrec.model.dir`; it is ignored.",
                file + " line 2: unknown setting `apoc.export.file.enabled`; it is ignored. Known settings: "
                        + "[kedrec.model.dir, kedrec.model.home, kedrec.model.device, kedrec.recommend.max_k].",
                "Invalid value for kedrec.model.device (" + file + " line 3): `tpu`. Valid values are: [auto, cpu, "
                        + "gpu]. Using auto.",
                "Invalid value for kedrec.recommend.max_k (" + file + " line 4): `0`. It must be a whole number of "
                        + "at least 1. Using 100.");
        assertThat(settings.device()).isEqualTo("auto");
        assertThat(settings.maxK()).isEqualTo(100);
        assertThat(settings.modelDir()).isNull();
    }
}
