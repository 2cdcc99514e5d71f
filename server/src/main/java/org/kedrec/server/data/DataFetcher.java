package org.kedrec.server.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataCatalogue;
import org.kedrec.core.data.DataCatalogue.Entry;

/**
 * Downloads catalogue files into a data directory: from each file's pinned raw-file address, or from a mirror (an
 * http(s) base address or a local folder with the same relative layout). Every file is written to
 * {@code FILE.part}, resumed from there with an HTTP Range request after a cut connection or an earlier
 * interrupted run, checked against its pinned size and SHA-256, and only then moved over {@code FILE}: a
 * half-downloaded or corrupt file is never taken for a whole one. Files that already verify are not downloaded.
 */
public final class DataFetcher {
    /** Suffix of a file being downloaded. */
    public static final String PART = ".part";
    /** Connection cuts tolerated per file within one run before the file fails (each retry resumes). */
    static final int ATTEMPTS = 4;

    /** What happened to one file. */
    public enum Status {
        /** Already present with the pinned hash: nothing downloaded. */
        VERIFIED,
        /** Downloaded (possibly resumed) and verified. */
        DOWNLOADED,
        /** Could not be fetched or did not verify; {@link Outcome#error} says why. */
        FAILED,
        /**
         * The address answered 404, or the mirror folder has no such file; {@link Outcome#error} names it. A failure
         * for a file the directory needs; for a derived file without a recipe it only means this mirror has none.
         */
        NOT_FOUND
    }

    /** One file's outcome; {@code bytes} counts what was transferred in this run. */
    public record Outcome(Entry entry, Status status, long bytes, int resumes, String error) {}

    /** Where the files come from: {@code null} mirror means each entry's pinned address. */
    public record Settings(Path dir, String mirror, int parallel, Duration timeout) {
        public Settings {
            if (parallel < 1 || parallel > 16) {
                throw new IllegalArgumentException(Messages.format(
                        "Invalid number of parallel downloads: %d; use 1 to 16.", parallel));
            }
        }
    }

    private final Settings settings;
    private final HttpClient http;
    private final FetchProgress progress;

    public DataFetcher(Settings settings, FetchProgress progress) {
        this.settings = settings;
        this.progress = progress;
        // ProxySelector.getDefault() honours -Dhttps.proxyHost/-Dhttp.proxyHost/-Dhttp.nonProxyHosts and
        // -Djava.net.useSystemProxies; GitHub's raw and media addresses redirect, so redirects are followed.
        this.http = HttpClient.newBuilder()
                .proxy(ProxySelector.getDefault())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.timeout())
                .build();
    }

    /** The files of {@code entries} that are not already present with their pinned hash. */
    public static List<Entry> needed(Path dir, List<Entry> entries) {
        List<Entry> needed = new ArrayList<>();
        for (Entry entry : entries) {
            if (!verified(dir.resolve(entry.path()), entry)) {
                needed.add(entry);
            }
        }
        return needed;
    }

    static boolean verified(Path file, Entry entry) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == entry.bytes()
                    && DataCatalogue.sha256(file).equals(entry.sha256());
        } catch (IOException e) {
            return false;
        }
    }

    /** Fetches every entry that is not already verified, a few at once; returns one outcome per entry. */
    public List<Outcome> fetch(List<Entry> entries) {
        List<Outcome> outcomes = new ArrayList<>();
        List<Entry> todo = new ArrayList<>();
        for (Entry entry : entries) {
            if (verified(settings.dir().resolve(entry.path()), entry)) {
                outcomes.add(new Outcome(entry, Status.VERIFIED, 0, 0, null));
            } else {
                todo.add(entry);
            }
        }
        progress.start(todo);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.parallel(), Math.max(1, todo.size())),
                r -> {
                    Thread t = new Thread(r, "kedrec-fetch");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Entry entry : todo) {
                futures.add(pool.submit(() -> fetchOne(entry)));
            }
            for (Future<Outcome> future : futures) {
                try {
                    Outcome outcome = future.get();
                    outcomes.add(outcome);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("A download failed unexpectedly: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while downloading; run the fetch again: the "
                            + "finished files are kept and the partial ones resume.", e);
                }
            }
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
        return outcomes;
    }

    private Outcome fetchOne(Entry entry) {
        Path target = settings.dir().resolve(entry.path());
        Path part = target.resolveSibling(target.getFileName() + PART);
        String address = address(entry);
        long transferred = 0;
        int resumes = 0;
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(part) && Files.size(part) > entry.bytes()) {
                Files.delete(part); // longer than the pinned file: it cannot be a prefix of it
            }
            for (int attempt = 1; ; attempt++) {
                long have = Files.exists(part) ? Files.size(part) : 0;
                if (have > 0) {
                    resumes++;
                }
                try {
                    transferred += download(entry, address, part, have);
                    if (Files.size(part) >= entry.bytes()) {
                        break;
                    }
                    // The stream ended early without an error (a proxy or server that closes quietly): resume.
                    throw new TransferCut(Messages.format("the stream ended after %,d of %,d bytes",
                            Files.size(part), entry.bytes()), 0);
                } catch (TransferCut cut) {
                    transferred += cut.bytes;
                    if (attempt >= ATTEMPTS) {
                        return failed(entry, transferred, resumes, Messages.format("%s: the connection was cut %d "
                                + "times (last: %s) while reading %s; run the fetch again to resume from the %,d bytes "
                                + "in %s.", entry.path(), attempt, cut.getMessage(), address, Files.size(part), part));
                    }
                }
            }
            long size = Files.size(part);
            if (size != entry.bytes()) {
                Files.delete(part);
                return failed(entry, transferred, resumes, Messages.format("%s: %s sent %,d bytes; the catalogue pins "
                        + "%,d. The partial file was deleted; run the fetch again.", entry.path(), address, size,
                        entry.bytes()));
            }
            String actual = DataCatalogue.sha256(part);
            if (!actual.equals(entry.sha256())) {
                Files.delete(part);
                return failed(entry, transferred, resumes, Messages.format("%s: SHA-256 mismatch: expected %s, got "
                        + "%s (from %s). The download was deleted; %s was left as it was. Check the mirror or "
                        + "the source and run the fetch again.", entry.path(), entry.sha256(), actual, address,
                        target));
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            progress.done(entry, null);
            return new Outcome(entry, Status.DOWNLOADED, transferred, resumes, null);
        } catch (HttpFailure e) {
            if (e.notFound) {
                progress.done(entry, optionalFromMirror(entry)
                        ? entry.path() + ": not on this mirror (optional; see the summary)" : e.getMessage());
                return new Outcome(entry, Status.NOT_FOUND, transferred, resumes, e.getMessage());
            }
            return failed(entry, transferred, resumes, e.getMessage());
        } catch (IOException e) {
            return failed(entry, transferred, resumes, Messages.format("%s: could not write %s: %s", entry.path(),
                    part, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(entry, transferred, resumes, entry.path() + ": interrupted; run the fetch again to resume.");
        }
    }

    /**
     * A derived file without a recipe: a mirror that is a whole copy of a data directory has it, one that serves
     * only the originals does not, and {@code data derive} writes a stand-in where it can.
     */
    public static boolean optionalFromMirror(Entry entry) {
        return entry.kind() == DataCatalogue.Kind.DERIVED && entry.recipe() == null;
    }

    private Outcome failed(Entry entry, long bytes, int resumes, String error) {
        progress.done(entry, error);
        return new Outcome(entry, Status.FAILED, bytes, resumes, error);
    }

    /** The address of an entry: the mirror's URL or file for its relative path, else its pinned raw-file URL. */
    public String address(Entry entry) {
        String mirror = settings.mirror();
        if (mirror == null) {
            return entry.url();
        }
        if (isHttp(mirror)) {
            StringBuilder url = new StringBuilder(mirror.endsWith("/") ? mirror : mirror + "/");
            String[] segments = entry.path().split("/");
            for (int i = 0; i < segments.length; i++) {
                url.append(i == 0 ? "" : "/")
                        .append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
            }
            return url.toString();
        }
        return Path.of(mirror).resolve(entry.path()).toAbsolutePath().normalize().toString();
    }

    static boolean isHttp(String mirror) {
        return mirror.startsWith("http://") || mirror.startsWith("https://");
    }

    /** Appends the bytes from {@code offset} on to {@code part}; returns how many were written. */
    private long download(Entry entry, String address, Path part, long offset)
            throws IOException, InterruptedException, TransferCut, HttpFailure {
        if (settings.mirror() != null && !isHttp(settings.mirror())) {
            Path source = Path.of(address);
            if (!Files.isRegularFile(source)) {
                throw new HttpFailure(Messages.format("%s: not found in the mirror folder: %s does not exist.",
                        entry.path(), source), true);
            }
            try (InputStream in = Files.newInputStream(source)) {
                in.skipNBytes(offset);
                return copy(entry, in, part, offset > 0);
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address)).timeout(settings.timeout()).GET();
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                throw e;
            }
            throw new TransferCut(e.toString(), 0);
        }
        int status = response.statusCode();
        try (InputStream in = response.body()) {
            if (status == 206 && offset > 0) {
                return copy(entry, in, part, true);
            }
            if (status == 200) {
                // The server ignored the Range header: start the file over rather than append a second copy.
                if (offset > 0) {
                    progress.advance(-offset);
                }
                return copy(entry, in, part, false);
            }
            if (status == 416) {
                Files.deleteIfExists(part);
                progress.advance(-offset);
                throw new TransferCut("HTTP 416 for a resumed range; starting over", 0);
            }
            throw new HttpFailure(Messages.format("%s: HTTP %d from %s%s", entry.path(), status, address,
                    status == 404 ? " (not found: check --mirror, or the pinned source in the catalogue)" : ""),
                    status == 404);
        }
    }

    private long copy(Entry entry, InputStream in, Path part, boolean append) throws TransferCut, IOException {
        long written = 0;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new TransferCut(e.toString(), written);
                }
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                written += n;
                progress.advance(n);
            }
        }
        return written;
    }

    /** A transfer that stopped part-way: what arrived stays in the .part file and the next attempt resumes. */
    private static final class TransferCut extends Exception {
        private static final long serialVersionUID = 1L;
        final long bytes;

        TransferCut(String message, long bytes) {
            super(message, null, false, false);
            this.bytes = bytes;
        }
    }

    /** A response that no retry will fix (404, 403, ...); its message names the file and the address. */
    private static final class HttpFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean notFound;

        HttpFailure(String message, boolean notFound) {
            super(message, null, false, false);
            this.notFound = notFound;
        }
    }
}
