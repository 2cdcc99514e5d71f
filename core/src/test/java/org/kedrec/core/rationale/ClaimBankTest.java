package org.kedrec.core.rationale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kedrec.core.dataset.ExampleFixtures;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.Variant;

class ClaimBankTest {
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsTheTeachersAnswerAndEveryPrefixOfIt() {
        for (Variant variant : Variant.values()) {
            ExpRxRecExample example = ExampleFixtures.example(variant);
            ClaimBank bank = ClaimBank.of(example, example.evidence());
            byte[] teacher = utf8(EvidenceTeacher.rationale(example));
            for (int i = 0; i <= teacher.length; i++) {
                assertThat(bank.acceptsPrefix(java.util.Arrays.copyOf(teacher, i))).as(variant + " " + i).isTrue();
            }
            assertThat(bank.acceptsEnd(teacher)).isTrue();
            assertThat(bank.acceptsEnd(java.util.Arrays.copyOf(teacher, teacher.length - 1))).isFalse();
        }
    }

    @Test
    void letsTheStudentChooseOrderAndContentButNotTheRelations() {
        ExpRxRecExample example = ExampleFixtures.example(Variant.BOTH);
        ClaimBank bank = ClaimBank.of(example, example.evidence());
        // Another order, fewer sentences, one path instead of two: all true, all allowed.
        assertThat(bank.acceptsEnd(utf8("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E2]. It is mentioned "
                + "with [D] in PMID 12345678 [E6]."))).isTrue();
        assertThat(bank.acceptsEnd(utf8("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E2]. [C1] is linked "
                + "to [D] [E1] but has no trial or publication for it. It is mentioned"))).isFalse();
        assertThat(bank.acceptsEnd(utf8("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E2]. [C1] is linked "
                + "to [D] [E1] but has no trial or publication for it. [C2] is mentioned with [D] in PMID 12345678 "
                + "[E6]."))).isTrue();
        // ... except that a drug with a path opens with it, mechanism first, as the teacher's rationale does: not
        // with its trials, its publications or the other candidate.
        assertThat(bank.acceptsPrefix(utf8("[C2]. It is mentioned"))).isFalse();
        assertThat(bank.acceptsPrefix(utf8("[C2]. It was tested"))).isFalse();
        assertThat(bank.acceptsPrefix(utf8("[C2]. [C1] is linked"))).isFalse();
        // Paths go strongest first by the teacher's stated order (mechanism first): the weaker one alone, or before
        // the stronger, is true but not the argument the teacher makes, so the student does not write it.
        assertThat(bank.acceptsPrefix(utf8("[C2]. [C2] resembles Nifedipine, which treats [D] [E3]."))).isFalse();
        assertThat(bank.acceptsPrefix(utf8("[C2]. [C2] resembles Nifedipine"))).isFalse();
        assertThat(bank.acceptsEnd(utf8("[C2]. [C1] is linked to [D] [E1] but has no trial or publication for it. "
                + "[C2] binds CACNA1C, a gene associated with [D] [E2]."))).isFalse();
        // A drug does not resemble a gene; a gene from the other candidate's path is not this path's.
        assertThat(bank.acceptsPrefix(utf8("[C2]. [C2] resembles CACNA1C"))).isFalse();
        assertThat(bank.acceptsPrefix(utf8("[C2]. [C2] binds CYP2C9"))).isFalse();
        // "It" is the selected drug only right after a sentence about it; nothing is said twice.
        assertThat(bank.acceptsPrefix(utf8("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E2]. It is "
                + "mentioned"))).isTrue();
        assertThat(bank.acceptsEnd(utf8("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E2]. [C2] binds "
                + "CACNA1C, a gene associated with [D] [E2]."))).isFalse();
        // One path sentence per answer; a cut answer goes back to its last whole sentence.
        assertThat(bank.acceptsPrefix(utf8("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E2]. [C2] "
                + "resembles"))).isFalse();
        assertThat(bank.complete("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E2]. It is mentioned "
                + "with")).isEqualTo("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E2].");
        assertThat(bank.complete("[C2]. [C2] binds")).isNull();
        // The answer is the selection and at least one sentence; unknown candidates do not open it.
        assertThat(bank.acceptsEnd(utf8("[C2]."))).isFalse();
        assertThat(bank.acceptsPrefix(utf8("[C3]"))).isFalse();
        assertThat(bank.acceptsPrefix(utf8("[C"))).isTrue();
    }

    @Test
    void forcesTheRestOfASentenceOnceItsOpeningFixesIt() {
        ExpRxRecExample example = ExampleFixtures.example(Variant.BOTH);
        ClaimBank bank = ClaimBank.of(example, example.evidence());
        // The path sentence is fixed once it starts; it ends in "." (one path) or "; it also" (two): a choice.
        assertThat(new String(bank.forced(utf8("[C2]. [C2] b")), StandardCharsets.UTF_8))
                .isEqualTo("inds CACNA1C, a gene associated with [D] [E2]");
        // After the selection of a drug with a path, its path sentence opens the rationale: forced up to where its
        // one- and two-path forms part.
        assertThat(new String(bank.forced(utf8("[C2].")), StandardCharsets.UTF_8))
                .isEqualTo(" [C2] binds CACNA1C, a gene associated with [D] [E2]");
        // After a whole sentence, what comes next is the model's choice.
        assertThat(bank.forced(utf8("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E2]."))).isEmpty();
        assertThat(new String(bank.forced(utf8("[C2]. ")), StandardCharsets.UTF_8))
                .isEqualTo("[C2] binds CACNA1C, a gene associated with [D] [E2]");
        // Nothing is forced after a prefix the grammar rejects.
        assertThat(bank.forced(utf8("[C2]. [C2] resembles"))).isEmpty();
        // Whatever is forced is a continuation the grammar accepts.
        byte[] prefix = utf8("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E2]. [C1] is l");
        byte[] forced = bank.forced(prefix);
        assertThat(forced).isNotEmpty();
        assertThat(bank.acceptsPrefix(java.util.Arrays.copyOf(concat(prefix, forced), prefix.length + forced.length)))
                .isTrue();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void anAbsenceIsDecidedOnAllTheEvidenceNotOnWhatThePromptHadRoomFor() {
        // Warfarin ([C1]) has a publication too, but a long prompt had no room for it.
        org.kedrec.core.evidence.CandidateEvidence warfarin = new org.kedrec.core.evidence.CandidateEvidence(
                ExampleFixtures.WARFARIN, "Warfarin",
                java.util.List.of(ExampleFixtures.cbgad(ExampleFixtures.WARFARIN, "NCBIGene:1559", "CYP2C9", 140)),
                java.util.List.of(), java.util.List.of(new org.kedrec.core.evidence.PublicationRecord(
                        "PMID:23456789", "Warfarin and hypertension", 1.0)));
        ExpRxRecExample example = org.kedrec.core.dataset.ExampleAssembler.assemble(ExampleFixtures.HYPERTENSION
                + "|" + ExampleFixtures.AMLODIPINE + "|both", ExampleFixtures.HYPERTENSION, "hypertension",
                java.util.List.of(warfarin, ExampleFixtures.amlodipine()), 1, Variant.BOTH, "train", "structural");
        java.util.List<org.kedrec.core.evidence.EvidenceItem> shown = example.evidence().stream()
                .filter(item -> !("[C1]".equals(item.candidate())
                        && item.kind() == org.kedrec.core.evidence.EvidenceKind.PUBLICATION))
                .toList();
        assertThat(shown).hasSize(example.evidence().size() - 1);
        ClaimBank bank = ClaimBank.of(example, shown);
        String opening = "[C2]. " + EvidenceTeacher.rationale(example).split("\\. ")[1] + ". ";
        assertThat(opening).startsWith("[C2]. [C2] binds");
        assertThat(bank.acceptsPrefix(utf8(opening + "[C1] is linked to [D] [E1] but has no trial or"))).isFalse();
        assertThat(bank.acceptsEnd(utf8(opening + "[C1] is linked to [D] [E1] but has no trial for it."))).isTrue();
        // Chosen the other way round, Amlodipine's cut items do not make it a drug without evidence either.
        java.util.List<org.kedrec.core.evidence.EvidenceItem> onlyWarfarin = example.evidence().stream()
                .filter(item -> "[C1]".equals(item.candidate())).toList();
        ClaimBank wrongWay = ClaimBank.of(example, onlyWarfarin);
        assertThat(wrongWay.acceptsPrefix(utf8("[C1]. Nothing in the evidence links [C2]"))).isFalse();
        assertThat(wrongWay.acceptsPrefix(utf8("[C2]. No evidence here links [C2]"))).isFalse();
    }
}
