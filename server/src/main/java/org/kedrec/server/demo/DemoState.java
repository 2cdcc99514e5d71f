package org.kedrec.server.demo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.DatasetCardFile;
import org.kedrec.core.rationale.EvidenceTeacher;

/**
 * What the demo writes to remember finished steps, and the decisions that trust them. Every record is written to a
 * temporary file and moved into place, so a file that exists is complete; a step whose record is missing or does not
 * match is done again. The decisions are pure functions of the records and of what was measured, so tests drive
 * them without a server.
 */
public final class DemoState {
    /** The import record, {@code <home>/demo/import.json}. */
    public static final String IMPORT_FILE = "demo/import.json";
    /** The dataset's record of the import it was built from, inside the dataset folder. */
    public static final String DATASET_STAMP = "demo-source.json";
    /** The model's record of which component was trained on which dataset with which profile. */
    public static final String MODEL_STAMP = "demo.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private DemoState() {}

    /** Reuse or redo a step, and why (a sentence fragment the command prints after "reused:" or "running:"). */
    public record Decision(boolean reuse, String reason) {
        static Decision reuse(String reason) {
            return new Decision(true, reason);
        }

        static Decision run(String reason) {
            return new Decision(false, reason);
        }
    }

    /**
     * What the demo's import left in the graph.
     *
     * @param dataDir the data directory it read
     * @param dataFingerprint {@link #fingerprint} of the files it read
     * @param mode {@code offline} or {@code online}
     * @param importedAt when it finished (ISO-8601), the import's identity for later steps
     * @param nodes label to node count in the database after the import
     * @param relationships type to relationship count after the import
     */
    public record ImportRecord(String dataDir, String dataFingerprint, String mode, String importedAt,
            Map<String, Long> nodes, Map<String, Long> relationships, double seconds) {}

    /** Which import a dataset was built from, and the card's data hash. */
    public record DatasetStamp(String importedAt, String dataHash) {}

    /**
     * One trained component of the demo model: the dataset it saw, the profile it was trained with and that profile's
     * arguments (so a changed profile definition retrains too).
     */
    public record ComponentStamp(String datasetHash, String profile, String arguments, String finishedAt,
            double seconds) {}

    /**
     * Whether the graph still holds the demo import: the record must exist, come from the same data files, and
     * every label and type it counted must have the same count now. Types it did not write (say
     * {@code PREDICTED_TREATS} from {@code kedrec.recommend.write}) do not matter.
     */
    public static Decision importDecision(ImportRecord record, String fingerprint, Map<String, Long> nodesNow,
            Map<String, Long> relationshipsNow) {
        long nodes = nodesNow.values().stream().mapToLong(Long::longValue).sum();
        if (record == null) {
            return nodes == 0
                    ? Decision.run("the database is empty")
                    : Decision.run(Messages.format("the graph holds %,d nodes but no record of a demo import (%s): "
                            + "importing online, which merges and creates nothing twice", nodes, IMPORT_FILE));
        }
        if (!Objects.equals(record.dataFingerprint(), fingerprint)) {
            return Decision.run(Messages.format("the data files changed since the import of %s (from %s)",
                    record.importedAt(), record.dataDir()));
        }
        String differs = firstDifference("nodes", record.nodes(), nodesNow);
        if (differs == null) {
            differs = firstDifference("relationships", record.relationships(), relationshipsNow);
        }
        if (differs != null) {
            return Decision.run(Messages.format("the graph no longer holds what the import of %s wrote (%s)",
                    record.importedAt(), differs));
        }
        long relationships = record.relationships().values().stream().mapToLong(Long::longValue).sum();
        return Decision.reuse(Messages.format("the graph holds the %,d nodes and %,d relationships of the %s import "
                + "of %s", record.nodes().values().stream().mapToLong(Long::longValue).sum(), relationships,
                record.mode(), record.importedAt()));
    }

    private static String firstDifference(String what, Map<String, Long> recorded, Map<String, Long> now) {
        for (Map.Entry<String, Long> e : recorded.entrySet()) {
            long current = now.getOrDefault(e.getKey(), 0L);
            if (current != e.getValue()) {
                return Messages.format("%s %s: %,d then, %,d now", what, e.getKey(), e.getValue(), current);
            }
        }
        return null;
    }

    /** Whether {@code <home>/dataset} was completely built from the current import. */
    public static Decision datasetDecision(Path dataset, ImportRecord imported) {
        Path card = DatasetCardFile.in(dataset);
        if (!Files.isRegularFile(card)) {
            return Decision.run(Files.isDirectory(dataset)
                    ? Messages.format("%s has no %s", dataset, DatasetCardFile.FILE)
                    : "no dataset yet");
        }
        DatasetStamp stamp = read(dataset.resolve(DATASET_STAMP), DatasetStamp.class);
        if (stamp == null || stamp.dataHash() == null) {
            return Decision.run(Messages.format("%s has no %s saying which import it was built from", dataset,
                    DATASET_STAMP));
        }
        if (!stamp.importedAt().equals(imported.importedAt())) {
            return Decision.run(Messages.format("it was built from the import of %s, the graph now holds the import "
                    + "of %s", stamp.importedAt(), imported.importedAt()));
        }
        String teacher = cardTeacher(dataset);
        if (!EvidenceTeacher.NAME.equals(teacher)) {
            // a student distilled from another teacher's wording would be decoded in this teacher's grammar
            return Decision.run(Messages.format("its rationales were written by %s, this KEDRec's teacher is %s",
                    teacher == null ? "an unnamed teacher" : teacher, EvidenceTeacher.NAME));
        }
        return Decision.reuse(Messages.format("%s (data hash %s) was built from the import of %s", dataset,
                stamp.dataHash(), stamp.importedAt()));
    }

    /** The {@code teacher} a dataset's card names, or null (also where the card is not JSON: it is rebuilt). */
    private static String cardTeacher(Path dataset) {
        try {
            return DatasetCardFile.read(dataset).map(c -> DatasetCardFile.text(c, DatasetCardFile.TEACHER))
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether a trained component ({@code ranker}, {@code student}) of the model can be served as it is: the model's
     * stamp must name it with the dataset's hash and the same profile, and its folder must be there.
     */
    public static Decision componentDecision(Path model, String component, String componentFolder,
            String datasetHash, String profile, String arguments) {
        Map<String, ComponentStamp> stamps = readModelStamp(model);
        ComponentStamp stamp = stamps.get(component);
        if (stamp == null) {
            return Decision.run("not trained yet");
        }
        if (!Files.isDirectory(model.resolve(componentFolder))) {
            return Decision.run(Messages.format("%s is missing", model.resolve(componentFolder)));
        }
        if (!Objects.equals(stamp.datasetHash(), datasetHash)) {
            return Decision.run(Messages.format("trained on dataset %s, the dataset is now %s", stamp.datasetHash(),
                    datasetHash));
        }
        if (!Objects.equals(stamp.profile(), profile)) {
            return Decision.run(Messages.format("trained with profile %s, this run asks for %s", stamp.profile(),
                    profile));
        }
        if (stamp.arguments() == null) {
            return Decision.run(Messages.format("its stamp does not say with which arguments profile %s trained it",
                    profile));
        }
        if (!Objects.equals(stamp.arguments(), arguments)) {
            return Decision.run(Messages.format("trained with the %s arguments `%s`, profile %s now means `%s`",
                    profile, stamp.arguments(), profile, arguments));
        }
        return Decision.reuse(Messages.format("trained with profile %s on dataset %s at %s", stamp.profile(),
                stamp.datasetHash(), stamp.finishedAt()));
    }

    /** The model's stamp: component to stamp; empty when there is none. */
    public static Map<String, ComponentStamp> readModelStamp(Path model) {
        Path file = model.resolve(MODEL_STAMP);
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, ComponentStamp> stamps = new LinkedHashMap<>();
            com.google.gson.JsonObject json = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                    com.google.gson.JsonObject.class);
            if (json != null) {
                json.entrySet().forEach(e -> stamps.put(e.getKey(), GSON.fromJson(e.getValue(), ComponentStamp.class)));
            }
            return stamps;
        } catch (IOException | JsonParseException e) {
            // An unreadable stamp trusts nothing: the components are trained again.
            return new LinkedHashMap<>();
        }
    }

    /** Records that {@code component} was trained, keeping the other components' stamps. */
    public static void writeComponentStamp(Path model, String component, ComponentStamp stamp) {
        Map<String, ComponentStamp> stamps = readModelStamp(model);
        stamps.put(component, stamp);
        writeJson(model.resolve(MODEL_STAMP), stamps);
    }

    /** Forgets a component before it is trained again, so an interrupted training is never trusted. */
    public static void forgetComponent(Path model, String component) {
        Map<String, ComponentStamp> stamps = readModelStamp(model);
        if (stamps.remove(component) != null) {
            writeJson(model.resolve(MODEL_STAMP), stamps);
        }
    }

    /**
     * A fingerprint of the demo's input files: relative path, size and modification time of each, hashed. Cheap
     * (no file is read) and changes when a file is replaced.
     */
    public static String fingerprint(Path dataDir) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (DemoData.DataFile file : DemoData.FILES) {
                Path path = dataDir.resolve(file.path());
                String line = file.path() + "\t" + Files.size(path) + "\t"
                        + Files.getLastModifiedTime(path).toMillis() + "\n";
                sha.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the data files under " + dataDir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM.", e);
        }
    }

    /** Reads a JSON record, or {@code null} when the file is missing or unreadable (nothing is then trusted). */
    public static <T> T read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
        } catch (IOException | JsonParseException e) {
            return null;
        }
    }

    /** Writes JSON through a temporary file and a move, so readers see the old file or the whole new one. */
    public static void writeJson(Path file, Object value) {
        writeText(file, GSON.toJson(value) + "\n");
    }

    /** Writes text through a temporary file beside the target and a move. */
    public static void writeText(Path file, String text) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
