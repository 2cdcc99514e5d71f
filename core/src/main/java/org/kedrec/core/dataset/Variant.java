package org.kedrec.core.dataset;

import java.util.EnumSet;
import java.util.Set;
import org.kedrec.core.Messages;
import org.kedrec.core.evidence.EvidenceKind;
import org.kedrec.core.text.EnumLabels;

/**
 * The evidence an example shows, for the paper's ablation: graph paths only, or paths plus trials, plus
 * publications, or plus both.
 */
public enum Variant {
    VANILLA(EnumSet.of(EvidenceKind.PATH)),
    TRIALS(EnumSet.of(EvidenceKind.PATH, EvidenceKind.TRIAL)),
    PUBLICATIONS(EnumSet.of(EvidenceKind.PATH, EvidenceKind.PUBLICATION)),
    BOTH(EnumSet.of(EvidenceKind.PATH, EvidenceKind.TRIAL, EvidenceKind.PUBLICATION));

    private final Set<EvidenceKind> kinds;

    Variant(Set<EvidenceKind> kinds) {
        this.kinds = kinds;
    }

    /** The folder and {@code variant} field value: {@code vanilla}, {@code trials}, {@code publications}, {@code both}. */
    public String label() {
        return EnumLabels.lowerCase(this);
    }

    public boolean shows(EvidenceKind kind) {
        return kinds.contains(kind);
    }

    public static Variant fromLabel(String label) {
        return EnumLabels.findIgnoringCase(Variant.class, Variant::label, label.strip()).orElseThrow(() ->
                new IllegalArgumentException(Messages.format("Unknown variant `%s`. Valid variants are: %s.",
                        label, EnumLabels.all(Variant.class, Variant::label))));
    }
}
