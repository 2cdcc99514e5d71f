package org.kedrec.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kedrec.commandline.BoltOptions;
import org.kedrec.commandline.DataOption;
import org.kedrec.commandline.OptionChecks;
import org.kedrec.commandline.ReportOption;
import org.kedrec.core.Messages;
import org.kedrec.core.progress.LoggingProgressTracker;
import org.kedrec.importer.dataset.DatasetBenchmark;
import org.kedrec.importer.dataset.DatasetBuildConfig;
import org.kedrec.importer.dataset.DriverCypherRunner;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kedrec bench dataset}: the full expRxRec build (every positive, four variants, the evidence teacher) against
 * a server that holds the imported graph, timed per round. The first round on a newly started server includes
 * planning the path queries; later rounds show the cached-plan figure, so the report keeps them apart.
 */
@Command(
        name = "dataset",
        description = {
            "Build the whole expRxRec dataset from a server that holds the imported demo graph, once or more, and "
                    + "write seconds and positives per second per round (target: under "
                    + "120 s on 2 cores).",
            ""
        })
public final class BenchDatasetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BoltOptions bolt;

    @Mixin
    DataOption data;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where each round writes its dataset (round N goes to DIR/round-N).")
    Path out;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "2",
            description = "Builds to time; the first on a new server includes query planning (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Mixin
    ReportOption report;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        OptionChecks.require(spec, rounds >= 1 && rounds <= 10, "--rounds", rounds, "1 to 10");
        Path dataDir = data.require();
        BenchMachine.Sample machineBefore = BenchMachine.sample();
        List<Map<String, Object>> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Path roundOut = out.toAbsolutePath().normalize().resolve("round-" + round);
            KedrecCli.say(spec, Messages.format("Round %d of %d: building the dataset from %s into %s", round, rounds,
                    bolt.uri(), roundOut));
            DatasetBenchmark.Result result;
            try (Driver driver = bolt.driver()) {
                driver.verifyConnectivity();
                result = DatasetBenchmark.run(new DriverCypherRunner(driver, bolt.database()),
                        DatasetBuildConfig.defaults(roundOut, dataDir),
                        new LoggingProgressTracker(line -> KedrecCli.say(spec, "  " + line)));
            } catch (ServiceUnavailableException | AuthenticationException e) {
                throw new IllegalStateException(bolt.describe(e), e);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("round", round);
            row.putAll(result.toMap());
            results.add(row);
            KedrecCli.say(spec, Messages.format("Round %d: %,d positives (%,d examples) in %.1f s: %.1f positives/s, "
                            + "%.1f candidate pairs/s; leakage check %s.", round, result.positives(),
                    result.examples(), result.seconds(), result.pairsPerSecond(), result.candidatePairsPerSecond(),
                    result.leakagePassed() ? "passed" : "FAILED"));
        }
        BenchMachine.Sample after = BenchMachine.sample();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uri", bolt.uri());
        json.put("rounds", results);
        json.put("bench", BenchMachine.describe(machineBefore, machineBefore, after));
        Path reportFile = report.file();
        BenchMachine.writeReport(reportFile, json);
        KedrecCli.say(spec, "Report: " + reportFile);
        return 0;
    }
}
