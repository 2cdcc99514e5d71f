package org.kedrec.trainer.student;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Files around a trained student: its {@code metrics.json}, the swap of a finished training directory into place,
 * and its entry for the model directory's {@code model.json}.
 */
public final class StudentManifest {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
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
        org.kedrec.core.model.AtomicDirectory.replace(tmp, out);
    }

    /** The entry as JSON, for {@link org.kedrec.core.model.ModelManifest#mergeComponent}. */
    public static JsonObject toJson(Map<String, Object> entry) {
        return GSON.toJsonTree(entry).getAsJsonObject();
    }

    /** This build's version (from the jar manifest), or {@code dev} when run from classes. */
    public static String version() {
        String version = StudentManifest.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
