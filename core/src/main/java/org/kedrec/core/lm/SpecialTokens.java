package org.kedrec.core.lm;

import java.util.ArrayList;
import java.util.List;

/**
 * The student's whole-token vocabulary: control tokens and the slots an example refers to. Their ids are fixed
 * (0, 1, 2, …) so that a model and its tokenizer agree without a lookup, and each slot is one token the model can
 * copy and constrained decoding can mask.
 */
public final class SpecialTokens {
    public static final String PAD = "<pad>";
    public static final String BOS = "<bos>";
    public static final String EOS = "<eos>";
    public static final String SEP = "<sep>";
    public static final String DISEASE = "[D]";
    /** Candidates per example: two in the dataset, up to eight for {@code kedrec.select}. */
    public static final int MAX_CANDIDATES = 8;
    /** Evidence items per example that the student can see and cite. */
    public static final int MAX_EVIDENCE = 64;

    public static final int PAD_ID = 0;
    public static final int BOS_ID = 1;
    public static final int EOS_ID = 2;
    public static final int SEP_ID = 3;
    public static final int DISEASE_ID = 4;
    public static final int FIRST_CANDIDATE_ID = 5;
    public static final int FIRST_EVIDENCE_ID = FIRST_CANDIDATE_ID + MAX_CANDIDATES;
    public static final int COUNT = FIRST_EVIDENCE_ID + MAX_EVIDENCE;

    private static final List<String> ALL = build();

    private SpecialTokens() {}

    private static List<String> build() {
        List<String> out = new ArrayList<>(List.of(PAD, BOS, EOS, SEP, DISEASE));
        for (int i = 1; i <= MAX_CANDIDATES; i++) {
            out.add("[C" + i + "]");
        }
        for (int i = 1; i <= MAX_EVIDENCE; i++) {
            out.add("[E" + i + "]");
        }
        return List.copyOf(out);
    }

    /** All special tokens in id order. */
    public static List<String> all() {
        return ALL;
    }

    /** The token id of the candidate slot {@code [C<index+1>]}. */
    public static int candidateId(int index) {
        return FIRST_CANDIDATE_ID + index;
    }

    /** The token id of the evidence slot {@code [E<index+1>]}. */
    public static int evidenceId(int index) {
        return FIRST_EVIDENCE_ID + index;
    }

    /** The id of a slot written as text ({@code [C2]}), or -1 when it is no slot the student knows. */
    public static int slotId(String slot) {
        int id = ALL.indexOf(slot);
        return id >= DISEASE_ID ? id : -1;
    }

    public static boolean isSlotId(int id) {
        return id >= DISEASE_ID && id < COUNT;
    }

    public static boolean isCandidateId(int id) {
        return id >= FIRST_CANDIDATE_ID && id < FIRST_EVIDENCE_ID;
    }
}
