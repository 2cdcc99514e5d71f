package org.kedrec.importer.cli;

import org.kedrec.commandline.BoltOptions;
import org.kedrec.commandline.DataOption;
import org.kedrec.core.progress.ConsoleProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.kedrec.core.Messages;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.Importer;
import org.kedrec.importer.OnError;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kedrec import}: loads the drug knowledge graph, clinical trials and PubMed abstracts into Neo4j over Bolt.
 * Subcommands {@code hetionet}, {@code drkg}, {@code trials}, {@code pubmed} and {@code all}; each prints a progress
 * bar per file (standard error) and a summary table (standard output), and writes the JSON report with
 * {@code --report FILE}. Exit code 0 on success, 1 when the import failed (the message names the file, the line and
 * the fix), 2 on a usage error.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Load the drug knowledge graph, clinical trials and PubMed abstracts into Neo4j (idempotent: "
                + "re-running changes no counts).",
        subcommands = {
            ImportCommand.Hetionet.class,
            ImportCommand.Drkg.class,
            ImportCommand.Trials.class,
            ImportCommand.Pubmed.class,
            ImportCommand.All.class
        })
public final class ImportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Standalone entry point; the {@code kedrec} launcher registers this command as {@code kedrec import}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ImportCommand()).execute(args));
    }

    @Override
    public void run() {
        // From the registered subcommands: the kedrec launcher adds `offline` (it needs the server module).
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: choose one of "
                + String.join(", ", spec.subcommands().keySet()) + ".");
    }

    /** Connection and run options, shared by every subcommand. */
    public static final class Options {
        @Mixin
        BoltOptions bolt;

        @Mixin
        DataOption data;

        @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report here.")
        Path report;

        @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail", converter = OnErrorConverter.class,
                description = "A bad input line stops the import (fail, the default) or is skipped and counted (skip).")
        OnError onError;

        @Mixin
        WriteOptions writes;

    }

    /** Accepts {@code fail} and {@code skip}, in any case. */
    public static final class OnErrorConverter implements CommandLine.ITypeConverter<OnError> {
        @Override
        public OnError convert(String value) {
            try {
                return OnError.valueOf(value.strip().toUpperCase(Locale.ENGLISH));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "Invalid value `" + value + "` for --on-error: use fail or skip.");
            }
        }
    }

    /** What every subcommand does around its own import: connect, run, print, report. */
    public abstract static class Subcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Options options;

        /** Runs the import; {@code dataDir} may be null when the user named every input file. */
        abstract ImportReport run(Importer importer, Path dataDir);

        /** Whether this subcommand can do without a data directory (all inputs given explicitly). */
        boolean needsDataDirectory() {
            return true;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Path dataDir = needsDataDirectory() ? options.data.require() : options.data.ifAny();
                ImportOptions importOptions = options.writes.applyTo(ImportOptions.defaults())
                        .withDatabase(options.bolt.database())
                        .withOnError(options.onError)
                        .withDataDirectory(dataDir)
                        .withProgress(ConsoleProgress.forTerminal(err));
                try (Driver driver = options.bolt.driver()) {
                    driver.verifyConnectivity();
                    ImportReport report = run(new Importer(driver, importOptions), dataDir);
                    printSummary(out, report);
                    if (options.report != null) {
                        report.write(options.report);
                        out.println("Report written to " + options.report);
                    }
                }
                out.flush();
                return 0;
            } catch (AuthenticationException | ServiceUnavailableException e) {
                err.println("Error: " + options.bolt.describe(e));
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println("Error: " + e.getMessage());
            }
            err.flush();
            return 1;
        }
    }

    /**
     * A subcommand that imports the files named on its command line, or else its default files in the data
     * directory (which it then needs).
     */
    abstract static class FilesSubcommand extends Subcommand {
        @Parameters(paramLabel = "FILE", arity = "0..*",
                description = "Files to import (default: the command's files of the data directory, named above).")
        List<Path> files = new ArrayList<>();

        private final List<String> defaults;
        private final BiFunction<Importer, Path[], ImportReport> importFiles;

        FilesSubcommand(List<String> defaults, BiFunction<Importer, Path[], ImportReport> importFiles) {
            this.defaults = defaults;
            this.importFiles = importFiles;
        }

        @Override
        boolean needsDataDirectory() {
            return files.isEmpty();
        }

        @Override
        ImportReport run(Importer importer, Path dataDir) {
            List<Path> inputs = files.isEmpty() ? defaults.stream().map(dataDir::resolve).toList() : files;
            return importFiles.apply(importer, inputs.toArray(Path[]::new));
        }
    }

    @Command(name = "hetionet", mixinStandardHelpOptions = true,
            description = "Hetionet nodes (TSV) and edges (SIF, plain or .gz) with DrugBank, Disease Ontology and "
                    + "crosswalk properties and xrefs.")
    public static final class Hetionet extends Subcommand {
        @Option(names = "--nodes", paramLabel = "FILE", description = "Nodes TSV (default: DATA/" + Importer.DEMO_NODES
                + ").")
        Path nodes;

        @Option(names = "--edges", paramLabel = "FILE", description = "Edges SIF (default: DATA/" + Importer.DEMO_EDGES
                + ").")
        Path edges;

        @Override
        boolean needsDataDirectory() {
            return nodes == null || edges == null;
        }

        @Override
        ImportReport run(Importer importer, Path dataDir) {
            return importer.importHetionet(nodes != null ? nodes : dataDir.resolve(Importer.DEMO_NODES),
                    edges != null ? edges : dataDir.resolve(Importer.DEMO_EDGES));
        }
    }

    @Command(name = "drkg", mixinStandardHelpOptions = true,
            description = "DRKG-format triples (head<TAB>relation<TAB>tail); by default the two DRKG COVID-19 "
                    + "host-gene files of the data directory.")
    public static final class Drkg extends FilesSubcommand {
        public Drkg() {
            super(Importer.DEMO_DRKG, Importer::importDrkg);
        }
    }

    @Command(name = "trials", mixinStandardHelpOptions = true,
            description = "Clinical trials of the data directory (trial map, HINT, ClinicalTrials.gov XML and API v2 "
                    + "JSON), merged on the NCT id.")
    public static final class Trials extends Subcommand {
        @Override
        ImportReport run(Importer importer, Path dataDir) {
            return importer.importTrials(dataDir);
        }
    }

    @Command(name = "pubmed", mixinStandardHelpOptions = true,
            description = "PubTator abstracts (BC5CDR, BioRED) merged by PMID, with mentions and asserted relations; "
                    + "by default BC5CDR and BioRED train/dev/test of the data directory.")
    public static final class Pubmed extends FilesSubcommand {
        public Pubmed() {
            super(Importer.DEMO_PUBMED, Importer::importPubmed);
        }
    }

    @Command(name = "all", mixinStandardHelpOptions = true,
            description = "The whole demo set: all Hetionet nodes with the demo edges, the trials, BC5CDR and BioRED.")
    public static final class All extends Subcommand {
        @Override
        ImportReport run(Importer importer, Path dataDir) {
            return importer.importAll(dataDir);
        }
    }

    /** Prints the summary table of a report. */
    static void printSummary(PrintWriter out, ImportReport report) {
        out.println();
        table(out, "Label", "Nodes", report.nodes());
        out.println();
        table(out, "Relationship type", "Relationships", report.relationships());
        out.println();
        out.println(Messages.format("Created %,d nodes and %,d relationships in %.1f s (%,.0f relationships/s).",
                report.created().nodes(), report.created().relationships(), report.seconds(),
                report.relationshipsPerSecond()));
        out.println(Messages.format("Skipped lines: %,d%s", report.skippedLines(),
                report.skippedByReason().isEmpty() ? "" : " " + report.skippedByReason()));
        report.ignored().forEach((reason, count) -> out.println(Messages.format("Ignored: %,d %s", count, reason)));
        report.warnings().forEach(w -> out.println("Warning: " + w));
    }

    private static void table(PrintWriter out, String key, String value, Map<String, Long> rows) {
        int width = Math.max(key.length(), rows.keySet().stream().mapToInt(String::length).max().orElse(0));
        String format = "%-" + width + "s  %,14d";
        out.println(Messages.format("%-" + width + "s  %14s", key, value));
        rows.forEach((k, v) -> out.println(Messages.format(format, k, v)));
        out.println(Messages.format(format, "total", rows.values().stream().mapToLong(Long::longValue).sum()));
    }
}
