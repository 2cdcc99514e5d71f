package org.kedrec.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetapathTest {
    @Test
    void parsesDirectionsAndRelationKeys() {
        Metapath m = Metapath.parse("CbGaD", "Drug -BINDS-> Gene <-ASSOCIATES- Disease");
        assertThat(m.labels()).containsExactly("Drug", "Gene", "Disease");
        assertThat(m.steps()).extracting(Metapath.Step::relationKey)
                .containsExactly("Drug-BINDS->Gene", "Disease-ASSOCIATES->Gene");
        assertThat(m.steps().get(1).direction()).isEqualTo(Metapath.Direction.BACKWARD);

        Metapath r = Metapath.parse("CrCtD", "Drug -RESEMBLES- Drug -TREATS-> Disease");
        assertThat(r.steps()).extracting(Metapath.Step::direction)
                .containsExactly(Metapath.Direction.BOTH, Metapath.Direction.FORWARD);
        assertThat(r.source()).isEqualTo("Drug");
        assertThat(r.target()).isEqualTo("Disease");
        assertThat(Metapath.parse("x", "Drug <-INCLUDES- PharmacologicClass -INCLUDES-> Drug").labels())
                .isEqualTo(List.of("Drug", "PharmacologicClass", "Drug"));
    }

    @Test
    void rejectsMalformedPatterns() {
        assertThatThrownBy(() -> Metapath.parse("x", "Drug -BINDS- Gene"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid metapath `Drug -BINDS- Gene`: an undirected step must join two nodes of the "
                        + "same label. Write it like `Drug -BINDS-> Gene <-ASSOCIATES- Disease`.");
        assertThatThrownBy(() -> Metapath.parse("x", "Drug"))
                .hasMessage("Invalid metapath `Drug`: it has no relationship. Write it like "
                        + "`Drug -BINDS-> Gene <-ASSOCIATES- Disease`.");
        assertThatThrownBy(() -> Metapath.parse("x", "Drug <-BINDS-> Gene"))
                .hasMessageContaining("a relationship cannot point both ways");
    }
}
