package org.kedrec.plugin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.config.ConfigReader;
import org.kedrec.core.explain.PathKind;
import org.kedrec.core.explain.PathKinds;
import org.kedrec.core.explain.PathOrder;
import org.kedrec.core.serving.Explainer;
import org.kedrec.core.serving.RationaleMode;

/**
 * The config of {@code kedrec.recommend}.
 *
 * @param k how many drugs to return
 * @param pathsPerDrug explanation paths per drug
 * @param maxPathLength the longest metapath followed (2 to 4 relationships)
 * @param excludeKnown leave out drugs that already TREAT the disease
 * @param rationale who writes each drug's rationale
 * @param model the model to use (blank: the default model)
 * @param order how the paths are ordered (mechanism first by default)
 * @param kinds the path kinds kept (all by default)
 */
public record RecommendConfig(int k, int pathsPerDrug, int maxPathLength, boolean excludeKnown,
        RationaleMode rationale, String model, PathOrder order,
        Set<PathKind> kinds) {
    public static final List<String> KEYS =
            List.of("k", "pathsPerDrug", "maxPathLength", "excludeKnown", "rationale", "model", "order", "kinds");
    public static final int DEFAULT_K = 10;
    public static final int DEFAULT_PATHS_PER_DRUG = 3;
    public static final int MAX_PATHS_PER_DRUG = 20;
    public static final int DEFAULT_MAX_PATH_LENGTH = 3;

    /** The path order and kinds as the explanation layer takes them. */
    public Explainer.PathOptions pathOptions() {
        return new Explainer.PathOptions(order, kinds);
    }

    /** Reads the map with strict keys; {@code maxK} is the server's limit ({@code kedrec.recommend.max_k}). */
    public static RecommendConfig of(Map<String, Object> map, KedrecSettings settings) {
        ConfigReader reader = ConfigReader.of(map, KEYS);
        return new RecommendConfig(
                settings.k(reader, DEFAULT_K),
                reader.intInRange("pathsPerDrug", DEFAULT_PATHS_PER_DRUG, 1, MAX_PATHS_PER_DRUG, null),
                reader.intInRange("maxPathLength", DEFAULT_MAX_PATH_LENGTH, Explainer.MIN_PATH_LENGTH,
                        Explainer.MAX_PATH_LENGTH, null),
                reader.bool("excludeKnown", true),
                RationaleMode.of(reader.oneOf("rationale", RationaleMode.TEACHER.label(), RationaleMode.LABELS)),
                reader.string("model", ""),
                PathOrder.of(reader.oneOf("order", PathOrder.MECHANISM.key(), PathOrder.KEYS)),
                PathKinds.of(reader.stringList("kinds", null)));
    }
}
