package org.kedrec.server.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.explain.MetapathWeights;
import org.kedrec.core.explain.PathFinder;
import org.kedrec.core.explain.PathScorer;
import org.kedrec.core.graph.CypherRunner;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.serving.Explainer;

/**
 * Fits the metapath weights of {@link MetapathWeights} on known indications: for a sample of the training split's
 * TREATS pairs and as many non-indications (for each, a random drug of the split that is not known to treat that
 * disease, so both sides share the disease), the share of pairs with at least one path of each metapath, read with
 * the very path query the plugin runs ({@link PathFinder#findCandidatesForDisease}, every non-training TREATS edge
 * held out), turned into smoothed log-odds.
 */
public final class MetapathCalibration {
    /** One metapath's counts and weight. */
    public record Row(String metapath, String kind, int positives, int negatives, double weight) {}

    private MetapathCalibration() {}

    /**
     * @param train the training split's TREATS pairs
     * @param known every known TREATS pair ({@code drug|disease}), of all splits
     * @param heldOut the TREATS edges no path may use ({@code drug|disease}): every non-training pair
     */
    public static List<Row> fit(CypherRunner runner, List<ExplainEvaluation.Pair> train, Set<String> known,
            Collection<String> heldOut, int sample, long seed, int maxPathLength) {
        Random random = new Random(seed);
        List<ExplainEvaluation.Pair> positives = new ArrayList<>(train);
        java.util.Collections.shuffle(positives, random);
        positives = positives.subList(0, Math.min(sample, positives.size()));
        List<String> drugs = train.stream().map(ExplainEvaluation.Pair::drug).distinct().sorted().toList();
        List<ExplainEvaluation.Pair> negatives = new ArrayList<>();
        for (ExplainEvaluation.Pair positive : positives) {
            for (int attempt = 0; attempt < 100; attempt++) {
                String drug = drugs.get(random.nextInt(drugs.size()));
                if (!known.contains(drug + "|" + positive.disease())) {
                    negatives.add(new ExplainEvaluation.Pair(drug, positive.disease()));
                    break;
                }
            }
        }
        List<Metapath> metapaths = Explainer.metapaths(maxPathLength);
        PathFinder finder = new PathFinder(runner, new PathFinder.Settings(metapaths, 1, 1, PathScorer.DAMPING));
        Map<String, Integer> pos = presence(finder, positives, heldOut);
        Map<String, Integer> neg = presence(finder, negatives, heldOut);
        List<Row> out = new ArrayList<>();
        for (Metapath metapath : metapaths) {
            int p = pos.getOrDefault(metapath.abbreviation(), 0);
            int n = neg.getOrDefault(metapath.abbreviation(), 0);
            out.add(new Row(metapath.abbreviation(), org.kedrec.core.explain.PathKind.classify(metapath).key(), p, n,
                    MetapathWeights.logOdds(p, positives.size(), n, negatives.size())));
        }
        return out;
    }

    /** For each metapath, how many of the pairs have at least one path of it. */
    private static Map<String, Integer> presence(PathFinder finder, List<ExplainEvaluation.Pair> pairs,
            Collection<String> heldOut) {
        Map<String, List<String>> byDisease = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (ExplainEvaluation.Pair pair : pairs) {
            if (seen.add(pair.drug() + "|" + pair.disease())) {
                byDisease.computeIfAbsent(pair.disease(), d -> new ArrayList<>()).add(pair.drug());
            }
        }
        Map<String, Integer> out = new HashMap<>();
        byDisease.forEach((disease, drugs) -> finder.findCandidatesForDisease(disease, drugs, heldOut)
                .forEach((drug, paths) -> paths.stream().map(GraphPath::metapath).distinct()
                        .forEach(m -> out.merge(m, 1, Integer::sum))));
        return out;
    }

    /** Writes the table {@link MetapathWeights#read} reads. */
    public static void write(Path file, List<Row> rows, Map<String, Object> provenance) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("metapath\tkind\tpositives\tnegatives\tweight\n");
                for (Map.Entry<String, Object> entry : new LinkedHashMap<>(provenance).entrySet()) {
                    out.write("# " + entry.getKey() + ": " + entry.getValue() + "\n");
                }
                for (Row row : rows) {
                    out.write(String.format(Locale.ROOT, "%s\t%s\t%d\t%d\t%.4f%n", row.metapath(), row.kind(),
                            row.positives(), row.negatives(), row.weight()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the metapath weights " + file + ": " + e.getMessage(), e);
        }
    }
}
