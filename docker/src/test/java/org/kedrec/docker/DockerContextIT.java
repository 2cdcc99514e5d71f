package org.kedrec.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.kedrec.plugin.KedrecSettings;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;

/**
 * The image's build context and settings, checked without a Docker engine: the staged {@code target/context}
 * holds the Dockerfile and exactly the four plugin jars, the plugin jar is the lean shaded one, every Neo4j setting
 * the Dockerfile and compose.yaml set is one Neo4j 5.26 knows (its strict validation, the same the server runs at
 * start), the JVM options are one per line, and the model directory is the mounted volume the plugin reads.
 */
class DockerContextIT {
    private final Path context = Path.of(System.getProperty("kedrec.docker.context", "target/context"));
    private final Path dockerDir = Path.of(System.getProperty("kedrec.docker.dir", "."));
    private final String neo4jVersion = System.getProperty("neo4j.version");

    @Test
    void theContextHoldsTheDockerfileItsScriptsAndTheFourPluginJars() throws IOException {
        assertThat(Files.readString(context.resolve("Dockerfile")))
                .isEqualTo(Files.readString(dockerDir.resolve("Dockerfile")));
        for (String script : List.of("kedrec-entrypoint.sh", "kedrec-healthcheck.sh")) {
            assertThat(Files.readString(context.resolve(script))).isEqualTo(Files.readString(dockerDir.resolve(script)));
        }
        try (Stream<Path> files = Files.list(context.resolve("plugins"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "apoc-core-" + System.getProperty("apoc.version") + ".jar",
                    "apoc-common-" + System.getProperty("apoc.version") + ".jar",
                    "kedrec-plugin-" + System.getProperty("kedrec.version") + ".jar",
                    "pytorch-native-cpu-" + System.getProperty("pytorch.version") + "-linux-x86_64.jar");
        }
    }

    @Test
    void thePluginJarIsTheShadedOneWithoutWhatNeo4jAlreadyHas() throws IOException {
        Path jar = context.resolve("plugins/kedrec-plugin-" + System.getProperty("kedrec.version") + ".jar");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("org/kedrec/plugin/RecommendProc.class")).isNotNull();
            assertThat(zip.getEntry("org/kedrec/core/Messages.class")).isNotNull();
            assertThat(zip.getEntry("ai/djl/pytorch/engine/PtEngine.class")).isNotNull();
            ZipEntry engines = zip.getEntry("META-INF/services/ai.djl.engine.EngineProvider");
            assertThat(new String(zip.getInputStream(engines).readAllBytes(), StandardCharsets.UTF_8))
                    .contains("ai.djl.pytorch.engine.PtEngineProvider");
            // plugins/* comes first on the server class path: a second slf4j or JNA would shadow Neo4j's own.
            assertThat(zip.stream().map(ZipEntry::getName))
                    .noneMatch(name -> name.startsWith("org/slf4j/") || name.startsWith("com/sun/jna/")
                            || name.startsWith("org/neo4j/"));
        }
    }

    @Test
    void theDockerfileBuildsOnTheOfficialImageOfThePomsNeo4jVersion() {
        List<String> instructions = ImageSettings.instructions(dockerDir.resolve("Dockerfile"));
        // BASE is the official image unless a build names the local stand-in (docker/base).
        assertThat(instructions).contains("ARG NEO4J_VERSION=" + neo4jVersion,
                "ARG BASE=neo4j:${NEO4J_VERSION}-community", "FROM ${BASE}", "VOLUME /models",
                "ENTRYPOINT [\"tini\", \"-g\", \"--\", \"/startup/kedrec-entrypoint.sh\"]", "CMD [\"neo4j\"]");
        assertThat(instructions).filteredOn(i -> i.startsWith("COPY ")).containsExactly(
                "COPY --chown=neo4j:neo4j plugins/apoc-*.jar plugins/pytorch-native-cpu-*.jar /var/lib/neo4j/plugins/",
                "COPY kedrec-entrypoint.sh kedrec-healthcheck.sh /startup/",
                "COPY --chown=neo4j:neo4j plugins/kedrec-plugin-*.jar /var/lib/neo4j/plugins/");
    }

    @Test
    void everyNeo4jSettingOfTheImageAndOfComposeIsOneNeo4jKnows() {
        Map<String, String> settings = new HashMap<>();
        settings.putAll(ImageSettings.neo4jSettings(ImageSettings.dockerfileEnv(dockerDir.resolve("Dockerfile"))));
        settings.putAll(ImageSettings.neo4jSettings(ImageSettings.composeEnv(dockerDir.resolve("compose.yaml"))));
        for (String line : ImageSettings.confLines(dockerDir.resolve("Dockerfile"))) {
            String key = line.substring(0, line.indexOf('='));
            if (!key.equals("server.jvm.additional")) {
                settings.put(key, line.substring(key.length() + 1));
            }
        }
        assertThat(settings).containsKeys("dbms.security.procedures.allowlist", "dbms.usage_report.enabled",
                "server.memory.heap.max_size", "server.memory.pagecache.size");

        Config config = Config.newBuilder().setRaw(settings).build();
        assertThat(config.get(GraphDatabaseSettings.procedure_allowlist)).containsExactly("kedrec.*", "apoc.*");
        assertThat(config.get(GraphDatabaseSettings.procedure_unrestricted)).isEmpty();
        // The check is real: a misspelt setting name fails Neo4j's strict validation (and the server's start).
        assertThatThrownBy(() -> Config.newBuilder().setRaw(Map.of("dbms.security.procedures.allowlst", "x")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dbms.security.procedures.allowlst");
    }

    @Test
    void jvmOptionsAreOnePerServerJvmAdditionalLine() {
        assertThat(ImageSettings.confLines(dockerDir.resolve("Dockerfile"))).containsExactly(
                "server.jvm.additional=-Dai.djl.offline=true",
                "server.jvm.additional=-Djna.tmpdir=/var/lib/neo4j/djl/jna");
        // Neo4j splits server.jvm.additional at line ends only: two options in one value are one broken option.
        Map<String, String> env = new HashMap<>(ImageSettings.dockerfileEnv(dockerDir.resolve("Dockerfile")));
        env.putAll(ImageSettings.composeEnv(dockerDir.resolve("compose.yaml")));
        assertThat(ImageSettings.neo4jSettings(env).getOrDefault("server.jvm.additional", "")).doesNotContain(" ");
    }

    @Test
    void theModelDirectoryIsTheMountedVolumeAndDjlStaysOffline() {
        Map<String, String> env = ImageSettings.dockerfileEnv(dockerDir.resolve("Dockerfile"));
        assertThat(env).containsEntry(KedrecSettings.environmentName(KedrecSettings.MODEL_DIR), "/models/current")
                .containsEntry(KedrecSettings.environmentName(KedrecSettings.MODEL_HOME), "/models")
                .containsEntry("DJL_OFFLINE", "true")
                .containsEntry("DJL_CACHE_DIR", "/var/lib/neo4j/djl");
        Map<String, String> compose = ImageSettings.composeEnv(dockerDir.resolve("compose.yaml"));
        assertThat(compose).containsEntry("KEDREC_MODEL_DIR", "/models/current")
                .containsEntry("NEO4J_dbms_security_procedures_allowlist", "kedrec.*,apoc.*");
    }

    @Test
    void imageVariablesTranslateToSettingNamesAsTheEntrypointDoes() {
        assertThat(ImageSettings.settingName("NEO4J_dbms_usage__report_enabled")).isEqualTo("dbms.usage_report.enabled");
        assertThat(ImageSettings.settingName("NEO4J_server_memory_heap_max__size"))
                .isEqualTo("server.memory.heap.max_size");
        assertThatThrownBy(() -> ImageSettings.settingName("KEDREC_MODEL_DIR"))
                .hasMessage("Not a Neo4j image setting variable: KEDREC_MODEL_DIR");
    }
}
