package org.kedrec.server.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataCatalogue.Entry;
import org.kedrec.server.demo.DemoData;

/**
 * The demo's step before step 1: when files the demo reads are missing, fetch the originals (with a one-line
 * notice that gives the download size; no prompt) and derive what has a recipe. A complete directory costs
 * nothing here (existence checks only). Files that neither fetch nor derive can make are left for step 1's message.
 */
public final class DemoDataSetup {
    private DemoDataSetup() {}

    /** Completes {@code dir} for the demo as far as fetch and derive can; returns whether anything was done. */
    public static boolean complete(Path dir, String mirror, PrintWriter out, FetchProgress progress) {
        List<DemoData.DataFile> missing = Files.isDirectory(dir) ? DemoData.missing(dir) : DemoData.FILES;
        if (missing.isEmpty()) {
            return false;
        }
        List<Entry> originals = FetchRun.entries(false, mirror);
        List<Entry> toFetch = DataFetcher.needed(dir, originals);
        long bytes = toFetch.stream().mapToLong(Entry::bytes).sum();
        out.println(Messages.format("[0/8] Data: %d of the %d files the demo reads are missing in %s; fetching %d "
                        + "files (%.1f MB) from %s and deriving the rest (`kedrec demo --offline` skips this).",
                missing.size(), DemoData.FILES.size(), dir, toFetch.size(), bytes / 1e6,
                mirror == null ? "their pinned public sources" : mirror));
        out.flush();
        if (!toFetch.isEmpty()) {
            FetchRun.run(dir, mirror, originals, 4, out, progress);
        }
        boolean derivable = missing.stream().anyMatch(f -> Deriver.RECIPES.stream()
                .anyMatch(r -> r.path().equals(f.path())));
        // After the fetch: a mirror that is a whole copy of the data has just supplied the full file.
        List<DemoData.DataFile> stillMissing = DemoData.missing(dir);
        boolean partial = stillMissing.stream().anyMatch(f -> Deriver.PARTIALS.stream()
                .anyMatch(p -> p.path().equals(f.path())));
        if (derivable || partial) {
            try {
                Deriver deriver = new Deriver(dir, dir);
                if (derivable) {
                    for (Deriver.Written written : deriver.deriveAll()) {
                        out.println(Messages.format("      derived %s (%,d rows)", written.recipe().path(),
                                written.rows()));
                    }
                }
                if (partial) {
                    for (Deriver.PartialOutcome outcome : deriver.derivePartials()) {
                        out.println("      derived " + outcome.line());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(Messages.format("Deriving the demo files into %s failed: %s", dir, e),
                        e);
            }
        }
        out.flush();
        return true;
    }
}
