package org.kedrec.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.kedrec.core.Messages;

/**
 * The pinned data catalogue ({@code catalogue.tsv} beside this class): every file kedrec reads from the data
 * directory, with its size, SHA-256 and licence, and for an original file the public repository, commit and path
 * it comes from and its raw-file address. One catalogue serves {@code kedrec data fetch|verify|derive}, the demo's
 * missing-data message and the tests' data check, so they cannot disagree about what a complete directory is.
 */
public final class DataCatalogue {
    /** The command that gets the data; every message about missing data names it. */
    public static final String FETCH_COMMAND = "bin/kedrec data fetch";
    /** The page in the repository that describes the data, its sources and licences. */
    public static final String README = "docs/data.md";

    /** What a file is: downloaded as is, produced by {@code kedrec data derive}, or only fetched with --full. */
    public enum Kind {
        ORIGINAL, DERIVED, FULL
    }

    /**
     * One file of the data directory.
     *
     * @param path relative path inside the data directory ({@code /}-separated)
     * @param nonCommercial whether its terms forbid commercial use (DrugBank content CC BY-NC 4.0, HINT)
     * @param repository GitHub {@code owner/name}, {@code null} for a derived file
     * @param url raw-file address of the pinned source, {@code null} for a derived file
     * @param recipe the {@code kedrec data derive} recipe that writes a derived file, {@code null} when none does
     */
    public record Entry(String path, Kind kind, long bytes, String sha256, boolean nonCommercial, String licence,
            String repository, String commit, String sourcePath, String url, String recipe) {
        /**
         * Whether {@link #bytes} and {@link #sha256} pin the decompressed content rather than the file: so for a
         * derived {@code .gz}, whose compressed bytes depend on the compressor that wrote it.
         */
        public boolean pinsContent() {
            return kind == Kind.DERIVED && path.endsWith(".gz");
        }

        /** Where the file comes from, for messages: {@code owner/name @ commit : path}, or its recipe. */
        public String source() {
            if (repository != null) {
                return Messages.format("%s @ %s : %s", repository, commit, sourcePath);
            }
            return recipe != null ? "derived by `bin/kedrec data derive` (recipe " + recipe + ")"
                    : "derived; no recipe in the repository, comes with a copy of the data (see " + README + ")";
        }
    }

    private static final String RESOURCE = "catalogue.tsv";
    private static final List<String> HEADER = List.of("path", "kind", "bytes", "sha256", "terms", "licence",
            "repository", "commit", "source_path", "url", "recipe");
    private static volatile DataCatalogue pinned;

    private final List<Entry> entries;

    private DataCatalogue(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The catalogue pinned in the repository. */
    public static DataCatalogue pinned() {
        DataCatalogue result = pinned;
        if (result == null) {
            try (InputStream in = DataCatalogue.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("The data catalogue " + RESOURCE + " is missing from the class "
                            + "path of org.kedrec.core.data: rebuild the core module.");
                }
                result = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pinned = result;
        }
        return result;
    }

    /** A catalogue from its TSV text (comment lines start with {@code #}); tests pin files of their own this way. */
    public static DataCatalogue parse(String tsv) {
        List<Entry> entries = new ArrayList<>();
        boolean header = false;
        int lineNumber = 0;
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(tsv))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = List.of(line.split("\t", -1));
                if (!header) {
                    if (!cells.equals(HEADER)) {
                        throw new IllegalArgumentException(Messages.format("Data catalogue line %d: expected the "
                                + "header %s but read %s.", lineNumber, String.join(" ", HEADER), line));
                    }
                    header = true;
                    continue;
                }
                entries.add(entry(cells, lineNumber));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DataCatalogue(entries);
    }

    private static Entry entry(List<String> cells, int lineNumber) {
        if (cells.size() != HEADER.size()) {
            throw new IllegalArgumentException(Messages.format("Data catalogue line %d has %d columns; expected %d "
                    + "(%s).", lineNumber, cells.size(), HEADER.size(), String.join(" ", HEADER)));
        }
        Kind kind;
        try {
            kind = Kind.valueOf(cells.get(1).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.format("Data catalogue line %d: unknown kind `%s`; use "
                    + "original, derived or full.", lineNumber, cells.get(1)), e);
        }
        String sha = cells.get(3);
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(Messages.format("Data catalogue line %d: `%s` is not a SHA-256 (64 "
                    + "lower-case hex digits).", lineNumber, sha));
        }
        String path = cells.get(0);
        if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw new IllegalArgumentException(Messages.format("Data catalogue line %d: `%s` must be a relative "
                    + "path inside the data directory.", lineNumber, path));
        }
        return new Entry(path, kind, Long.parseLong(cells.get(2)), sha, "non-commercial".equals(cells.get(4)),
                cells.get(5), dash(cells.get(6)), dash(cells.get(7)), dash(cells.get(8)), dash(cells.get(9)),
                dash(cells.get(10)));
    }

    private static String dash(String cell) {
        return cell.isEmpty() || "-".equals(cell) ? null : cell;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entries of these kinds, in catalogue order. */
    public List<Entry> of(Kind... kinds) {
        List<Kind> wanted = List.of(kinds);
        return entries.stream().filter(e -> wanted.contains(e.kind())).toList();
    }

    public Optional<Entry> entry(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    /**
     * The files a fresh machine can have after {@code data fetch} and {@code data derive}: the originals and the
     * derived files that have a recipe (not the --full extras).
     */
    public List<Entry> obtainable() {
        return entries.stream()
                .filter(e -> e.kind() == Kind.ORIGINAL || (e.kind() == Kind.DERIVED && e.recipe() != null))
                .toList();
    }

    /**
     * The entries whose file under {@code dir} is absent or has another size: a cheap check (no hashing) for tests
     * and the demo; {@code kedrec data verify} hashes.
     */
    public static List<Entry> absentOrWrongSize(Path dir, List<Entry> entries) {
        List<Entry> bad = new ArrayList<>();
        for (Entry entry : entries) {
            Path file = dir.resolve(entry.path());
            try {
                if (!Files.isRegularFile(file) || (!entry.pinsContent() && Files.size(file) != entry.bytes())) {
                    bad.add(entry);
                }
            } catch (IOException e) {
                bad.add(entry);
            }
        }
        return bad;
    }

    /** The size and SHA-256 that {@code entry} pins, measured on {@code file} (decompressed if it pins content). */
    public static Measured measure(Entry entry, Path file) throws IOException {
        MessageDigest digest = newDigest();
        long size = 0;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = entry.pinsContent() ? new java.util.zip.GZIPInputStream(raw, 1 << 16) : raw) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new Measured(size, HexFormat.of().formatHex(digest.digest()));
    }

    /** What {@link #measure} found. */
    public record Measured(long bytes, String sha256) {
        public boolean matches(Entry entry) {
            return bytes == entry.bytes() && sha256.equals(entry.sha256());
        }
    }

    /** The SHA-256 of a file, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A fresh SHA-256 digest (every JDK has one). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256 MessageDigest.", e);
        }
    }
}
