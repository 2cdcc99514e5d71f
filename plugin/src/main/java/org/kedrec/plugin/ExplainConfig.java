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
 * The config of {@code kedrec.explain}.
 *
 * @param paths how many explanation paths to return
 * @param maxPathLength the longest metapath followed (2 to 4 relationships)
 * @param rationale who writes the rationale
 * @param model the model to use (blank: the default model)
 * @param order how the paths are ordered (mechanism first by default)
 * @param kinds the path kinds kept (all by default)
 */
public record ExplainConfig(int paths, int maxPathLength, RationaleMode rationale, String model, PathOrder order,
        Set<PathKind> kinds) {
    public static final List<String> KEYS = List.of("paths", "maxPathLength", "rationale", "model", "order", "kinds");
    public static final int DEFAULT_PATHS = 5;

    /** The path order and kinds as the explanation layer takes them. */
    public Explainer.PathOptions pathOptions() {
        return new Explainer.PathOptions(order, kinds);
    }

    public static ExplainConfig of(Map<String, Object> map) {
        ConfigReader reader = ConfigReader.of(map, KEYS);
        return new ExplainConfig(
                reader.intInRange("paths", DEFAULT_PATHS, 1, RecommendConfig.MAX_PATHS_PER_DRUG, null),
                reader.intInRange("maxPathLength", RecommendConfig.DEFAULT_MAX_PATH_LENGTH, Explainer.MIN_PATH_LENGTH,
                        Explainer.MAX_PATH_LENGTH, null),
                RationaleMode.of(reader.oneOf("rationale", RationaleMode.TEACHER.label(), RationaleMode.LABELS)),
                reader.string("model", ""),
                PathOrder.of(reader.oneOf("order", PathOrder.MECHANISM.key(), PathOrder.KEYS)),
                PathKinds.of(reader.stringList("kinds", null)));
    }
}
