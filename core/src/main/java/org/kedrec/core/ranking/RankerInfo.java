package org.kedrec.core.ranking;

import java.util.List;
import java.util.Map;

/**
 * What {@code kedrec.model.info} shows about a loaded ranker.
 *
 * @param name the model's name
 * @param kind e.g. {@code ComplEx + metapath logistic regression}
 * @param parameters the number of trained floats in the embedding tables
 * @param device where the embedding model runs, e.g. {@code cpu()}
 * @param dims the number of floats in one embedding
 * @param dataHash SHA-256 of the sorted training triples
 * @param metrics the training and validation figures from {@code metrics.json}
 * @param loadMillis how long loading took
 */
public record RankerInfo(
        String name,
        String kind,
        long parameters,
        String device,
        int dims,
        String dataHash,
        Map<String, Object> metrics,
        long loadMillis,
        String version,
        String createdAt,
        List<String> components,
        int entities,
        int drugs,
        int diseases) {}
