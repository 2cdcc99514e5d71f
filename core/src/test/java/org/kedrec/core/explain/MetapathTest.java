package org.kedrec.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        assertThat(cbgad.notation()).isEqualTo("Drug-BINDS->Gene<-ASSOCIATES-Disease");

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
    }

    @Test
    void theCatalogueRunsFromDrugToDiseaseWithUniqueNamesAndLengthsTwoOrThree() {
        Set<String> names = new HashSet<>();
        for (Metapath metapath : Metapaths.DEFAULT) {
            assertThat(names.add(metapath.abbreviation())).as(metapath.abbreviation()).isTrue();
            assertThat(metapath.labels().get(0)).isEqualTo("Drug");
            assertThat(metapath.labels().get(metapath.length())).isEqualTo("Disease");
            assertThat(metapath.length()).isBetween(2, 3);
            assertThat(Metapaths.byAbbreviation(metapath.abbreviation())).isSameAs(metapath);
        }
        assertThat(Metapaths.DEFAULT).hasSize(27);
        assertThat(Metapaths.PATHWAY.abbreviation()).isEqualTo("CbGpPWpGaD");
        assertThat(Metapaths.PATHWAY.length()).isEqualTo(4);
        assertThatThrownBy(() -> Metapaths.byAbbreviation("CxD")).hasMessageStartingWith(
                "Unknown metapath `CxD`. Known metapaths: [CbGaD, CbGuD,");
        assertThat(List.copyOf(names)).contains("CrCtD", "CtDrD", "CbGbCtD", "CiPCiCtD", "CbGeAlD", "CtDpSpD");
    }
}
