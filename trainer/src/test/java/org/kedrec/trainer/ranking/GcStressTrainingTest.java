package org.kedrec.trainer.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.progress.ProgressTracker;

/**
 * Not part of the normal build (minutes): {@code -Dkedrec.gcStress=SEEDS} trains the PlantedPattern configuration
 * once per seed while another thread asks for a full collection every millisecond, which makes a collection between
 * a step's forward and backward pass likely instead of rare (see {@link ScalarLifetimeTest}), and counts the runs
 * whose loss became NaN. Optional {@code -Dkedrec.gcStress.epochs=E} (default 5), and
 * {@code -Dkedrec.gcStress.collect=false} to train the same seeds without the collecting thread; each run prints its
 * losses and validation MRR in full, so two builds can be compared for bit-identical training.
 *
 * <pre>
 * ./mvnw -B -ntp -o -pl trainer -am -Dtest=GcStressTrainingTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -DskipITs -Dkedrec.gcStress=200 verify
 * </pre>
 */
@EnabledIfSystemProperty(named = "kedrec.gcStress", matches = "[0-9]+")
class GcStressTrainingTest {
    @TempDir
    Path dir;

    @Test
    void noSeedBecomesNaNUnderConstantCollections() throws Exception {
        int seeds = Integer.getInteger("kedrec.gcStress");
        int epochs = Integer.getInteger("kedrec.gcStress.epochs", 5);
        boolean collect = !"false".equals(System.getProperty("kedrec.gcStress.collect"));
        PlantedGraph planted = PlantedGraph.build(dir);
        Thread collector = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-stress");
        collector.setDaemon(true);
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        if (collect) {
            collector.start();
        }
        try {
            for (int seed = 1; seed <= seeds; seed++) {
                KgeTrainingConfig config = PlantedPatternTrainingTest.CONFIG.with(Map.of(
                        "seed", seed, "epochs", epochs, "evalEvery", epochs, "patience", 1));
                try {
                    KgeTrainer.Result result = new KgeTrainer(config, Device.cpu(), ProgressTracker.NULL)
                            .train(planted.graph, dir.resolve("checkpoints-" + seed));
                    result.model().close();
                    System.out.println("gc-stress: seed " + seed + " " + result.history().stream()
                            .map(h -> h.loss() + "/" + h.validationMrr()).toList());
                } catch (IllegalStateException e) {
                    failures.add("seed " + seed + ": " + e.getMessage());
                }
            }
        } finally {
            collector.interrupt();
            collector.join();
        }
        System.out.printf(java.util.Locale.ENGLISH,
                "gc-stress: %d of %d seeds failed (%d epochs each, collections %s, %.1f s)%n", failures.size(), seeds,
                epochs, collect ? "forced" : "not forced", (System.nanoTime() - start) / 1e9);
        failures.forEach(f -> System.out.println("gc-stress: " + f));
        assertThat(failures).isEmpty();
    }
}
