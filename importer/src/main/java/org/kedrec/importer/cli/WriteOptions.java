package org.kedrec.importer.cli;

import org.kedrec.importer.ImportOptions;
import picocli.CommandLine.Option;

/**
 * How an online import writes, {@code --batch-size} rows per transaction and {@code --writers} concurrent sessions,
 * declared once for {@code kedrec import} and {@code kedrec bench import} (which measures what the import does):
 * {@code @Mixin WriteOptions writes;}.
 */
public final class WriteOptions {
    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "" + ImportOptions.DEFAULT_BATCH_SIZE,
            description = "Rows per transaction (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--writers", paramLabel = "N", defaultValue = "" + ImportOptions.DEFAULT_WRITERS,
            description = "Concurrent writer sessions (default: ${DEFAULT-VALUE}).")
    int writers;

    public int batchSize() {
        return batchSize;
    }

    public int writers() {
        return writers;
    }

    /** {@code options} with these batch size and writers. */
    public ImportOptions applyTo(ImportOptions options) {
        return options.withBatchSize(batchSize).withWriters(writers);
    }
}
