package org.kedrec.docker;

import ai.djl.Device;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.Importer;
import org.kedrec.importer.OnError;
import org.kedrec.trainer.kge.KgeTrainingConfig;
import org.kedrec.trainer.kge.RankerTrainer;
import org.kedrec.trainer.kge.graph.Neo4jGraphExport;
import org.neo4j.driver.Driver;

/**
 * The fixture the plugin's tests use (docs/plugin.md), put into any Neo4j over Bolt: the edges-10 graph with its 432
 * nodes plus the demo edges among them, the BC5CDR sample abstracts, a small ranker trained on that graph with the
 * trainer's API (seconds) and the tiny student committed in {@code plugin/src/test/resources/fixture-student}.
 */
final class FixtureModel {
    private FixtureModel() {
    }

    /** Imports the fixture graph through the importer, as {@code kedrec import} does. */
    static void importGraph(Driver driver, Path data, Path work) throws IOException {
        Path nodes = data.resolve("fixtures/hetionet-nodes-for-edges-10.tsv");
        new Importer(driver, ImportOptions.defaults().withDataDirectory(data))
                .importHetionet(nodes, data.resolve("hetionet-integrate/edges-10.sif"));
        new Importer(driver, ImportOptions.defaults().withDataDirectory(data))
                .importHetionet(nodes, inducedEdges(data, nodes, work.resolve("edges-induced.sif")));
        new Importer(driver, ImportOptions.defaults().withDataDirectory(data).withOnError(OnError.SKIP))
                .importPubmed(data.resolve("fixtures/CDR_sample.txt"));
    }

    /** Trains the fixture ranker from the graph behind {@code driver} into {@code model} and adds the student. */
    static void train(Driver driver, Path data, Path model, Path repoRoot) throws IOException {
        SplitPlan plan = SplitPlan.fromDataDirectory(data);
        KgeTrainingConfig kge = KgeTrainingConfig.quick().with(Map.of("dim", 16, "epochs", 3, "batchSize", 256,
                "negatives", 32, "treatsOversample", 2, "patience", 2));
        new RankerTrainer(new RankerTrainer.Options(kge, true, 0.4, Device.cpu(), "docker-it"), ProgressTracker.NULL)
                .train(new Neo4jGraphExport(driver, null).export(plan, Neo4jGraphExport.DEFAULT_SOURCES,
                        ProgressTracker.NULL), plan, model);
        Path student = repoRoot.resolve("plugin/src/test/resources/fixture-student");
        Path target = Files.createDirectories(model.resolve("student"));
        try (Stream<Path> files = Files.list(student)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()));
            }
        }
    }

    /** The demo graph's edges between the fixture's nodes: enough complete metapaths for explanation paths. */
    private static Path inducedEdges(Path data, Path nodesFile, Path out) throws IOException {
        Set<String> nodes = new HashSet<>();
        List<String> lines = Files.readAllLines(nodesFile);
        lines.subList(1, lines.size()).forEach(line -> nodes.add(line.split("\t")[0]));
        List<String> kept = new ArrayList<>(List.of("source\tmetaedge\ttarget"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(data.resolve("derived/hetionet-v1.0-edges-demo.sif.gz"))), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cols = line.split("\t");
                if (cols.length == 3 && nodes.contains(cols[0]) && nodes.contains(cols[2])) {
                    kept.add(line);
                }
            }
        }
        Files.createDirectories(out.getParent());
        Files.write(out, kept);
        return out;
    }
}
