package org.kedrec.importer.dataset;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.kedrec.commandline.BoltOptions;
import org.kedrec.commandline.DataOption;
import org.kedrec.core.Messages;
import org.kedrec.core.progress.ConsoleProgress;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.rationale.EvidenceTeacher;
import org.kedrec.core.rationale.Teacher;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code kedrec dataset build}: builds the expRxRec instruction dataset from a KEDRec graph over Bolt. */
@Command(
        name = "dataset",
        description = "Build the expRxRec explainable drug-recommendation dataset from the graph.",
        mixinStandardHelpOptions = true,
        subcommands = {DatasetCommand.Build.class})
public final class DatasetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: run `dataset build --out DIR` (see `dataset build --help`).");
    }

    /** The teachers {@code --teacher} accepts. */
    enum TeacherKind {
        evidence,
        openai
    }

    @Command(
            name = "build",
            description = {
                "Sample a hard negative per TREATS positive, find explanation paths, trials and publications by "
                        + "Cypher, let the teacher write rationales, and write JSONL in four variants "
                        + "(vanilla, trials, publications, both) with splits.tsv and a dataset card.",
                "Fails when the leakage check finds a held-out TREATS edge in any example's evidence."
            },
            mixinStandardHelpOptions = true)
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BoltOptions bolt;

        @Option(names = "--out", required = true, description = "Output directory.")
        Path out;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--paths-per-pair", defaultValue = "3",
                description = "Explanation paths per candidate (default: ${DEFAULT-VALUE}).")
        int pathsPerPair;

        @Option(names = "--max-per-metapath", defaultValue = "1",
                description = "Paths per metapath before another metapath's turn (default: ${DEFAULT-VALUE}).")
        int maxPerMetapath;

        @Option(names = "--trials-per-pair", defaultValue = "3",
                description = "Trials per candidate (default: ${DEFAULT-VALUE}).")
        int trialsPerPair;

        @Option(names = "--publications-per-pair", defaultValue = "3",
                description = "Publications per candidate (default: ${DEFAULT-VALUE}).")
        int publicationsPerPair;

        @Mixin
        DataOption data;

        @Option(names = "--splits", description = "Reuse this splits.tsv instead of the published split.")
        Path splits;

        @Option(names = "--disease", description = "Only this disease (id, xref or name); repeatable.")
        List<String> diseases;

        @Option(names = "--pathways", description = "Also follow the slower length-4 pathway metapath CbGpPWpGaD.")
        boolean pathways;

        @Option(names = "--threads", defaultValue = "2", description = "Parallel queries (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--batch-size", defaultValue = "100", description = "Pairs per query (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--negative-pool", defaultValue = "3",
                description = "Draw the negative from this many closest drugs (default: ${DEFAULT-VALUE}).")
        int negativePool;

        @Option(names = "--negatives-per-positive", defaultValue = "1",
                description = "Hard negatives per known indication, one example each: the drawn one, then the next "
                        + "closest eligible drugs (default: ${DEFAULT-VALUE}).")
        int negativesPerPositive;

        @Option(names = "--teacher", defaultValue = "evidence",
                description = "evidence (built in, deterministic) or openai (any OpenAI-compatible endpoint; "
                        + "falls back to evidence per rejected answer). Default: ${DEFAULT-VALUE}.")
        TeacherKind teacher;

        @Option(names = "--openai-url", description = "Chat-completions URL or base URL, e.g. https://api.openai.com/v1.")
        URI openAiUrl;

        @Option(names = "--openai-model", description = "Model name for --teacher openai.")
        String openAiModel;

        @Option(names = "--openai-key-env", defaultValue = "OPENAI_API_KEY",
                description = "Environment variable holding the API key (default: ${DEFAULT-VALUE}).")
        String openAiKeyEnv;

        @Option(names = "--openai-cache", description = "Answer cache (default: OUT/teacher-cache).")
        Path openAiCache;

        @Option(names = "--openai-rps", defaultValue = "2", description = "Requests per second (default: ${DEFAULT-VALUE}).")
        double openAiRps;

        @Option(names = "--openai-retries", defaultValue = "4", description = "Retries per request (default: ${DEFAULT-VALUE}).")
        int openAiRetries;

        @Option(names = "--openai-blind",
                description = "Do not tell the teacher which candidate is relevant; wrong picks are rejected.")
        boolean openAiBlind;

        @Option(names = "--no-progress", description = "Do not draw progress bars.")
        boolean noProgress;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Path dataDir = data.ifAny();
                DatasetBuildConfig config = new DatasetBuildConfig(out(), seed, pathsPerPair, maxPerMetapath,
                        trialsPerPair, publicationsPerPair, dataDir, splits, diseases, pathways, threads, batchSize,
                        negativePool, negativesPerPositive);
                Teacher chosen = teacher();
                ProgressTracker progress = noProgress ? ProgressTracker.NULL : ConsoleProgress.forTerminal(err);
                DatasetResult result;
                try (Driver driver = bolt.driver()) {
                    driver.verifyConnectivity();
                    result = new DatasetBuilder(new DriverCypherRunner(driver, bolt.database()), config, chosen, progress)
                            .build();
                }
                out.println(summary(result));
                out.flush();
                return 0;
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println("Error: " + e.getMessage());
            } catch (ServiceUnavailableException | AuthenticationException e) {
                err.println("Error: " + bolt.describe(e));
            } catch (java.io.UncheckedIOException e) {
                err.println("Error: " + e.getMessage() + " (" + e.getCause().getMessage() + ")");
            } catch (ClientException e) {
                err.println("Error: " + bolt.describe(e));
            }
            err.flush();
            return 1;
        }

        private Path out() {
            if (out == null) {
                throw new IllegalArgumentException("An output directory is required: pass --out DIR.");
            }
            return out.toAbsolutePath().normalize();
        }

        private Teacher teacher() {
            if (teacher == TeacherKind.evidence) {
                return new EvidenceTeacher();
            }
            if (openAiUrl == null) {
                throw new IllegalArgumentException(
                        "--teacher openai needs the endpoint: pass --openai-url, e.g. https://api.openai.com/v1.");
            }
            Path cache = openAiCache != null ? openAiCache : out().resolve("teacher-cache");
            OpenAiTeacher.Settings settings = new OpenAiTeacher.Settings(openAiUrl, openAiModel, openAiKeyEnv, cache,
                    openAiRps, openAiRetries, Duration.ofSeconds(1), Duration.ofSeconds(120), !openAiBlind);
            return new OpenAiTeacher(settings);
        }
    }

    static String summary(DatasetResult result) {
        StringBuilder text = new StringBuilder();
        text.append("expRxRec dataset written to ").append(result.out()).append('\n');
        text.append("  examples per variant: ").append(result.examples()).append(" (")
                .append(result.examplesPerVariant()).append(" in each of vanilla, trials, publications, both)\n");
        text.append("  positives in the graph: ").append(result.positives()).append('\n');
        if (!result.missing().isEmpty()) {
            text.append("  positives without an example: ").append(result.missing().size())
                    .append(" (see README.md)\n");
        }
        text.append("  hard negatives by method: ").append(result.negativeMethods()).append('\n');
        text.append("  teachers: ").append(result.teachers()).append('\n');
        text.append("  leakage check: passed\n");
        text.append("  data hash: ").append(result.dataHash()).append('\n');
        text.append(Messages.format("  %.1f s, %.1f positives/s", result.seconds(), result.pairsPerSecond()));
        return text.toString();
    }
}
