package org.kedrec.importer.trials;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.kedrec.core.Messages;
import org.kedrec.importer.ImportException;
import org.kedrec.importer.io.LineReader;

/**
 * ClinicalTrials.gov API v2 studies: a JSON array of {@code {protocolSection, derivedSection, …}} (or an object with
 * a {@code studies} array, as the API pages them), streamed one study at a time.
 */
final class CtgovJson {
    /** A study's fields the importer keeps, MeSH ids as written (9-digit padded). */
    record Study(String nct, String title, String officialTitle, String summary, List<String> phases, String status,
            String whyStopped, List<String> conditions, List<String> interventions, List<Mesh> conditionMeshes,
            List<Mesh> interventionMeshes, List<Mesh> ancestors) {}

    record Mesh(String id, String term) {}

    private CtgovJson() {}

    /** Streams the studies of a file to {@code sink}; returns how many were read. */
    static int read(Path file, Consumer<Study> sink) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonReader json = new JsonReader(in)) {
            int count = 0;
            JsonToken first = json.peek();
            if (first == JsonToken.BEGIN_OBJECT) {
                json.beginObject();
                while (json.hasNext()) {
                    if (json.nextName().equals("studies")) {
                        count += array(file, json, sink);
                    } else {
                        json.skipValue();
                    }
                }
                json.endObject();
            } else if (first == JsonToken.BEGIN_ARRAY) {
                count = array(file, json, sink);
            } else {
                throw bad(file, "the file is not a JSON array of studies", null);
            }
            return count;
        } catch (NoSuchFileException e) {
            throw LineReader.missing(file);
        } catch (IOException | JsonParseException | IllegalStateException e) {
            if (e instanceof ImportException ie) {
                throw ie;
            }
            throw bad(file, e.getMessage(), e);
        }
    }

    private static ImportException bad(Path file, String detail, Exception cause) {
        return new ImportException(LineReader.CORRUPT_FILE, Messages.format(
                "%s is not valid ClinicalTrials.gov API v2 JSON: %s. Download the studies again (format=json).",
                file, detail), cause);
    }

    private static int array(Path file, JsonReader json, Consumer<Study> sink) throws IOException {
        int count = 0;
        json.beginArray();
        while (json.hasNext()) {
            JsonElement element = JsonParser.parseReader(json);
            if (!element.isJsonObject()) {
                throw bad(file, Messages.format("study %d is not a JSON object", count + 1), null);
            }
            sink.accept(study(file, count + 1, element.getAsJsonObject()));
            count++;
        }
        json.endArray();
        return count;
    }

    private static Study study(Path file, int number, JsonObject root) {
        JsonObject protocol = object(root, "protocolSection");
        JsonObject id = object(protocol, "identificationModule");
        String nct = string(id, "nctId");
        if (nct == null) {
            throw bad(file, Messages.format("study %d has no protocolSection.identificationModule.nctId", number), null);
        }
        JsonObject status = object(protocol, "statusModule");
        JsonObject derived = object(root, "derivedSection");
        JsonObject conditionBrowse = object(derived, "conditionBrowseModule");
        List<Mesh> ancestors = meshes(conditionBrowse, "ancestors");
        ancestors.addAll(meshes(object(derived, "interventionBrowseModule"), "ancestors"));
        List<String> interventions = new ArrayList<>();
        for (JsonElement e : array(object(protocol, "armsInterventionsModule"), "interventions")) {
            if (e.isJsonObject() && string(e.getAsJsonObject(), "name") != null) {
                interventions.add(string(e.getAsJsonObject(), "name"));
            }
        }
        return new Study(nct, string(id, "briefTitle"), string(id, "officialTitle"),
                string(object(protocol, "descriptionModule"), "briefSummary"),
                strings(object(protocol, "designModule"), "phases"), string(status, "overallStatus"),
                string(status, "whyStopped"), strings(object(protocol, "conditionsModule"), "conditions"),
                interventions, meshes(conditionBrowse, "meshes"),
                meshes(object(derived, "interventionBrowseModule"), "meshes"), ancestors);
    }

    private static JsonObject object(JsonObject parent, String key) {
        if (parent == null) {
            return null;
        }
        JsonElement e = parent.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static JsonArray array(JsonObject parent, String key) {
        if (parent == null) {
            return new JsonArray();
        }
        JsonElement e = parent.get(key);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    private static String string(JsonObject parent, String key) {
        if (parent == null) {
            return null;
        }
        JsonElement e = parent.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static List<String> strings(JsonObject parent, String key) {
        List<String> values = new ArrayList<>();
        for (JsonElement e : array(parent, key)) {
            if (e.isJsonPrimitive()) {
                values.add(e.getAsString());
            }
        }
        return values;
    }

    private static List<Mesh> meshes(JsonObject parent, String key) {
        List<Mesh> meshes = new ArrayList<>();
        for (JsonElement e : array(parent, key)) {
            if (e.isJsonObject() && string(e.getAsJsonObject(), "id") != null) {
                meshes.add(new Mesh(string(e.getAsJsonObject(), "id"), string(e.getAsJsonObject(), "term")));
            }
        }
        return meshes;
    }
}
