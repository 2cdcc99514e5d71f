package org.kedrec.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrialRecordTest {
    static TrialRecord trial(String id, String phase, String status, String outcome) {
        return new TrialRecord(id, null, phase, status, outcome, null);
    }

    @Test
    void readsPhasesWhateverTheirSpelling() {
        assertThat(trial("NCT:1", "phase 3", null, null).phaseNumber()).isEqualTo(3);
        assertThat(trial("NCT:1", "PHASE2/PHASE3", null, null).phaseNumber()).isEqualTo(3);
        assertThat(trial("NCT:1", "Phase 1/Phase 2", null, null).summary()).isEqualTo("phase 1/2");
        assertThat(trial("NCT:1", "N/A", null, null).phaseNumber()).isZero();
        assertThat(trial("NCT:1", "early phase 1", "active not recruiting", null).summary())
                .isEqualTo("early phase 1, active not recruiting");
        assertThat(trial("NCT:1", "phase 2/phase 3", null, null).summary()).isEqualTo("phase 2/3");
        assertThat(trial("NCT:1", null, "COMPLETED", "1").summary()).isEqualTo("completed, succeeded");
        assertThat(trial("NCT:1", "phase 3", "terminated", "0").summary()).isEqualTo("phase 3, terminated, failed");
        assertThat(trial("NCT:NCT00000102", null, null, null).summary()).isEmpty();
        assertThat(trial("NCT:NCT00000102", null, null, null).nctNumber()).isEqualTo("NCT00000102");
    }

    @Test
    void ranksSupportThenHigherPhasesThenCompletedThenSuccessfulThenRecentFirst() {
        List<TrialRecord> trials = new ArrayList<>(List.of(
                trial("NCT:6", "phase 1", null, null),
                trial("NCT:5", "phase 2", "completed", null),
                trial("NCT:4", "phase 3", "terminated", "failure"),
                trial("NCT:3", "phase 3", "completed", "failure"),
                trial("NCT:2", "phase 3", "completed", "success"),
                trial("NCT:1", "phase 3", "completed", "success")));
        trials.sort(TrialRecord.STRONGEST_FIRST);
        // Stopped or failed trials come last whatever their phase; among equals the later registration first.
        assertThat(trials).extracting(TrialRecord::id)
                .containsExactly("NCT:2", "NCT:1", "NCT:5", "NCT:6", "NCT:3", "NCT:4");
    }
}
