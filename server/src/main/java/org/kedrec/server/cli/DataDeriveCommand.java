package org.kedrec.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kedrec.core.Messages;
import org.kedrec.server.data.Deriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kedrec data derive}: the derived files from the originals; see {@link Deriver}. */
@Command(name = "derive", description = {
    "Write the derived files (the demo edge set, the evaluation split of the TREATS edges, the fixture graph's "
            + "nodes, the crosswalks, the trial links) from the fetched originals, following the recipes of "
            + "docs/data.md. Existing derived files are replaced only by complete new ones. Where a full file needs "
            + "a source outside the catalogue (the MeSH-to-DrugBank crosswalk needs DrugMechDB), the part the "
            + "originals give is written instead, with a .provenance.txt note beside it, unless the full file is "
            + "there and verifies.",
    ""
})
public final class DataDeriveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dir;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        Path target = dir.resolve();
        try {
            for (Deriver.Written written : new Deriver(target, target).deriveAll()) {
                KedrecCli.say(spec, Messages.format("%s: %,d rows (recipe %s)", written.recipe().path(),
                        written.rows(), written.recipe().name()));
            }
            for (Deriver.PartialOutcome partial : new Deriver(target, target).derivePartials()) {
                KedrecCli.say(spec, partial.line());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Deriving into %s failed: %s", target, e), e);
        }
        KedrecCli.say(spec, Messages.format("Check them: `bin/kedrec data verify --dir %s`.", target));
        return 0;
    }
}
