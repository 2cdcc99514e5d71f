package org.kedrec.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset card as the modules that read it back see it: absent, readable, or refused with the fix. */
class DatasetCardFileTest {
    @Test
    void aDirectoryWithoutACardHasNoneAndACardGivesItsKeys(@TempDir Path dataset) throws Exception {
        assertThat(DatasetCardFile.read(dataset)).isEmpty();
        Files.writeString(dataset.resolve("card.json"), """
                {"dataHash": "sha256:ab", "teacher": "evidence-teacher/4", "settings": {"pathsPerPair": 3},
                 "examples": {"train": 2}}
                """);
        var card = DatasetCardFile.read(dataset).orElseThrow();
        assertThat(DatasetCardFile.text(card, DatasetCardFile.DATA_HASH)).isEqualTo("sha256:ab");
        assertThat(DatasetCardFile.text(card, DatasetCardFile.TEACHER)).isEqualTo("evidence-teacher/4");
        assertThat(DatasetCardFile.text(card, DatasetCardFile.SETTINGS)).as("an object is no text").isNull();
        assertThat(DatasetCardFile.text(card, "missing")).isNull();
    }

    @Test
    void aCardThatIsNotAJsonObjectIsRefusedWithItsNameAndTheFix(@TempDir Path dataset) throws Exception {
        for (String text : new String[] {"{\"dataHash\": ", "[1, 2]"}) {
            Files.writeString(dataset.resolve("card.json"), text);
            assertThatThrownBy(() -> DatasetCardFile.read(dataset))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(dataset.resolve("card.json").toString())
                    .hasMessageContaining("kedrec dataset build");
        }
    }
}
