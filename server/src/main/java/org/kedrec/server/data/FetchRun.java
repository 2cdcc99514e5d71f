package org.kedrec.server.data;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataCatalogue;
import org.kedrec.core.data.DataCatalogue.Entry;

/**
 * One {@code data fetch}: says what will be downloaded from where (and names the non-commercial sources among
 * it), downloads, and sums up; throws with every failure's message when a file could not be fetched. Shared by
 * {@code kedrec data fetch} and the demo's data step.
 */
public final class FetchRun {
    private FetchRun() {}

    /**
     * What a fetch downloads: the originals, with {@code full} the --full extras, and from a mirror also the
     * derived files that no recipe makes (a mirror is a copy of a whole data directory; the public sources have
     * no such files, so without a mirror they cannot be fetched).
     */
    public static List<Entry> entries(boolean full, String mirror) {
        return entries(DataCatalogue.pinned(), full, mirror);
    }

    /** {@link #entries(boolean, String)} from another catalogue: tests pin files of their own with it. */
    public static List<Entry> entries(DataCatalogue catalogue, boolean full, String mirror) {
        List<Entry> entries = new java.util.ArrayList<>(catalogue.of(DataCatalogue.Kind.ORIGINAL));
        if (mirror != null) {
            catalogue.of(DataCatalogue.Kind.DERIVED).stream().filter(e -> e.recipe() == null && !e.pinsContent())
                    .forEach(entries::add);
        }
        if (full) {
            entries.addAll(catalogue.of(DataCatalogue.Kind.FULL));
        }
        return entries;
    }

    /** The outcomes; an {@link IllegalStateException} that lists each failure when any file failed. */
    public static List<DataFetcher.Outcome> run(Path dir, String mirror, List<Entry> entries, int parallel,
            PrintWriter out, FetchProgress progress) {
        DataFetcher fetcher = new DataFetcher(new DataFetcher.Settings(dir, mirror, parallel, Duration.ofSeconds(60)),
                progress);
        List<Entry> needed = DataFetcher.needed(dir, entries);
        if (!needed.isEmpty()) {
            long bytes = needed.stream().mapToLong(Entry::bytes).sum();
            out.println(Messages.format("Fetching %d of %d files (%.1f MB) into %s from %s.", needed.size(),
                    entries.size(), bytes / 1e6, dir, mirror == null ? "their pinned public sources" : mirror));
            List<Entry> nonCommercial = needed.stream().filter(Entry::nonCommercial).toList();
            if (!nonCommercial.isEmpty()) {
                out.println(nonCommercialNotice(nonCommercial));
            }
            out.flush();
        }
        List<DataFetcher.Outcome> outcomes = fetcher.fetch(entries);
        // A full file from a whole-copy mirror has replaced a partial one: its provenance note no longer applies.
        for (DataFetcher.Outcome outcome : outcomes) {
            if (outcome.status() == DataFetcher.Status.DOWNLOADED) {
                for (Deriver.Partial partial : Deriver.PARTIALS) {
                    if (partial.path().equals(outcome.entry().path())) {
                        try {
                            java.nio.file.Files.deleteIfExists(dir.resolve(partial.notePath()));
                        } catch (java.io.IOException e) {
                            out.println(Messages.format("Could not remove the stale note %s: %s",
                                    dir.resolve(partial.notePath()), e));
                        }
                    }
                }
            }
        }
        long downloaded = outcomes.stream().filter(o -> o.status() == DataFetcher.Status.DOWNLOADED).count();
        long verified = outcomes.stream().filter(o -> o.status() == DataFetcher.Status.VERIFIED).count();
        long transferred = outcomes.stream().mapToLong(DataFetcher.Outcome::bytes).sum();
        int resumes = outcomes.stream().mapToInt(DataFetcher.Outcome::resumes).sum();
        List<String> failures = outcomes.stream().filter(o -> o.status() == DataFetcher.Status.FAILED
                || (o.status() == DataFetcher.Status.NOT_FOUND && !DataFetcher.optionalFromMirror(o.entry())))
                .map(DataFetcher.Outcome::error).toList();
        List<Entry> notOnMirror = outcomes.stream().filter(o -> o.status() == DataFetcher.Status.NOT_FOUND
                && DataFetcher.optionalFromMirror(o.entry())).map(DataFetcher.Outcome::entry).toList();
        out.println(Messages.format("%s: %d downloaded (%.1f MB, %d resumed), %d already verified, %d failed.", dir,
                downloaded, transferred / 1e6, resumes, verified, failures.size()));
        if (!notOnMirror.isEmpty()) {
            out.println(notOnMirrorNotice(dir, notOnMirror));
        }
        out.flush();
        if (!failures.isEmpty()) {
            throw new IllegalStateException(Messages.format("%d file%s could not be fetched:%n  %s%nRun the fetch "
                    + "again to resume (finished files are kept; partial ones continue from their .part file).",
                    failures.size(), failures.size() == 1 ? "" : "s", String.join(System.lineSeparator() + "  ",
                            failures)));
        }
        return outcomes;
    }

    /**
     * The derived files without a recipe that the mirror did not have: optional for {@code data verify}; for the
     * ones with a stand-in, {@code data derive} writes it (and says what it lacks).
     */
    static String notOnMirrorNotice(Path dir, List<Entry> entries) {
        StringBuilder text = new StringBuilder(Messages.format("%d derived file%s without a recipe %s not on the "
                + "mirror (it serves the originals only); optional:", entries.size(), entries.size() == 1 ? "" : "s",
                entries.size() == 1 ? "is" : "are"));
        for (Entry entry : entries) {
            text.append(System.lineSeparator()).append("  ").append(entry.path()).append(" - ");
            Deriver.Partial partial = Deriver.PARTIALS.stream().filter(p -> p.path().equals(entry.path())).findFirst()
                    .orElse(null);
            text.append(partial != null ? Messages.format("`bin/kedrec data derive --dir %s` writes the part from "
                    + "%s (%,d of %,d rows)", dir, partial.from(), partial.rows(), partial.fullRows())
                    : Messages.format("needs %s; without it, %s", Deriver.NOT_DERIVABLE.get(entry.path()),
                            Deriver.WITHOUT.get(entry.path())));
        }
        return text.toString();
    }

    /** The notice for files under non-commercial terms: printed whenever they are downloaded, never optional. */
    public static String nonCommercialNotice(List<Entry> entries) {
        StringBuilder text = new StringBuilder(Messages.format("NOTICE: %d of these files may be used for "
                + "non-commercial purposes only (see %s):", entries.size(), DataCatalogue.README));
        for (Entry entry : entries) {
            text.append(System.lineSeparator()).append("  ").append(entry.path()).append(" - ")
                    .append(entry.licence());
        }
        return text.toString();
    }
}
