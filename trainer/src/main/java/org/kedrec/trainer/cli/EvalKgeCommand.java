package org.kedrec.trainer.cli;

import java.io.PrintWriter;
import org.kedrec.core.progress.ConsoleProgress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.trainer.kge.eval.KgeEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kedrec eval kge}: the held-out evaluation of a trained ranker beside its baselines, without a database. */
@Command(name = "kge", mixinStandardHelpOptions = true,
        description = {"Evaluate the drug ranker on the 148 published held-out TREATS pairs (filtered MRR, Hit@k, "
                + "AUROC vs non-indications and vs random non-edges), beside random, popularity and the metapath "
                + "baseline, plus the zero-shot diseases.",
            "Writes FILE.json, FILE.md and FILE-roc.png, FILE-roc-random.png, FILE-hitk.png."})
public final class EvalKgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model directory (holding model.json and ranker/).")
    Path model;

    @Option(names = "--report", required = true, description = "Report file to write, e.g. report/ranker.json.")
    Path report;

    @Option(names = "--data", description = "Data directory (default: $KEDREC_DATA or ../shared/data).")
    Path data;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the random baseline (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--bench-rounds", defaultValue = "5",
            description = "Rounds of scoreAll over every disease for the latency figures, 0 for none (default: "
                    + "${DEFAULT-VALUE}).")
    int benchRounds;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        if (!report.getFileName().toString().endsWith(".json")) {
            throw new IllegalArgumentException(Messages.format(
                    "--report %s must name a .json file; the markdown report and the charts are written beside it.",
                    report));
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = data != null ? data : DataDirectory.require();
        Map<String, Object> result = new KgeEvaluation(
                new KgeEvaluation.Options(model, dataDir, Devices.parse(device), seed, benchRounds),
                ConsoleProgress.forTerminal(spec.commandLine().getErr())).run();
        KgeEvaluation.write(result, report);
        out.println(Messages.format("%d held-out pairs, %d compounds ranked per disease (setting: %s):",
                result.get("heldOutPairs"), result.get("compoundsRanked"), result.get("setting")));
        line(out, "model", (Map<String, Object>) result.get("model"));
        Map<String, Object> baselines = (Map<String, Object>) result.get("baselines");
        for (String name : baselines.keySet()) {
            line(out, name, (Map<String, Object>) baselines.get(name));
        }
        line(out, "zero-shot", (Map<String, Object>) result.get("zeroShot"));
        out.println("Report: " + report.toAbsolutePath() + " (+ .md, -roc.png, -roc-random.png, -hitk.png)");
        return 0;
    }

    private static void line(PrintWriter out, String name, Map<String, Object> m) {
        out.println(Messages.format("  %-15s MRR %.3f  Hit@1 %.3f  Hit@10 %.3f  Hit@100 %.3f  AUROC vs NOT %s  vs random %s",
                name, m.get("mrr"), m.get("hit1"), m.get("hit10"), m.get("hit100"),
                format(m.get("aurocVsNonIndications")), format(m.get("aurocVsRandom"))));
    }

    private static String format(Object v) {
        return v instanceof Double d ? Messages.format("%.3f", d) : "n/a";
    }
}
