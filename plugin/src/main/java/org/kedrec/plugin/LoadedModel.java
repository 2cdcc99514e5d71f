package org.kedrec.plugin;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.kedrec.core.Messages;
import org.kedrec.core.lm.StudentModel;
import org.kedrec.core.model.ModelManifest;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.ranking.RankerFiles;

/**
 * One model directory loaded into memory: the ranker (required), the student (when the directory has one), and
 * what {@code kedrec.model.info} shows about them. Shared by all calls; reference-counted so that a model replaced
 * by {@code kedrec.model.load} is closed only after the calls that use it have returned.
 */
public final class LoadedModel {
    /** The student's folder inside a model directory. */
    public static final String STUDENT_DIR = "student";

    private final String name;
    private final Path directory;
    private final ModelManifest manifest;
    private final DrugRanker ranker;
    private final StudentModel student;
    private final String studentProblem;
    private final String device;
    private final String engine;
    private final long loadMillis;
    private final Instant loadedAt;
    // One reference held by the service while the model is current, one per call in flight.
    private final AtomicInteger references = new AtomicInteger(1);

    private LoadedModel(String name, Path directory, ModelManifest manifest, DrugRanker ranker, StudentModel student,
            String studentProblem, String device, String engine, long loadMillis) {
        this.name = name;
        this.directory = directory;
        this.manifest = manifest;
        this.ranker = ranker;
        this.student = student;
        this.studentProblem = studentProblem;
        this.device = device;
        this.engine = engine;
        this.loadMillis = loadMillis;
        this.loadedAt = Instant.now();
    }

    /**
     * Loads a model directory. Runs on the service's loader thread, whose context class loader is the plugin's (DJL
     * finds its engines through it).
     *
     * @param origin where the directory was configured, for error messages
     * @param deviceSetting {@code auto}, {@code cpu} or {@code gpu}
     */
    static LoadedModel load(String name, Path directory, String origin, String deviceSetting) {
        long start = System.nanoTime();
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(Messages.format(
                    "The KEDRec model directory %s does not exist (set by %s). Train a model into it with `kedrec "
                            + "train kge --model %s`, or point the setting at an existing model directory.",
                    directory, origin, directory));
        }
        if (!Files.isRegularFile(RankerFiles.dir(directory).resolve(RankerFiles.CONFIG))) {
            throw new IllegalStateException(Messages.format(
                    "%s is not a KEDRec model directory: %s is missing (set by %s). Train a model into it with "
                            + "`kedrec train kge --model %s`, or point the setting at an existing model directory.",
                    directory, RankerFiles.dir(directory).resolve(RankerFiles.CONFIG), origin, directory));
        }
        ModelManifest manifest;
        Device device;
        DrugRanker ranker;
        try {
            manifest = ModelManifest.readIfPresent(directory).orElse(null);
            device = device(deviceSetting);
            ranker = DrugRanker.load(directory, device);
            if (manifest != null) {
                try {
                    manifest.verify(directory, RankerFiles.COMPONENT, ranker.info().dataHash());
                } catch (RuntimeException e) {
                    ranker.close();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            // No cause: Neo4j shows a failed call's root cause, and this sentence is the one the user needs. The
            // original stays attached (suppressed) for the log.
            IllegalStateException failure = new IllegalStateException(Messages.format(
                    "Could not load the KEDRec model from %s (set by %s): %s", directory, origin,
                    ModelService.rootMessage(e)));
            failure.addSuppressed(e);
            throw failure;
        }
        StudentModel student = null;
        String studentProblem = null;
        Path studentDir = directory.resolve(STUDENT_DIR);
        if (Files.isDirectory(studentDir)) {
            try {
                student = StudentModel.load(studentDir, device);
            } catch (RuntimeException e) {
                if (manifest != null && manifest.components().contains(STUDENT_DIR)) {
                    // Listed in model.json, so the folder was meant to have it: a broken student is a broken model
                    // (truncated, half-copied), refused so that the model already serving keeps serving.
                    ranker.close();
                    IllegalStateException failure = new IllegalStateException(Messages.format(
                            "Could not load the KEDRec model from %s (set by %s): its student (folder `%s`, listed in "
                                    + "%s) does not load: %s Retrain it with `kedrec train student`, or copy the "
                                    + "whole model folder again.", directory, origin, STUDENT_DIR, ModelManifest.FILE,
                            ModelService.rootMessage(e)));
                    failure.addSuppressed(e);
                    throw failure;
                }
                // The ranker works without the student: recommendations stay available, student rationales say why not.
                studentProblem = Messages.format("The student of model `%s` (folder `%s`) could not be loaded: %s",
                        name, STUDENT_DIR, hidePath(e.getMessage(), directory, name));
            }
        } else {
            studentProblem = Messages.format("The model has no student (its folder `%s` is missing). Train one with "
                    + "`kedrec train student --model <the model folder>`.", STUDENT_DIR);
        }
        String engine = "PyTorch " + Engine.getEngine("PyTorch").getVersion();
        return new LoadedModel(name, directory, manifest, ranker, student, studentProblem, device.toString(), engine,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The model's folder named by the model, for text a caller sees (the log names the folder). */
    private static String hidePath(String message, Path directory, String name) {
        return message == null ? null
                : message.replace(directory.toAbsolutePath().toString(), Messages.format("<model `%s`>", name));
    }

    private static Device device(String setting) {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        return switch (setting) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalStateException(Messages.format(
                            "%s=gpu but the PyTorch engine sees no GPU. Install a CUDA libtorch (PYTORCH_LIBRARY_PATH, "
                                    + "PYTORCH_FLAVOR) or set %s=auto.",
                            KedrecSettings.DEVICE, KedrecSettings.DEVICE));
                }
                yield Device.gpu();
            }
            default -> gpus > 0 ? Device.gpu() : Device.cpu();
        };
    }

    public String name() {
        return name;
    }

    public Path directory() {
        return directory;
    }

    /** The manifest, or null for a directory without {@code model.json}. */
    public ModelManifest manifest() {
        return manifest;
    }

    public DrugRanker ranker() {
        return ranker;
    }

    /** The student, or null. */
    public StudentModel student() {
        return student;
    }

    /** Why there is no student, or null when there is one. */
    public String studentProblem() {
        return studentProblem;
    }

    /** The student, or an error saying why there is none. */
    public StudentModel requireStudent() {
        if (student == null) {
            throw new IllegalArgumentException(Messages.format(
                    "`rationale: 'student'` needs the model's student, but model `%s` has none. %s Use "
                            + "`rationale: 'teacher'` meanwhile.", name, studentProblem));
        }
        return student;
    }

    public String device() {
        return device;
    }

    public String engine() {
        return engine;
    }

    public long loadMillis() {
        return loadMillis;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Takes a reference for a call; false when the model has already been closed. */
    boolean retain() {
        while (true) {
            int n = references.get();
            if (n <= 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the model. */
    void release() {
        if (references.decrementAndGet() == 0) {
            if (student != null) {
                student.close();
            }
            ranker.close();
        }
    }
}
