package org.kedrec.core.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.PromptFormat;
import org.kedrec.core.dataset.SlotEntity;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;

/**
 * Small hand-made expRxRec examples in the dataset's shape for unit tests: fresh random names every time, a
 * relevant candidate whose evidence (a bound gene associated with the disease, a completed trial) the rationale
 * cites, and a negative with weaker evidence (an unrelated gene path).
 */
final class SyntheticExamples {
    private static final String LETTERS = "ABCDEFGHIKLMNPRSTVWXYZ";

    private SyntheticExamples() {}

    static String name(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return out.append(1 + random.nextInt(9)).toString();
    }

    static String drug(Random random) {
        String stem = name(random, 5).toLowerCase(java.util.Locale.ENGLISH);
        return Character.toUpperCase(stem.charAt(0)) + stem.substring(1, 5) + "mab";
    }

    static ExpRxRecExample example(Random random, String split) {
        SlotEntity disease = new SlotEntity("[D]", "DOID:" + (1000 + random.nextInt(9000)),
                name(random, 4).toLowerCase(java.util.Locale.ENGLISH) + " disease");
        int label = random.nextInt(2);
        List<SlotEntity> candidates = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            candidates.add(new SlotEntity(SlotEntity.candidateSlot(i), "DrugBank:DB0" + (1000 + random.nextInt(8999)),
                    drug(random)));
        }
        String good = SlotEntity.candidateSlot(label);
        String bad = SlotEntity.candidateSlot(1 - label);
        List<EvidenceItem> evidence = new ArrayList<>();
        String gene = name(random, 4);
        String otherGene = name(random, 4);
        String nct = "NCT0" + (1000000 + random.nextInt(8999999));
        List<EvidenceItem> items = new ArrayList<>();
        items.add(path(good, gene, "BINDS", "ASSOCIATES"));
        items.add(path(bad, otherGene, "DOWNREGULATES", "UPREGULATES"));
        items.add(new EvidenceItem(null, EvidenceKind.TRIAL, good,
                "trial " + nct + " (phase 3, completed): " + good + " for [D]", 1.0, "NCT:" + nct,
                null, null, null, null, null, "phase 3", "completed", null, "A trial"));
        if (random.nextBoolean()) {
            java.util.Collections.reverse(items);
        }
        for (int i = 0; i < items.size(); i++) {
            evidence.add(items.get(i).withSlot(PromptFormat.evidenceSlot(i)));
        }
        String geneSlot = evidence.stream().filter(e -> e.text().contains(" " + gene + " ")).findFirst()
                .orElseThrow().slot();
        String trialSlot = evidence.stream().filter(e -> e.kind() == EvidenceKind.TRIAL).findFirst()
                .orElseThrow().slot();
        String output = good + ". " + good + " binds " + gene + ", which is associated with [D] " + geneSlot
                + "; it was tested for [D] in a completed phase 3 trial " + trialSlot + ".";
        String input = PromptFormat.renderInput(disease, candidates, evidence);
        return new ExpRxRecExample(disease.id() + "|" + candidates.get(label).id() + "|both",
                ExpRxRecExample.INSTRUCTION, input, output, disease, candidates, label, good, evidence, split,
                "both", "structural", "evidence-teacher/1");
    }

    private static EvidenceItem path(String candidate, String gene, String rel1, String rel2) {
        return new EvidenceItem(null, EvidenceKind.PATH, candidate,
                candidate + " -" + rel1 + "-> " + gene + " <-" + rel2 + "- [D]", 0.5, null,
                List.of("DrugBank:DB00001", "NCBIGene:1", "DOID:1"), List.of(rel1, rel2), List.of(true, false),
                "CbGaD", List.of(new SlotEntity(null, "NCBIGene:1", gene)), null, null, null, null);
    }

    static List<ExpRxRecExample> examples(long seed, int n, String split) {
        Random random = new Random(seed);
        List<ExpRxRecExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(example(random, split));
        }
        return out;
    }
}
