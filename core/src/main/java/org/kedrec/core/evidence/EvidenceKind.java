package org.kedrec.core.evidence;

import java.util.Locale;

/** What an evidence item is: a knowledge-graph path, a clinical trial, or a publication. */
public enum EvidenceKind {
    PATH,
    TRIAL,
    PUBLICATION;

    public String label() {
        return name().toLowerCase(Locale.ENGLISH);
    }
}
