package org.kedrec.trainer.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kedrec.core.dataset.ExampleAssembler;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.PromptFormat;
import org.kedrec.core.dataset.Variant;
import org.kedrec.core.evidence.CandidateEvidence;
import org.kedrec.core.evidence.PublicationRecord;
import org.kedrec.core.evidence.TrialRecord;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.explain.PathScorer;
import org.kedrec.core.rationale.EvidenceTeacher;

class StudentAugmentTest {
    private static final String DISEASE = "DOID:10763";

    private static GraphPath path(String metapath, String drug, String middleId, String middle, String middleLabel,
                                  List<String> rels, List<Boolean> directions, long degree) {
        List<Long> degrees = List.of(8L, degree, 6L, 120L);
        return new GraphPath(metapath, List.of(drug, middleId, DISEASE), List.of("drug", middle, "hypertension"),
                List.of("Drug", middleLabel, "Disease"), rels, directions, degrees,
                PathScorer.pathDegreeProduct(degrees));
    }

    /** Hand-made evidence (Hetionet names, illustrative degrees), as the dataset builder assembles it. */
    private static ExpRxRecExample assembled(boolean amlodipineFirst, Variant variant) {
        CandidateEvidence amlodipine = new CandidateEvidence("DrugBank:DB00381", "Amlodipine", List.of(
                path("CbGaD", "DrugBank:DB00381", "NCBIGene:775", "CACNA1C", "Gene", List.of("BINDS", "ASSOCIATES"),
                        List.of(true, false), 15),
                path("CrCtD", "DrugBank:DB00381", "DrugBank:DB01115", "Nifedipine", "Drug",
                        List.of("RESEMBLES", "TREATS"), List.of(false, true), 10)),
                List.of(new TrialRecord("NCT:NCT00000102", "A trial", "phase 3", "completed", "success", null),
                        new TrialRecord("NCT:NCT00000101", "A trial", "phase 2", "terminated", null, null)),
                List.of(new PublicationRecord("PMID:12345678", "Amlodipine lowers blood pressure in hypertension",
                        3.5)), 79, 1);
        CandidateEvidence warfarin = new CandidateEvidence("DrugBank:DB00682", "Warfarin", List.of(
                path("CbGaD", "DrugBank:DB00682", "NCBIGene:1559", "CYP2C9", "Gene", List.of("BINDS", "ASSOCIATES"),
                        List.of(true, false), 140)), List.of(),
                List.of(new PublicationRecord("PMID:23456789", "Warfarin and hypertension", 1.0)));
        List<CandidateEvidence> order = amlodipineFirst ? List.of(amlodipine, warfarin) : List.of(warfarin, amlodipine);
        ExpRxRecExample example = ExampleAssembler.assemble(DISEASE + "|DrugBank:DB00381|" + variant.label(), DISEASE,
                "hypertension", order, amlodipineFirst ? 0 : 1, variant, "train", "structural");
        return ExampleAssembler.answered(example, EvidenceTeacher.rationale(example), EvidenceTeacher.NAME);
    }

    @Test
    void swappedCandidatesAreWhatTheDatasetBuilderWritesForTheOtherOrder() {
        for (Variant variant : Variant.values()) {
            for (boolean first : new boolean[] {true, false}) {
                ExpRxRecExample example = assembled(first, variant);
                ExpRxRecExample expected = assembled(!first, variant);
                ExpRxRecExample swapped = StudentAugment.reversed(example);
                assertThat(swapped.label()).isEqualTo(expected.label());
                assertThat(swapped.answer()).isEqualTo(expected.answer());
                assertThat(swapped.candidates()).isEqualTo(expected.candidates());
                assertThat(swapped.evidence()).isEqualTo(expected.evidence());
                assertThat(swapped.input()).isEqualTo(expected.input());
                assertThat(swapped.output()).isEqualTo(expected.output());
                assertThat(StudentAugment.reversed(swapped).output()).isEqualTo(example.output());
            }
        }
    }

    @Test
    void zeroShotViewDropsPathsThatEndInATreatmentOfTheDiseaseAndRewritesTheAnswer() {
        ExpRxRecExample example = assembled(false, Variant.BOTH);
        assertThat(example.evidence()).anyMatch(e -> "CrCtD".equals(e.metapath()));
        ExpRxRecExample view = StudentAugment.withoutTreatmentsOfDisease(example);
        assertThat(view.evidence()).hasSize(example.evidence().size() - 1)
                .noneMatch(e -> "CrCtD".equals(e.metapath()));
        for (int i = 0; i < view.evidence().size(); i++) {
            assertThat(view.evidence().get(i).slot()).isEqualTo(PromptFormat.evidenceSlot(i));
            assertThat(view.input()).contains(view.evidence().get(i).slot() + " " + view.evidence().get(i).text());
        }
        assertThat(view.output()).isEqualTo(EvidenceTeacher.rationale(view)).doesNotContain("Nifedipine")
                .startsWith("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E3].");
        // the rewritten answer states the graph's count, as the example's own does (not "at least 2 trials")
        assertThat(example.output()).contains("tested for [D] in 79 trials");
        assertThat(view.output()).contains("tested for [D] in 79 trials");
        assertThat(view.label()).isEqualTo(example.label());
        // Nothing to drop, or an answer this class cannot rewrite: no view.
        assertThat(StudentAugment.withoutTreatmentsOfDisease(view)).isNull();
        assertThat(StudentAugment.withoutTreatmentsOfDisease(ExampleAssembler.answered(example, example.output(),
                "openai:gpt-4o"))).isNull();
    }

    @Test
    void renamesInOnePassAndRefusesNonPermutations() {
        assertThat(StudentAugment.rename("[C1] and [C2] [E1][E2] [D]",
                java.util.Map.of("[C1]", "[C2]", "[C2]", "[C1]", "[E1]", "[E2]", "[E2]", "[E1]")))
                .isEqualTo("[C2] and [C1] [E2][E1] [D]");
        ExpRxRecExample example = TinyData.examples(1, 1, "train", "both").get(0);
        assertThatThrownBy(() -> StudentAugment.permuted(example, new int[] {0, 0}))
                .hasMessage("The candidate order [0, 0] is not a permutation of 0..1.");
        assertThatThrownBy(() -> StudentAugment.permuted(example, new int[] {0}))
                .hasMessage("A candidate order for " + example.id() + " must list its 2 candidates but lists 1.");
        assertThat(StudentTrainer.pairKey(example)).isEqualTo(example.id().substring(0,
                example.id().length() - "|both".length()));
        assertThat(List.of(StudentAugment.permuted(example, new int[] {0, 1}).output())).containsExactly(
                example.output());
    }

    @Test
    void choiceOnlyViewLeavesTheToolLineAsTheOnlyClueAndFollowsASwap() {
        ExpRxRecExample example = assembled(true, Variant.BOTH);
        ExpRxRecExample bare = StudentAugment.choiceOnly(example);
        assertThat(bare.evidence()).isEmpty();
        assertThat(bare.output()).isEqualTo(example.answer() + ".");
        assertThat(bare.candidates()).isEqualTo(example.candidates());
        assertThat(bare.label()).isEqualTo(example.label());
        // the ranker prefers Amlodipine (the answer) in both candidate orders: its line must follow the swap
        org.kedrec.core.lm.CandidateScorer ranker = org.kedrec.core.lm.CandidateScorer.of(
                e -> e.candidates().stream().mapToDouble(c -> c.id().equals("DrugBank:DB00381") ? 0.9 : 0.1).toArray(),
                org.kedrec.core.lm.RankerLine.VERDICT);
        org.kedrec.core.lm.BpeTokenizer tokenizer = org.kedrec.core.lm.BpeTokenizer.train(
                List.of(org.kedrec.core.lm.StudentPrompt.tokenizerText(example)), 400,
                org.kedrec.core.lm.SpecialTokens.all());
        for (ExpRxRecExample view : List.of(bare, StudentAugment.reversed(bare))) {
            org.kedrec.core.lm.StudentPrompt.Rendered rendered = org.kedrec.core.lm.StudentPrompt.render(view,
                    tokenizer, 200, 48, ranker);
            String prompt = tokenizer.decode(rendered.ids());
            assertThat(rendered.shownEvidence()).isEmpty();
            assertThat(prompt).contains("ranker ranks " + view.answer() + " above ").contains("none").doesNotContain(
                    "[E1]");
            assertThat(view.output()).isEqualTo(view.answer() + ".");
        }
        assertThat(StudentAugment.reversed(bare).answer()).isNotEqualTo(bare.answer());
    }
}
