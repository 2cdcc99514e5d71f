package org.kedrec.importer.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.kedrec.core.lm.PromptShape;
import picocli.CommandLine;

/**
 * The command line's defaults build the prompt {@code kedrec.select} gives a student that records no shape
 * ({@link PromptShape#DEFAULT}): a student trained before {@code prompt.json} existed is served what it trained on.
 */
class DatasetDefaultsTest {
    @Test
    void theCommandLinesDefaultsAreTheDefaultPromptShape() {
        DatasetCommand.Build build = new DatasetCommand.Build();
        new CommandLine(build).parseArgs("--out", "unused");
        assertThat(new PromptShape(build.pathsPerPair, build.maxPerMetapath, build.trialsPerPair,
                build.publicationsPerPair, build.pathways ? 4 : 3)).isEqualTo(PromptShape.DEFAULT);
        DatasetBuildConfig defaults = DatasetBuildConfig.defaults(Path.of("unused"), Path.of("data"));
        assertThat(new PromptShape(defaults.pathsPerPair(), defaults.maxPerMetapath(), defaults.trialsPerPair(),
                defaults.publicationsPerPair(), defaults.pathways() ? 4 : 3)).isEqualTo(PromptShape.DEFAULT);
    }
}
