package org.kedrec.server.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.Messages;
import org.kedrec.core.explain.BindingRoles;
import org.kedrec.core.explain.PathOrder;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * {@code kedrec eval explain}: how the explanation paths of {@code kedrec.explain} read on held-out known
 * indications, called over Bolt as a user calls them, for each {@link PathOrder}: the share of pairs with a mechanism
 * path whose first path is one ({@code mechanismTop1}), the share of those with a mechanism path among the top five
 * ({@code mechanismInTop5}), the mean number of distinct genes among the top five ({@code distinctGenesTop5}), the
 * share of pairs with a mechanism path through one of the drug's targets whose first path is one ({@code targetTop1})
 * and the share of all pairs whose first path leaves the drug through a protein it binds only as a metabolising
 * enzyme, transporter or carrier ({@code pharmacokineticTop1}, {@link BindingRoles}); and the latency of the calls
 * with the default order.
 */
public final class ExplainEvaluation {
    /**
     * The call whose rows are read: kinds, the genes of each path and whether the path's own edge from the drug is a
     * binding DrugBank files as pharmacokinetic only ({@code pk}), in the order returned.
     */
    public static final String QUERY = """
            CALL kedrec.explain($disease, $drug, {paths: $paths, maxPathLength: $length, order: $order, \
            rationale: 'none'}) YIELD path, kind
            RETURN kind, [n IN nodes(path) WHERE n:Gene | n.id] AS genes,
                   any(r IN relationships(path) WHERE type(r) = 'BINDS' AND startNode(r).id = $drug
                       AND size(r.sources) > 0 AND all(s IN r.sources WHERE s IN $pk)) AS pk""";
    /**
     * Does the pair have a mechanism path among the candidates the measured calls choose from (up to length
     * {@code $length}, {@code $paths} per metapath)? Kind {@code mechanism} is a path through one of the drug's
     * targets: a path through a protein that only handles the drug has the kind {@code pharmacokinetic}.
     */
    static final String HAS_MECHANISM = """
            CALL kedrec.explain($disease, $drug, {paths: $paths, maxPathLength: $length, kinds: ['mechanism'], \
            rationale: 'none'}) YIELD kind
            RETURN kind""";

    /** A known indication to explain. */
    public record Pair(String drug, String disease) {}

    /**
     * The paths one call returned, best first: each path's kind, genes and whether it leaves the drug through a
     * pharmacokinetic binding.
     */
    public record Ranked(List<String> kinds, List<List<String>> genes, List<Boolean> pharmacokinetic) {
        /** Paths whose bindings are not known (all counted as through a target). */
        public Ranked(List<String> kinds, List<List<String>> genes) {
            this(kinds, genes, kinds.stream().map(k -> false).toList());
        }

        boolean firstIsMechanismThroughTarget() {
            return !kinds.isEmpty() && "mechanism".equals(kinds.get(0)) && !pharmacokinetic.get(0);
        }
    }

    /** What the graph offers the pair: any mechanism path, and any through one of the drug's targets. */
    public record Offer(boolean mechanism, boolean target) {}

    /** Sums of the three measures over pairs, for one order. */
    public static final class Measures {
        private int pairs;
        private int withMechanism;
        private int top1;
        private int inTop5;
        private long distinctGenes;
        private int withTarget;
        private int targetTop1;
        private int pharmacokineticTop1;

        /** Adds one pair's ranked paths; {@code hasMechanism}: the graph has a mechanism path for the pair. */
        public void add(Ranked ranked, boolean hasMechanism) {
            add(ranked, new Offer(hasMechanism, hasMechanism));
        }

        /** Adds one pair's ranked paths, knowing what the graph offers it. */
        public void add(Ranked ranked, Offer offer) {
            pairs++;
            List<String> kinds = ranked.kinds();
            if (offer.target()) {
                withTarget++;
                targetTop1 += ranked.firstIsMechanismThroughTarget() ? 1 : 0;
            }
            if (!kinds.isEmpty() && ranked.pharmacokinetic().get(0)) {
                pharmacokineticTop1++;
            }
            if (offer.mechanism()) {
                withMechanism++;
                if (!kinds.isEmpty() && "mechanism".equals(kinds.get(0))) {
                    top1++;
                }
                if (kinds.subList(0, Math.min(5, kinds.size())).contains("mechanism")) {
                    inTop5++;
                }
            }
            Set<String> genes = new HashSet<>();
            ranked.genes().subList(0, Math.min(5, ranked.genes().size())).forEach(genes::addAll);
            distinctGenes += genes.size();
        }

        public Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("mechanismTop1", withMechanism == 0 ? 0.0 : round((double) top1 / withMechanism));
            out.put("mechanismInTop5", withMechanism == 0 ? 0.0 : round((double) inTop5 / withMechanism));
            out.put("distinctGenesTop5", pairs == 0 ? 0.0 : round((double) distinctGenes / pairs));
            out.put("pairsWithMechanism", withMechanism);
            out.put("targetTop1", withTarget == 0 ? 0.0 : round((double) targetTop1 / withTarget));
            out.put("pairsWithTargetMechanism", withTarget);
            out.put("pharmacokineticTop1", pairs == 0 ? 0.0 : round((double) pharmacokineticTop1 / pairs));
            return out;
        }
    }

    private final Driver driver;
    private final int paths;
    private final int maxPathLength;

    public ExplainEvaluation(Driver driver, int paths, int maxPathLength) {
        this.driver = driver;
        this.paths = paths;
        this.maxPathLength = maxPathLength;
    }

    /** The report's measures: {@code pairs}, then {@code model}, {@code pathCount}, {@code databaseOrder}. */
    public Map<String, Object> measure(List<Pair> pairs, java.util.function.Consumer<String> progress) {
        Map<PathOrder, Measures> byOrder = new LinkedHashMap<>();
        Arrays.stream(PathOrder.values()).forEach(o -> byOrder.put(o, new Measures()));
        int done = 0;
        int skipped = 0;
        try (Session session = driver.session()) {
            for (Pair pair : pairs) {
                Offer offer;
                try {
                    boolean target = session.run(HAS_MECHANISM, Map.of("disease", pair.disease(), "drug",
                            pair.drug(), "length", (long) maxPathLength, "paths", (long) paths)).list().stream()
                            .anyMatch(r -> !r.get("kind").isNull());
                    offer = new Offer(target, target);
                } catch (org.neo4j.driver.exceptions.ClientException e) {
                    // A pair the model does not know (an entity it was not trained on) cannot be explained.
                    skipped++;
                    continue;
                }
                for (PathOrder order : PathOrder.values()) {
                    byOrder.get(order).add(ranked(session, pair, order, paths, maxPathLength), offer);
                }
                if (++done % 25 == 0) {
                    progress.accept(Messages.format("%d of %d pairs", done, pairs.size()));
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pairs", done);
        out.put("pairsSkipped", skipped);
        out.put("model", byOrder.get(PathOrder.MECHANISM).toMap());
        out.put("pathCount", byOrder.get(PathOrder.PATH_COUNT).toMap());
        out.put("databaseOrder", byOrder.get(PathOrder.DATABASE).toMap());
        return out;
    }

    /** One call's ranked paths. */
    static Ranked ranked(Session session, Pair pair, PathOrder order, int paths, int maxPathLength) {
        List<String> kinds = new ArrayList<>();
        List<List<String>> genes = new ArrayList<>();
        List<Boolean> pharmacokinetic = new ArrayList<>();
        for (Record row : session.run(QUERY, params(pair, order, paths, maxPathLength)).list()) {
            if (row.get("kind").isNull()) {
                continue;
            }
            kinds.add(row.get("kind").asString());
            genes.add(row.get("genes").asList(Value::asString));
            pharmacokinetic.add(row.get("pk").asBoolean());
        }
        return new Ranked(kinds, genes, pharmacokinetic);
    }

    static Map<String, Object> params(Pair pair, PathOrder order, int paths, int maxPathLength) {
        return Map.of("disease", pair.disease(), "drug", pair.drug(), "paths", (long) paths, "length",
                (long) maxPathLength, "order", order.key(), "pk", List.copyOf(BindingRoles.PHARMACOKINETIC_SOURCES));
    }

    /**
     * Latency of {@code rounds} passes of the default-order call over the pairs (warm: run after {@link #measure}),
     * one client, in milliseconds: {@code p50Ms}, {@code p99Ms}, {@code meanMs}, {@code maxMs}, {@code calls} and the
     * call's settings.
     */
    public Map<String, Object> latency(List<Pair> pairs, int callPaths, int length, int rounds) {
        List<Double> millis = new ArrayList<>();
        try (Session session = driver.session()) {
            for (int round = 0; round < rounds; round++) {
                for (Pair pair : pairs) {
                    long start = System.nanoTime();
                    session.run(QUERY, params(pair, PathOrder.MECHANISM, callPaths, length)).consume();
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.putAll(percentiles(millis));
        out.put("paths", callPaths);
        out.put("maxPathLength", length);
        return out;
    }

    /** {@code p50Ms}, {@code p99Ms}, {@code meanMs}, {@code maxMs} and {@code calls} of the timings (nearest rank). */
    public static Map<String, Object> percentiles(List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p50Ms", round(rank(sorted, 0.50)));
        out.put("p99Ms", round(rank(sorted, 0.99)));
        out.put("meanMs", round(Arrays.stream(sorted).average().orElse(0)));
        out.put("maxMs", round(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        out.put("calls", sorted.length);
        return out;
    }

    static double rank(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
