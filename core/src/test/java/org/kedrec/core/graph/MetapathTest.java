package org.kedrec.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetapathTest {
    @Test
    void parsesArrowNotationIntoStepsAndHetionetAbbreviations() {
        Metapath cbgad = Metapath.parse("Drug-BINDS->Gene<-ASSOCIATES-Disease");
        assertThat(cbgad.abbreviation()).isEqualTo("CbGaD");
        assertThat(cbgad.labels()).containsExactly("Drug", "Gene", "Disease");
        assertThat(cbgad.types()).containsExactly("BINDS", "ASSOCIATES");
        assertThat(cbgad.steps()).extracting(Metapath.Step::direction)
                .containsExactly(Metapath.Direction.OUT, Metapath.Direction.IN);
        assertThat(cbgad.steps()).extracting(Metapath.Step::from).containsExactly("Drug", "Gene");
        assertThat(cbgad.notation()).isEqualTo("Drug-BINDS->Gene<-ASSOCIATES-Disease");
        assertThat(cbgad.source()).isEqualTo("Drug");
        assertThat(cbgad.target()).isEqualTo("Disease");

        assertThat(Metapath.parse("Drug<-INCLUDES-PharmacologicClass-INCLUDES->Drug-TREATS->Disease").abbreviation())
                .isEqualTo("CiPCiCtD");
        assertThat(Metapath.parse("Drug-RESEMBLES-Drug-TREATS->Disease").steps().get(0).direction())
                .isEqualTo(Metapath.Direction.BOTH);
        assertThat(Metapath.parse("Drug-BINDS->Gene-REGULATES->Gene<-ASSOCIATES-Disease").abbreviation())
                .isEqualTo("CbGr>GaD");
        assertThat(Metapath.parse("Drug-BINDS->Gene<-REGULATES-Gene<-ASSOCIATES-Disease").abbreviation())
                .isEqualTo("CbG<rGaD");
    }

    @Test
    void readsTheSpacedNotationOfOlderRankerFilesAsTheSameMetapath() {
        Metapath spaced = Metapath.parse("Drug -BINDS-> Gene <-ASSOCIATES- Disease");
        assertThat(spaced).isEqualTo(Metapath.parse("Drug-BINDS->Gene<-ASSOCIATES-Disease"));
        assertThat(spaced.notation()).isEqualTo("Drug-BINDS->Gene<-ASSOCIATES-Disease");
        assertThat(Metapath.parse("x", "Drug <-INCLUDES- PharmacologicClass -INCLUDES-> Drug").labels())
                .isEqualTo(List.of("Drug", "PharmacologicClass", "Drug"));
    }

    @Test
    void aGivenNameAllowsLabelsWithoutAHetionetLetter() {
        Metapath atc = Metapath.parse("Ca4CtD", "Drug -IN_ATC-> AtcLevel4 <-IN_ATC- Drug -TREATS-> Disease");
        assertThat(atc.abbreviation()).isEqualTo("Ca4CtD");
        assertThat(atc.labels()).containsExactly("Drug", "AtcLevel4", "Drug", "Disease");
        assertThatThrownBy(() -> Metapath.parse("Drug-IN_ATC->AtcLevel4<-IN_ATC-Drug-TREATS->Disease"))
                .hasMessageStartingWith("Unknown relationship type `IN_ATC` in a metapath. Known types: [ASSOCIATES,");
    }

    @Test
    void rejectsBadNotationWithTheFix() {
        assertThatThrownBy(() -> Metapath.parse("Drug"))
                .hasMessage("Metapath `Drug` has no relationship; write it like "
                        + "`Drug-BINDS->Gene<-ASSOCIATES-Disease`.");
        assertThatThrownBy(() -> Metapath.parse("Drug-BINDS=>Gene"))
                .hasMessage("Metapath `Drug-BINDS=>Gene` cannot be read at `-BINDS=>Gene`; write it like "
                        + "`Drug-BINDS->Gene<-ASSOCIATES-Disease`.");
        assertThatThrownBy(() -> Metapath.parse("Drug-LIKES->Gene"))
                .hasMessageStartingWith("Unknown relationship type `LIKES` in a metapath. Known types: [ASSOCIATES,");
        assertThatThrownBy(() -> Metapath.parse("Drug-BINDS->Protein"))
                .hasMessageStartingWith("Unknown node label `Protein` in a metapath. Known labels: [Anatomy,");
        assertThatThrownBy(() -> Metapath.parse("Drug-BINDS->Gene<-ASSOCIATES-Disease").withJoin(2))
                .hasMessage("Join node 2 of metapath CbGaD must be 0 (none) or an intermediate position 1..1.");
        assertThatThrownBy(() -> Metapath.parse("x", "Drug -BINDS- Gene"))
                .hasMessage("Metapath `Drug -BINDS- Gene` has an undirected step `-BINDS-Gene` between two labels; "
                        + "only a symmetric type between nodes of one label may be undirected, so write `-BINDS->` "
                        + "or `<-BINDS-`.");
        assertThatThrownBy(() -> Metapath.parse("x", "Drug <-BINDS-> Gene"))
                .hasMessage("Metapath `Drug <-BINDS-> Gene` has a relationship that points both ways at "
                        + "`<-BINDS->Gene`; write it like `Drug-BINDS->Gene<-ASSOCIATES-Disease`.");
    }
}
