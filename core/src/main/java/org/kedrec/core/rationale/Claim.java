package org.kedrec.core.rationale;

/**
 * One thing a rationale asserts, read back by {@link ClaimReader}, and whether the example's evidence holds it.
 *
 * @param kind what sort of assertion it is
 * @param subject who it is about: a candidate slot ({@code [C1]}) or, for a path edge, the edge's first entity as
 *     the text names it
 * @param relation the relation asserted: a graph relationship type ({@code BINDS}) for a path edge, else a word of
 *     the grammar ({@code TESTED_IN}, {@code STRONGEST}, {@code COUNT}, …)
 * @param object what it relates the subject to: an entity as named, a trial ({@code NCT01234567 (phase 3,
 *     completed)}), a publication ({@code PMID 123}) or a number
 * @param faithful true when exactly that relation between exactly those entities is in the evidence
 */
public record Claim(Kind kind, String subject, String relation, String object, boolean faithful) {
    /** The sorts of assertion the teacher's grammar can make. */
    public enum Kind {
        /** An edge of a graph path: {@code [C1] binds CACNA1C}. */
        PATH_EDGE,
        /**
         * What a bound protein is to the drug, by DrugBank's category on the binding edge: {@code [C1] binds its
         * transporter SLC31A2} (relation {@code PHARMACOKINETIC_ROLE}, object {@code transporter SLC31A2}).
         */
        BINDING_ROLE,
        /** A path given only as its nodes: {@code is linked to [D] through X and Y}. */
        PATH_LINK,
        /** The drug was tested for the disease in this trial, with its phase, status and outcome if stated. */
        TRIAL,
        /** How many trials or publications link the pair. */
        COUNT,
        /** This trial is the strongest support of the drug among its trials. */
        STRONGEST,
        /** This trial was stopped or failed. */
        NOT_SUPPORTING,
        /** The drug is mentioned with the disease in this publication. */
        PUBLICATION,
        /** The drug has no evidence, or none of a kind (paths, trials, publications), or is not a known treatment. */
        ABSENCE,
        /** The drug is a known (disease-modifying) treatment of the disease. */
        TREATMENT,
        /** A cited item links the drug to the disease (the contrast sentences). */
        LINKED,
        /** The drug's best path scores lower than the selected drug's. */
        WEAKER
    }

    /** A key that is equal for the same assertion in two rationales (for recall against the teacher). */
    public String key() {
        return kind + "|" + subject + "|" + relation + "|" + object;
    }
}
