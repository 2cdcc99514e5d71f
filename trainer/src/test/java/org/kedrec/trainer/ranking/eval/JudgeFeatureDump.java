package org.kedrec.trainer.ranking.eval;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.ranking.RankerFiles;
import org.kedrec.trainer.ranking.RankerTrainer;
import org.kedrec.trainer.ranking.evidence.Evidence;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.graph.TreatsPair;
import org.kedrec.trainer.ranking.paths.PathFeatures;

/**
 * DEVELOPER TOOL (not a test): the ranker's features of both candidates of every example of a dataset split, as a
 * ranker model directory computes them. Args: modelDir examples.jsonl out.tsv [tag]. Rows: tag, id, disease, label
 * (index of the right candidate), ranker score of each candidate, then the features of candidate 1 and 2.
 */
public final class JudgeFeatureDump {
    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of(args[0]);
        Path dir = RankerFiles.dir(modelDir);
        String tag = args.length > 3 ? args[3] : "";
        ObjectMapper json = new ObjectMapper();
        try (DrugRanker ranker = DrugRanker.load(modelDir, Device.cpu());
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[2])))) {
            List<TreatsPair> pairs = KgeEvaluation.readModelPairs(dir.resolve(RankerFiles.SPLITS));
            TrainingGraph graph = KgeEvaluation.trainingGraph(ranker, dir, pairs);
            Evidence evidence = Evidence.read(dir.resolve(RankerFiles.EVIDENCE));
            PathFeatures all = RankerTrainer.featuresFor(graph, evidence, 0.4, false);
            PathFeatures f = all.select(RankerTrainer.modelFeatures(all, ranker.config(), true));
            Map<Integer, Integer> row = TrainingGraph.positions(f.diseases());
            Map<Integer, Integer> col = TrainingGraph.positions(f.drugs());
            var ix = graph.entities();
            StringBuilder header = new StringBuilder("tag\tid\tdisease\tlabel\tr1\tr2");
            for (String n : f.names()) header.append("\t1:").append(n);
            for (String n : f.names()) header.append("\t2:").append(n);
            out.println(header);
            for (String line : Files.readAllLines(Path.of(args[1]))) {
                JsonNode e = json.readTree(line);
                String disease = e.get("disease").get("id").asText();
                String c1 = e.get("candidates").get(0).get("id").asText();
                String c2 = e.get("candidates").get(1).get("id").asText();
                Integer d = row.get(ix.indexOrMinusOne(disease));
                Integer k1 = col.get(ix.indexOrMinusOne(c1));
                Integer k2 = col.get(ix.indexOrMinusOne(c2));
                if (d == null || k1 == null || k2 == null) {
                    System.out.println("skipped " + e.get("id").asText());
                    continue;
                }
                StringBuilder b = new StringBuilder();
                b.append(tag).append('\t').append(e.get("id").asText()).append('\t').append(disease).append('\t')
                        .append(e.get("label").asInt()).append('\t').append(ranker.score(disease, c1)).append('\t')
                        .append(ranker.score(disease, c2));
                for (float v : f.of(d, k1)) b.append('\t').append(v);
                for (float v : f.of(d, k2)) b.append('\t').append(v);
                out.println(b);
            }
        }
    }
}
