package org.kedrec.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kedrec.core.graph.Metapath;

class PathKindTest {
    private static PathKind kindOf(String notation) {
        return PathKind.classify(Metapath.parse(notation));
    }

    @Test
    void targetsThroughBiologyAreMechanisms() {
        assertThat(kindOf("Drug-BINDS->Gene<-ASSOCIATES-Disease")).isEqualTo(PathKind.MECHANISM);
        assertThat(kindOf("Drug-DOWNREGULATES->Gene<-UPREGULATES-Disease")).isEqualTo(PathKind.MECHANISM);
        assertThat(kindOf("Drug-BINDS->Gene-INTERACTS-Gene<-ASSOCIATES-Disease")).isEqualTo(PathKind.MECHANISM);
        assertThat(kindOf("Drug-BINDS->Gene<-EXPRESSES-Anatomy<-LOCALIZES-Disease")).isEqualTo(PathKind.MECHANISM);
        assertThat(kindOf("Drug-BINDS->Gene-PARTICIPATES->Pathway<-PARTICIPATES-Gene<-ASSOCIATES-Disease"))
                .isEqualTo(PathKind.MECHANISM);
    }

    @Test
    void pathsThroughAnotherDrugClassOrDiseaseAreSimilarity() {
        assertThat(kindOf("Drug-RESEMBLES-Drug-TREATS->Disease")).isEqualTo(PathKind.SIMILARITY);
        assertThat(kindOf("Drug-BINDS->Gene<-BINDS-Drug-TREATS->Disease")).isEqualTo(PathKind.SIMILARITY);
        assertThat(kindOf("Drug-BINDS->Gene<-ASSOCIATES-Disease-RESEMBLES-Disease")).isEqualTo(PathKind.SIMILARITY);
        assertThat(kindOf("Drug<-INCLUDES-PharmacologicClass-INCLUDES->Drug-TREATS->Disease"))
                .isEqualTo(PathKind.SIMILARITY);
        assertThat(kindOf("Drug-CAUSES->SideEffect<-CAUSES-Drug-TREATS->Disease")).isEqualTo(PathKind.SIMILARITY);
    }

    @Test
    void trialsAndPublicationsAreClinical() {
        assertThat(PathKind.classify(java.util.List.of("Drug", "Trial", "Disease"),
                java.util.List.of("TESTS", "STUDIES"))).isEqualTo(PathKind.CLINICAL);
    }

    @Test
    void keysRoundTripAndUnknownKeysTeach() {
        assertThat(PathKind.of("Mechanism")).isEqualTo(PathKind.MECHANISM);
        assertThat(PathKind.MECHANISM.key()).isEqualTo("mechanism");
        assertThatThrownBy(() -> PathKind.of("mechanistic"))
                .hasMessage("Unknown path kind `mechanistic`. Valid kinds are: [mechanism, similarity, clinical, "
                        + "pharmacokinetic].");
    }
}
