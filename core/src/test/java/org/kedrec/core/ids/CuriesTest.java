package org.kedrec.core.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CuriesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Compound::DB00997                  | DrugBank:DB00997
            Disease::DOID:1324                 | DOID:1324
            Gene::3630                         | NCBIGene:3630
            Anatomy::UBERON:0000002            | UBERON:0000002
            Biological Process::GO:0000002     | GO:0000002
            Side Effect::C0000727              | UMLS:C0000727
            Symptom::D000006                   | MESH:D000006
            Pharmacologic Class::N0000000069   | NDFRT:N0000000069
            Pathway::PC7_10399                 | PathwayCommons:PC7_10399
            Pathway::WP100_r1                  | WikiPathways:WP100_r1
            """)
    void mapsEveryHetionetKind(String hetionetId, String curie) {
        assertThat(Curies.fromHetionet(hetionetId)).isEqualTo(curie);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            D006937       | MESH:D006937
            D000006937    | MESH:D006937
            MESH:D003920  | MESH:D003920
            D000068877    | MESH:D000068877
            C000599896    | MESH:C599896
            C599896       | MESH:C599896
            """)
    void meshIdsMeetWhateverWidthTheSourceWrote(String written, String curie) {
        assertThat(Curies.mesh(written)).isEqualTo(curie);
    }

    @Test
    void badIdsTeach() {
        assertThatThrownBy(() -> Curies.fromHetionet("DB00997"))
                .hasMessage("`DB00997` is not a Hetionet node id: expected `Kind::identifier`, e.g. `Compound::DB00997`.");
        assertThatThrownBy(() -> Curies.fromHetionet("Protein::P1"))
                .hasMessageStartingWith("Unknown node kind `Protein`. Valid kinds are: [Compound, Disease, Gene");
        assertThatThrownBy(() -> Curies.mesh("-1"))
                .hasMessage("`-1` is not a MeSH id: expected a letter and digits, e.g. `D003920` or `MESH:D003920`.");
    }
}
