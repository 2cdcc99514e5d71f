package org.kedrec.core.dataset;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.kedrec.core.Messages;

/**
 * The card {@code kedrec dataset build} writes beside a dataset's examples ({@value #FILE}): its file name and the
 * keys other modules read back, defined once for the importer that writes it and the trainer, demo and benchmarks
 * that read it. The card holds more (counts, files, negatives, evidence); only what is read back is named here.
 */
public final class DatasetCardFile {
    /** The card's file name in a dataset directory. */
    public static final String FILE = "card.json";
    /** The examples' content hash ({@code sha256:…}): what a trained model's stamp names. */
    public static final String DATA_HASH = "dataHash";
    /** The name and version of the teacher that wrote the rationales, e.g. {@code evidence-teacher/4}. */
    public static final String TEACHER = "teacher";
    /** The build's settings, an object. */
    public static final String SETTINGS = "settings";

    /** Keys of {@link #SETTINGS} that shape a student's prompts ({@code PromptShape.ofDataset}). */
    public static final class Settings {
        public static final String PATHS_PER_PAIR = "pathsPerPair";
        public static final String MAX_PER_METAPATH = "maxPerMetapath";
        public static final String TRIALS_PER_PAIR = "trialsPerPair";
        public static final String PUBLICATIONS_PER_PAIR = "publicationsPerPair";
        public static final String PHARMACOKINETIC_LAST = "pharmacokineticLast";
        /** The metapath abbreviations followed, a list. */
        public static final String METAPATHS = "metapaths";

        private Settings() {}
    }

    private DatasetCardFile() {}

    /** The card's path in {@code datasetDir}. */
    public static Path in(Path datasetDir) {
        return datasetDir.resolve(FILE);
    }

    /**
     * The card of {@code datasetDir}, or empty where there is none (examples written by hand or by another tool);
     * a card that is not a JSON object is refused with its name and the fix.
     */
    public static Optional<JsonObject> read(Path datasetDir) {
        Path card = in(datasetDir);
        if (!Files.isRegularFile(card)) {
            return Optional.empty();
        }
        try {
            JsonElement json = JsonParser.parseString(Files.readString(card, StandardCharsets.UTF_8));
            if (!json.isJsonObject()) {
                throw new JsonParseException("not a JSON object");
            }
            return Optional.of(json.getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Could not read the dataset card %s", card), e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(Messages.format("The dataset card %s is not valid JSON (%s). Rebuild "
                    + "the dataset with `kedrec dataset build`, which writes it.", card, e.getMessage()), e);
        }
    }

    /** The text at {@code key} of the card, or null where it is missing or not a string. */
    public static String text(JsonObject card, String key) {
        JsonElement value = card.get(key);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                ? value.getAsString() : null;
    }
}
