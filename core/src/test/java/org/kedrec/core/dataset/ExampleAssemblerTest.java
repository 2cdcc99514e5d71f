package org.kedrec.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kedrec.core.dataset.ExampleFixtures.example;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kedrec.core.evidence.CandidateEvidence;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;
import org.kedrec.core.explain.GraphPath;

class ExampleAssemblerTest {
    @Test
    void numbersEvidenceByCandidateAndRendersThePrompt() {
        ExpRxRecExample both = example(Variant.BOTH);
        assertThat(both.input()).isEqualTo("""
                Disease: [D] hypertension
                Candidates: [C1] Warfarin; [C2] Amlodipine
                Evidence:
                [E1] [C1] -BINDS-> CYP2C9 <-ASSOCIATES- [D]
                [E2] [C2] -BINDS-> CACNA1C <-ASSOCIATES- [D]
                [E3] [C2] <-RESEMBLES- Nifedipine -TREATS-> [D]
                [E4] trial NCT00000102 (phase 3, completed, succeeded): [C2] for [D]
                [E5] trial NCT00000101 (phase 2, terminated): [C2] for [D]
                [E6] PMID 12345678 mentions [C2] and [D]: "[C2] lowers blood pressure in [D]\"""");
        assertThat(both.label()).isEqualTo(1);
        assertThat(both.answer()).isEqualTo("[C2]");
        assertThat(both.output()).isNull();
        assertThat(both.variant()).isEqualTo("both");
        EvidenceItem path = both.evidence().get(1);
        assertThat(path.kind()).isEqualTo(EvidenceKind.PATH);
        assertThat(path.candidate()).isEqualTo("[C2]");
        assertThat(path.nodes()).containsExactly("DrugBank:DB00381", "NCBIGene:775", "DOID:10763");
        assertThat(path.rels()).containsExactly("BINDS", "ASSOCIATES");
        assertThat(path.directions()).containsExactly(true, false);
        assertThat(path.metapath()).isEqualTo("CbGaD");
        assertThat(path.entities()).containsExactly(new SlotEntity(null, "NCBIGene:775", "CACNA1C"));
        EvidenceItem trial = both.evidence().get(3);
        assertThat(trial.id()).isEqualTo("NCT:NCT00000102");
        assertThat(trial.phase()).isEqualTo("phase 3");
        assertThat(both.evidence().get(5).id()).isEqualTo("PMID:12345678");
    }

    @Test
    void variantsShowOnlyTheirEvidenceKindsAndRenumber() {
        assertThat(example(Variant.VANILLA).evidence()).extracting(EvidenceItem::kind)
                .containsOnly(EvidenceKind.PATH).hasSize(3);
        ExpRxRecExample publications = example(Variant.PUBLICATIONS);
        assertThat(publications.evidence()).extracting(EvidenceItem::slot)
                .containsExactly("[E1]", "[E2]", "[E3]", "[E4]");
        assertThat(publications.evidence().get(3).kind()).isEqualTo(EvidenceKind.PUBLICATION);
        assertThat(example(Variant.TRIALS).evidence()).extracting(EvidenceItem::kind)
                .doesNotContain(EvidenceKind.PUBLICATION).contains(EvidenceKind.TRIAL);
    }

    @Test
    void slotsReplaceWholeWordNamesInTitlesOnly() {
        List<ExampleAssembler.NameSlot> names = List.of(
                new ExampleAssembler.NameSlot("hypertension", "[D]"),
                new ExampleAssembler.NameSlot("Clonidine", "[C1]"));
        assertThat(ExampleAssembler.slotNames(
                "Naloxone reverses the antihypertensive effect of clonidine in \"Hypertension\".", names))
                .isEqualTo("Naloxone reverses the antihypertensive effect of [C1] in '[D]'.");
        assertThat(ExampleAssembler.shorten("word ".repeat(60))).hasSizeLessThanOrEqualTo(201).endsWith("word…");
    }

    @Test
    void anIntermediateNodeThatIsACandidateShowsAsItsSlot() {
        GraphPath throughWarfarin = ExampleFixtures.crctd(ExampleFixtures.AMLODIPINE, ExampleFixtures.WARFARIN,
                "Warfarin", true);
        CandidateEvidence amlodipine = new CandidateEvidence(ExampleFixtures.AMLODIPINE, "Amlodipine",
                List.of(throughWarfarin), List.of(), List.of());
        CandidateEvidence warfarin = new CandidateEvidence(ExampleFixtures.WARFARIN, "Warfarin",
                List.of(), List.of(), List.of());
        ExpRxRecExample example = ExampleAssembler.assemble("x", ExampleFixtures.HYPERTENSION, "hypertension",
                List.of(amlodipine, warfarin), 0, Variant.VANILLA, "test", "structural");
        assertThat(example.evidence().get(0).text()).isEqualTo("[C1] -RESEMBLES-> [C2] -TREATS-> [D]");
        assertThat(example.evidence().get(0).entities())
                .containsExactly(new SlotEntity("[C2]", ExampleFixtures.WARFARIN, "Warfarin"));
        assertThat(example.input()).endsWith("Evidence:\n[E1] [C1] -RESEMBLES-> [C2] -TREATS-> [D]");
    }

    @Test
    void anExampleWithoutEvidenceSaysSoAndServingExamplesHaveNoAnswer() {
        CandidateEvidence bare = new CandidateEvidence("DrugBank:DB1", "A", List.of(), List.of(), List.of());
        ExpRxRecExample example = ExampleAssembler.assemble("x", "DOID:1", "d", List.of(bare), -1, Variant.BOTH,
                null, null);
        assertThat(example.input()).isEqualTo("Disease: [D] d\nCandidates: [C1] A\nEvidence: none");
        assertThat(example.answer()).isNull();
    }
}
