package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kedrec.core.model.AtomicDirectory;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/** {@code kedrec.model.list/info/load}: what the server has loaded, and a broken model that breaks nothing else. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelProceduresTest {
    private final TestDb db = TestDb.get();

    @AfterEach
    void restore() throws IOException {
        AtomicDirectory.delete(db.modelHome.resolve("corrupt"));
        db.restoreConf();
        db.run("CALL kedrec.model.load()");
    }

    @Test
    void infoDescribesTheLoadedModel() throws IOException {
        Record info = db.run("CALL kedrec.model.info()").get(0);
        assertThat(info.get("name").asString()).isEqualTo(TestDb.MODEL);
        assertThat(info.get("state").asString()).isEqualTo("loaded");
        assertThat(info.get("error").isNull()).isTrue();
        assertThat(info.get("path").asString()).isEqualTo(db.modelHome.resolve(TestDb.MODEL).toString());
        assertThat(info.get("kind").asString()).isEqualTo("ComplEx + metapath logistic regression");
        assertThat(info.get("engine").asString()).isEqualTo("PyTorch 2.7.1");
        assertThat(info.get("device").asString()).isEqualTo("cpu()");
        // entities x 2 x 16 (ComplEx: real and imaginary) + relations x 2 x 16
        Map<String, Object> counts = info.get("counts").asMap();
        assertThat(info.get("parameters").asLong())
                .isEqualTo(((Long) counts.get("entities")) * 32 + 24 * 32);
        assertThat(info.get("loadMillis").asLong()).isNotNegative();
        String manifestHash = JsonParser.parseString(Files.readString(db.modelHome.resolve("fixture/model.json")))
                .getAsJsonObject().get("dataHash").getAsString();
        assertThat(info.get("dataHash").asString()).isEqualTo(manifestHash);
        assertThat(info.get("metrics").asMap()).containsKeys("validation", "trainSeconds");
        assertThat(info.get("student").asMap()).containsEntry("kind", "student").containsKey("parameters")
                .containsEntry("rankerWeight", 0.0); // the fixture student reads no ranker line
        assertThat(counts).containsEntry("drugs", db.run("MATCH (c:Drug) RETURN count(c) AS n").get(0).get("n")
                .asLong());
        Map<String, Object> settings = info.get("settings").asMap();
        assertThat(settings).containsEntry("confFile", db.confFile.toString())
                .containsEntry("kedrec.model.home", db.modelHome.toString())
                .containsEntry("kedrec.recommend.max_k", 100L);
        assertThat(settings.get("sources")).isEqualTo(Map.of("kedrec.model.dir", db.confFile + " line 1",
                "kedrec.model.home", db.confFile + " line 2", "kedrec.model.device", "default",
                "kedrec.recommend.max_k", "default"));
    }

    @Test
    void listShowsTheDefaultModelAndEveryModelUnderTheHome() {
        List<Record> rows = db.run("CALL kedrec.model.list() YIELD name, isDefault, active, state, components "
                + "RETURN name, isDefault, active, state, components ORDER BY name");
        assertThat(rows).extracting(r -> r.get("name").asString() + " default=" + r.get("isDefault").asBoolean()
                        + " active=" + r.get("active").asBoolean() + " " + r.get("components").asList(Value::asString))
                .containsExactly("fixture default=true active=true [ranker]", "ranker-only default=false active=false "
                        + "[ranker]");
        assertThat(rows.get(0).get("state").asString()).isEqualTo("loaded");
    }

    @Test
    void aCorruptModelFailsWithThePathAndTheDatabaseKeepsWorking() throws IOException {
        Path corrupt = db.modelHome.resolve("corrupt");
        Files.createDirectories(corrupt.resolve("ranker"));
        Files.writeString(corrupt.resolve("ranker/config.json"), "{ not json");
        String message = db.failure("CALL kedrec.model.load('corrupt')");
        assertThat(message).startsWith("Failed to invoke procedure `kedrec.model.load`: Caused by: "
                + "java.lang.IllegalStateException: Could not load the KEDRec model from <kedrec.model.home>/corrupt"
                + " (set by kedrec.model.home, from kedrec.conf line 2): ");
        assertThat(message).doesNotContain(db.home.toString()).doesNotContain("\tat ");
        // The model that works stays the one calls use; everything else answers.
        assertThat(db.run("CALL kedrec.model.info() YIELD name, state RETURN name + ' ' + state AS s").get(0)
                .get("s").asString()).isEqualTo("fixture loaded");
        assertThat(db.run("CALL kedrec.recommend('hypertension', {k: 2}) YIELD rank RETURN count(*) AS n").get(0)
                .get("n").asLong()).isEqualTo(2);
        assertThat(db.run("RETURN kedrec.version() AS v").get(0).get("v").asString()).isNotBlank();
        // Asking for the broken model by name says why, every time.
        assertThat(db.failure("CALL kedrec.recommend('hypertension', {model: 'corrupt'})"))
                .startsWith("Failed to invoke procedure `kedrec.recommend`: Caused by: "
                        + "java.lang.IllegalStateException: Could not load the KEDRec model from "
                        + "<kedrec.model.home>/corrupt");
        assertThat(db.run("CALL kedrec.model.info('corrupt') YIELD state, error RETURN state, error").get(0)
                .get("state").asString()).isEqualTo("failed");
    }

    @Test
    void aDirectoryWithoutARankerIsNotAModel() throws IOException {
        Files.createDirectories(db.modelHome.resolve("corrupt"));
        assertThat(db.failure("CALL kedrec.model.load('corrupt')")).isEqualTo("Failed to invoke procedure "
                + "`kedrec.model.load`: Caused by: java.lang.IllegalStateException: <kedrec.model.home>/corrupt"
                + " is not a KEDRec model directory: <kedrec.model.home>/corrupt/ranker/config.json"
                + " is missing (set by kedrec.model.home, from kedrec.conf line 2). "
                + "Train a model into it with `kedrec train kge --model <kedrec.model.home>/corrupt`, or "
                + "point the setting at an existing model directory.");
        assertThat(db.failure("CALL kedrec.model.load('../elsewhere')")).isEqualTo("Failed to invoke procedure "
                + "`kedrec.model.load`: Caused by: java.lang.IllegalArgumentException: Invalid model name "
                + "`../elsewhere`: a model is named by its folder under kedrec.model.home, without slashes.");
    }

    @Test
    void badLinesOfKedrecConfAreReportedNotFatal() {
        db.writeConf(KedrecSettings.MODEL_DIR + "=" + db.modelHome.resolve(TestDb.MODEL),
                KedrecSettings.MODEL_HOME + "=" + db.modelHome, "kedrec.model.dri=/nowhere", "kedrec.recommend.max_k=x");
        db.run("CALL kedrec.model.load()");
        Map<String, Object> settings = db.run("CALL kedrec.model.info() YIELD settings RETURN settings").get(0)
                .get("settings").asMap();
        assertThat(settings.get("problems")).isEqualTo(List.of(
                db.confFile + " line 3: unknown setting `kedrec.model.dri` (did you mean kedrec.model.dir?); it is "
                        + "ignored. Known settings: [kedrec.model.dir, kedrec.model.home, kedrec.model.device, "
                        + "kedrec.recommend.max_k].",
                "Invalid value for kedrec.recommend.max_k (" + db.confFile + " line 4): `x`. It must be a whole "
                        + "number of at least 1. Using 100."));
        assertThat(db.run("CALL kedrec.recommend('hypertension', {k: 1}) YIELD rank RETURN count(*) AS n").get(0)
                .get("n").asLong()).isEqualTo(1);
    }

    @Test
    void theMaxKSettingIsReadFromKedrecConf() {
        db.writeConf(KedrecSettings.MODEL_DIR + "=" + db.modelHome.resolve(TestDb.MODEL),
                KedrecSettings.MODEL_HOME + "=" + db.modelHome, "kedrec.recommend.max_k=3");
        db.run("CALL kedrec.model.load()");
        assertThat(db.failure("CALL kedrec.recommend('hypertension', {k: 4})")).endsWith("The value of `k` must be "
                + "between 1 and 3 but was 4. The upper limit is set by `kedrec.recommend.max_k` in kedrec.conf"
                + " (or the environment variable KEDREC_RECOMMEND_MAX_K).");
    }
}
