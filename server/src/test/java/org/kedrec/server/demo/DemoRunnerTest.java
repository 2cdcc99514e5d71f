package org.kedrec.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.server.ServerHome;
import org.kedrec.server.ServerSettings;

/** The runner's file and argument helpers; the steps themselves run in {@code DemoIT}. */
class DemoRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void kedrecConfGetsTheDemoModelAndKeepsOtherLines() throws IOException {
        ServerHome home = new ServerHome(tmp);
        Path conf = tmp.resolve("conf/kedrec.conf");
        assertThat(DemoRunner.writeKedrecConf(home)).isTrue();
        assertThat(Files.readAllLines(conf)).containsExactly("kedrec.model.dir=models/demo");
        assertThat(DemoRunner.writeKedrecConf(home)).isFalse();

        Files.write(conf, List.of("kedrec.model.device=cpu", "kedrec.model.dir = models/mine"));
        assertThat(DemoRunner.writeKedrecConf(home)).isTrue();
        assertThat(Files.readAllLines(conf)).containsExactly("kedrec.model.device=cpu",
                "# replaced by kedrec demo: kedrec.model.dir = models/mine", "kedrec.model.dir=models/demo");
        assertThat(DemoRunner.writeKedrecConf(home)).isFalse();
    }

    @Test
    void aFinishedFolderReplacesTheOldOneWhole() throws IOException {
        Path target = tmp.resolve("dataset");
        Path tmpDir = tmp.resolve("dataset.tmp");
        Files.createDirectories(target);
        Files.writeString(target.resolve("old.txt"), "old");
        Files.createDirectories(tmpDir.resolve("both"));
        Files.writeString(tmpDir.resolve("both/train.jsonl"), "{}");
        DemoRunner.replace(tmpDir, target);
        assertThat(target.resolve("both/train.jsonl")).exists();
        assertThat(target.resolve("old.txt")).doesNotExist();
        assertThat(tmpDir).doesNotExist();
        assertThat(tmp.resolve("dataset.old")).doesNotExist();
    }

    @Test
    void theCardMustHaveADataHash() throws IOException {
        Files.writeString(tmp.resolve("card.json"), "{\"dataHash\": \"sha256:abc\", \"examples\": {}}");
        assertThat(DemoRunner.cardHash(tmp)).isEqualTo("sha256:abc");
        Files.writeString(tmp.resolve("card.json"), "{\"examples\": {}}");
        assertThatThrownBy(() -> DemoRunner.cardHash(tmp)).isInstanceOf(IllegalStateException.class)
                .hasMessage("The dataset card " + tmp.resolve("card.json") + " has no dataHash; delete " + tmp
                        + " and run `kedrec demo` again.");
    }

    @Test
    void passwordsNeverReachMessages() {
        assertThat(DemoRunner.masked(List.of("train", "kge", "--password", "s3cret-pass", "--model", "m")))
                .containsExactly("train", "kge", "--password", "***", "--model", "m");
        ServerSettings auth = new ServerSettings(tmp, 8300, 8301, "kedrec-demo", "1g", "512m", Duration.ofSeconds(1));
        ServerSettings none = new ServerSettings(tmp, 8300, 8301, null, "1g", "512m", Duration.ofSeconds(1));
        assertThat(DemoRunner.password(auth, false)).containsExactly("--password", "kedrec-demo");
        assertThat(DemoRunner.password(none, false)).containsExactly("--password", "");
        assertThat(DemoRunner.password(none, true)).containsExactly("--password", "no-authentication");
        assertThat(DemoRunner.passwordSource(auth))
                .isEqualTo("kedrec-demo (the default; choose your own with --password on a new home)");
    }

    @Test
    void aRetrainedRankerRetrainsTheStudentThatReadsIt() {
        List<String> quick = DemoProfile.QUICK.studentArguments();
        assertThat(DemoRunner.staleStudent(false, quick)).isEqualTo("reading the ranker, which was just retrained");
        assertThat(DemoRunner.staleStudent(true, quick)).isNull();
        // a student without the ranker's line keeps its own stamp's verdict
        assertThat(DemoRunner.staleStudent(false, DemoProfile.TEST.studentArguments())).isNull();
        // the quick profile names the ranker's PALLIATES feature, so a home trained before it retrains
        assertThat(DemoProfile.QUICK.kgeArguments()).containsExactly("--palliates-feature");
    }

    @Test
    void profilesParseAndNameTheValidValues() {
        assertThat(DemoProfile.parse("quick")).isEqualTo(DemoProfile.QUICK);
        // train kge's default (the feature model, no embedding) is every profile's ranker
        assertThat(DemoProfile.parse("full").kgeArguments()).isEmpty();
        assertThat(DemoProfile.parse("test")).isEqualTo(DemoProfile.TEST);
        assertThatThrownBy(() -> DemoProfile.parse("fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for option '--profile': `fast`. Valid values are: [quick, full].");
    }
}
