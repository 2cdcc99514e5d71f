package org.kedrec.importer.trials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrialValuesTest {
    @Test
    void phasesReadTheSameFromEverySource() {
        assertThat(TrialRecord.normalizePhase(List.of("PHASE1", "PHASE2"))).isEqualTo("phase 1/phase 2");
        assertThat(TrialRecord.normalizePhase(List.of("phase 1/phase 2"))).isEqualTo("phase 1/phase 2");
        assertThat(TrialRecord.normalizePhase(List.of("Phase 1/Phase 2"))).isEqualTo("phase 1/phase 2");
        assertThat(TrialRecord.normalizePhase(List.of("EARLY_PHASE1"))).isEqualTo("early phase 1");
        assertThat(TrialRecord.normalizePhase(List.of("N/A"))).isEqualTo("n/a");
        assertThat(TrialRecord.normalizePhase(List.of("NA"))).isEqualTo("n/a");
        assertThat(TrialRecord.normalizePhase(List.of())).isNull();
    }

    @Test
    void statusesReadTheSameFromEverySource() {
        assertThat(TrialRecord.normalizeStatus("ACTIVE_NOT_RECRUITING")).isEqualTo("active not recruiting");
        assertThat(TrialRecord.normalizeStatus("Active, not recruiting")).isEqualTo("active not recruiting");
        assertThat(TrialRecord.normalizeStatus("completed")).isEqualTo("completed");
        assertThat(TrialRecord.normalizeStatus(" ")).isNull();
    }

    @Test
    void hintListsAreParsedLikePython() {
        assertThat(PythonList.parse("[\"ewing's sarcoma/soft tissue sarcoma\", 'neuroblastoma', 'brain tumors']"))
                .containsExactly("ewing's sarcoma/soft tissue sarcoma", "neuroblastoma", "brain tumors");
        assertThat(PythonList.parse("['plerixafor', 'plerixafor']")).containsExactly("plerixafor");
        assertThat(PythonList.parse("['it\\'s']")).containsExactly("it's");
        assertThat(PythonList.parse("[]")).isEmpty();
        assertThat(PythonList.parse("aspirin")).containsExactly("aspirin");
    }
}
