package org.kedrec.core.rationale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kedrec.core.dataset.ExampleAssembler;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.Variant;
import org.kedrec.core.evidence.CandidateEvidence;
import org.kedrec.core.evidence.PublicationRecord;
import org.kedrec.core.evidence.TrialRecord;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.serving.Explainer;

/**
 * Pins the claim reader on hand-written rationales about one example: Losartan ([C1], relevant) and Fenoterol
 * ([C2]) for hypertension. Evidence: [E1] Losartan binds AGTR1, associated with hypertension; [E2] Losartan is in
 * the class ARB with Candesartan, which treats hypertension; [E3] a completed, successful phase 3 trial and [E4] a
 * terminated, failed phase 2 trial (79 trials in the graph); [E5] one publication; [E6] Fenoterol binds LTB4R,
 * associated with hypertension. Each defect of issue 13 is one test.
 */
class ClaimReaderTest {
    static final String HYPERTENSION = "DOID:10763";
    static final String LOSARTAN = "DrugBank:DB00678";
    static final String FENOTEROL = "DrugBank:DB01288";

    static GraphPath path(String metapath, List<String> ids, List<String> names, List<String> labels,
            List<String> rels, double score) {
        List<Boolean> directions = rels.stream().map(r -> true).toList();
        List<Long> degrees = rels.stream().flatMap(r -> java.util.stream.Stream.of(1L, 1L)).toList();
        return new GraphPath(metapath, ids, names, labels, rels, directions, degrees, score);
    }

    static CandidateEvidence losartan() {
        return new CandidateEvidence(LOSARTAN, "Losartan", List.of(
                path("CbGaD", List.of(LOSARTAN, "NCBIGene:185", HYPERTENSION), List.of("Losartan", "AGTR1",
                        "hypertension"), List.of("Drug", "Gene", "Disease"), List.of("BINDS", "ASSOCIATES"), 0.2),
                path("CiPCiCtD", List.of(LOSARTAN, "NDFRT:N0000175561", "DrugBank:DB00796", HYPERTENSION),
                        List.of("Losartan", "Angiotensin 2 Receptor Blocker", "Candesartan", "hypertension"),
                        List.of("Drug", "PharmacologicClass", "Drug", "Disease"),
                        List.of("INCLUDES", "INCLUDES", "TREATS"), 0.1)),
                List.of(new TrialRecord("NCT:NCT00000102", "A", "phase 3", "completed", "success", null),
                        new TrialRecord("NCT:NCT00649311", "B", "phase 2", "terminated", "failure", null)),
                List.of(new PublicationRecord("PMID:12345678", "Losartan in hypertension", 2.0)), 79, 1);
    }

    static CandidateEvidence fenoterol() {
        return new CandidateEvidence(FENOTEROL, "Fenoterol", List.of(
                path("CbGaD", List.of(FENOTEROL, "NCBIGene:1241", HYPERTENSION), List.of("Fenoterol", "LTB4R",
                        "hypertension"), List.of("Drug", "Gene", "Disease"), List.of("BINDS", "ASSOCIATES"), 0.01)),
                List.of(), List.of(), 0, 0);
    }

    static ExpRxRecExample example() {
        return ExampleAssembler.assemble("x", HYPERTENSION, "hypertension", List.of(losartan(), fenoterol()), 0,
                Variant.BOTH, "test", "structural");
    }

    static ClaimReader.Reading read(String text) {
        return ClaimReader.read(example(), text);
    }

    @Test
    void theTeacherLeadsWithTheMechanismAndEveryClaimIsTrue() {
        String teacher = EvidenceTeacher.rationale(example());
        assertThat(teacher).isEqualTo("[C1]. [C1] binds AGTR1, a gene associated with [D] [E1]; it also shares the "
                + "class Angiotensin 2 Receptor Blocker with Candesartan, which treats [D] [E2]. It was tested for "
                + "[D] in 79 trials; the strongest is NCT00000102 (phase 3, completed, succeeded) [E3]. NCT00649311 "
                + "(phase 2, terminated, failed) [E4] did not succeed. It is "
                + "mentioned with [D] in PMID 12345678 [E5]. [C2] is linked to [D] [E6] but has no trial or "
                + "publication for it.");
        ClaimReader.Reading reading = read(teacher);
        assertThat(reading.clean()).as(reading.toString()).isTrue();
        assertThat(reading.selection()).isEqualTo("[C1]");
        assertThat(reading.sentences()).isEqualTo(6);
        assertThat(reading.claims()).extracting(Claim::key).contains(
                "PATH_EDGE|[C1]|BINDS|AGTR1", "PATH_EDGE|AGTR1|ASSOCIATES|[D]",
                "PATH_EDGE|[C1]|INCLUDES|Angiotensin 2 Receptor Blocker",
                "COUNT|[C1]|COUNT_TRIAL|79", "STRONGEST|[C1]|STRONGEST|NCT00000102",
                "NOT_SUPPORTING|[C1]|NOT_SUPPORTING|NCT00649311", "PUBLICATION|[C1]|MENTIONED_IN|PMID 12345678",
                "ABSENCE|[C2]|NO_TRIAL|[D]");
        assertThat(reading.claims()).allMatch(Claim::faithful);
    }

    @Test
    void aBindingsRoleIsAClaimTrueOnlyWhereTheEvidenceRecordsThatRole() {
        // Served with the roles read: Fenoterol binds LTB4R only as DrugBank's transporter (hypothetically).
        CandidateEvidence handled = new CandidateEvidence(FENOTEROL, "Fenoterol", List.of(
                fenoterol().paths().get(0).pharmacokinetic("transporter")), List.of(), List.of(), 0, 0);
        ExpRxRecExample example = ExampleAssembler.assemble("x", HYPERTENSION, "hypertension",
                List.of(losartan(), handled), 1, Variant.BOTH, "test", "structural");
        String teacher = EvidenceTeacher.rationale(example);
        assertThat(teacher).startsWith("[C2]. [C2] binds its transporter LTB4R, a gene associated with [D] [E6].");
        ClaimReader.Reading reading = ClaimReader.read(example, teacher);
        assertThat(reading.clean()).as(reading.toString()).isTrue();
        assertThat(reading.claims()).extracting(Claim::key).contains(
                "BINDING_ROLE|[C2]|PHARMACOKINETIC_ROLE|transporter LTB4R", "PATH_EDGE|[C2]|BINDS|LTB4R");
        assertThat(reading.claims()).allMatch(Claim::faithful);
        // the wrong role, and a role for a binding the evidence does not call pharmacokinetic, are false claims
        assertThat(ClaimReader.read(example, "[C2]. [C2] binds its enzyme LTB4R, a gene associated with [D] [E6].")
                .unfaithful()).extracting(Claim::key)
                .containsExactly("BINDING_ROLE|[C2]|PHARMACOKINETIC_ROLE|enzyme LTB4R");
        assertThat(read("[C1]. [C1] binds its transporter AGTR1, a gene associated with [D] [E1].").unfaithful())
                .extracting(Claim::key).containsExactly("BINDING_ROLE|[C1]|PHARMACOKINETIC_ROLE|transporter AGTR1");
        // a role the grammar has no word for names no gene of the evidence: "its receptor AGTR1" is bound nowhere
        assertThat(read("[C1]. [C1] binds its receptor AGTR1, a gene associated with [D] [E1].").unfaithful())
                .extracting(Claim::key).contains("PATH_EDGE|[C1]|BINDS|its receptor AGTR1");
    }

    @Test
    void notAKnownTreatmentIsTrueOnlyOfADatasetsHardNegative() {
        // Served, the candidates are the user's: both may treat the disease (kedrec.select said this of Amlodipine
        // for hypertension, which the graph lists as a treatment), so nothing establishes it.
        ExpRxRecExample dataset = example();
        ExpRxRecExample served = ExampleAssembler.assemble("x|select", HYPERTENSION, "hypertension",
                List.of(losartan(), fenoterol()), -1, Variant.BOTH, null, null);
        String sentence = "[C1]. [C2] is also linked to [D] [E6], but is not among its known treatments.";
        assertThat(ClaimReader.read(dataset, sentence).unfaithful()).isEmpty();
        assertThat(ClaimReader.read(served, sentence).unfaithful()).extracting(Claim::relation)
                .containsExactly("NOT_A_KNOWN_TREATMENT");
        // Nor of the relevant drug, when a rationale argues for the negative.
        assertThat(ClaimReader.read(dataset, "[C2]. [C1] is also linked to [D] [E1], but is not among its known "
                + "treatments.").unfaithful()).extracting(Claim::relation).containsExactly("NOT_A_KNOWN_TREATMENT");
        // The teacher's contrast (and so the claim grammar's) says it only where it is true.
        ExpRxRecExample servedForFenoterol = Explainer.relabel(served, 1);
        assertThat(EvidenceTeacher.contrast(servedForFenoterol, "[C2]", "[C1]"))
                .isEqualTo("[C1] is also linked to [D] [E1].");
        assertThat(ClaimReader.read(servedForFenoterol, "[C2]. [C2] binds LTB4R, a gene associated with [D] [E6]. "
                + "[C1] is also linked to [D] [E1].").clean()).isTrue();
        assertThat(EvidenceTeacher.contrast(dataset, "[C2]", "[C1]")).isEqualTo("[C1] is also linked to [D] [E1].");
        assertThat(EvidenceTeacher.contrast(Explainer.relabel(dataset, 1), "[C2]", "[C1]"))
                .isEqualTo("[C1] is also linked to [D] [E1].");
        assertThat(EvidenceTeacher.contrast(dataset, "[C1]", "[C2]")).doesNotContain("known treatments");
    }

    @Test
    void aDrugWithoutEvidenceIsCalledATreatmentOnlyWhereTheExampleKnowsIt() {
        CandidateEvidence bare = new CandidateEvidence("DrugBank:DB00001", "Lepirudin", List.of(), List.of(),
                List.of());
        String sentence = "[C1]. No evidence here links [C1] to [D]; it is chosen as a disease-modifying treatment "
                + "of [D]. Nothing in the evidence links [C2] to [D].";
        ExpRxRecExample dataset = ExampleAssembler.assemble("x", HYPERTENSION, "hypertension",
                List.of(bare, new CandidateEvidence("DrugBank:DB00002", "Cetuximab", List.of(), List.of(),
                        List.of())), 0, Variant.BOTH, "test", "structural");
        assertThat(ClaimReader.read(dataset, sentence).clean()).as(ClaimReader.read(dataset, sentence).toString())
                .isTrue();
        assertThat(EvidenceTeacher.rationale(dataset)).isEqualTo(sentence);
        // Explained at serving time (kedrec.explain, kedrec.recommend), the drug is the model's or the user's.
        ExpRxRecExample served = Explainer.relabel(dataset, 0);
        assertThat(ClaimReader.read(served, sentence).unfaithful()).extracting(Claim::relation)
                .containsExactly("KNOWN_TREATMENT");
        assertThat(EvidenceTeacher.rationale(served))
                .isEqualTo("[C1]. No evidence here links [C1] to [D]. Nothing in the evidence links [C2] to [D].");
        assertThat(ClaimReader.read(served, EvidenceTeacher.rationale(served)).clean()).isTrue();
    }

    @Test
    void aDrugDoesNotResembleAGene() {
        ClaimReader.Reading reading = read("[C1]. [C2] resembles LTB4R, which treats [D] [E6].");
        assertThat(reading.unparseable()).isEmpty();
        assertThat(reading.unfaithful()).extracting(Claim::key)
                .containsExactly("PATH_EDGE|[C2]|RESEMBLES|LTB4R", "PATH_EDGE|LTB4R|TREATS|[D]");
        assertThat(read("[C1]. [C2] binds LTB4R, a gene associated with [D] [E6].").clean()).isTrue();
    }

    @Test
    void aSharedGeneIsNotCalledATargetAndTheNeutralWordingReadsAsTwoBindings() {
        // Losartan and Irbesartan both bind CYP2C9, an enzyme of both: the teacher says so without "target"
        GraphPath shared = path("CbGbCtD", List.of(LOSARTAN, "NCBIGene:1559", "DrugBank:DB01029", HYPERTENSION),
                List.of("Losartan", "CYP2C9", "Irbesartan", "hypertension"), List.of("Drug", "Gene", "Drug", "Disease"),
                List.of("BINDS", "BINDS", "TREATS"), 0.3);
        ExpRxRecExample example = ExampleAssembler.assemble("x", HYPERTENSION, "hypertension", List.of(
                new CandidateEvidence(LOSARTAN, "Losartan", List.of(shared), List.of(), List.of(), 0, 0),
                fenoterol()), 0, Variant.VANILLA, "test", "structural");
        String teacher = EvidenceTeacher.rationale(example);
        assertThat(teacher).startsWith("[C1]. [C1] binds CYP2C9, as does Irbesartan, which treats [D] [E1].")
                .doesNotContain("target");
        ClaimReader.Reading reading = ClaimReader.read(example, teacher);
        assertThat(reading.clean()).as(reading.toString()).isTrue();
        assertThat(reading.claims()).extracting(Claim::key).contains("PATH_EDGE|[C1]|BINDS|CYP2C9",
                "PATH_EDGE|CYP2C9|BINDS|Irbesartan", "PATH_EDGE|Irbesartan|TREATS|[D]");
        // the former wording is outside the grammar now
        assertThat(ClaimReader.read(example, "[C1]. [C1] shares the target CYP2C9 with Irbesartan, which treats "
                + "[D] [E1].").clean()).isFalse();
    }

    @Test
    void aTrialIsNotAClass() {
        ClaimReader.Reading reading = read(
                "[C1]. [C1] shares the class NCT00000102 with Candesartan, which treats [D] [E2].");
        assertThat(reading.unfaithful()).extracting(Claim::key)
                .containsExactly("PATH_EDGE|[C1]|INCLUDES|NCT00000102",
                        "PATH_EDGE|NCT00000102|INCLUDES|Candesartan");
        // The right class, but cited against the wrong item, is not faithful either: the claim must be in its item.
        assertThat(read("[C1]. [C1] shares the class Angiotensin 2 Receptor Blocker with Candesartan, which treats "
                + "[D] [E1].").unfaithful()).hasSize(3);
    }

    @Test
    void aLoopIsARepeatAndOutsideTheGrammar() {
        ClaimReader.Reading reading = read("[C1]. It the strongest links [D] in the strongest links [D] in the "
                + "strongest links [D] in the strongest links [D].");
        assertThat(reading.unparseable()).hasSize(1);
        assertThat(reading.repeats()).contains("the strongest links");
        ClaimReader.Reading twice = read("[C1]. [C1] binds AGTR1, a gene associated with [D] [E1]; it also binds "
                + "AGTR1, a gene associated with [D] [E1].");
        assertThat(twice.repeats()).hasSize(1);
        assertThat(twice.unfaithful()).isEmpty();
    }

    @Test
    void testedInTrialsButWithoutATrialIsAContradiction() {
        ClaimReader.Reading reading = read("[C1]. [C1] was tested for [D] in 79 trials. "
                + "[C1] is linked to [D] [E1] but has no trial for it.");
        assertThat(reading.contradictions()).isNotEmpty();
        assertThat(reading.unfaithful()).extracting(Claim::key).containsExactly("ABSENCE|[C1]|NO_TRIAL|[D]");
    }

    @Test
    void gluedWordsAreFoundButNamesWithCapitalsAreNot() {
        ClaimReader.Reading reading = read("[C1]. [C1] binds AGTR1, a gene associated with [D] [E1]; it also "
                + "treatsCandesartan's best link.");
        assertThat(reading.gluedWords()).containsExactly("treatsCandesartan's");
        assertThat(reading.unparseable()).hasSize(1);
        assertThat(read("[C1]. [C1] binds AGTR1, a gene associated with[D] [E1].").gluedWords())
                .containsExactly("with[D]");
        assertThat(read("[C1]. [C1] binds AGTR1, a gene associated with [D] [E1].").gluedWords()).isEmpty();
    }

    @Test
    void anEvidenceSlotWhereANameBelongsIsUnfilled() {
        ClaimReader.Reading reading = read("[C1]. [C1] resembles [E1], which treats [D] [E2].");
        assertThat(reading.unfilledSlots()).contains("resembles [E1]");
        assertThat(reading.unfaithful()).isNotEmpty();
        assertThat(read("[C1]. [C1] binds AGTR1, a gene associated with [E1].").unfilledSlots()).isNotEmpty();
    }

    @Test
    void countsAreTheGraphsAndTheStrongestTrialIsNeverAStoppedOne() {
        // The graph links 79 trials to the pair: "3 trials" counts what is cited, and is false.
        assertThat(read("[C1]. [C1] was tested for [D] in 2 trials [E3][E4].").unfaithful())
                .extracting(Claim::key).containsExactly("COUNT|[C1]|COUNT_TRIAL|2");
        assertThat(read("[C1]. [C1] was tested for [D] in at least 2 trials [E3][E4].").clean()).isTrue();
        assertThat(read("[C1]. [C1] was tested for [D] in 79 trials; the strongest is "
                + "NCT00649311 (phase 2, terminated, failed) [E4].").unfaithful()).extracting(Claim::key)
                .containsExactly("STRONGEST|[C1]|STRONGEST|NCT00649311");
        // A wrong phase or outcome is a false claim about the trial.
        assertThat(read("[C1]. [C1] was tested for [D] in 79 trials; the strongest is "
                + "NCT00000102 (phase 2, completed, succeeded) [E3].").unfaithful()).hasSize(1);
        // Trials and publications belong to their drug: Fenoterol has none.
        assertThat(read("[C1]. [C2] was tested for [D] in trial NCT00000102 (phase 3, completed, succeeded) "
                + "[E3].").unfaithful()).hasSize(1);
        assertThat(read("[C1]. [C2] is mentioned with [D] in PMID 12345678 [E5].").unfaithful()).hasSize(1);
    }

    @Test
    void readsTheFirstTeachersFormat() {
        // evidence-teacher/1 counted the cited trials and called the first-listed one the strongest.
        ClaimReader.Reading reading = read("[C1]. [C1] binds AGTR1, a gene associated with [D] [E1]. It was tested "
                + "for [D] in 2 trials, the strongest NCT00649311 (phase 2, terminated, failed) [E3][E4].");
        assertThat(reading.unparseable()).isEmpty();
        assertThat(reading.unfaithful()).extracting(Claim::key).containsExactly(
                "COUNT|[C1]|COUNT_TRIAL|2", "STRONGEST|[C1]|STRONGEST|NCT00649311");
    }

    @Test
    void aRationaleThatDoesNotOpenWithACandidateDoesNotParse() {
        ClaimReader.Reading reading = read("Losartan binds AGTR1.");
        assertThat(reading.selection()).isNull();
        assertThat(reading.unparseable()).hasSize(1);
        assertThat(read("").sentences()).isZero();
    }
}
