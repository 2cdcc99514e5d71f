package org.kedrec.importer.dataset;

import org.kedrec.core.split.PairSplit;
import org.kedrec.core.split.SplitPlan;

/** A (drug, disease) TREATS pair of the graph, with its split. */
record Positive(String drug, String drugName, String disease, String diseaseName, PairSplit split) {
    /** {@code drug|disease}, the key of {@code splits.tsv}. */
    String key() {
        return SplitPlan.key(drug, disease);
    }
}
