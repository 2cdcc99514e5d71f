package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarLinksTest {
    @TempDir
    Path tmp;

    @Test
    void linksMirrorTheDistributionAndLeaveTheUsersJarsAlone() throws Exception {
        Path dist = Files.createDirectories(tmp.resolve("dist"));
        Path plugins = Files.createDirectories(tmp.resolve("home/plugins"));
        Files.writeString(dist.resolve("a-1.jar"), "a1");
        Files.writeString(dist.resolve("b-1.jar"), "b1");
        Files.writeString(dist.resolve("notes.txt"), "not a jar");
        Files.writeString(plugins.resolve("users-own.jar"), "mine");

        JarLinks.Result first = JarLinks.sync(dist, plugins);
        assertThat(first).isEqualTo(new JarLinks.Result(2, 0, 0, false));
        assertThat(Files.isSameFile(dist.resolve("a-1.jar"), plugins.resolve("a-1.jar"))).isTrue();
        assertThat(Files.isSymbolicLink(plugins.resolve("a-1.jar"))).isFalse();
        assertThat(plugins.resolve("notes.txt")).doesNotExist();

        assertThat(JarLinks.sync(dist, plugins)).isEqualTo(new JarLinks.Result(0, 2, 0, false));

        // A rebuild replaces a-1.jar (new file) and bumps b to version 2.
        Files.delete(dist.resolve("a-1.jar"));
        Files.writeString(dist.resolve("a-1.jar"), "a1 rebuilt");
        Files.delete(dist.resolve("b-1.jar"));
        Files.writeString(dist.resolve("b-2.jar"), "b2");
        assertThat(JarLinks.sync(dist, plugins)).isEqualTo(new JarLinks.Result(2, 0, 1, false));
        assertThat(Files.readString(plugins.resolve("a-1.jar"), StandardCharsets.UTF_8)).isEqualTo("a1 rebuilt");
        assertThat(plugins.resolve("b-1.jar")).doesNotExist();
        assertThat(plugins.resolve("b-2.jar")).exists();
        assertThat(Files.readString(plugins.resolve("users-own.jar"), StandardCharsets.UTF_8)).isEqualTo("mine");

        // Hard links survive `mvn clean` of the distribution.
        Files.delete(dist.resolve("b-2.jar"));
        assertThat(Files.readString(plugins.resolve("b-2.jar"), StandardCharsets.UTF_8)).isEqualTo("b2");
    }

    @Test
    void aJarRebuiltAfterTheServerStartedIsStaleAndTheSameBytesCopiedAnewAreNot() throws Exception {
        Path dist = Files.createDirectories(tmp.resolve("dist"));
        Path plugins = Files.createDirectories(tmp.resolve("home/plugins"));
        Files.writeString(dist.resolve("kedrec-plugin-1.jar"), "plugin v1");
        Files.writeString(dist.resolve("apoc-1.jar"), "apoc");
        JarLinks.sync(dist, plugins);
        Instant started = Instant.now().plusSeconds(60);
        assertThat(JarLinks.changedSince(dist, plugins, started)).isEmpty();

        // A rebuild writes a new plugin file; APOC is copied anew with the same bytes.
        Files.delete(dist.resolve("kedrec-plugin-1.jar"));
        Files.writeString(dist.resolve("kedrec-plugin-1.jar"), "plugin v2");
        Files.delete(dist.resolve("apoc-1.jar"));
        Files.writeString(dist.resolve("apoc-1.jar"), "apoc");
        Files.writeString(dist.resolve("added-1.jar"), "new");
        assertThat(JarLinks.changedSince(dist, plugins, started)).containsExactlyInAnyOrder(
                "kedrec-plugin-1.jar", "added-1.jar");

        // Written in place (a symbolic link sees only this): stale when written after the start.
        JarLinks.sync(dist, plugins);
        Files.writeString(dist.resolve("apoc-1.jar"), "apoc patched");
        assertThat(JarLinks.changedSince(dist, plugins, started)).isEmpty();
        assertThat(JarLinks.changedSince(dist, plugins, Instant.now().minusSeconds(60))).contains("apoc-1.jar");

        assertThat(JarLinks.changedSince(tmp.resolve("absent"), plugins, started)).isEmpty();
    }
}
