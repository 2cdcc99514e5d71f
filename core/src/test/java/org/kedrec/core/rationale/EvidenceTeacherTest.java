package org.kedrec.core.rationale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kedrec.core.dataset.ExampleFixtures.example;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kedrec.core.dataset.ExampleAssembler;
import org.kedrec.core.dataset.ExampleFixtures;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.Variant;
import org.kedrec.core.evidence.CandidateEvidence;
import org.kedrec.core.evidence.Citations;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.graph.Metapaths;

class EvidenceTeacherTest {
    private final EvidenceTeacher teacher = new EvidenceTeacher();

    @Test
    void explainsTheRelevantDrugFromItsOwnEvidenceAndContrastsTheOther() {
        assertThat(teacher.answer(example(Variant.BOTH))).isEqualTo(new Teacher.Answer(
                "[C2]. [C2] binds CACNA1C, a gene associated with [D] [E2]; it also resembles Nifedipine, which "
                        + "treats [D] [E3]. It was tested for [D] in at least 2 trials; the strongest is "
                        + "NCT00000102 (phase 3, completed, succeeded) [E4]. NCT00000101 (phase 2, terminated) [E5] "
                        + "did not succeed. It is mentioned with [D] in PMID 12345678 [E6]. [C1] is "
                        + "linked to [D] [E1] but has no trial or publication for it.",
                EvidenceTeacher.NAME));
        assertThat(EvidenceTeacher.rationale(example(Variant.VANILLA))).isEqualTo(
                "[C2]. [C2] binds CACNA1C, a gene associated with [D] [E2]; it also resembles Nifedipine, which "
                        + "treats [D] [E3]. [C1]'s best link [E1] runs through less specific, highly connected "
                        + "nodes.");
    }

    @Test
    void everyRationaleCitesOnlyWhatItsExampleHolds() {
        List<ExpRxRecExample> examples = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            examples.add(example(variant));
            for (int label = 0; label < 2; label++) {
                examples.add(ExampleAssembler.assemble("x", ExampleFixtures.HYPERTENSION, "hypertension",
                        List.of(ExampleFixtures.amlodipine(), ExampleFixtures.warfarin()), label, variant,
                        "train", "structural"));
            }
        }
        for (ExpRxRecExample example : examples) {
            String output = EvidenceTeacher.rationale(example);
            assertThat(Citations.unknown(example, output)).as(output).isEmpty();
            ClaimReader.Reading reading = ClaimReader.read(example, output);
            assertThat(reading.clean()).as(output + "\n" + reading).isTrue();
            assertThat(Citations.selection(output)).contains(example.answer());
            assertThat(Citations.cited(output)).as(output).contains("[D]", example.answer());
            int words = output.split("\\s+").length;
            assertThat(words).as(output).isBetween(15, 80);
        }
    }

    @Test
    void saysSoWhenNothingLinksTheRelevantDrug() {
        CandidateEvidence bare = new CandidateEvidence("DrugBank:DB00001", "Lepirudin", List.of(), List.of(),
                List.of());
        ExpRxRecExample example = ExampleAssembler.assemble("x", ExampleFixtures.HYPERTENSION, "hypertension",
                List.of(bare, ExampleFixtures.warfarin()), 0, Variant.BOTH, "test", "structural");
        assertThat(EvidenceTeacher.rationale(example)).isEqualTo(
                "[C1]. No evidence here links [C1] to [D]; it is chosen as a disease-modifying treatment of [D]. "
                        + "[C2] is also linked to [D] [E1], but is not among its known treatments.");
        ExpRxRecExample none = ExampleAssembler.assemble("x", ExampleFixtures.HYPERTENSION, "hypertension",
                List.of(ExampleFixtures.warfarin(), bare), 0, Variant.VANILLA, "test", "structural");
        assertThat(EvidenceTeacher.rationale(none)).isEqualTo(
                "[C1]. [C1] binds CYP2C9, a gene associated with [D] [E1]. Nothing in the evidence links [C2] to [D].");
    }

    @Test
    void verbalisesEveryCatalogueMetapath() {
        for (Metapath metapath : Metapaths.DEFAULT) {
            List<String> ids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i <= metapath.length(); i++) {
                ids.add(i == 0 ? "DrugBank:DB00001" : i == metapath.length() ? "DOID:1" : "X:" + i);
                names.add("N" + i);
            }
            List<Long> degrees = new ArrayList<>();
            List<Boolean> dirs = new ArrayList<>();
            for (int i = 0; i < metapath.length(); i++) {
                degrees.add(1L);
                degrees.add(1L);
                dirs.add(true);
            }
            GraphPath path = new GraphPath(metapath.abbreviation(), ids, names, metapath.labels(),
                    metapath.types(), dirs, degrees, 1.0);
            ExpRxRecExample example = ExampleAssembler.assemble("x", "DOID:1", "d",
                    List.of(new CandidateEvidence("DrugBank:DB00001", "a", List.of(path), List.of(), List.of())),
                    0, Variant.VANILLA, "train", "structural");
            String words = EvidenceTeacher.verbalise(example.evidence().get(0), example);
            assertThat(words).as(metapath.abbreviation()).doesNotStartWith("is linked to");
            for (int i = 1; i < metapath.length(); i++) {
                assertThat(words).as(metapath.abbreviation()).contains("N" + i);
            }
            assertThat(words).contains("[D]");
        }
    }

    @Test
    void leadsWithAMechanismPathWhenItIsGivenOne() {
        CandidateEvidence similarityFirst = new CandidateEvidence(ExampleFixtures.AMLODIPINE, "Amlodipine",
                List.of(ExampleFixtures.crctd(ExampleFixtures.AMLODIPINE, ExampleFixtures.NIFEDIPINE, "Nifedipine",
                        true), ExampleFixtures.cbgad(ExampleFixtures.AMLODIPINE, "NCBIGene:775", "CACNA1C", 15)),
                List.of(), List.of());
        ExpRxRecExample example = ExampleAssembler.assemble("x", ExampleFixtures.HYPERTENSION, "hypertension",
                List.of(similarityFirst), 0, Variant.VANILLA, "test", "structural");
        assertThat(EvidenceTeacher.rationale(example)).isEqualTo("[C1]. [C1] binds CACNA1C, a gene associated "
                + "with [D] [E2]; it also resembles Nifedipine, which treats [D] [E1].");
    }

    @Test
    void doesNotLeadWithABindingThatIsOnlyPharmacokinetic() {
        // Served with the roles read, CACNA1C as an enzyme of Amlodipine: the path is pharmacokinetic, no mechanism
        // of action, and the rationale leads with the similarity path (the order the reader's path list has too),
        // then says what the protein is to the drug.
        GraphPath enzyme = ExampleFixtures.cbgad(ExampleFixtures.AMLODIPINE, "NCBIGene:775", "CACNA1C", 15)
                .pharmacokinetic("enzyme");
        CandidateEvidence served = new CandidateEvidence(ExampleFixtures.AMLODIPINE, "Amlodipine",
                List.of(ExampleFixtures.crctd(ExampleFixtures.AMLODIPINE, ExampleFixtures.NIFEDIPINE, "Nifedipine",
                        true), enzyme), List.of(), List.of());
        ExpRxRecExample example = ExampleAssembler.assemble("x", ExampleFixtures.HYPERTENSION, "hypertension",
                List.of(served), 0, Variant.VANILLA, "test", "structural");
        assertThat(example.evidence().get(1).isPharmacokinetic()).isTrue();
        assertThat(example.evidence().get(1).pharmacokineticRole()).isEqualTo("enzyme");
        String rationale = EvidenceTeacher.rationale(example);
        assertThat(rationale).isEqualTo("[C1]. [C1] resembles Nifedipine, which treats [D] "
                + "[E1]; it also binds its enzyme CACNA1C, a gene associated with [D] [E2].");
        // and the claim reader reads the role back as a claim the evidence holds
        ClaimReader.Reading reading = ClaimReader.read(example, rationale);
        assertThat(reading.claims()).filteredOn(c -> c.kind() == Claim.Kind.BINDING_ROLE).singleElement()
                .satisfies(c -> assertThat(c.object()).isEqualTo("enzyme CACNA1C"))
                .satisfies(c -> assertThat(c.faithful()).isTrue());
        assertThat(reading.claims()).allMatch(Claim::faithful);
    }

    @Test
    void refusesExamplesWithoutALabel() {
        CandidateEvidence bare = new CandidateEvidence("DrugBank:DB00001", "a", List.of(), List.of(), List.of());
        ExpRxRecExample unlabeled = ExampleAssembler.assemble("serve-1", "DOID:1", "d", List.of(bare), -1,
                Variant.VANILLA, null, null);
        assertThatThrownBy(() -> EvidenceTeacher.rationale(unlabeled)).hasMessage(
                "Example serve-1 has no known label (label -1 of 1 candidates); the evidence teacher only answers "
                        + "examples whose relevant drug is known.");
    }
}
