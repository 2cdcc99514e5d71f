package org.kedrec.plugin;

import java.util.List;
import java.util.Map;
import org.kedrec.core.config.ConfigReader;

/**
 * The config of {@code kedrec.recommend.write}.
 *
 * @param k predictions written per disease
 * @param diseases the diseases to predict for (ids, xrefs or names), or null for every disease
 * @param excludeKnown leave out drugs that already TREAT the disease
 * @param batchSize diseases scored between two termination checks and progress lines
 * @param model the model to use (blank: the default model)
 */
public record WriteConfig(int k, List<String> diseases, boolean excludeKnown, int batchSize, String model) {
    public static final List<String> KEYS = List.of("k", "diseases", "excludeKnown", "batchSize", "model");
    public static final int DEFAULT_BATCH_SIZE = 25;

    public static WriteConfig of(Map<String, Object> map, KedrecSettings settings) {
        ConfigReader reader = ConfigReader.of(map, KEYS);
        return new WriteConfig(
                settings.k(reader, RecommendConfig.DEFAULT_K),
                reader.stringList("diseases", null),
                reader.bool("excludeKnown", true),
                reader.intInRange("batchSize", DEFAULT_BATCH_SIZE, 1, 10_000, null),
                reader.string("model", ""));
    }
}
