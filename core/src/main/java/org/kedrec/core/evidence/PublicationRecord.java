package org.kedrec.core.evidence;

import java.util.Comparator;

/**
 * A publication that mentions both the drug and the disease.
 *
 * @param id the {@code PMID:…} CURIE
 * @param title the title as stored
 * @param score the full-text score of its title and abstract for the pair's names (0 when the text does not
 *     contain either name, e.g. when the mention was annotated under a synonym)
 */
public record PublicationRecord(String id, String title, double score) {
    /** Best full-text match first, then the PMID (as a number) for a stable order. */
    public static final Comparator<PublicationRecord> BEST_FIRST = Comparator
            .comparingDouble(PublicationRecord::score).reversed()
            .thenComparingLong(PublicationRecord::pmidNumber)
            .thenComparing(PublicationRecord::id);

    /** The bare PubMed number, e.g. {@code 12345678}. */
    public String pmid() {
        return id.startsWith("PMID:") ? id.substring(5) : id;
    }

    long pmidNumber() {
        try {
            return Long.parseLong(pmid());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
