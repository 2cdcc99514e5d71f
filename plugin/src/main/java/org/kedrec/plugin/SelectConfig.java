package org.kedrec.plugin;

import java.util.List;
import java.util.Map;
import org.kedrec.core.config.ConfigReader;
import org.kedrec.core.lm.PromptShape;
import org.kedrec.core.serving.Explainer;
import org.kedrec.core.serving.RationaleMode;

/**
 * The config of {@code kedrec.select}.
 *
 * @param pathsPerDrug explanation paths per candidate in the evidence the choice is made on, or null for the shape
 *     the student trained on ({@link PromptShape}: the settings of its dataset; picked as the dataset builder picks
 *     them, see {@code Explainer.PathOptions#studentPrompt})
 * @param maxPathLength the longest metapath followed (2 to 4 relationships), or null for the student's
 * @param rationale who writes the rationale, or null for the default: the student when the model has one, else the
 *     evidence teacher
 * @param model the model to use (blank: the default model)
 */
public record SelectConfig(Integer pathsPerDrug, Integer maxPathLength, RationaleMode rationale, String model) {
    public static final List<String> KEYS = List.of("pathsPerDrug", "maxPathLength", "rationale", "model");

    public static SelectConfig of(Map<String, Object> map) {
        ConfigReader reader = ConfigReader.of(map, KEYS);
        String rationale = reader.oneOf("rationale", null, RationaleMode.LABELS);
        return new SelectConfig(
                reader.has("pathsPerDrug") ? reader.intInRange("pathsPerDrug", RecommendConfig.DEFAULT_PATHS_PER_DRUG,
                        1, RecommendConfig.MAX_PATHS_PER_DRUG, null) : null,
                reader.has("maxPathLength") ? reader.intInRange("maxPathLength",
                        RecommendConfig.DEFAULT_MAX_PATH_LENGTH, Explainer.MIN_PATH_LENGTH, Explainer.MAX_PATH_LENGTH,
                        null) : null,
                rationale == null ? null : RationaleMode.of(rationale),
                reader.string("model", ""));
    }

    /**
     * The prompt to choose on: {@code trained} (the student's shape, or the dataset builder's defaults without a
     * student) with the paths the caller asked for, where it asked.
     */
    public PromptShape shape(PromptShape trained) {
        return trained.withPaths(pathsPerDrug == null ? trained.pathsPerDrug() : pathsPerDrug,
                maxPathLength == null ? trained.maxPathLength() : maxPathLength);
    }
}
