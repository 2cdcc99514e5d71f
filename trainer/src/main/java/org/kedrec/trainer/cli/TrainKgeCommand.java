package org.kedrec.trainer.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import org.kedrec.commandline.BoltOptions;
import org.kedrec.commandline.DataOption;
import org.kedrec.core.progress.ConsoleProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.trainer.ranking.EmbeddingWriter;
import org.kedrec.trainer.ranking.KgeTrainingConfig;
import org.kedrec.trainer.ranking.RankerTrainer;
import org.kedrec.trainer.ranking.evidence.Evidence;
import org.kedrec.trainer.ranking.evidence.Neo4jEvidenceExport;
import org.kedrec.trainer.ranking.graph.HetionetSif;
import org.kedrec.trainer.ranking.graph.Neo4jGraphExport;
import org.kedrec.trainer.ranking.graph.PoloSplit;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.paths.PathFeatures;
import org.neo4j.driver.Driver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kedrec train kge}: exports the training graph from Neo4j (held-out TREATS pairs removed), trains the
 * ranker into {@code <model>/ranker/}, and writes the drug and disease embeddings back with their vector indexes.
 */
@Command(name = "kge", mixinStandardHelpOptions = true,
        description = {"Train the drug ranker: Project Rephetio's metapath model over the graph in Neo4j without the "
                + "held-out TREATS pairs, which by default also reads the trial, literature and DrugBank evidence in "
                + "the graph (--no-evidence: KG only). --kge complex adds a KG embedding (DJL, PyTorch) to it; the "
                + "default trains none, because the embedding measured no gain (docs/ranker.md).",
            "Writes <model>/ranker/ and model.json; with --kge, also the embeddings and the vector indexes "
                    + "drug_embedding/disease_embedding to the graph."})
public final class TrainKgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BoltOptions bolt;

    @Option(names = "--model", required = true, description = "Model directory to write (ranker/ and model.json).")
    Path model;

    @Option(names = "--splits", description = "splits.tsv from `kedrec dataset build`; default: the built-in rules "
            + "of SplitPlan over eval/hetionet_CtD_split.tsv.")
    Path splits;

    @Option(names = "--split", defaultValue = "published", description = "Which held-out TREATS pairs: published "
            + "(eval/hetionet_CtD_split.tsv with the built-in validation and zero-shot rules, the default) or polo "
            + "(PoLo/REx's eval/polo train/dev/test pairs: dev for model selection, dev and test edges removed from "
            + "the training graph; evaluate with `eval kge --split polo`).")
    String split;

    @Option(names = "--no-kge", description = "Train no KG embedding: the ranker is the metapath/evidence feature "
            + "model alone (seconds instead of minutes; no embeddings to write back). The default: it only says so "
            + "explicitly, and contradicts --kge; see docs/ranker.md for the measurements.")
    boolean noKge;

    @Option(names = "--degree-features", description = "In the KG + evidence setting, also give the feature model "
            + "the three log-degree features (Rephetio's prior); off by default since the PoLo ablation measured no "
            + "gain from them beside the evidence (docs/ranker.md). KG only always uses them.")
    boolean degreeFeatures;

    @Option(names = "--similarity-features", description = "In the KG + evidence setting, also give the feature "
            + "model the ten nearest-neighbour similarities (the drug to the drugs tried for the disease, the disease "
            + "to the drug's other treated diseases); off by default: their paired gain did not resolve on either "
            + "split (docs/ranker.md).")
    boolean similarityFeatures;

    @Option(names = "--palliates-feature", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "In the KG + evidence setting, give the feature model the pair's own PALLIATES edge (the "
            + "default; --no-palliates-feature leaves it out): a drug the graph says palliates the disease is, by "
            + "PharmacotherapyDB's label, not a disease-modifying treatment of it. +0.006 MRR [+0.001, +0.014] on our "
            + "split, +0.007 on PoLo (docs/ranker.md).")
    boolean palliatesFeature;

    @Option(names = "--no-centring", description = "Keep the feature model's logits as fitted instead of centring "
            + "them per disease (the default with the evidence: +0.015 AUROC vs non-indications on our split, but "
            + "-0.037 MRR when diseases are ranked for a compound, as on PoLo; docs/ranker.md).")
    boolean noCentring;

    @Mixin
    DataOption data;

    @Option(names = "--sources", split = ",", defaultValue = "Hetionet",
            description = "Relationship `source` values to train on, comma-separated, `*` for all (default: "
                    + "${DEFAULT-VALUE}; see docs/ranker.md for why DRKG is opt-in).")
    List<String> sources;

    @Option(names = "--profile", description = "The embedding's training profile, quick or full (default: full); "
            + "only with --kge.")
    String profile;

    @Option(names = "--kge", description = "Also train a KG embedding with this scoring function (complex, distmult "
            + "or rotate) and combine it with the feature model; the embeddings are written back for the dataset "
            + "builder's hard negatives. Default: no embedding (it measured no gain, docs/ranker.md).")
    String kge;

    @Option(names = "--epochs", description = "Maximum epochs (default: the profile's).")
    Integer epochs;

    @Option(names = "--dim", description = "Embedding dimension (default: the profile's).")
    Integer dim;

    @Option(names = "--seed", description = "Random seed (default: the profile's, 42).")
    Integer seed;

    @Option(names = "--learning-rate", description = "Adam's peak learning rate (default: the profile's).")
    Double learningRate;

    @Option(names = "--batch-size", description = "Triples per batch (default: the profile's).")
    Integer batchSize;

    @Option(names = "--negatives", description = "Shared negatives per batch and side (default: the profile's).")
    Integer negatives;

    @Option(names = "--treats-oversample", description = "Visits of each TREATS triple per epoch (default: the profile's).")
    Integer treatsOversample;

    @Option(names = "--patience", description = "Epochs without a better validation MRR before stopping.")
    Integer patience;

    @Mixin
    DeviceOption device;

    @Option(names = "--no-metapaths", description = "Train the embedding alone, without the metapath component.")
    boolean noMetapaths;

    @Option(names = "--no-evidence", description = "Train the \"KG only\" ranker: the metapath model reads the "
            + "knowledge graph alone, not the trials, literature and DrugBank properties in the graph.")
    boolean noEvidence;

    @Option(names = "--feature-model", defaultValue = "logistic", description = "What turns the path and evidence "
            + "features into a score: logistic (Rephetio's logistic regression, the default) or boosted "
            + "(gradient-boosted trees; measured worse, see docs/ranker.md).")
    String featureModel;

    @Option(names = "--no-write-back", description = "Do not write embeddings and vector indexes to Neo4j.")
    boolean noWriteBack;

    @Option(names = "--dev-hetionet-sif", description = "DEVELOPMENT ONLY: read the graph from a Hetionet SIF edge "
            + "list (e.g. derived/hetionet-v1.0-edges-demo.sif.gz) instead of Neo4j; nothing is written back.")
    Path devHetionetSif;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        requireEmbeddingForItsOptions();
        KgeTrainingConfig config = config();
        Device target = device.device();
        Path dataDir = data.require();
        SplitPlan plan = plan(dataDir);
        ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr());
        // the embedding is opt-in: on both splits the feature model alone measured as good or better, in a tenth
        // of the training time (docs/ranker.md); the dataset builder falls back to structural hard negatives
        boolean noKge = kge == null;
        RankerTrainer.Options options = new RankerTrainer.Options(config, !noMetapaths, PathFeatures.DEFAULT_DAMPING,
                target, version(), RankerTrainer.FeatureModel.parse(featureModel), !noKge, degreeFeatures,
                similarityFeatures, !noCentring, palliatesFeature);
        if (noKge) {
            out.println(Messages.format("Training the feature model alone (no embedding; --kge complex adds one), split %s, into %s",
                    split, model.toAbsolutePath()));
        } else {
            out.println(Messages.format("Training %s (dim %d, up to %d epochs) on %s, split %s, into %s",
                    config.model().displayName(), config.dim(), config.epochs(), target, split,
                    model.toAbsolutePath()));
        }
        if (devHetionetSif != null) {
            if (!Files.isRegularFile(devHetionetSif)) {
                throw new IllegalArgumentException(Messages.format(
                        "--dev-hetionet-sif %s does not exist; e.g. use %s.", devHetionetSif,
                        dataDir.resolve("derived/hetionet-v1.0-edges-demo.sif.gz")));
            }
            out.println("DEVELOPMENT PATH: reading " + devHetionetSif + " instead of Neo4j; nothing is written back; "
                    + "KG only (the evidence lives in Neo4j).");
            long t0 = System.nanoTime();
            TrainingGraph graph = HetionetSif.read(devHetionetSif,
                    DataDirectory.requireFile(dataDir, "hetionet/hetionet-v1.0-nodes.tsv"), plan);
            summarizeGraph(out, graph, (System.nanoTime() - t0) / 1e9);
            report(out, new RankerTrainer(options, progress).train(graph, plan, model));
            return 0;
        }
        try (Driver driver = bolt.driver()) {
            driver.verifyConnectivity();
            Neo4jGraphExport export = new Neo4jGraphExport(driver, bolt.database());
            for (Neo4jGraphExport.SourceCount c : export.sourceCounts(sources)) {
                out.println(Messages.format("  source %-12s %,10d relationships %s", c.source(), c.edges(),
                        c.kept() ? "kept" : "skipped (add it to --sources to train on it)"));
            }
            long t0 = System.nanoTime();
            TrainingGraph graph = export.export(plan, sources, progress);
            summarizeGraph(out, graph, (System.nanoTime() - t0) / 1e9);
            Evidence evidence = null;
            if (!noEvidence && !noMetapaths) {
                long t1 = System.nanoTime();
                evidence = new Neo4jEvidenceExport(driver, bolt.database()).export();
                out.println(Messages.format("Evidence (KG + evidence setting; --no-evidence for KG only): %s (%.1f s)",
                        evidence.summary(), (System.nanoTime() - t1) / 1e9));
            } else {
                out.println("KG only: the trials, literature and DrugBank properties in the graph are not read.");
            }
            report(out, new RankerTrainer(options, progress).train(graph, evidence, plan, model));
            if (noKge && !noWriteBack) {
                out.println("No embedding (the default; --kge complex trains one): nothing to write back to the graph.");
            } else if (!noWriteBack) {
                try (DrugRanker ranker = DrugRanker.load(model, target)) {
                    EmbeddingWriter.Written w = new EmbeddingWriter(driver, bolt.database()).write(ranker);
                    out.println(Messages.format("Wrote %d drug and %d disease embeddings (%d dimensions); %s", w.drugs(),
                            w.diseases(), w.dimensions(), String.join("; ", w.indexActions())));
                }
            }
        }
        return 0;
    }

    /**
     * The embedding's options shape a model the default no longer trains: passing one without --kge is refused
     * rather than silently ignored, so a script written for the old default learns what changed.
     */
    private void requireEmbeddingForItsOptions() {
        if (kge != null && noKge) {
            throw new IllegalArgumentException(Messages.format(
                    "--kge %s and --no-kge contradict each other: pass --kge to train an embedding, or neither for "
                            + "the default ranker without one.", kge));
        }
        if (kge != null) {
            return;
        }
        List<EmbeddingOption> given = embeddingOptions().stream().filter(o -> o.value() != null).toList();
        if (!given.isEmpty()) {
            EmbeddingOption first = given.get(0);
            String option = first.value() instanceof Boolean ? first.flag() : first.flag() + " " + first.value();
            throw new IllegalArgumentException(Messages.format(
                    "%s sets the KG embedding's training, but the default ranker trains no embedding (it measured "
                            + "no gain, docs/ranker.md). Add --kge complex to train one, or drop %s.",
                    option, given.stream().map(EmbeddingOption::flag).collect(Collectors.joining(", "))));
        }
    }

    /** An option that only the KG embedding's training reads: its flag, its training-config key (if any), its value. */
    private record EmbeddingOption(String flag, String configKey, Object value) {}

    /** The embedding's options as given on the command line (value null where not given), in the help's order. */
    private List<EmbeddingOption> embeddingOptions() {
        return List.of(new EmbeddingOption("--profile", null, profile),
                new EmbeddingOption("--epochs", "epochs", epochs), new EmbeddingOption("--dim", "dim", dim),
                new EmbeddingOption("--learning-rate", "learningRate", learningRate),
                new EmbeddingOption("--batch-size", "batchSize", batchSize),
                new EmbeddingOption("--negatives", "negatives", negatives),
                new EmbeddingOption("--treats-oversample", "treatsOversample", treatsOversample),
                new EmbeddingOption("--patience", "patience", patience),
                new EmbeddingOption("--no-metapaths", null, noMetapaths ? true : null));
    }

    private SplitPlan plan(Path dataDir) {
        switch (split) {
            case "published":
                return splits != null ? SplitPlan.read(splits) : SplitPlan.fromDataDirectory(dataDir);
            case PoloSplit.NAME:
                if (splits != null) {
                    throw new IllegalArgumentException(Messages.format(
                            "--splits %s and --split polo both define the held-out pairs; pass only one.", splits));
                }
                return PoloSplit.read(dataDir).plan();
            default:
                throw new IllegalArgumentException(Messages.format(
                        "Unknown split `%s`. Valid values are: [published, polo].", split));
        }
    }

    private KgeTrainingConfig config() {
        Map<String, Object> o = new LinkedHashMap<>();
        put(o, "model", kge);
        for (EmbeddingOption option : embeddingOptions()) {
            if (option.configKey() != null) {
                put(o, option.configKey(), option.value());
            }
        }
        put(o, "seed", seed);
        return KgeTrainingConfig.profile(profile != null ? profile : "full").with(o);
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String version() {
        String v = TrainKgeCommand.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    private static void summarizeGraph(PrintWriter out, TrainingGraph graph, double seconds) {
        out.println(Messages.format("Training graph: %,d triples, %,d entities, %d relations (%.1f s); left out: %s",
                graph.size(), graph.entities().size(), graph.relations().size(), seconds, graph.excluded()));
    }

    @SuppressWarnings("unchecked")
    private static void report(PrintWriter out, RankerTrainer.Outcome outcome) {
        Map<String, Object> m = outcome.metrics();
        if (((Number) m.get("triplesSeen")).longValue() == 0) {
            out.println(Messages.format("Trained in %.0f s (the feature model alone, no embedding)",
                    m.get("trainSeconds")));
        } else {
            out.println(Messages.format("Trained in %.0f s (%.0f triples/s); best epoch %s of %s",
                    m.get("trainSeconds"), m.get("triplesPerSecond"), m.get("bestEpoch"), m.get("epochsRun")));
        }
        Map<String, Object> v = (Map<String, Object>) m.get("validation");
        out.println("Validation (filtered, all compounds): " + v);
        out.println("Ranker written to " + outcome.rankerDir().toAbsolutePath());
    }
}
