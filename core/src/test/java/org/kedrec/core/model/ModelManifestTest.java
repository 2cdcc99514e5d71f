package org.kedrec.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManifestTest {
    @TempDir
    Path dir;

    private static JsonObject entry(String key, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }

    @Test
    void componentsMergeWithoutClobberingEachOther() throws Exception {
        ModelManifest.mergeComponent(dir, "kedrec", "1", "ranker", entry("path", "ranker"), "abc");
        ModelManifest.mergeComponent(dir, "kedrec", "1", "student", entry("path", "student"), null);
        // a key the ranker does not know survives a rewrite of the ranker's entry
        String text = Files.readString(dir.resolve(ModelManifest.FILE)).replace("\"name\"", "\"owner\": \"lab\", \"name\"");
        Files.writeString(dir.resolve(ModelManifest.FILE), text);
        ModelManifest.mergeComponent(dir, "kedrec", "2", "ranker", entry("path", "ranker2"), "def");

        ModelManifest m = ModelManifest.read(dir);
        assertThat(m.name()).isEqualTo("kedrec");
        assertThat(m.version()).isEqualTo("2");
        assertThat(m.components()).containsExactly("ranker", "student");
        assertThat(m.component("ranker").orElseThrow().get("path").getAsString()).isEqualTo("ranker2");
        assertThat(m.component("student").orElseThrow().get("path").getAsString()).isEqualTo("student");
        assertThat(m.dataHash()).contains("def");
        assertThat(m.toJson().get("owner").getAsString()).isEqualTo("lab");
        assertThat(m.createdAt()).isNotNull();
        assertThat(dir.resolve(ModelManifest.FILE + ".tmp")).doesNotExist();
    }

    @Test
    void missingOrBrokenManifestsAreExplained() throws Exception {
        assertThatThrownBy(() -> ModelManifest.read(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(dir + " has no model.json: it is not a KEDRec model directory. Train a model into it "
                        + "first (`kedrec train kge --model " + dir + "`).");
        Files.writeString(dir.resolve(ModelManifest.FILE), "[1, 2]");
        assertThatThrownBy(() -> ModelManifest.read(dir))
                .hasMessage(dir.resolve(ModelManifest.FILE)
                        + " is not a KEDRec model manifest: expected a JSON object with `name` and `components`.");
    }
}
