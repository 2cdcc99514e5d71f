package org.kedrec.core.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shape of a student's prompts: read from its dataset's card, kept beside the student, refused when malformed. */
class PromptShapeTest {
    @Test
    void aDatasetCardGivesItsSettingsAndTheLongestMetapathItFollowed(@TempDir Path dataset) throws Exception {
        Files.writeString(dataset.resolve("card.json"), """
                {"name": "expRxRec", "settings": {"seed": 42, "pathsPerPair": 5, "maxPerMetapath": 2,
                 "trialsPerPair": 1, "publicationsPerPair": 0, "pharmacokineticLast": true, "negativePool": 3,
                 "metapaths": ["CbGaD", "CtDrD", "CbGpPWpGaD"]}}
                """);
        assertThat(PromptShape.ofDataset(dataset)).isEqualTo(new PromptShape(5, 2, 1, 0, 4, true));
    }

    @Test
    void aCardWithTheDefaultsAndADirectoryWithoutACardGiveTheDefaultShape(@TempDir Path dataset) throws Exception {
        assertThat(PromptShape.ofDataset(dataset)).isEqualTo(PromptShape.DEFAULT);
        Files.writeString(dataset.resolve("card.json"), """
                {"settings": {"pathsPerPair": 3, "maxPerMetapath": 1, "trialsPerPair": 3, "publicationsPerPair": 3,
                 "metapaths": ["CbGaD", "CrCtD", "CbGbCtD"]}}
                """);
        assertThat(PromptShape.ofDataset(dataset)).isEqualTo(new PromptShape(3, 1, 3, 3, 3, false))
                .isEqualTo(PromptShape.DEFAULT);
    }

    @Test
    void aDatasetBuiltBeforeTheBindingRolesWereReadKeepsItsPharmacokineticPathsInScoreOrder(@TempDir Path dataset)
            throws Exception {
        // its student learnt on prompts where an enzyme's path could come first: select must rebuild those
        Files.writeString(dataset.resolve("card.json"), "{\"settings\": {\"pathsPerPair\": 3}}");
        assertThat(PromptShape.ofDataset(dataset).pharmacokineticLast()).isFalse();
        Files.writeString(dataset.resolve("card.json"), "{\"settings\": {\"pharmacokineticLast\": \"yes\"}}");
        assertThatThrownBy(() -> PromptShape.ofDataset(dataset))
                .hasMessageContaining("`pharmacokineticLast` must be true or false but was \"yes\"")
                .hasMessageContaining("kedrec dataset build");
        assertThat(PromptShape.BUILDER_DEFAULT).isEqualTo(new PromptShape(3, 1, 3, 3, 3, true));
    }

    @Test
    void aCardNamingAnUnknownMetapathIsRefusedWithTheFix(@TempDir Path dataset) throws Exception {
        Files.writeString(dataset.resolve("card.json"), "{\"settings\": {\"metapaths\": [\"CxYzD\"]}}");
        assertThatThrownBy(() -> PromptShape.ofDataset(dataset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dataset.resolve("card.json").toString())
                .hasMessageContaining("Unknown metapath `CxYzD`")
                .hasMessageContaining("kedrec dataset build");
    }

    @Test
    void theShapeTravelsWithTheStudentAndAStudentWithoutTheFileHasTheDefault(@TempDir Path student) {
        assertThat(PromptShape.read(student)).isEqualTo(PromptShape.DEFAULT);
        PromptShape shape = new PromptShape(5, 2, 1, 0, 4, true);
        shape.write(student);
        assertThat(PromptShape.read(student)).isEqualTo(shape);
        assertThat(shape.toMap()).containsEntry("pathsPerDrug", 5L).containsEntry("maxPathLength", 4L)
                .containsEntry("pharmacokineticLast", true);
        new PromptShape(5, 2, 1, 0, 4, false).write(student);
        assertThat(PromptShape.read(student).pharmacokineticLast()).isFalse();
    }

    @Test
    void aMalformedFileIsRefusedWithItsNameTheBadValueAndTheFix(@TempDir Path student) throws Exception {
        Files.writeString(student.resolve(PromptShape.FILE), "{\"pathsPerDrug\": 0}");
        assertThatThrownBy(() -> PromptShape.read(student))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(student.resolve(PromptShape.FILE).toString())
                .hasMessageContaining("`pathsPerDrug` must be between 1 and 20 but was 0")
                .hasMessageContaining("retrain the student");
        Files.writeString(student.resolve(PromptShape.FILE), "{\"pathsPerPair\": 3}");
        assertThatThrownBy(() -> PromptShape.read(student))
                .hasMessageContaining("unknown key `pathsPerPair`");
        Files.writeString(student.resolve(PromptShape.FILE), "{\"trialsPerDrug\": 2.5}");
        assertThatThrownBy(() -> PromptShape.read(student))
                .hasMessageContaining("`trialsPerDrug` must be a whole number but was 2.5");
    }

    @Test
    void aCallerMayAskForOtherPathsAndKeepsTheRest() {
        PromptShape trained = new PromptShape(5, 2, 1, 0, 3, true);
        assertThat(trained.withPaths(2, 4)).isEqualTo(new PromptShape(2, 2, 1, 0, 4, true));
        assertThatThrownBy(() -> trained.withPaths(2, 5)).hasMessageContaining("`maxPathLength` must be between 2 "
                + "and 4 but was 5");
    }
}
