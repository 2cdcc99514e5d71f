package org.kedrec.importer.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.kedrec.core.lm.PromptShape;
import picocli.CommandLine;

/**
 * The command line's defaults build {@link PromptShape#BUILDER_DEFAULT}: the counts of the prompt
 * {@code kedrec.select} gives a student that records no shape ({@link PromptShape#DEFAULT}, so a student trained before
 * {@code prompt.json} existed is served what it trained on), with pharmacokinetic paths last.
 */
class DatasetDefaultsTest {
    @Test
    void theCommandLinesDefaultsAreTheDefaultPromptShapeWithPharmacokineticPathsLast() {
        DatasetCommand.Build build = new DatasetCommand.Build();
        new CommandLine(build).parseArgs("--out", "unused");
        assertThat(new PromptShape(build.pathsPerPair, build.maxPerMetapath, build.trialsPerPair,
                build.publicationsPerPair, build.pathways ? 4 : 3, true)).isEqualTo(PromptShape.BUILDER_DEFAULT);
        DatasetBuildConfig defaults = DatasetBuildConfig.defaults(Path.of("unused"), Path.of("data"));
        assertThat(defaults.promptShape()).isEqualTo(PromptShape.BUILDER_DEFAULT);
        PromptShape old = PromptShape.DEFAULT;
        assertThat(PromptShape.BUILDER_DEFAULT).isEqualTo(new PromptShape(old.pathsPerDrug(), old.maxPerMetapath(),
                old.trialsPerDrug(), old.publicationsPerDrug(), old.maxPathLength(), true));
    }
}
