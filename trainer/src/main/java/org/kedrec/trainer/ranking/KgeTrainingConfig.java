package org.kedrec.trainer.ranking;

import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.config.ConfigReader;
import org.kedrec.core.config.RecordMaps;
import org.kedrec.core.ranking.kge.KgeKind;

/**
 * Hyper-parameters of one KG-embedding training run. {@link #quick()} and {@link #full()} are the two profiles of
 * {@code kedrec train kge --profile}; command-line options override single values.
 *
 * @param negatives shared corrupted heads/tails per batch (per side); entity kinds with at most
 *     {@code fullSoftmaxLimit} members are scored against all of them instead (all 1,552 drugs for TREATS)
 * @param treatsOversample how many times each training TREATS triple is visited per epoch (the ranker's task
 *     relation is 0.3% of the graph; visiting it more often is the cheapest way to make the model care)
 * @param regularization weight of the N3 norm of the batch's embeddings
 * @param patience evaluations without a better validation MRR before training stops
 */
public record KgeTrainingConfig(
        KgeKind model,
        int dim,
        int epochs,
        int batchSize,
        int negatives,
        int fullSoftmaxLimit,
        double learningRate,
        double finalLearningRateFraction,
        double regularization,
        int treatsOversample,
        int patience,
        int evalEvery,
        int seed) {
    public static final List<String> KEYS = RecordMaps.names(KgeTrainingConfig.class);

    public KgeTrainingConfig {
        check(dim >= 1 && dim <= 4096, "dim", dim, "between 1 and 4096");
        check(epochs >= 1, "epochs", epochs, "at least 1");
        check(batchSize >= 1, "batchSize", batchSize, "at least 1");
        check(negatives >= 1, "negatives", negatives, "at least 1");
        check(learningRate > 0 && learningRate < 10, "learningRate", learningRate, "in (0, 10)");
        check(finalLearningRateFraction > 0 && finalLearningRateFraction <= 1, "finalLearningRateFraction",
                finalLearningRateFraction, "in (0, 1]");
        check(regularization >= 0, "regularization", regularization, "at least 0");
        check(treatsOversample >= 1, "treatsOversample", treatsOversample, "at least 1");
        check(patience >= 1, "patience", patience, "at least 1");
        check(evalEvery >= 1, "evalEvery", evalEvery, "at least 1");
    }

    private static void check(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(Messages.format(
                    "The value of `%s` must be %s but was %s.", key, rule, value));
        }
    }

    /** A few minutes on two CPU cores; what the tests and the quick demo use. */
    public static KgeTrainingConfig quick() {
        return new KgeTrainingConfig(KgeKind.COMPLEX, 32, 4, 1024, 256, 2048, 0.01, 0.1, 0.01, 10, 2, 1, 42);
    }

    /** The measured configuration of {@code docs/ranker.md}. */
    public static KgeTrainingConfig full() {
        return new KgeTrainingConfig(KgeKind.COMPLEX, 64, 12, 1024, 256, 2048, 0.01, 0.1, 0.01, 10, 4, 1, 42);
    }

    public static KgeTrainingConfig profile(String name) {
        return switch (name.toLowerCase(java.util.Locale.ENGLISH)) {
            case "quick" -> quick();
            case "full" -> full();
            default -> throw new IllegalArgumentException(Messages.format(
                    "Unknown training profile `%s`. Valid profiles are: [quick, full].", name));
        };
    }

    /** This configuration with the keys of {@code overrides} replaced (strict keys, typed values). */
    public KgeTrainingConfig with(Map<String, ?> overrides) {
        ConfigReader r = ConfigReader.of(overrides, KEYS);
        return new KgeTrainingConfig(
                r.has("model") ? KgeKind.parse(r.string("model", null)) : model,
                r.intValue("dim", dim), r.intValue("epochs", epochs), r.intValue("batchSize", batchSize),
                r.intValue("negatives", negatives), r.intValue("fullSoftmaxLimit", fullSoftmaxLimit),
                r.doubleValue("learningRate", learningRate),
                r.doubleValue("finalLearningRateFraction", finalLearningRateFraction),
                r.doubleValue("regularization", regularization), r.intValue("treatsOversample", treatsOversample),
                r.intValue("patience", patience), r.intValue("evalEvery", evalEvery), r.intValue("seed", seed));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = RecordMaps.toMap(this);
        m.put("model", model.name().toLowerCase(java.util.Locale.ENGLISH));
        return m;
    }
}
