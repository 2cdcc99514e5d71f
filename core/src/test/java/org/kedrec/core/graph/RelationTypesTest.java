package org.kedrec.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.graph.RelationTypes.Row;
import org.kedrec.core.graph.RelationTypes.Semantics;
import org.kedrec.core.ids.EntityKind;

class RelationTypesTest {
    private final RelationTypes table = RelationTypes.load();

    @Test
    void hetionetMetaedgesFollowTheFixedSchema() {
        assertThat(table.ofSource("Hetionet")).hasSize(24);
        assertThat(table.find("Hetionet", "CtD")).containsExactly(
                new Row("Hetionet", "CtD", "TREATS", "Drug", "Disease", Semantics.TREATS));
        assertThat(table.find("Hetionet", "PCiC").get(0).startLabel()).isEqualTo("PharmacologicClass");
        assertThat(table.find("Hetionet", "Gr>G").get(0).type()).isEqualTo("REGULATES");
        assertThat(table.find("Hetionet", "GpPW").get(0).endLabel()).isEqualTo("Pathway");
        for (Row row : table.ofSource("Hetionet")) {
            assertThat(EntityKind.fromLabel(row.startLabel())).as(row.toString()).isPresent();
            assertThat(EntityKind.fromLabel(row.endLabel())).as(row.toString()).isPresent();
        }
    }

    @Test
    void treatsAndPalliatesAreData() {
        assertThat(table.typesWith(Semantics.TREATS)).containsExactly("TREATS");
        assertThat(table.typesWith(Semantics.PALLIATES)).containsExactly("PALLIATES");
        assertThat(table.rows().stream().filter(r -> r.semantics() == Semantics.TREATS).map(Row::relation))
                .containsExactlyInAnyOrder("CtD", "DRUGBANK::treats::Compound:Disease",
                        "Hetionet::CtD::Compound:Disease", "GNBR::T::Compound:Disease");
        assertThat(table.rows().stream().filter(r -> r.semantics() == Semantics.PALLIATES).map(Row::relation))
                .containsExactlyInAnyOrder("CpD", "Hetionet::CpD::Compound:Disease", "GNBR::Pa::Compound:Disease",
                        "GNBR::Pr::Compound:Disease");
    }

    @Test
    void drkgRowsAreOrientedByLabelNotBySourceOrder() {
        // DGIdb writes Gene -> Compound; the graph stores the drug as the start node.
        Row inhibitor = table.find("DRKG", "DGIDB::INHIBITOR::Gene:Compound").get(0);
        assertThat(inhibitor.type()).isEqualTo("INHIBITS");
        assertThat(List.of(inhibitor.startLabel(), inhibitor.endLabel())).containsExactly("Drug", "Gene");
        assertThat(table.find("BioRED", "Association", "Gene", "Disease"))
                .map(r -> r.startLabel() + "->" + r.endLabel())
                .contains("Disease->Gene");
        assertThat(table.find("BioRED", "Association", "Gene", "Pathway")).isEmpty();
    }

    @Test
    void everyDrkgRelationHasARow() throws IOException {
        Path data = DataDirectory.forTests(Assumptions::abort, "drkg/drkg_relation_types.tsv");
        List<String> lines = Files.readAllLines(data.resolve("drkg/drkg_relation_types.tsv"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(108);
        for (String line : lines.subList(1, lines.size())) {
            String relation = line.split("\t")[0];
            assertThat(table.find("DRKG", relation)).as(relation).hasSize(1);
        }
        assertThat(table.ofSource("DRKG")).hasSize(107);
    }

    @Test
    void badTablesNameTheLineAndTheFix() {
        String header = "source\trelation\ttype\tstart_label\tend_label\tsemantics\n";
        assertThatThrownBy(() -> RelationTypes.read(new StringReader("a\tb\n"), "my.tsv"))
                .hasMessage("my.tsv line 1: expected the header source\\trelation\\ttype\\tstart_label\\tend_label"
                        + "\\tsemantics but found `a\tb`.");
        assertThatThrownBy(() -> RelationTypes.read(new StringReader(header + "X\tr\ttreats\tDrug\tDisease\t\n"), "my.tsv"))
                .hasMessage("my.tsv line 2: relationship type `treats` must be upper case letters, digits and "
                        + "underscores, e.g. `TREATS`.");
        assertThatThrownBy(() -> RelationTypes.read(new StringReader(header + "X\tr\tT\tDrug\tDisease\tcures\n"), "my.tsv"))
                .hasMessage("my.tsv line 2: Unknown semantics `cures`: expected `treats`, `palliates` or an empty cell.");
        assertThatThrownBy(() -> RelationTypes.read(
                        new StringReader(header + "X\tr\tT\tDrug\tDisease\t\nX\tr\tU\tDisease\tDrug\t\n"), "my.tsv"))
                .hasMessage("my.tsv line 3: X relation `r` between Disease and Drug is mapped twice.");
        assertThatThrownBy(() -> RelationTypes.read(new StringReader(header + "X\tr\tT\tDrug\n"), "my.tsv"))
                .hasMessage("my.tsv line 2: expected 6 tab-separated cells (source, relation, type, start_label, "
                        + "end_label, semantics) but found 4.");
    }
}
