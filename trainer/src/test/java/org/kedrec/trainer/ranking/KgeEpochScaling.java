package org.kedrec.trainer.ranking;

import ai.djl.Device;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.kedrec.core.Messages;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.graph.TrainingGraphBuilder;

/**
 * A measurement, not a test: one epoch of the quick ComplEx profile on random graphs with the same number of triples
 * and a growing number of entities, so that the part of an epoch that grows with the entity table (not with the
 * triples) shows on its own. A step's work should depend on the batch, not on the table; before the row-wise
 * training step it did (issue 16: 1,382 s for the 16x epoch against 11 s at 1x).
 *
 * <pre>
 * java -cp trainer/target/test-classes:trainer/target/classes:$(cat /tmp/cp-out.txt) \
 *     org.kedrec.trainer.ranking.KgeEpochScaling 200000 28000,112000,445000
 * </pre>
 */
public final class KgeEpochScaling {
    private KgeEpochScaling() {}

    public static void main(String[] args) throws IOException {
        int triples = Integer.parseInt(args[0]);
        // A first, small run pays the engine's start and the JIT, so that the sizes compare with each other.
        String sizes = "5000," + args[1];
        for (String n : sizes.split(",")) {
            int entities = Integer.parseInt(n.trim());
            Path dir = Files.createTempDirectory("kge-scaling");
            TrainingGraph graph = randomGraph(dir, entities, triples, 7);
            KgeTrainingConfig config = KgeTrainingConfig.quick().with(Map.of("epochs", 1, "evalEvery", 1));
            // Process CPU time beside the wall time: on a shared machine it is the steadier of the two.
            long cpu = processCpuNanos();
            KgeTrainer.Result result = new KgeTrainer(config, Device.cpu(), ProgressTracker.NULL)
                    .train(graph, dir.resolve("checkpoint"));
            System.out.println(Messages.format(
                    "entities %d triples %d: epoch %.1f s wall, %.1f CPU s (steps alone %.0f triples/s), "
                            + "loss %.4f, validation MRR %.3f",
                    graph.entities().size(), graph.size(), result.history().get(0).seconds(),
                    (processCpuNanos() - cpu) / 1e9, result.triplesPerSecond(), result.history().get(0).loss(),
                    result.bestMrr()));
            result.model().close();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Drugs, diseases and genes in the demo graph's proportions (1,552 drugs and 137 diseases among 27,819 entities),
     * random BINDS, ASSOCIATES and INTERACTS edges, and TREATS pairs split train/validation/test.
     */
    static TrainingGraph randomGraph(Path dir, int entities, int triples, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int drugs = Math.max(10, entities * 1552 / 27819);
        int diseases = Math.max(5, entities * 137 / 27819);
        int genes = entities - drugs - diseases;
        int treats = Math.max(20, triples / 256);
        StringBuilder splits = new StringBuilder("kind\tid\tsplit\n");
        String[][] pairs = new String[treats][];
        for (int i = 0; i < treats; i++) {
            pairs[i] = new String[] {"DB" + random.nextInt(drugs), "DOID:" + random.nextInt(diseases)};
            int bucket = random.nextInt(10);
            String split = bucket == 0 ? "test" : bucket == 1 ? "validation" : "train";
            splits.append("pair\t").append(SplitPlan.key(pairs[i][0], pairs[i][1])).append('\t').append(split)
                    .append('\n');
        }
        Path file = dir.resolve("splits.tsv");
        Files.writeString(file, splits);
        TrainingGraphBuilder b = new TrainingGraphBuilder(SplitPlan.read(file));
        for (String[] p : pairs) {
            b.treatsPair(p[0], p[1]);
        }
        for (int j = 0; j < drugs; j++) {
            b.node("DB" + j, "Drug", "drug " + j);
        }
        for (int i = 0; i < diseases; i++) {
            b.node("DOID:" + i, "Disease", "disease " + i);
        }
        for (int g = 0; g < genes; g++) {
            b.node("NCBIGene:" + g, "Gene", "gene " + g);
        }
        for (String[] p : pairs) {
            b.edge(p[0], "Drug", "TREATS", p[1], "Disease");
        }
        for (int e = treats; e < triples; e++) {
            String gene = "NCBIGene:" + random.nextInt(genes);
            switch (e % 3) {
                case 0 -> b.edge("DB" + random.nextInt(drugs), "Drug", "BINDS", gene, "Gene");
                case 1 -> b.edge("DOID:" + random.nextInt(diseases), "Disease", "ASSOCIATES", gene, "Gene");
                default -> b.edge(gene, "Gene", "INTERACTS", "NCBIGene:" + random.nextInt(genes), "Gene");
            }
        }
        return b.build();
    }
}
