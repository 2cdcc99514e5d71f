package org.kedrec.trainer.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.RankingMetrics;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.ranking.EntityIndex;
import org.kedrec.core.ranking.kge.KgeBlock;
import org.kedrec.core.ranking.kge.KgeKind;
import org.kedrec.core.split.PairSplit;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding must learn the planted rule; the same assertion on the untrained model must fail. */
class PlantedPatternTrainingTest {
    @TempDir
    Path dir;

    static final KgeTrainingConfig CONFIG = KgeTrainingConfig.quick().with(Map.of(
            "dim", 32, "epochs", 40, "batchSize", 64, "learningRate", 0.02, "treatsOversample", 4,
            "patience", 40, "evalEvery", 5, "regularization", 0.01));

    @Test
    void learnsThatDrugsTreatTheDiseasesOfTheirTargets() {
        PlantedGraph planted = PlantedGraph.build(dir);
        TrainingGraph graph = planted.graph;
        assertThat(graph.pairsOf(PairSplit.TEST)).hasSize(PlantedGraph.GENES);
        assertThat(graph.excluded()).containsEntry("TREATS test", 10L).containsEntry("TREATS validation", 10L);

        double untrained;
        KgeBlock fresh = new KgeBlock(KgeKind.COMPLEX, graph.entities().size(), graph.relations().size(), 32);
        try (Model model = DrugRanker.newModel(Device.cpu())) {
            model.setBlock(fresh);
            fresh.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1), new Shape(1), new Shape(1));
            untrained = heldOutMrr(model, graph, planted);
        }
        KgeTrainer.Result result = new KgeTrainer(CONFIG, Device.cpu(), ProgressTracker.NULL)
                .train(graph, dir.resolve("checkpoints"));
        double trained;
        try (Model model = result.model()) {
            trained = heldOutMrr(model, graph, planted);
        }
        // 50 drugs, 3 other known drugs filtered: chance MRR is about 0.09
        assertThat(untrained).as("untrained held-out MRR").isLessThan(0.35);
        assertThat(trained).as("trained held-out MRR").isGreaterThan(0.6);
        assertThat(result.bestMrr()).as("validation MRR").isGreaterThan(0.6);
        assertThat(result.history()).isNotEmpty();
        assertThat(result.triplesPerSecond()).isPositive();
    }

    /** Filtered MRR of the TEST pairs, filtering every other treating drug of the disease. */
    static double heldOutMrr(Model model, TrainingGraph graph, PlantedGraph planted) {
        EntityIndex e = graph.entities();
        int[] drugs = e.withLabel("Drug");
        int[] diseases = e.withLabel("Disease");
        float[][] scores = KgeTrainer.headScores(model, graph.treatsRelation(), diseases, drugs);
        List<RankOutcome> outcomes = new ArrayList<>();
        for (String[] pair : planted.testPairs) {
            int row = java.util.Arrays.binarySearch(diseases, e.indexOrMinusOne(pair[1]));
            int column = java.util.Arrays.binarySearch(drugs, e.indexOrMinusOne(pair[0]));
            BitSet filter = new BitSet();
            for (int c = 0; c < drugs.length; c++) {
                int j = Integer.parseInt(e.id(drugs[c]).substring("DrugBank:DB".length())) - 1;
                if (j % PlantedGraph.GENES == Integer.parseInt(pair[1].substring(5)) - 100) {
                    filter.set(c);
                }
            }
            outcomes.add(RankingMetrics.filteredRank(scores[row], column, filter));
        }
        return RankingMetrics.mrr(outcomes);
    }
}
