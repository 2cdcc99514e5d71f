package org.kedrec.core.ranking.kge;

import org.kedrec.core.Messages;
import org.kedrec.core.text.EnumLabels;

/**
 * The scoring functions the ranker can learn. {@code dim} is the embedding dimension in the model's own number
 * field: ComplEx and RotatE keep a real and an imaginary half, so their entity vectors are {@code 2 * dim} floats.
 */
public enum KgeKind {
    /** Yang et al. 2015: {@code <h, r, t>}; symmetric in head and tail, the cheapest. */
    DISTMULT("DistMult"),
    /** Trouillon et al. 2016: {@code Re(<h, r, conj(t)>)}; models asymmetric relations such as TREATS. */
    COMPLEX("ComplEx"),
    /** Sun et al. 2019: {@code -|h o r - t|} with unit-modulus {@code r}; a rotation in the complex plane. */
    ROTATE("RotatE");

    private final String displayName;

    KgeKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Floats per entity vector. */
    public int entityWidth(int dim) {
        return this == DISTMULT ? dim : 2 * dim;
    }

    /** Floats per relation vector (RotatE stores one phase per complex coordinate). */
    public int relationWidth(int dim) {
        return this == COMPLEX ? 2 * dim : dim;
    }

    /** Parses {@code distmult}, {@code ComplEx}, {@code rotate} (any case). */
    public static KgeKind parse(String name) {
        return EnumLabels.findIgnoringCase(KgeKind.class, EnumLabels::lowerCase, name)
                .or(() -> EnumLabels.findIgnoringCase(KgeKind.class, KgeKind::displayName, name))
                .orElseThrow(() -> new IllegalArgumentException(Messages.format(
                        "Unknown KG-embedding model `%s`. Valid models are: %s.",
                        name, EnumLabels.all(KgeKind.class, EnumLabels::lowerCase))));
    }
}
