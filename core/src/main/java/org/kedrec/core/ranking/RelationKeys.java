package org.kedrec.core.ranking;

import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.ids.EntityKind;

/**
 * The name of a KG relation as the ranker sees it: relationship type plus the labels of its ends, written like
 * Cypher, e.g. {@code Drug-TREATS->Disease} and {@code Disease-UPREGULATES->Gene} (UPREGULATES from a drug and from
 * a disease mean different things, so they are different relations).
 */
public final class RelationKeys {
    /** The relation the ranker scores. */
    public static final String TREATS = of(EntityKind.DRUG.label(), GraphSchema.TREATS, EntityKind.DISEASE.label());
    /** Symptomatic relief: never a positive, never a hard negative of the ranker's evaluations. */
    public static final String PALLIATES = of(EntityKind.DRUG.label(), GraphSchema.PALLIATES, EntityKind.DISEASE.label());

    private RelationKeys() {}

    public static String of(String headLabel, String type, String tailLabel) {
        return headLabel + "-" + type + "->" + tailLabel;
    }
}
