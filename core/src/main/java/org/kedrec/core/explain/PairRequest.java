package org.kedrec.core.explain;

import java.util.Map;
import org.kedrec.core.config.RecordMaps;

/**
 * A (drug, disease) pair to explain.
 *
 * @param key echoed back with the pair's results; unique within one request
 * @param drug the drug's CURIE
 * @param disease the disease's CURIE
 * @param exclude a {@code "drug|disease"} TREATS edge that must not appear in this pair's paths (the example's own
 *     positive, so that neither candidate's explanation reveals the answer), or null
 */
public record PairRequest(String key, String drug, String disease, String exclude) {

    public static PairRequest of(String drug, String disease) {
        return new PairRequest(drug + "|" + disease, drug, disease, null);
    }

    /** The map handed to Cypher as one element of {@code $pairs}. */
    public Map<String, Object> toParameter() {
        return RecordMaps.toMap(this);
    }
}
