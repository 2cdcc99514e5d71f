package org.kedrec.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kedrec.commandline.OptionChecks;
import org.kedrec.core.Messages;
import org.kedrec.server.data.FetchProgress;
import org.kedrec.server.data.FetchRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kedrec data fetch}: downloads the pinned originals; see {@link org.kedrec.server.data.DataFetcher}. */
@Command(name = "fetch", description = {
    "Download every original data file from the raw-file address of its pinned public source (or from a mirror "
            + "with the same layout), verify its SHA-256, resume partial files, and skip files already verified. "
            + "JVM proxy settings (-Dhttps.proxyHost, -Dhttps.proxyPort, -Djava.net.useSystemProxies) are honoured. "
            + "Then run `kedrec data derive`.",
    ""
})
public final class DataFetchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dir;

    @Option(names = "--mirror", paramLabel = "URL|DIR", description = "Fetch the same relative paths from this "
            + "http(s) base address or local folder instead of the pinned sources; from a mirror also the derived "
            + "files that `data derive` cannot make yet.")
    String mirror;

    @Option(names = "--full", description = "Also fetch the complete Hetionet v1.0 edge file (12.4 MB, 2,250,197 "
            + "edges) from Git LFS media, for `--edges full`.")
    boolean full;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Files downloaded at once, 1 to 16 (default: ${DEFAULT-VALUE}).")
    int parallel;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        OptionChecks.require(spec, parallel >= 1 && parallel <= 16, "--parallel", parallel, "1 to 16 files at once");
        if (mirror != null && !mirror.startsWith("http://") && !mirror.startsWith("https://")
                && !Files.isDirectory(Path.of(mirror))) {
            throw new ParameterException(spec.commandLine(), Messages.format("Invalid value for option '--mirror': "
                    + "%s is neither an http(s) address nor an existing folder.", mirror));
        }
        Path target = dir.resolve();
        var entries = FetchRun.entries(full, mirror);
        FetchProgress progress = new FetchProgress(spec.commandLine().getErr(), System.console() != null);
        FetchRun.run(target, mirror, entries, parallel, spec.commandLine().getOut(), progress);
        KedrecCli.say(spec, Messages.format("Next: `bin/kedrec data derive --dir %s` writes the derived files.",
                target));
        return 0;
    }
}
