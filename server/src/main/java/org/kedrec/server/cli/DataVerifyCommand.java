package org.kedrec.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataCatalogue;
import org.kedrec.server.data.DataVerifier;
import org.kedrec.server.data.Deriver;
import org.kedrec.server.data.DataVerifier.Check;
import org.kedrec.server.data.DataVerifier.State;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kedrec data verify}: every catalogue file, its state and its licence; exit 1 when one is wrong. */
@Command(name = "verify", description = {
    "Check a data directory against the pinned catalogue (size and SHA-256 of every file) and print what is "
            + "missing or corrupt and the licence of each source. Exits with 1 when a file is missing or corrupt "
            + "(the --full extras may be missing). A file that `data derive` wrote from the public originals only, "
            + "where the full one needs a source outside the catalogue, is `partial`: usable, and said to be less.",
    ""
})
public final class DataVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dir;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        Path target = dir.resolve();
        List<Check> checks = DataVerifier.check(target, DataCatalogue.pinned().entries());
        PrintWriter out = spec.commandLine().getOut();
        int missing = 0;
        int corrupt = 0;
        for (Check check : checks) {
            boolean optional = !DataVerifier.required(check.entry());
            String state = switch (check.state()) {
                case OK -> "ok";
                case MISSING -> optional ? "absent" : "MISSING";
                case CORRUPT -> "CORRUPT";
                case PARTIAL -> "partial";
            };
            if (check.state() == State.MISSING && !optional) {
                missing++;
            } else if (check.state() == State.CORRUPT) {
                corrupt++;
            }
            out.println(Messages.format("%-8s %-56s %s%s%s", state, check.entry().path(),
                    check.entry().nonCommercial() ? "NON-COMMERCIAL " : "", check.entry().licence(),
                    check.detail() != null ? "  [" + check.detail() + "]"
                            : check.state() == State.MISSING && optional ? "  [optional: " + optionalNote(check)
                                    + "]" : ""));
        }
        long ok = checks.stream().filter(c -> c.state() == State.OK).count();
        long partial = checks.stream().filter(c -> c.state() == State.PARTIAL).count();
        out.println(Messages.format("%s: %d of %d files verified, %s%d missing, %d corrupt.", target, ok,
                checks.size(), partial > 0 ? partial + " partial (derived from the public originals only; see "
                        + "above), " : "", missing, corrupt));
        if (missing + corrupt > 0) {
            out.println(Messages.format("Fix: `%s --dir %s` downloads the originals (a corrupt one is replaced once "
                    + "the new copy verifies), then `bin/kedrec data derive --dir %s` writes the derived files.",
                    DataCatalogue.FETCH_COMMAND, target, target));
        }
        out.flush();
        return missing + corrupt > 0 ? KedrecCli.EXIT_FAILURE : 0;
    }

    /** Where an absent optional file comes from and, for a recipe-less derived one, what is lost without it. */
    private static String optionalNote(Check check) {
        String path = check.entry().path();
        String lost = Deriver.WITHOUT.get(path);
        return lost == null ? check.entry().source() : Messages.format("needs %s; without it, %s",
                Deriver.NOT_DERIVABLE.get(path), lost);
    }
}
