package org.kedrec.importer.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import org.kedrec.core.graph.CypherRunner;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.progress.ProgressTracker;

/**
 * Picks one hard negative per positive (drug C treats disease D): a drug that neither TREATS nor PALLIATES D (in
 * any split) and is close to C, in this order of preference:
 *
 * <ol>
 *   <li>{@code nonIndication}: D's PharmacotherapyDB non-indications, the closest to C first (by embedding
 *       cosine when embeddings exist, else by structural similarity);
 *   <li>{@code embedding}: C's nearest drugs through the {@code drug_embedding} vector index, once the KG-embedding
 *       trainer has written embeddings;
 *   <li>{@code structural}: the drugs most similar to C by shared targets, pharmacologic classes, other
 *       indications and RESEMBLES ({@link NegativeQueries#STRUCTURAL} documents the score);
 *   <li>{@code random}: any connected drug, only when nothing is similar at all.
 * </ol>
 *
 * The negative is drawn uniformly (seeded per positive) from the {@code pool} closest eligible drugs of the first
 * method that has any, so that the positives of one disease do not all share one negative.
 */
final class HardNegativeSampler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HardNegativeSampler.class);
    static final String NON_INDICATION = "nonIndication";
    static final String EMBEDDING = "embedding";
    static final String STRUCTURAL = "structural";
    static final String RANDOM = "random";
    /** Vector-index neighbours asked for, so that enough survive the exclusions. */
    static final int EMBEDDING_NEIGHBOURS = 50;

    /** The chosen negative and why. */
    record Negative(String drug, String name, String method, double similarity) {}

    record Candidate(String id, String name, double similarity, boolean preferred) {}

    private final CypherRunner runner;
    private final ExecutorService pool;
    private final long seed;
    private final int poolSize;
    private final int batchSize;
    private final int perPositive;

    HardNegativeSampler(CypherRunner runner, ExecutorService pool, long seed, int poolSize, int batchSize) {
        this(runner, pool, seed, poolSize, batchSize, 1);
    }

    HardNegativeSampler(CypherRunner runner, ExecutorService pool, long seed, int poolSize, int batchSize,
            int perPositive) {
        this.runner = runner;
        this.pool = pool;
        this.seed = seed;
        this.poolSize = poolSize;
        this.batchSize = batchSize;
        this.perPositive = perPositive;
    }

    /** True when the drug vector index exists and is online. */
    boolean embeddingsAvailable() {
        List<Map<String, Object>> rows;
        try {
            rows = runner.run(NegativeQueries.EMBEDDING_INDEX, Map.of("name", GraphSchema.DRUG_EMBEDDING_INDEX));
        } catch (RuntimeException e) {
            // A user without the SHOW INDEX privilege still gets a dataset, with structural negatives.
            LOG.warn("Could not list the indexes ({}); hard negatives will not use embeddings.", e.getMessage());
            return false;
        }
        return rows.stream().anyMatch(row -> "ONLINE".equals(row.get("state")));
    }

    /**
     * One negative per positive key; a positive for which no drug at all is eligible is absent.
     *
     * @param heldOut held-out TREATS pairs, never used as a shared indication
     * @param nonIndications disease to its non-indicated drugs
     * @param indicated disease to every drug that TREATS or PALLIATES it
     */
    Map<String, Negative> sample(List<Positive> positives, Collection<String> heldOut,
            Map<String, List<String>> nonIndications, Map<String, List<String>> indicated, boolean embeddings,
            ProgressTracker progress) {
        Map<String, Negative> out = new LinkedHashMap<>();
        sampleAll(positives, heldOut, nonIndications, indicated, embeddings, progress)
                .forEach((key, negatives) -> out.put(key, negatives.get(0)));
        return out;
    }

    /**
     * Up to {@code perPositive} negatives per positive key: first the one {@link #sample} draws (so one negative per
     * positive gives the same dataset as before), then the next closest eligible drugs of the same method.
     */
    Map<String, List<Negative>> sampleAll(List<Positive> positives, Collection<String> heldOut,
            Map<String, List<String>> nonIndications, Map<String, List<String>> indicated, boolean embeddings,
            ProgressTracker progress) {
        Map<String, List<Candidate>> found = new HashMap<>();
        Map<String, String> methodOf = new HashMap<>();
        List<Map<String, Object>> pending = new ArrayList<>();
        for (Positive positive : positives) {
            pending.add(parameter(positive, nonIndications, indicated));
        }
        progress.begin("expRxRec: hard negatives", positives.size());
        if (embeddings) {
            List<Map<String, Object>> preferred = pending.stream()
                    .filter(p -> !((List<?>) p.get("preferred")).isEmpty()).toList();
            collect(NegativeQueries.PREFERRED_BY_EMBEDDING, preferred, heldOut, found, methodOf, NON_INDICATION);
            List<Map<String, Object>> rest = pending.stream()
                    .filter(p -> !found.containsKey((String) p.get("key"))
                            && ((List<?>) p.get("preferred")).isEmpty())
                    .toList();
            collect(NegativeQueries.EMBEDDING, rest, heldOut, found, methodOf, EMBEDDING);
        }
        List<Map<String, Object>> structural = pending.stream()
                .filter(p -> !found.containsKey((String) p.get("key"))).toList();
        collect(NegativeQueries.STRUCTURAL, structural, heldOut, found, methodOf, STRUCTURAL);
        progress.advance(positives.size());
        progress.end();

        List<Map<String, Object>> connected = null;
        Map<String, List<Negative>> out = new LinkedHashMap<>();
        for (Positive positive : positives) {
            String key = positive.key();
            SplittableRandom random = Seeds.random(seed, "negative", key);
            List<Candidate> candidates = found.getOrDefault(key, List.of());
            if (!candidates.isEmpty()) {
                List<Candidate> preferred = candidates.stream().filter(Candidate::preferred).toList();
                List<Candidate> all = preferred.isEmpty() ? candidates : preferred;
                List<Candidate> choices = all.subList(0, Math.min(poolSize, all.size()));
                Candidate pick = choices.get(random.nextInt(choices.size()));
                List<Negative> picked = new ArrayList<>();
                picked.add(negative(pick, methodOf.get(key)));
                // Further negatives: the closest eligible drugs, of the preferred kind first, then the others.
                List<Candidate> further = new ArrayList<>(all);
                candidates.stream().filter(c -> !all.contains(c)).forEach(further::add);
                for (Candidate next : further) {
                    if (picked.size() >= perPositive) {
                        break;
                    }
                    if (picked.stream().noneMatch(n -> n.drug().equals(next.id()))) {
                        picked.add(negative(next, methodOf.get(key)));
                    }
                }
                out.put(key, List.copyOf(picked));
                continue;
            }
            if (connected == null) {
                connected = runner.run(NegativeQueries.CONNECTED_DRUGS, Map.of());
            }
            Set<String> excluded = Set.copyOf(indicated.getOrDefault(positive.disease(), List.of()));
            List<Map<String, Object>> eligible = connected.stream()
                    .filter(row -> !row.get("id").equals(positive.drug()) && !excluded.contains(row.get("id")))
                    .toList();
            if (!eligible.isEmpty()) {
                Map<String, Object> pick = eligible.get(random.nextInt(eligible.size()));
                out.put(key, List.of(new Negative((String) pick.get("id"), (String) pick.get("name"), RANDOM, 0.0)));
            }
        }
        return out;
    }

    private static Negative negative(Candidate pick, String method) {
        return new Negative(pick.id(), pick.name(), pick.preferred() ? NON_INDICATION : method, pick.similarity());
    }

    private static Map<String, Object> parameter(Positive positive, Map<String, List<String>> nonIndications,
            Map<String, List<String>> indicated) {
        List<String> excluded = indicated.getOrDefault(positive.disease(), List.of());
        List<String> preferred = nonIndications.getOrDefault(positive.disease(), List.of()).stream()
                .filter(drug -> !excluded.contains(drug) && !drug.equals(positive.drug()))
                .toList();
        Map<String, Object> out = new HashMap<>();
        out.put("key", positive.key());
        out.put("drug", positive.drug());
        out.put("disease", positive.disease());
        out.put("preferred", preferred);
        out.put("excluded", excluded);
        return out;
    }

    @SuppressWarnings("unchecked")
    private void collect(String query, List<Map<String, Object>> pairs, Collection<String> heldOut,
            Map<String, List<Candidate>> found, Map<String, String> methodOf, String method) {
        Map<String, List<Candidate>> results = ParallelBatches.run(pool, pairs, batchSize, batch -> {
            Map<String, Object> params = new HashMap<>();
            params.put("pairs", batch);
            params.put("heldOut", List.copyOf(heldOut));
            params.put("top", (long) Math.max(poolSize, perPositive + 1));
            params.put("k", (long) EMBEDDING_NEIGHBOURS);
            params.put("index", GraphSchema.DRUG_EMBEDDING_INDEX);
            Map<String, List<Candidate>> out = new HashMap<>();
            for (Map<String, Object> row : runner.run(query, params)) {
                List<Candidate> candidates = new ArrayList<>();
                for (Object item : (List<Object>) row.get("top")) {
                    Map<String, Object> map = (Map<String, Object>) item;
                    candidates.add(new Candidate((String) map.get("id"), (String) map.get("name"),
                            ((Number) map.get("similarity")).doubleValue(), Boolean.TRUE.equals(map.get("preferred"))));
                }
                out.put((String) row.get("key"), candidates);
            }
            return out;
        }, ProgressTracker.NULL);
        results.forEach((key, candidates) -> {
            if (!candidates.isEmpty()) {
                found.put(key, candidates);
                methodOf.put(key, method);
            }
        });
    }
}
