package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Neo4jConfTest {
    @TempDir
    Path tmp;

    private ServerSettings settings(String password) {
        return new ServerSettings(tmp, 7711, 7712, password, "768m", "256M", Duration.ofSeconds(30));
    }

    @Test
    void managedSettingsBindToLoopbackAndAllowTheProcedures() {
        ServerHome home = new ServerHome(tmp);
        Neo4jConf.write(home, settings("secret-password"));
        Map<String, String> conf = Neo4jConf.read(home.confFile());
        assertThat(conf)
                .containsEntry("server.default_listen_address", "127.0.0.1")
                .containsEntry("server.bolt.listen_address", "127.0.0.1:7711")
                .containsEntry("server.bolt.advertised_address", "127.0.0.1:7711")
                .containsEntry("server.http.listen_address", "127.0.0.1:7712")
                .containsEntry("server.https.enabled", "false")
                .containsEntry("dbms.security.auth_enabled", "true")
                .containsEntry("dbms.usage_report.enabled", "false")
                .containsEntry("dbms.security.procedures.allowlist", "kedrec.*,apoc.*")
                .containsEntry("server.memory.heap.initial_size", "768m")
                .containsEntry("server.memory.heap.max_size", "768m")
                .containsEntry("server.memory.pagecache.size", "256m")
                .doesNotContainKey("dbms.security.procedures.unrestricted")
                .containsEntry("server.unmanaged_extension_classes", "org.kedrec.plugin.browser=/kedrec")
                .containsEntry("dbms.security.http_auth_allowlist", "/,/browser.*,/kedrec.*")
                .containsEntry("browser.remote_content_hostname_whitelist", "guides.neo4j.com,localhost,127.0.0.1")
                .containsEntry("browser.post_connect_cmd", "style http://127.0.0.1:7712/kedrec/style.grass");
        assertThat(Neo4jConf.guideUrl(7712)).isEqualTo("http://127.0.0.1:7712/kedrec/guide");
        assertThat(home.boltPort()).hasValue(7711);
        assertThat(home.httpPort()).hasValue(7712);
        assertThat(home.authEnabled()).isTrue();

        List<String> jvm = Neo4jConf.managedLines(home, settings(null)).stream()
                .filter(line -> line.startsWith("server.jvm.additional="))
                .map(line -> line.substring("server.jvm.additional=".length()))
                .toList();
        assertThat(jvm).contains("-Dai.djl.offline=true", "-DDJL_CACHE_DIR=" + tmp.resolve("data/djl"),
                "-Djna.tmpdir=" + tmp.resolve("run/jna"), "--add-opens=java.base/java.nio=ALL-UNNAMED");
        // As in Neo4j's own neo4j.conf: the soak's resident-memory target is met only with the heap pre-touched.
        assertThat(jvm).containsOnlyOnce("-XX:+AlwaysPreTouch");
        assertThat(Neo4jConf.managedLines(home, settings(null))).contains("dbms.security.auth_enabled=false");
    }

    @Test
    void aUsersAllowlistIsMergedIntoOursAndStaysMergedOnRewrites() throws Exception {
        List<String> lines = rewrittenTwice("dbms.security.procedures.allowlist=gds.*, apoc.*");
        assertThat(lines).containsOnlyOnce("dbms.security.procedures.allowlist=kedrec.*,apoc.*,gds.*");
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo(Neo4jConf.MERGED + "dbms.security.procedures.allowlist=gds.*, apoc.*");
    }

    @Test
    void aUsersAllowlistThatNamesKedrecProceduresNarrowsOursInsteadOfWideningIt() throws Exception {
        assertThat(rewrittenTwice("dbms.security.procedures.allowlist=kedrec.recommend*,kedrec.score"))
                .containsOnlyOnce("dbms.security.procedures.allowlist=apoc.*,kedrec.recommend*,kedrec.score");
    }

    /** neo4j.conf after a user wrote {@code userLine} into it and the managed settings were written twice. */
    private List<String> rewrittenTwice(String userLine) throws Exception {
        ServerHome home = new ServerHome(tmp);
        Files.createDirectories(home.conf());
        Files.write(home.confFile(), List.of(userLine));
        Neo4jConf.write(home, settings("secret-password"));
        Neo4jConf.write(home, settings("secret-password"));
        return Files.readAllLines(home.confFile(), StandardCharsets.UTF_8);
    }

    @Test
    void userLinesSurviveAndManagedKeysInThemAreCommentedOut() throws Exception {
        ServerHome home = new ServerHome(tmp);
        Files.createDirectories(home.conf());
        // A conf the user wrote before KEDRec managed it.
        Files.write(home.confFile(), List.of("# mine", "db.logs.query.enabled=OFF",
                "server.bolt.listen_address=0.0.0.0:7687", "server.jvm.additional=-Dmy.flag=1"));
        Neo4jConf.write(home, settings("secret-password"));
        List<String> first = Files.readAllLines(home.confFile(), StandardCharsets.UTF_8);
        assertThat(first.get(0)).startsWith(Neo4jConf.BEGIN);
        int end = first.indexOf(Neo4jConf.END);
        assertThat(first.subList(end + 1, first.size())).containsExactly("# mine", "db.logs.query.enabled=OFF",
                Neo4jConf.OVERRIDDEN + "server.bolt.listen_address=0.0.0.0:7687",
                "server.jvm.additional=-Dmy.flag=1");
        assertThat(Neo4jConf.read(home.confFile())).containsEntry("server.bolt.listen_address", "127.0.0.1:7711");

        // Rewriting is idempotent; changed options replace only the managed block.
        Neo4jConf.write(home, settings("secret-password"));
        assertThat(Files.readAllLines(home.confFile(), StandardCharsets.UTF_8)).isEqualTo(first);
        Neo4jConf.write(home, new ServerSettings(tmp, 7721, 7722, null, "1g", "1g", Duration.ofSeconds(30)));
        List<String> third = Files.readAllLines(home.confFile(), StandardCharsets.UTF_8);
        assertThat(third).contains("server.bolt.listen_address=127.0.0.1:7721", "dbms.security.auth_enabled=false")
                .doesNotContain("server.bolt.listen_address=127.0.0.1:7711");
        assertThat(third.subList(third.indexOf(Neo4jConf.END) + 1, third.size()))
                .isEqualTo(first.subList(end + 1, first.size()));
        assertThat(home.authEnabled()).isFalse();
    }
}
