package org.kedrec.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;

class ExpRxRecJsonTest {
    static ExpRxRecExample example() {
        SlotEntity disease = new SlotEntity("[D]", "DOID:10763", "hypertension");
        List<SlotEntity> candidates = List.of(
                new SlotEntity("[C1]", "DrugBank:DB00381", "Amlodipine"),
                new SlotEntity("[C2]", "DrugBank:DB00682", "Warfarin"));
        EvidenceItem path = new EvidenceItem("[E1]", EvidenceKind.PATH, "[C1]",
                "[C1] -BINDS-> CACNA1C <-ASSOCIATES- [D]", 0.031, null,
                List.of("DrugBank:DB00381", "NCBIGene:775", "DOID:10763"), List.of("BINDS", "ASSOCIATES"),
                List.of(true, false), "CbGaD", List.of(new SlotEntity(null, "NCBIGene:775", "CACNA1C")),
                null, null, null, null);
        EvidenceItem trial = new EvidenceItem("[E2]", EvidenceKind.TRIAL, "[C1]",
                "trial NCT00000000 (phase 3, completed): [C1] for [D]", 1.0, "NCT:NCT00000000",
                null, null, null, null, null, "phase 3", "completed", null, "A trial");
        List<EvidenceItem> evidence = List.of(path, trial);
        String input = PromptFormat.renderInput(disease, candidates, evidence);
        return new ExpRxRecExample("DOID:10763|DrugBank:DB00381|both", ExpRxRecExample.INSTRUCTION, input,
                "[C1]. [C1] binds CACNA1C, which is associated with [D] [E1].", disease, candidates, 0, "[C1]",
                evidence, "train", "both", "structural", "evidence-teacher/1");
    }

    @Test
    void rendersTheDocumentedLayout() {
        assertThat(example().input()).isEqualTo("""
                Disease: [D] hypertension
                Candidates: [C1] Amlodipine; [C2] Warfarin
                Evidence:
                [E1] [C1] -BINDS-> CACNA1C <-ASSOCIATES- [D]
                [E2] trial NCT00000000 (phase 3, completed): [C1] for [D]""");
        assertThat(example().evidenceFor("[C2]")).isEmpty();
    }

    @Test
    void roundTripsThroughJsonl(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("train.jsonl");
        ExpRxRecJson.write(file, List.of(example(), example()));
        assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"id\":"));
        assertThat(ExpRxRecJson.read(file)).containsExactly(example(), example());
    }

    @Test
    void aPathReadAsPharmacokineticSaysSoAndAnyOtherItemWritesNoSuchKey() {
        // Datasets never read binding roles: their JSON must stay byte for byte what it was (their hash decides
        // whether the demo retrains), so the key appears only where a path was found to be pharmacokinetic.
        String plain = ExpRxRecJson.toJson(example());
        assertThat(plain).doesNotContain("pharmacokinetic");
        EvidenceItem path = example().evidence().get(0);
        EvidenceItem pk = withRole(path, "transporter");
        assertThat(pk.isPharmacokinetic()).isTrue();
        assertThat(pk.pharmacokineticRole()).isEqualTo("transporter");
        assertThat(pk.withSlot("[E3]").pharmacokineticRole()).isEqualTo("transporter");
        assertThat(withRole(path, "false").pharmacokinetic()).as("false is not recorded").isNull();
        assertThat(withRole(path, null).isPharmacokinetic()).isFalse();
        ExpRxRecExample e = example();
        ExpRxRecExample withPk = new ExpRxRecExample(e.id(), e.instruction(), e.input(), e.output(), e.disease(),
                e.candidates(), e.label(), e.answer(), List.of(pk, e.evidence().get(1)), e.split(), e.variant(),
                e.negativeMethod(), e.teacher());
        String json = ExpRxRecJson.toJson(withPk);
        assertThat(json).contains("\"pharmacokinetic\":\"transporter\"");
        assertThat(ExpRxRecJson.fromJson(json)).isEqualTo(withPk);
        // a dataset of evidence-teacher/4 or /5 recorded the flag alone: still pharmacokinetic, the role unknown
        EvidenceItem older = ExpRxRecJson.fromJson(json.replace("\"pharmacokinetic\":\"transporter\"",
                "\"pharmacokinetic\":true")).evidence().get(0);
        assertThat(older.isPharmacokinetic()).isTrue();
        assertThat(older.pharmacokineticRole()).isNull();
    }

    private static EvidenceItem withRole(EvidenceItem path, String role) {
        return new EvidenceItem(path.slot(), path.kind(), path.candidate(), path.text(), path.score(), path.id(),
                path.nodes(), path.rels(), path.directions(), path.metapath(), path.entities(), null, null, null, null,
                0, role);
    }

    @Test
    void badLinesNameTheFileAndLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("bad.jsonl");
        Files.writeString(file, ExpRxRecJson.toJson(example()) + "\n{not json\n");
        assertThatThrownBy(() -> ExpRxRecJson.read(file))
                .hasMessageStartingWith(file + " line 2 is not an expRxRec JSON object");
    }
}
