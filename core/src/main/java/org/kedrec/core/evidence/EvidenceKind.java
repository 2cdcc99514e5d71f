package org.kedrec.core.evidence;

import org.kedrec.core.text.EnumLabels;

/** What an evidence item is: a knowledge-graph path, a clinical trial, or a publication. */
public enum EvidenceKind {
    PATH,
    TRIAL,
    PUBLICATION;

    public String label() {
        return EnumLabels.lowerCase(this);
    }
}
