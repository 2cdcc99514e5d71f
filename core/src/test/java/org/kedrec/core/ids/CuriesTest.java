package org.kedrec.core.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CuriesTest {
    @Test
    void mapsEveryHetionetKind() {
        assertThat(Curies.fromHetionet("Compound::DB00997")).isEqualTo("DrugBank:DB00997");
        assertThat(Curies.fromHetionet("Disease::DOID:1324")).isEqualTo("DOID:1324");
        assertThat(Curies.fromHetionet("Gene::3630")).isEqualTo("NCBIGene:3630");
        assertThat(Curies.fromHetionet("Anatomy::UBERON:0000002")).isEqualTo("UBERON:0000002");
        assertThat(Curies.fromHetionet("Biological Process::GO:0000002")).isEqualTo("GO:0000002");
        assertThat(Curies.fromHetionet("Side Effect::C0000727")).isEqualTo("UMLS:C0000727");
        assertThat(Curies.fromHetionet("Symptom::D000006")).isEqualTo("MESH:D000006");
        assertThat(Curies.fromHetionet("Pharmacologic Class::N0000000069")).isEqualTo("NDFRT:N0000000069");
        assertThat(Curies.fromHetionet("Pathway::PC7_10399")).isEqualTo("PathwayCommons:PC7_10399");
        assertThat(Curies.fromHetionet("Pathway::WP100_r1")).isEqualTo("WikiPathways:WP100_r1");
    }

    @Test
    void meshIdsMeetWhateverWidthTheSourceWrote() {
        assertThat(Curies.mesh("D006937")).isEqualTo("MESH:D006937");
        assertThat(Curies.mesh("D000006937")).isEqualTo("MESH:D006937");
        assertThat(Curies.mesh("MESH:D003920")).isEqualTo("MESH:D003920");
        assertThat(Curies.mesh("D000068877")).isEqualTo("MESH:D000068877");
        assertThat(Curies.mesh("C000599896")).isEqualTo("MESH:C599896");
        assertThat(Curies.mesh("C599896")).isEqualTo("MESH:C599896");
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
