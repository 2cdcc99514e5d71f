package org.kedrec.trainer.cli;

import java.io.PrintWriter;
import org.kedrec.commandline.DataOption;
import org.kedrec.commandline.ReportOption;
import org.kedrec.core.progress.ConsoleProgress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kedrec.core.Messages;
import org.kedrec.trainer.ranking.eval.KgeEvaluation;
import org.kedrec.trainer.ranking.eval.PoloEvaluation;
import org.kedrec.trainer.ranking.graph.PoloSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ReportOption report;

    @Mixin
    DataOption data;

    @Option(names = "--split", defaultValue = "published", description = "published (the 148 held-out pairs of "
            + "eval/hetionet_CtD_split.tsv, the default) or polo (PoLo/REx's test pairs, both directions; the model "
            + "must have been trained with `train kge --split polo`).")
    String split;

    @Mixin
    DeviceOption device;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the random baseline (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--bench-rounds", defaultValue = "5",
            description = "Rounds of scoreAll over every disease for the latency figures, 0 for none (default: "
                    + "${DEFAULT-VALUE}).")
    int benchRounds;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        if (!report.file().getFileName().toString().endsWith(".json")) {
            throw new IllegalArgumentException(Messages.format(
                    "--report %s must name a .json file; the markdown report and the charts are written beside it.",
                    report.file()));
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = data.require();
        if (split.equals(PoloSplit.NAME)) {
            return polo(out, dataDir);
        }
        if (!split.equals("published")) {
            throw new IllegalArgumentException(Messages.format(
                    "Unknown split `%s`. Valid values are: [published, polo].", split));
        }
        Map<String, Object> result = new KgeEvaluation(
                new KgeEvaluation.Options(model, dataDir, device.device(), seed, benchRounds),
                ConsoleProgress.forTerminal(spec.commandLine().getErr())).run();
        KgeEvaluation.write(result, report.file());
        out.println(Messages.format("%d held-out pairs, %d compounds ranked per disease (setting: %s):",
                result.get("heldOutPairs"), result.get("compoundsRanked"), result.get("setting")));
        line(out, "model", (Map<String, Object>) result.get("model"));
        Map<String, Object> baselines = (Map<String, Object>) result.get("baselines");
        for (String name : baselines.keySet()) {
            line(out, name, (Map<String, Object>) baselines.get(name));
        }
        line(out, "zero-shot", (Map<String, Object>) result.get("zeroShot"));
        out.println("Report: " + report.file() + " (+ .md, -roc.png, -roc-random.png, -hitk.png)");
        return 0;
    }

    @SuppressWarnings("unchecked")
    private Integer polo(PrintWriter out, Path dataDir) {
        Map<String, Object> result = new PoloEvaluation(new PoloEvaluation.Options(model, dataDir, seed),
                ConsoleProgress.forTerminal(spec.commandLine().getErr())).run();
        PoloEvaluation.write(result, report.file());
        out.println(Messages.format("PoLo split: %d test pairs (%s); %d diseases, %d compounds ranked, filtered:",
                result.get("testPairs"), result.get("setting"), result.get("diseasesRanked"),
                result.get("compoundsRanked")));
        poloLine(out, "model", result);
        Map<String, Object> baselines = (Map<String, Object>) result.get("baselines");
        for (String name : baselines.keySet()) {
            poloLine(out, name, (Map<String, Object>) baselines.get(name));
        }
        Map<String, Object> ablation = (Map<String, Object>) result.get("ablation");
        for (Map.Entry<String, Object> a : ablation.entrySet()) {
            Map<String, Object> m = (Map<String, Object>) a.getValue();
            double[] ci = (double[]) m.get("mrrCi95");
            out.println(Messages.format("  ablation %-18s compound→disease MRR %+.3f [%+.3f, %+.3f]", a.getKey(),
                    m.get("mrrDiff"), ci[0], ci[1]));
        }
        out.println("Report: " + report.file() + " (+ .md)");
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void poloLine(PrintWriter out, String name, Map<String, Object> m) {
        Map<String, Object> c2d = (Map<String, Object>) m.get("compoundToDisease");
        Map<String, Object> d2c = (Map<String, Object>) m.get("diseaseToCompound");
        Map<String, Object> roc = (Map<String, Object>) m.get("auroc");
        out.println(Messages.format("  %-19s C→D MRR %.3f Hits@1 %.3f Hits@10 %.3f | D→C MRR %.3f Hits@10 %.3f | "
                        + "AUROC vs NOT %.3f vs random %.3f", name, c2d.get("mrr"), c2d.get("hits1"), c2d.get("hits10"),
                d2c.get("mrr"), d2c.get("hits10"), roc.get("vsNonIndications"), roc.get("vsRandom")));
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
