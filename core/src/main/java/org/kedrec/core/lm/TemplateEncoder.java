package org.kedrec.core.lm;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.PromptFormat;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.metrics.Mentions;

/**
 * A bring-your-own model's prompt: the example's {@code instruction} and {@code input} (as the dataset writes
 * them) in the model's template, so a model fine-tuned on the expRxRec JSONL with standard tools reads what it
 * was trained on. Evidence is dropped from the end until the prompt leaves room for the answer.
 */
final class TemplateEncoder implements PromptEncoder {
    private final TorchScriptCausalLm lm;

    TemplateEncoder(TorchScriptCausalLm lm) {
        this.lm = lm;
    }

    @Override
    public Encoded encode(ExpRxRecExample example) {
        List<EvidenceItem> shown = example.evidence();
        int budget = lm.maxSeqLen() - lm.answerTokens();
        while (true) {
            String input = PromptFormat.renderInput(example.disease(), example.candidates(), shown);
            String instruction = example.instruction() == null ? ExpRxRecExample.INSTRUCTION : example.instruction();
            String text = lm.template().replace("{instruction}", instruction).replace("{input}", input);
            int[] ids = lm.tokenizer().encode(text);
            if (ids.length <= budget || shown.isEmpty()) {
                Set<String> words = new HashSet<>();
                for (EvidenceItem item : shown) {
                    if (item.text() != null) {
                        words.addAll(Mentions.words(item.text()));
                    }
                }
                return new Encoded(ids, List.copyOf(shown), words);
            }
            shown = shown.subList(0, shown.size() - 1);
        }
    }

    @Override
    public int[] answerOpening(int index) {
        return lm.tokenizer().encode("[C" + (index + 1) + "].");
    }

    @Override
    public int answerBudget() {
        return lm.answerTokens();
    }
}
