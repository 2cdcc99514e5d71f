package org.kedrec.importer.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CypherNamesTest {
    @Test
    void plainNamesAreQuoted() {
        assertThat(CypherNames.quote("Drug")).isEqualTo("`Drug`");
        assertThat(CypherNames.quote("ADP_RIBOSYLATES")).isEqualTo("`ADP_RIBOSYLATES`");
    }

    @Test
    void anythingThatCouldInjectCypherIsRefused() {
        assertThatThrownBy(() -> CypherNames.quote("Drug`) DETACH DELETE n //"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`Drug`) DETACH DELETE n //` cannot be used as a label, relationship type or property "
                        + "name: use letters, digits and underscores, starting with a letter (at most 64 characters).");
        assertThatThrownBy(() -> CypherNames.quote("Side Effect")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CypherNames.quote(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
