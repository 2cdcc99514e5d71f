package org.kedrec.trainer.student;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Files around a trained student: its {@code metrics.json}, the swap of a finished training directory into place,
 * and {@code <model>/student-manifest.json}, the list of students in a model directory (read, merged, written
 * atomically; to be folded into the project's model manifest once that exists).
 */
public final class StudentManifest {
    public static final String FILE = "student-manifest.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private StudentManifest() {}

    public static void writeMetrics(Path file, Map<String, Object> metrics) {
        writeAtomically(file, GSON.toJson(metrics));
    }

    public static void writeJson(Path file, Object value) {
        writeAtomically(file, GSON.toJson(value));
    }

    static void writeAtomically(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = parent.resolve(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** Moves the finished {@code tmp} directory to {@code out}; an older {@code out} is removed only afterwards. */
    static void replace(Path tmp, Path out) {
        try {
            Path old = out.resolveSibling(out.getFileName() + ".old");
            StudentTrainer.deleteRecursively(old);
            if (Files.exists(out)) {
                Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            StudentTrainer.deleteRecursively(old);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not move " + tmp + " to " + out, e);
        }
    }

    /** Records {@code entry} under {@code name} in {@code <modelDir>/student-manifest.json}, keeping other entries. */
    public static void register(Path modelDir, String name, Map<String, Object> entry) {
        Path file = modelDir.resolve(FILE);
        JsonObject root = new JsonObject();
        if (Files.isRegularFile(file)) {
            try {
                root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }
        JsonObject students = root.has("students") ? root.getAsJsonObject("students") : new JsonObject();
        students.add(name, GSON.toJsonTree(entry));
        root.add("students", students);
        writeAtomically(file, GSON.toJson(root));
    }
}
