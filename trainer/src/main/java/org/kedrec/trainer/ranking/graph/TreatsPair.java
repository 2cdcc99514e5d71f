package org.kedrec.trainer.ranking.graph;

import org.kedrec.core.split.PairSplit;

/** A known TREATS pair of the exported graph and the split it belongs to. */
public record TreatsPair(String drug, String disease, PairSplit split) {}
