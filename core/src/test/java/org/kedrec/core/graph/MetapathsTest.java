package org.kedrec.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetapathsTest {
    @Test
    void theExplainingCatalogueRunsFromDrugToDiseaseWithUniqueNamesAndLengthsTwoOrThree() {
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

    @Test
    void aMetapathThatExplainsAndScoresIsOneObject() {
        assertThat(Metapaths.SCORING).hasSize(25);
        assertThat(Metapaths.EVIDENCE_SCORING).hasSize(14);
        assertThat(Metapaths.allScoring()).hasSize(39);
        Metapath scoring = Metapaths.SCORING.stream().filter(m -> m.abbreviation().equals("CbGbCtD")).findFirst()
                .orElseThrow();
        assertThat(scoring).isSameAs(Metapaths.byAbbreviation("CbGbCtD"));
        assertThat(Metapaths.SCORING.get(Metapaths.SCORING.size() - 1)).isSameAs(Metapaths.PATHWAY);
    }

    /**
     * Saved models name their metapath features by abbreviation ({@code config.json}) and list their spaced
     * notation in {@code metapaths.json}: both must still mean the catalogue's metapaths, in the catalogue's order.
     */
    @Test
    void theFeaturesOfAModelSavedBeforeTheOneRecordReadAsTheCatalogue() throws Exception {
        JsonObject saved;
        try (var in = MetapathsTest.class.getResourceAsStream("metapaths-before-one-record.json")) {
            saved = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
        List<JsonElement> features = saved.getAsJsonArray("features").asList();
        assertThat(features).hasSize(Metapaths.allScoring().size());
        for (int i = 0; i < features.size(); i++) {
            JsonObject feature = features.get(i).getAsJsonObject();
            String name = feature.get("name").getAsString();
            Metapath catalogued = Metapaths.allScoring().get(i);
            Metapath read = Metapath.parse(name, feature.get("pattern").getAsString());
            assertThat(catalogued.abbreviation()).isEqualTo(name);
            assertThat(read.steps()).as(name).isEqualTo(catalogued.steps());
            assertThat(read.notation()).isEqualTo(catalogued.notation());
        }
    }
}
