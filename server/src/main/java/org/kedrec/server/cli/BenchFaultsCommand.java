package org.kedrec.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kedrec.commandline.DataOption;
import org.kedrec.commandline.ReportOption;
import org.kedrec.core.Messages;
import org.kedrec.server.Distribution;
import org.kedrec.server.TemporaryServer;
import org.kedrec.server.bench.FaultBenchmark;
import org.kedrec.server.bench.SmallDataDirectory;
import org.kedrec.server.demo.DemoProfile;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kedrec bench faults}: kill -9 of the real import, dataset build, ranker and student training at chosen
 * points, each re-run compared with a clean run, on a temporary server of its own (docs/reliability.md).
 */
@Command(
        name = "faults",
        description = {
            "Start a fresh temporary Neo4j server and run the pipeline's writing commands as child processes: for "
                    + "each of import, dataset build, ranker training and student training one clean run, then "
                    + "per kill point a run killed with SIGKILL after that fraction of the fastest run so far and a "
                    + "re-run, compared with the clean run (graph counts, dataset hash, the recommendations and "
                    + "rationales of the model the plugin loads). Writes the JSON report and stops the server.",
            ""
        })
public final class BenchFaultsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--small", description = "Cut the small set of the demo test (432 Hetionet nodes, their edges, "
            + "trials and the BC5CDR sample) from --data and run on it: minutes instead of hours.")
    boolean small;

    @Option(names = "--points", paramLabel = "F", split = ",", defaultValue = "0.25,0.5,0.75",
            description = "Kill points, as fractions of the wall clock of the stage's fastest run so far (the clean "
                    + "run or a re-run), or `progress`: as soon as the run prints its stage's progress line, once "
                    + "it is well into its writing (the import's trials map read, the dataset's explanation paths "
                    + "found, the ranker's evidence read, the student's first epoch done; default: ${DEFAULT-VALUE}).")
    List<String> points;

    @Option(names = "--stages", paramLabel = "S", split = ",", defaultValue = "import,dataset,ranker,student",
            description = "Stages to kill (each stage still runs once, clean; default: ${DEFAULT-VALUE}).")
    List<String> stages;

    @Option(names = "--profile", defaultValue = "test",
            description = "Training size, as kedrec demo --profile: test (tiny models) or quick (default: "
                    + "${DEFAULT-VALUE}).")
    String profile;

    @Mixin
    ReportOption report;

    @Mixin
    TemporaryServerOptions temporary = new TemporaryServerOptions("1g", "256m");

    /** {@inheritDoc} */
    @Override
    public Integer call() throws IOException {
        Path dataDir = data.requireFolder(spec);
        temporary.validate(spec);
        List<FaultBenchmark.Stage> killed = new ArrayList<>();
        DemoProfile training;
        try {
            for (String stage : stages) {
                killed.add(FaultBenchmark.Stage.parse(stage.strip()));
            }
            training = DemoProfile.parse(profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<FaultBenchmark.KillPoint> killPoints = new ArrayList<>();
        for (String point : points) {
            killPoints.add(killPoint(point.strip()));
        }
        Path reportFile = report.file();
        Distribution dist = Distribution.locate();
        BenchMachine.Sample machine = BenchMachine.sample();
        long begin = System.nanoTime();
        boolean identical;
        try (TemporaryServer server = temporary.start(dist, List.of(), line -> KedrecCli.say(spec, line));
                Driver driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none())) {
            Path work = server.home().resolve("faults");
            Path runData = small ? SmallDataDirectory.write(dataDir, work.resolve("data")) : dataDir;
            KedrecCli.say(spec, Messages.format("Temporary server at %s; killing %s at %s (fractions of the fastest "
                    + "run so far, or its progress line), data %s.", server.boltUri(), stages, points,
                    small ? "the small set cut from " + dataDir : dataDir));
            FaultBenchmark.Options options = new FaultBenchmark.Options(runData, work, server.home().resolve("models"),
                    server.boltUri(), killed, killPoints, training.kgeArguments(),
                    training.studentArguments(), temporary.server().heap());
            Map<String, Object> stageReports = new FaultBenchmark(options, driver, line -> KedrecCli.say(spec, line))
                    .run();
            identical = FaultBenchmark.allIdentical(stageReports);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("identical", identical);
            out.put("points", killPoints.stream()
                    .map(point -> point.fraction() != null ? (Object) point.fraction() : "progress").toList());
            out.put("killedStages", stages);
            out.put("data", small ? "small set cut from the data folder (--small)" : "the data folder as given");
            out.put("profile", training.label());
            out.put("stages", stageReports);
            out.put("seconds", Math.round((System.nanoTime() - begin) / 1e7) / 100.0);
            out.putAll(BenchMachine.describe(machine, machine, BenchMachine.sample()));
            BenchMachine.writeReport(reportFile, out);
            KedrecCli.say(spec, identical
                    ? "Every re-run ended identical to its clean run."
                    : "Some re-run did NOT end identical to its clean run: see the report.");
        }
        KedrecCli.say(spec, "Report: " + reportFile);
        return identical ? 0 : KedrecCli.EXIT_FAILURE;
    }

    private FaultBenchmark.KillPoint killPoint(String value) {
        if (value.equals("progress")) {
            return FaultBenchmark.KillPoint.PROGRESS;
        }
        double fraction;
        try {
            fraction = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            fraction = Double.NaN;
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new ParameterException(spec.commandLine(), Messages.format(
                    "Invalid value for option '--points': %s. Each kill point is a fraction of the stage's "
                            + "fastest run between 0 and 1 (exclusive), e.g. 0.25,0.5,0.75, or `progress` (at the "
                            + "stage's progress line).",
                    Messages.echo(value)));
        }
        return new FaultBenchmark.KillPoint(fraction);
    }
}
