package org.kedrec.core.lm;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.DatasetCardFile;
import org.kedrec.core.graph.Metapaths;

/**
 * How much evidence a student's prompt holds per candidate, and how its paths are picked: the settings of the
 * dataset the student trained on ({@code kedrec dataset build --paths-per-pair … --max-per-metapath …}, recorded in
 * the dataset's {@code card.json}). {@code kedrec train student} writes them beside the student ({@code prompt.json})
 * and {@code kedrec.select} builds its prompt with them, so a student trained on five paths per candidate is not
 * asked to choose on three: a prompt of another shape is one it never saw in training, and it chooses worse on it
 * (docs/student.md, "Served as trained").
 *
 * @param pathsPerDrug explanation paths per candidate
 * @param maxPerMetapath how many of them may share a metapath before other metapaths get their turn
 * @param trialsPerDrug trials per candidate, strongest first
 * @param publicationsPerDrug publications per candidate
 * @param maxPathLength the longest metapath followed: 3, or 4 where the dataset followed the pathway metapath
 * @param pharmacokineticLast whether paths that leave the drug through a protein it binds only as an enzyme,
 *     transporter or carrier were picked after the others ({@code PathSelector}); datasets built since evidence
 *     teacher 4 say so in their card, older ones did not read the binding roles
 */
public record PromptShape(int pathsPerDrug, int maxPerMetapath, int trialsPerDrug, int publicationsPerDrug,
        int maxPathLength, boolean pharmacokineticLast) {
    /** The file beside the student. */
    public static final String FILE = "prompt.json";
    /**
     * The shape every student trained before {@link #FILE} existed was trained on: 3 paths (one per metapath first,
     * pharmacokinetic paths not told apart), 3 trials, 3 publications, metapaths up to length 3.
     */
    public static final PromptShape DEFAULT = new PromptShape(3, 1, 3, 3, 3, false);
    /** {@code kedrec dataset build}'s defaults: {@link #DEFAULT}'s counts, pharmacokinetic paths last. */
    public static final PromptShape BUILDER_DEFAULT = new PromptShape(3, 1, 3, 3, 3, true);
    /** Upper bound of the counts, the dataset builder's. */
    static final int MAX_COUNT = 20;

    public PromptShape {
        requireRange("pathsPerDrug", pathsPerDrug, 1, MAX_COUNT);
        requireRange("maxPerMetapath", maxPerMetapath, 1, MAX_COUNT);
        requireRange("trialsPerDrug", trialsPerDrug, 0, MAX_COUNT);
        requireRange("publicationsPerDrug", publicationsPerDrug, 0, MAX_COUNT);
        requireRange("maxPathLength", maxPathLength, 2, Metapaths.PATHWAY.length());
    }

    /** The same shape with other path settings (a caller of {@code kedrec.select} may ask for them). */
    public PromptShape withPaths(int paths, int maxLength) {
        return new PromptShape(paths, maxPerMetapath, trialsPerDrug, publicationsPerDrug, maxLength,
                pharmacokineticLast);
    }

    /** The shape as {@code kedrec.model.info()} and {@code metrics.json} show it. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pathsPerDrug", (long) pathsPerDrug);
        out.put("maxPerMetapath", (long) maxPerMetapath);
        out.put("trialsPerDrug", (long) trialsPerDrug);
        out.put("publicationsPerDrug", (long) publicationsPerDrug);
        out.put("maxPathLength", (long) maxPathLength);
        out.put("pharmacokineticLast", pharmacokineticLast);
        return out;
    }

    /** Writes {@link #FILE} into {@code studentDir}. */
    public void write(Path studentDir) {
        JsonObject json = new JsonObject();
        toMap().forEach((key, value) -> {
            if (value instanceof Boolean flag) {
                json.addProperty(key, flag);
            } else {
                json.addProperty(key, (Number) value);
            }
        });
        Path file = studentDir.resolve(FILE);
        try {
            Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Could not write %s", file), e);
        }
    }

    /**
     * The shape a student directory records, or {@link #DEFAULT} where it records none (students trained before the
     * file, and bring-your-own models that do not say); a malformed file is refused with its name and the fix.
     */
    public static PromptShape read(Path studentDir) {
        Path file = studentDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return DEFAULT;
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            java.util.Set<String> keys = DEFAULT.toMap().keySet();
            for (String key : json.keySet()) {
                if (!keys.contains(key)) {
                    throw new IllegalArgumentException(Messages.format("unknown key `%s`; the keys are %s", key,
                            keys));
                }
            }
            return new PromptShape(intOr(json, "pathsPerDrug", DEFAULT.pathsPerDrug),
                    intOr(json, "maxPerMetapath", DEFAULT.maxPerMetapath),
                    intOr(json, "trialsPerDrug", DEFAULT.trialsPerDrug),
                    intOr(json, "publicationsPerDrug", DEFAULT.publicationsPerDrug),
                    intOr(json, "maxPathLength", DEFAULT.maxPathLength),
                    booleanOr(json, "pharmacokineticLast", DEFAULT.pharmacokineticLast));
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Could not read %s", file), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(Messages.format(
                    "%s does not describe a prompt (%s). It should hold the settings of the dataset the student "
                            + "trained on, e.g. %s; retrain the student with `kedrec train student`, or delete the "
                            + "file to use the dataset builder's defaults.",
                    file, e.getMessage(), DEFAULT.toMap()), e);
        }
    }

    /**
     * The shape of the examples of a dataset directory, from the {@code settings} of its card ({@link DatasetCardFile}
     * ({@code pathsPerPair}, {@code maxPerMetapath}, {@code trialsPerPair}, {@code publicationsPerPair},
     * {@code pharmacokineticLast}, and the longest of its {@code metapaths})); {@link #DEFAULT} for a directory
     * without a card (examples written by hand or by another tool, which say nothing about how they were built).
     */
    public static PromptShape ofDataset(Path datasetDir) {
        Optional<JsonObject> card = DatasetCardFile.read(datasetDir);
        JsonElement settingsElement = card.map(c -> c.get(DatasetCardFile.SETTINGS)).orElse(null);
        if (settingsElement == null || !settingsElement.isJsonObject()) {
            return DEFAULT;
        }
        JsonObject settings = settingsElement.getAsJsonObject();
        try {
            int maxLength = DEFAULT.maxPathLength;
            JsonElement metapaths = settings.get(DatasetCardFile.Settings.METAPATHS);
            if (metapaths != null && metapaths.isJsonArray()) {
                maxLength = 2;
                for (JsonElement abbreviation : metapaths.getAsJsonArray()) {
                    maxLength = Math.max(maxLength, Metapaths.byAbbreviation(abbreviation.getAsString()).length());
                }
            }
            return new PromptShape(intOr(settings, DatasetCardFile.Settings.PATHS_PER_PAIR, DEFAULT.pathsPerDrug),
                    intOr(settings, DatasetCardFile.Settings.MAX_PER_METAPATH, DEFAULT.maxPerMetapath),
                    intOr(settings, DatasetCardFile.Settings.TRIALS_PER_PAIR, DEFAULT.trialsPerDrug),
                    intOr(settings, DatasetCardFile.Settings.PUBLICATIONS_PER_PAIR, DEFAULT.publicationsPerDrug),
                    maxLength,
                    booleanOr(settings, DatasetCardFile.Settings.PHARMACOKINETIC_LAST, DEFAULT.pharmacokineticLast));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(Messages.format(
                    "The settings in %s do not say how the dataset's prompts were built (%s). Rebuild the dataset "
                            + "with `kedrec dataset build`, which writes them.", DatasetCardFile.in(datasetDir),
                    e.getMessage()), e);
        }
    }

    private static int intOr(JsonObject json, String key, int fallback) {
        if (!json.has(key) || json.get(key).isJsonNull()) {
            return fallback;
        }
        double value = json.get(key).getAsDouble();
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException(Messages.format("`%s` must be a whole number but was %s", key,
                    json.get(key)));
        }
        return (int) value;
    }

    private static boolean booleanOr(JsonObject json, String key, boolean fallback) {
        if (!json.has(key) || json.get(key).isJsonNull()) {
            return fallback;
        }
        JsonElement value = json.get(key);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException(Messages.format("`%s` must be true or false but was %s", key, value));
        }
        return value.getAsBoolean();
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(Messages.format("`%s` must be between %d and %d but was %d", name, min,
                    max, value));
        }
    }
}
