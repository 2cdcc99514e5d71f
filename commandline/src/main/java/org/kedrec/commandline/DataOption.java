package org.kedrec.commandline;

import java.nio.file.Files;
import java.nio.file.Path;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataDirectory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --data DIR}, the KEDRec data folder, declared once for every command that reads it:
 * {@code @Mixin DataOption data;}. Without it, {@link DataDirectory} finds the folder ({@code $KEDREC_DATA}, else
 * {@code ../shared/data} beside the repository).
 */
public final class DataOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "The KEDRec data folder (default: $KEDREC_DATA, else ../shared/data beside the repository).")
    Path data;

    /** The named folder (absolute), else the found one; an error that says how to name one when there is none. */
    public Path require() {
        return data != null ? data.toAbsolutePath().normalize() : DataDirectory.require();
    }

    /**
     * Like {@link #require()}, and a named folder that is not one is a usage error (exit 2) naming the value, before
     * anything starts.
     */
    public Path requireFolder(CommandSpec spec) {
        Path dir = require();
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), Messages.format(
                    "Invalid value for option '--data': %s is not a folder. Point it at the KEDRec data (see "
                            + "README 'Data sources').", dir));
        }
        return dir;
    }

    /** The named or found folder, or {@code null} when there is none (where the data files are optional). */
    public Path ifAny() {
        return data != null ? data.toAbsolutePath().normalize() : DataDirectory.find().orElse(null);
    }
}
