package org.kedrec.trainer.student;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.PromptFormat;
import org.kedrec.core.dataset.SlotEntity;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;

/** Small hand-made examples in the evidence teacher's style, with fresh random names (tests only). */
final class TinyData {
    private static final String LETTERS = "ABCDEFGHIKLMNPRSTVWXYZ";

    private TinyData() {}

    static String name(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return out.append(1 + random.nextInt(9)).toString();
    }

    static ExpRxRecExample example(Random random, String split, String variant) {
        SlotEntity disease = new SlotEntity("[D]", "DOID:" + (1000 + random.nextInt(9000)),
                name(random, 4).toLowerCase(Locale.ENGLISH) + " disease");
        int label = random.nextInt(2);
        List<SlotEntity> candidates = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            candidates.add(new SlotEntity(SlotEntity.candidateSlot(i), "DrugBank:DB0" + (1000 + random.nextInt(8999)),
                    name(random, 5).toLowerCase(Locale.ENGLISH) + "mab"));
        }
        String good = SlotEntity.candidateSlot(label);
        String bad = SlotEntity.candidateSlot(1 - label);
        String gene = name(random, 4);
        String otherGene = name(random, 4);
        String nct = "NCT0" + (1000000 + random.nextInt(8999999));
        List<EvidenceItem> items = new ArrayList<>();
        items.add(new EvidenceItem(null, EvidenceKind.PATH, good, good + " -BINDS-> " + gene + " <-ASSOCIATES- [D]",
                0.5, null, List.of(), List.of(), List.of(), "CbGaD", List.of(new SlotEntity(null, "NCBIGene:1", gene)),
                null, null, null, null));
        if (!"vanilla".equals(variant)) {
            items.add(new EvidenceItem(null, EvidenceKind.TRIAL, good,
                    "trial " + nct + " (phase 3, completed): " + good + " for [D]", 3, "NCT:" + nct,
                    null, null, null, null, null, "phase 3", "completed", null, "A trial"));
        }
        items.add(new EvidenceItem(null, EvidenceKind.PATH, bad,
                bad + " -DOWNREGULATES-> " + otherGene + " <-UPREGULATES- [D]", 0.2, null, List.of(), List.of(),
                List.of(), "CdGuD", List.of(new SlotEntity(null, "NCBIGene:2", otherGene)), null, null, null, null));
        List<EvidenceItem> evidence = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            evidence.add(items.get(i).withSlot(PromptFormat.evidenceSlot(i)));
        }
        StringBuilder output = new StringBuilder(good + ". " + good + " binds " + gene
                + ", a gene associated with [D] [E1].");
        if (!"vanilla".equals(variant)) {
            output.append(" It was tested for [D] in trial ").append(nct).append(" (phase 3, completed) [E2].");
        }
        output.append(' ').append(bad).append(" is also linked to [D] ").append(evidence.get(evidence.size() - 1).slot())
                .append(", but is not among its known treatments.");
        return new ExpRxRecExample(disease.id() + "|" + candidates.get(label).id() + "|" + variant,
                ExpRxRecExample.INSTRUCTION, PromptFormat.renderInput(disease, candidates, evidence),
                output.toString(), disease, candidates, label, good, evidence, split, variant, "embedding",
                "evidence-teacher/1");
    }

    static List<ExpRxRecExample> examples(long seed, int n, String split, String variant) {
        Random random = new Random(seed);
        List<ExpRxRecExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(example(random, split, variant));
        }
        return out;
    }
}
