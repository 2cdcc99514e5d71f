package org.kedrec.core.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.kedrec.core.Messages;

/**
 * {@code <model>/model.json}, the manifest of a model directory shared by every component (the ranker under
 * {@code ranker/}, the student under {@code student/}, …):
 *
 * <pre>{@code
 * {"name": "kedrec", "version": "5.26.18.0", "createdAt": "…", "updatedAt": "…", "dataHash": "sha256…",
 *  "components": {"ranker": {"path": "ranker", "dataHash": "…", …}, "student": {…}}}
 * }</pre>
 *
 * Components never rewrite each other's entries: {@link #mergeComponent} re-reads the file under a file lock,
 * replaces only the named component (and the top-level {@code dataHash} when given), keeps every other key, and
 * replaces the file atomically, so a crash leaves either the old or the new manifest, never half of one.
 */
public final class ModelManifest {
    public static final String FILE = "model.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final JsonObject json;

    private ModelManifest(JsonObject json) {
        this.json = json;
    }

    /** A new manifest named {@code name}, created now. */
    public static ModelManifest create(String name, String version) {
        JsonObject json = new JsonObject();
        String now = Instant.now().toString();
        json.addProperty("name", name);
        json.addProperty("version", version);
        json.addProperty("createdAt", now);
        json.addProperty("updatedAt", now);
        json.add("components", new JsonObject());
        return new ModelManifest(json);
    }

    /** The manifest of {@code modelDir}, or a clear error if there is none or it is not a manifest. */
    public static ModelManifest read(Path modelDir) {
        return readIfPresent(modelDir).orElseThrow(() -> new IllegalStateException(Messages.format(
                "%s has no %s: it is not a KEDRec model directory. Train a model into it first "
                        + "(`kedrec train kge --model %s`).",
                modelDir, FILE, modelDir)));
    }

    /** The manifest of {@code modelDir} if the file exists. */
    public static Optional<ModelManifest> readIfPresent(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("name")) {
                throw new IllegalStateException(Messages.format(
                        "%s is not a KEDRec model manifest: expected a JSON object with `name` and `components`.",
                        file));
            }
            JsonObject json = parsed.getAsJsonObject();
            if (!json.has("components") || !json.get("components").isJsonObject()) {
                json.add("components", new JsonObject());
            }
            return Optional.of(new ModelManifest(json));
        } catch (JsonParseException e) {
            throw new IllegalStateException(Messages.format(
                    "%s is not valid JSON (%s). Restore it or delete it and retrain.", file, e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /**
     * Adds or replaces one component's entry in {@code modelDir/model.json} (creating the file if needed), keeping
     * every other component and unknown key. {@code dataHash} (nullable) becomes the manifest's top-level hash.
     */
    public static ModelManifest mergeComponent(
            Path modelDir, String name, String version, String component, JsonObject entry, String dataHash) {
        try {
            Files.createDirectories(modelDir);
            Path lockFile = modelDir.resolve("." + FILE + ".lock");
            try (FileChannel channel = FileChannel.open(
                            lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                ModelManifest manifest = readIfPresent(modelDir).orElseGet(() -> create(name, version));
                manifest.putComponent(component, entry);
                if (dataHash != null) {
                    manifest.json.addProperty("dataHash", dataHash);
                }
                manifest.json.addProperty("version", version);
                manifest.json.addProperty("updatedAt", Instant.now().toString());
                manifest.write(modelDir);
                return manifest;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not update " + modelDir.resolve(FILE), e);
        }
    }

    /**
     * Checks that {@code modelDir} holds what this manifest describes: every listed component's folder is there,
     * and the ranker that was loaded ({@code rankerDataHash}, from its own config) is the one the manifest records.
     * A folder that fails was copied in part, or mixes two models; serving it would give answers that match
     * neither, so it is refused with what to do.
     */
    public void verify(Path modelDir, String rankerComponent, String rankerDataHash) {
        for (String component : components()) {
            JsonObject entry = component(component).orElseGet(JsonObject::new);
            String path = entry.has("path") && entry.get("path").isJsonPrimitive()
                    ? entry.get("path").getAsString() : component;
            if (!Files.isDirectory(modelDir.resolve(path))) {
                throw new IllegalStateException(Messages.format(
                        "The model's %s lists the component `%s`, but its folder `%s` is missing: the model folder "
                                + "is incomplete (a partial copy, or a training run that did not finish). Retrain "
                                + "it with `kedrec train %s`, or copy the whole model folder again.",
                        FILE, component, path, component.startsWith("student") ? "student" : "kge"));
            }
        }
        String recorded = component(rankerComponent).map(e -> e.has("dataHash") && !e.get("dataHash").isJsonNull()
                ? e.get("dataHash").getAsString() : null).orElse(null);
        if (recorded != null && rankerDataHash != null && !recorded.equals(rankerDataHash)) {
            throw new IllegalStateException(Messages.format(
                    "The folder `%s` holds a ranker trained on other data (data hash %s) than the one the model's %s "
                            + "records (%s): the folder mixes two models. Retrain it with `kedrec train kge`, or copy "
                            + "the whole model folder again.",
                    rankerComponent, shortHash(rankerDataHash), FILE, shortHash(recorded)));
        }
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }

    /** Replaces the entry of one component. */
    public ModelManifest putComponent(String component, JsonObject entry) {
        json.getAsJsonObject("components").add(component, entry.deepCopy());
        return this;
    }

    /** Writes the manifest to {@code modelDir/model.json} through a temporary file and an atomic move. */
    public void write(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        Path tmp = modelDir.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(modelDir);
            Files.writeString(tmp, GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    public String name() {
        return json.get("name").getAsString();
    }

    public String version() {
        return stringOrNull("version");
    }

    public String createdAt() {
        return stringOrNull("createdAt");
    }

    public Optional<String> dataHash() {
        return Optional.ofNullable(stringOrNull("dataHash"));
    }

    /** The names of the components present, sorted. */
    public Set<String> components() {
        return new TreeSet<>(json.getAsJsonObject("components").keySet());
    }

    /** A copy of one component's entry. */
    public Optional<JsonObject> component(String component) {
        JsonElement entry = json.getAsJsonObject("components").get(component);
        return entry != null && entry.isJsonObject() ? Optional.of(entry.getAsJsonObject().deepCopy()) : Optional.empty();
    }

    /** A copy of the whole manifest. */
    public JsonObject toJson() {
        return json.deepCopy();
    }

    private String stringOrNull(String key) {
        JsonElement value = json.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
