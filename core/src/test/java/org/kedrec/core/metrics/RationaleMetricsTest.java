package org.kedrec.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.SlotEntity;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;

public class RationaleMetricsTest {
    public static ExpRxRecExample example() {
        SlotEntity disease = new SlotEntity("[D]", "DOID:10763", "hypertension");
        List<SlotEntity> candidates = List.of(new SlotEntity("[C1]", "DrugBank:DB00381", "Amlodipine"),
                new SlotEntity("[C2]", "DrugBank:DB00682", "Warfarin"));
        EvidenceItem path = new EvidenceItem("[E1]", EvidenceKind.PATH, "[C1]",
                "[C1] -BINDS-> CACNA1C <-ASSOCIATES- [D]", 0.1, null, List.of("DrugBank:DB00381", "NCBIGene:775",
                "DOID:10763"), List.of("BINDS", "ASSOCIATES"), List.of(true, false), "CbGaD",
                List.of(new SlotEntity(null, "NCBIGene:775", "CACNA1C")), null, null, null, null);
        EvidenceItem trial = new EvidenceItem("[E2]", EvidenceKind.TRIAL, "[C1]",
                "trial NCT00000001 (phase 3, completed): [C1] for [D]", 3, "NCT:NCT00000001", null, null, null, null,
                null, "phase 3", "completed", null, "A trial");
        return new ExpRxRecExample("x", ExpRxRecExample.INSTRUCTION, "", "", disease, candidates, 0, "[C1]",
                List.of(path, trial), "test", "both", "embedding", "evidence-teacher/1");
    }

    @Test
    void rougeLIsTheLcsF1OverWordsAndSlots() {
        assertThat(RougeL.f1("[C1] binds CACNA1C [E1]", "[C1] binds CACNA1C [E1]")).isEqualTo(1.0);
        // LCS "[c1] binds [e1]" = 3 of 4 and 3 of 5 tokens: F1 = 2 * 0.75 * 0.6 / 1.35.
        assertThat(RougeL.f1("[C1] binds KCNJ11 [E1]", "[C1] binds CACNA1C strongly [E1]"))
                .isCloseTo(2 * 0.75 * 0.6 / 1.35, within(1e-12));
        assertThat(RougeL.f1("", "")).isEqualTo(1.0);
        assertThat(RougeL.f1("something", "")).isEqualTo(0.0);
        assertThat(RougeL.tokens("[E12]'s IL-6")).containsExactly("[e12]", "s", "il", "6");
    }

    @Test
    void faithfulnessCountsSlotsIdsAndNamesAgainstTheExample() {
        EntityLexicon lexicon = new EntityLexicon(List.of("CACNA1C", "KCNJ11", "hypertension", "Amlodipine",
                "type 2 diabetes mellitus"));
        Faithfulness.Result good = Faithfulness.check(
                "[C1]. [C1] binds CACNA1C, a gene associated with [D] [E1]; trial NCT00000001 [E2].", example(),
                lexicon);
        assertThat(good.unsupported()).isEmpty();
        assertThat(good.mentions()).isEqualTo(7); // 5 slots, 1 id, 1 name
        assertThat(good.score()).isEqualTo(1.0);
        Faithfulness.Result bad = Faithfulness.check(
                "[C1] binds KCNJ11 [E3], tested in NCT09999999 for type 2 diabetes mellitus.", example(), lexicon);
        assertThat(bad.unsupported()).containsExactly("[E3]", "NCT09999999", "KCNJ11", "type 2 diabetes mellitus");
        assertThat(bad.score()).isCloseTo(1.0 / 5, within(1e-12));
        assertThat(Faithfulness.check("No mention at all.", example(), lexicon).score()).isEqualTo(1.0);
    }

    @Test
    void mentionsCutWordsTheWayTheDecoderDoes() {
        assertThat(Mentions.words("[C1]'s target IL-6 (NCT:NCT0001) [E2].")).containsExactly("'s", "target", "IL-6",
                "NCT:NCT0001");
        assertThat(Mentions.ids("PMID 123 and NCT01234567 and DOID:1324 [E1]")).containsExactly("PMID 123",
                "NCT01234567", "DOID:1324");
        assertThat(new EntityLexicon(List.of("type 2 diabetes mellitus", "X"))
                .mentions(Mentions.words("has type 2 diabetes mellitus, X"))).containsExactly(
                "type 2 diabetes mellitus");
    }
}
