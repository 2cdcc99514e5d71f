package org.kedrec.testkit;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.trainer.ranking.KgeTrainingConfig;
import org.kedrec.trainer.ranking.RankerTrainer;
import org.kedrec.trainer.ranking.graph.Neo4jGraphExport;
import org.neo4j.driver.Driver;

/**
 * The fixture model every module's tests serve: a tiny ranker trained on the graph behind a driver with the trainer's
 * own API (seconds on the fixture graph), and the tiny student committed for the fixture graph (training one would
 * take minutes on two busy cores).
 */
public final class FixtureModel {
    /**
     * Where the committed student lives, relative to the repository root: distilled from the evidence teacher on the
     * fixture graph by the plugin's {@code StudentFixtureGenerator}, about 500 KB.
     */
    public static final String STUDENT = "plugin/src/test/resources/fixture-student";
    /** The folder of a model that holds its student. */
    public static final String STUDENT_DIR = "student";

    private FixtureModel() {}

    /** The tiny ranker: 16 dimensions, 3 epochs, with metapath features; quality aside, it knows every fixture pair. */
    public static KgeTrainingConfig tinyRanker() {
        return KgeTrainingConfig.quick().with(Map.of("dim", 16, "epochs", 3, "batchSize", 256,
                "negatives", 32, "treatsOversample", 2, "patience", 2));
    }

    /** Trains the tiny ranker on the graph behind {@code driver} into {@code model}. */
    public static void trainRanker(Driver driver, Path data, Path model, String tag) {
        trainRanker(driver, data, model, tag, tinyRanker());
    }

    /** Trains a ranker with {@code kge} (with metapath features, damping 0.4, on the CPU) into {@code model}. */
    public static void trainRanker(Driver driver, Path data, Path model, String tag, KgeTrainingConfig kge) {
        SplitPlan plan = SplitPlan.fromDataDirectory(data);
        new RankerTrainer(new RankerTrainer.Options(kge, true, 0.4, Device.cpu(), tag), ProgressTracker.NULL)
                .train(new Neo4jGraphExport(driver, null).export(plan, Neo4jGraphExport.DEFAULT_SOURCES,
                        ProgressTracker.NULL), plan, model);
    }

    /**
     * Copies the committed student into {@code model}; false (and nothing copied) when the repository at
     * {@code repoRoot} has none.
     */
    public static boolean copyStudent(Path repoRoot, Path model) {
        Path source = repoRoot.resolve(STUDENT).toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            return false;
        }
        Path target = model.resolve(STUDENT_DIR);
        try (Stream<Path> files = Files.list(source)) {
            Files.createDirectories(target);
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the fixture student from " + source, e);
        }
        return true;
    }
}
