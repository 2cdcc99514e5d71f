package org.kedrec.trainer.student;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kedrec.core.dataset.ExpRxRecExample;

class EvidenceSeparationTest {
    @Test
    @SuppressWarnings("unchecked")
    void countsWhatThePromptsEvidenceSeparatesWithoutAModel() {
        // TinyData's relevant drug has a trial and the better path (0.5 against 0.2); the negative has neither.
        List<ExpRxRecExample> both = TinyData.examples(3, 10, "test", "both");
        Map<String, Object> out = EvidenceSeparation.of(both, null);
        assertThat(out.get("examples")).isEqualTo(10);
        assertThat((Map<String, Object>) out.get("trials")).containsEntry("relevantMore", 10)
                .containsEntry("relevantFewer", 0).containsEntry("tie", 0).containsEntry("ruleAccuracy", 1.0);
        // One path each: a tie on every pair, which the rule counts as half right.
        assertThat((Map<String, Object>) out.get("paths")).containsEntry("tie", 10).containsEntry("ruleAccuracy", 0.5);
        assertThat((Map<String, Object>) out.get("publications")).containsEntry("tie", 10);
        assertThat(out.get("evidenceRuleAccuracy")).isEqualTo(1.0);
        assertThat(out).doesNotContainKeys("rankerAccuracy", "rankerByHigherScore");

        // The same evidence with the other drug called relevant: every signal now points the wrong way.
        List<ExpRxRecExample> flipped = both.stream().map(EvidenceSeparationTest::otherLabel).toList();
        Map<String, Object> wrong = EvidenceSeparation.of(flipped, null);
        assertThat((Map<String, Object>) wrong.get("bestPathScore")).containsEntry("relevantFewer", 10)
                .containsEntry("ruleAccuracy", 0.0);
        assertThat(wrong.get("evidenceRuleAccuracy")).isEqualTo(0.0);

        // Without trials the rule falls back to the best path's score.
        Map<String, Object> vanilla = EvidenceSeparation.of(TinyData.examples(3, 10, "test", "vanilla"), null);
        assertThat((Map<String, Object>) vanilla.get("trials")).containsEntry("tie", 10);
        assertThat(vanilla.get("evidenceRuleAccuracy")).isEqualTo(1.0);
    }

    private static ExpRxRecExample otherLabel(ExpRxRecExample e) {
        int label = 1 - e.label();
        return new ExpRxRecExample(e.id(), e.instruction(), e.input(), e.output(), e.disease(), e.candidates(), label,
                e.candidates().get(label).slot(), e.evidence(), e.split(), e.variant(), e.negativeMethod(),
                e.teacher());
    }
}
