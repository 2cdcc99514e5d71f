package org.kedrec.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kedrec.core.Messages;
import org.kedrec.core.graph.RelationTypes;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.importer.io.LineReader;
import org.kedrec.importer.io.Problems;
import org.kedrec.importer.write.EntityIndex;
import org.kedrec.importer.write.GraphWriter;
import org.kedrec.importer.write.ImportStats;

/**
 * Everything one import run shares between its steps: the writer and its entity index, the error policy, the
 * counters, progress, the relation mapping table and the data directory. Internal to the importer; created by
 * {@link Importer} for each call.
 */
public final class ImportContext {
    private final GraphWriter writer;
    private final Problems problems;
    private final ImportStats stats;
    private final ProgressTracker progress;
    private final RelationTypes relationTypes;
    private final Path dataDirectory;
    private final List<ImportReport.FileReport> files = new ArrayList<>();
    private final List<ImportReport.StepReport> steps = new ArrayList<>();

    ImportContext(GraphWriter writer, Problems problems, ImportStats stats, ProgressTracker progress,
            RelationTypes relationTypes, Path dataDirectory) {
        this.writer = writer;
        this.problems = problems;
        this.stats = stats;
        this.progress = progress;
        this.relationTypes = relationTypes;
        this.dataDirectory = dataDirectory;
    }

    public GraphWriter writer() {
        return writer;
    }

    public EntityIndex index() {
        return writer.index();
    }

    public Problems problems() {
        return problems;
    }

    public ImportStats stats() {
        return stats;
    }

    public RelationTypes relationTypes() {
        return relationTypes;
    }

    /** The data directory, if one is configured or found. */
    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    /** A side file of the data directory, or empty (with a warning saying what is missing and why it matters). */
    public Optional<Path> optionalDataFile(String relative, String usedFor) {
        if (dataDirectory == null) {
            stats.warn(Messages.format("No data directory: %s skipped (it comes from %s; set --data or KEDREC_DATA).",
                    usedFor, relative));
            return Optional.empty();
        }
        Path file = dataDirectory.resolve(relative);
        if (!Files.isRegularFile(file)) {
            stats.warn(Messages.format("%s skipped: %s does not exist.", usedFor, file));
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** Starts the progress of one input file. */
    public FileProgress begin(String step, LineReader reader) {
        return new FileProgress(step, reader);
    }

    List<ImportReport.FileReport> files() {
        return files;
    }

    List<ImportReport.StepReport> steps() {
        return steps;
    }

    /** Progress of one file in bytes read, reported every few thousand lines. */
    public final class FileProgress {
        private final String step;
        private final LineReader reader;
        private final long start = System.nanoTime();
        private long reported;

        FileProgress(String step, LineReader reader) {
            this.step = step;
            this.reader = reader;
            progress.begin(step + " " + reader.file().getFileName(), reader.size());
        }

        /** Call once per line; cheap. */
        public void tick() {
            if ((reader.lineNumber() & 0xFFF) == 0) {
                update();
            }
        }

        private void update() {
            long bytes = reader.bytesRead();
            if (bytes > reported) {
                progress.advance(bytes - reported);
                reported = bytes;
            }
        }

        /** Ends the file's progress and records it in the report. */
        public void end() {
            update();
            if (reader.size() > reported) {
                progress.advance(reader.size() - reported);
                reported = reader.size();
            }
            progress.end();
            files.add(new ImportReport.FileReport(step, reader.file().toString(), reader.lineNumber(),
                    Math.round((System.nanoTime() - start) / 1e6) / 1e3));
        }
    }

    /**
     * Starts the progress of inputs read whole rather than line by line (JSON, XML, CSV): {@code units} is their
     * size in bytes, or a number of files.
     */
    public Whole beginWhole(String step, Path input, long units) {
        return new Whole(step, input, units);
    }

    /** Progress of an input read whole. */
    public final class Whole {
        private final String step;
        private final Path input;
        private final long start = System.nanoTime();

        Whole(String step, Path input, long units) {
            this.step = step;
            this.input = input;
            progress.begin(step + " " + input.getFileName(), units);
        }

        /** Reports {@code units} more done. */
        public void advance(long units) {
            progress.advance(units);
        }

        /** Ends the progress and records the input with its number of records in the report. */
        public void end(long records) {
            progress.end();
            files.add(new ImportReport.FileReport(step, input.toString(), records,
                    Math.round((System.nanoTime() - start) / 1e6) / 1e3));
        }
    }

}
