package org.kedrec.core.rationale;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.dataset.ExpRxRecExample;

/**
 * Claim-level rationale metrics over many examples, each read by {@link ClaimReader}: claim precision (faithful
 * claims / claims) for the student and for the teacher, claim recall (the share of the teacher's claims the student
 * states too, by {@link Claim#key()}), and the defect rates. {@code unparseableRate} is per sentence; the other
 * rates are the share of rationales with at least one such defect.
 */
public final class ClaimMetrics {
    private long claims;
    private long faithful;
    private long teacherClaims;
    private long teacherFaithful;
    private long recalled;
    private long sentences;
    private long unparseable;
    private int rationales;
    private int unfilled;
    private int glued;
    private int repeats;
    private int contradictions;
    private final List<String> examples = new ArrayList<>();

    /** Adds one example: the student's rationale and the teacher's, both with slots. */
    public ClaimReader.Reading add(ExpRxRecExample example, String student, String teacher) {
        ClaimReader.Reading s = ClaimReader.read(example, student);
        rationales++;
        claims += s.claims().size();
        faithful += s.faithfulClaims();
        sentences += s.sentences();
        unparseable += s.unparseable().size();
        unfilled += s.unfilledSlots().isEmpty() ? 0 : 1;
        glued += s.gluedWords().isEmpty() ? 0 : 1;
        repeats += s.repeats().isEmpty() ? 0 : 1;
        contradictions += s.contradictions().isEmpty() ? 0 : 1;
        if (teacher != null) {
            ClaimReader.Reading t = ClaimReader.read(example, teacher);
            teacherClaims += t.claims().size();
            teacherFaithful += t.faithfulClaims();
            Set<String> stated = new HashSet<>();
            s.claims().stream().filter(Claim::faithful).forEach(c -> stated.add(c.key()));
            recalled += t.claims().stream().filter(c -> stated.contains(c.key())).count();
        }
        if (!s.clean() && examples.size() < 10) {
            examples.add(example.id() + ": " + student + " | unfaithful " + s.unfaithful().stream()
                    .map(Claim::key).toList() + ", unparseable " + s.unparseable() + ", unfilled "
                    + s.unfilledSlots() + ", glued " + s.gluedWords() + ", repeats " + s.repeats()
                    + ", contradictions " + s.contradictions());
        }
        return s;
    }

    public double claimPrecision() {
        return claims == 0 ? 1.0 : (double) faithful / claims;
    }

    public double teacherClaimPrecision() {
        return teacherClaims == 0 ? 1.0 : (double) teacherFaithful / teacherClaims;
    }

    public double claimRecall() {
        return teacherClaims == 0 ? 1.0 : (double) recalled / teacherClaims;
    }

    /** The metrics as report fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("claimPrecision", claimPrecision());
        out.put("teacherClaimPrecision", teacherClaimPrecision());
        out.put("claimRecall", claimRecall());
        out.put("unparseableRate", sentences == 0 ? 0.0 : (double) unparseable / sentences);
        out.put("unfilledSlotRate", rate(unfilled));
        out.put("gluedWordRate", rate(glued));
        out.put("repeatRate", rate(repeats));
        out.put("contradictionRate", rate(contradictions));
        out.put("claims", claims);
        out.put("faithfulClaims", faithful);
        out.put("teacherClaims", teacherClaims);
        out.put("teacherFaithfulClaims", teacherFaithful);
        out.put("sentences", sentences);
        out.put("unparseableSentences", unparseable);
        out.put("rationales", rationales);
        out.put("defectExamples", List.copyOf(examples));
        return out;
    }

    private double rate(int count) {
        return rationales == 0 ? 0.0 : (double) count / rationales;
    }
}
