package org.kedrec.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kedrec.core.dataset.ExampleFixtures;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.Variant;

class CitationsTest {
    @Test
    void readsTheSelectionFromTheFirstLine() {
        assertThat(Citations.selection("[C2]. Because [C1] ...")).contains("[C2]");
        assertThat(Citations.selection("Answer: [C1]\nrationale [C2]")).contains("[C1]");
        assertThat(Citations.selection("I cannot tell.\n[C1]")).isEmpty();
        assertThat(Citations.selection(null)).isEmpty();
    }

    @Test
    void listsSlotsAndTrialAndPublicationIds() {
        assertThat(Citations.cited("[C1] binds X [E1][E2]; trial NCT00000102 and PMID 12345678, PMID:42 [D]"))
                .containsExactly("[C1]", "[E1]", "[E2]", "[D]", "NCT:NCT00000102", "PMID:12345678", "PMID:42");
    }

    @Test
    void flagsCitationsTheExampleDoesNotHold() {
        ExpRxRecExample example = ExampleFixtures.example(Variant.VANILLA);
        assertThat(Citations.unknown(example, "[C2]. [C2] binds CACNA1C [E2] [D]")).isEmpty();
        assertThat(Citations.unknown(example, "[C3]. see [E9] and NCT00000102 and PMID 12345678"))
                .containsExactly("[C3]", "[E9]", "NCT:NCT00000102", "PMID:12345678");
        ExpRxRecExample both = ExampleFixtures.example(Variant.BOTH);
        assertThat(Citations.unknown(both, "[C2]. NCT00000102 [E4], PMID 12345678 [E6]")).isEmpty();
    }
}
