package org.kedrec.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kedrec.commandline.ReportOption;
import org.kedrec.core.Messages;
import org.kedrec.core.split.PairSplit;
import org.kedrec.importer.dataset.DriverCypherRunner;
import org.kedrec.server.bench.ExplainEvaluation;
import org.kedrec.server.bench.MetapathCalibration;
import org.kedrec.trainer.ranking.eval.KgeEvaluation;
import org.kedrec.trainer.ranking.graph.TreatsPair;
import org.neo4j.driver.Driver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kedrec eval explain}: mechanism-first explanation paths against the degree-weighted order and the
 * database's order, on the held-out known indications of the ranker's split, with the latency of the calls.
 */
@Command(
        name = "explain",
        description = {
            "Evaluate the order of kedrec.explain's paths over Bolt on a running server with a graph and a model: on "
                    + "the held-out TREATS pairs of the split, the share of pairs with a mechanism path whose first "
                    + "path is one, with one among the top 5, and the distinct genes among the top 5, for the "
                    + "mechanism order, the degree-weighted order (pathCount) and the database's order; plus the "
                    + "latency of the calls. Writes a JSON report. With --calibrate, first fits the metapath weights "
                    + "on the training split and writes them.",
            ""
        })
public final class EvalExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerTarget target;

    @Mixin
    ReportOption report;

    @Option(names = "--split", defaultValue = "test",
            description = "Which known pairs to explain: test, validation, zeroshot or train (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--splits", paramLabel = "FILE", description = "splits.tsv of the dataset the ranker was trained "
            + "on (default: <home>/dataset/splits.tsv).")
    Path splits;

    @Option(names = "--paths", defaultValue = "5", description = "Paths per call (default: ${DEFAULT-VALUE}).")
    int paths;

    @Option(names = "--max-path-length", defaultValue = "3",
            description = "maxPathLength of the measured calls (default: ${DEFAULT-VALUE}).")
    int maxPathLength;

    @Option(names = "--rounds", defaultValue = "2",
            description = "Timed passes over the pairs for the latency (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--calibrate", paramLabel = "FILE", description = "First fit the metapath weights on the "
            + "training split and write them here (core/src/main/resources/org/kedrec/core/explain/"
            + "metapath-weights.tsv ships them).")
    Path calibrate;

    @Option(names = "--calibrate-only", description = "With --calibrate: write the weights and stop (no report "
            + "is written).")
    boolean calibrateOnly;

    @Option(names = "--calibration-pairs", defaultValue = "300",
            description = "Training pairs (and as many non-indications) for --calibrate (default: ${DEFAULT-VALUE}).")
    int calibrationPairs;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        PairSplit wanted;
        try {
            wanted = PairSplit.valueOf(split.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), Messages.format(
                    "Invalid value for option '--split': `%s`. Valid values are: test, validation, zeroshot, train.",
                    split));
        }
        ServerTarget.Resolved server = target.resolve(spec);
        Path splitsFile = splits != null ? splits : server.home() == null ? null
                : server.home().resolve("dataset").resolve("splits.tsv");
        if (splitsFile == null || !Files.isRegularFile(splitsFile)) {
            throw new ParameterException(spec.commandLine(), Messages.format("No splits file %s: pass --splits with "
                    + "the splits.tsv of the dataset the ranker was trained on (`kedrec dataset build` writes it).",
                    splitsFile == null ? "given" : splitsFile));
        }
        List<TreatsPair> all = KgeEvaluation.readModelPairs(splitsFile);
        List<ExplainEvaluation.Pair> pairs = new ArrayList<>();
        List<ExplainEvaluation.Pair> train = new ArrayList<>();
        Set<String> known = new HashSet<>();
        List<String> heldOut = new ArrayList<>();
        for (TreatsPair pair : all) {
            known.add(pair.drug() + "|" + pair.disease());
            if (pair.split() == wanted) {
                pairs.add(new ExplainEvaluation.Pair(pair.drug(), pair.disease()));
            }
            if (pair.split() == PairSplit.TRAIN) {
                train.add(new ExplainEvaluation.Pair(pair.drug(), pair.disease()));
            } else {
                heldOut.add(pair.drug() + "|" + pair.disease());
            }
        }
        if (pairs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), Messages.format(
                    "The splits file %s has no `%s` TREATS pairs.", splitsFile, wanted.label()));
        }
        Path reportFile = report.file();
        try (Driver driver = target.driver(server)) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("startedAt", Instant.now().toString());
            out.put("uri", server.uri());
            out.put("splits", splitsFile.toString());
            out.put("split", wanted.label());
            out.put("query", ExplainEvaluation.QUERY);
            out.put("paths", paths);
            out.put("maxPathLength", maxPathLength);
            if (calibrate != null) {
                KedrecCli.say(spec, Messages.format("Calibrating metapath weights on %d training pairs and as many "
                        + "non-indications...", Math.min(calibrationPairs, train.size())));
                long start = System.nanoTime();
                List<MetapathCalibration.Row> rows = MetapathCalibration.fit(new DriverCypherRunner(driver, target.bolt().database()),
                        train, known, heldOut, calibrationPairs, 12L, 4);
                Map<String, Object> provenance = new LinkedHashMap<>();
                provenance.put("fitted", Instant.now().toString());
                provenance.put("command", "kedrec eval explain --calibrate FILE --calibration-pairs "
                        + calibrationPairs + " (seed 12, maxPathLength 4)");
                provenance.put("splits", splitsFile.getFileName() + ", " + train.size() + " train pairs");
                MetapathCalibration.write(calibrate.toAbsolutePath().normalize(), rows, provenance);
                out.put("calibration", Map.of("file", calibrate.toAbsolutePath().normalize().toString(),
                        "seconds", (System.nanoTime() - start) / 1e9));
                KedrecCli.say(spec, "Metapath weights: " + calibrate.toAbsolutePath().normalize());
                if (calibrateOnly) {
                    return 0;
                }
            }
            ExplainEvaluation evaluation = new ExplainEvaluation(driver, paths, maxPathLength);
            KedrecCli.say(spec, Messages.format("Explaining %d %s pairs from %s on %s...", pairs.size(),
                    wanted.label(), splitsFile, server.uri()));
            out.putAll(evaluation.measure(pairs, line -> KedrecCli.say(spec, line)));
            out.put("latency", evaluation.latency(pairs, paths, maxPathLength, rounds));
            out.put("latencyTenPathsLength4", evaluation.latency(pairs, 10, 4, rounds));
            BenchMachine.writeReport(reportFile, out);
        }
        KedrecCli.say(spec, "Report: " + reportFile);
        return 0;
    }
}
