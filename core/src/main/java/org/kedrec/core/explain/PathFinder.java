package org.kedrec.core.explain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.graph.CypherRunner;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.graph.Metapaths;

/**
 * Finds the top explanation paths of (drug, disease) pairs through a {@link CypherRunner}: one query per call,
 * whatever the number of pairs, with the metapath branches of {@link PathQueries}; then scores each path with
 * {@link PathScorer} and picks the top {@code pathsPerPair} with {@link PathSelector}. The dataset builder calls it
 * with batches of a hundred pairs, the plugin with the candidates of one request.
 */
public final class PathFinder {
    /**
     * @param metapaths the metapaths to follow
     * @param pathsPerPair how many paths each pair keeps (k)
     * @param maxPerMetapath how many of those k may share a metapath before other metapaths get their turn
     * @param damping the degree damping exponent (0.4)
     * @param pharmacokineticLast whether to read the drugs' binding roles ({@link BindingRoles}) and pick the paths
     *     that leave a drug through a protein it binds only as an enzyme, transporter or carrier after the others,
     *     labelled {@link PathKind#PHARMACOKINETIC} (the dataset builder does; {@link PathSelector})
     */
    public record Settings(List<Metapath> metapaths, int pathsPerPair, int maxPerMetapath, double damping,
            boolean pharmacokineticLast) {
        public Settings {
            metapaths = List.copyOf(metapaths);
            if (metapaths.isEmpty()) {
                throw new IllegalArgumentException("At least one metapath is needed to find explanation paths.");
            }
            if (pathsPerPair < 1 || pathsPerPair > 50) {
                throw new IllegalArgumentException(Messages.format(
                        "pathsPerPair must be between 1 and 50 but was %d.", pathsPerPair));
            }
            if (maxPerMetapath < 1) {
                throw new IllegalArgumentException(Messages.format(
                        "maxPerMetapath must be at least 1 but was %d.", maxPerMetapath));
            }
        }

        /** Without the binding roles: every path that leaves the drug through a binding is a mechanism path. */
        public Settings(List<Metapath> metapaths, int pathsPerPair, int maxPerMetapath, double damping) {
            this(metapaths, pathsPerPair, maxPerMetapath, damping, false);
        }

        /** The default catalogue, {@code k} paths per pair, one per metapath before repeats, damping 0.4. */
        public static Settings defaults(int pathsPerPair) {
            return new Settings(Metapaths.DEFAULT, pathsPerPair, 1, PathScorer.DAMPING);
        }
    }

    private static final Map<String, Object> INERT_PAIR = inertPair();

    private final CypherRunner runner;
    private final Settings settings;
    private final String query;
    private final String diseaseQuery;
    private final Map<String, Metapath> byAbbreviation = new HashMap<>();

    public PathFinder(CypherRunner runner, Settings settings) {
        this.runner = runner;
        this.settings = settings;
        this.query = settings.metapaths().equals(Metapaths.DEFAULT)
                ? PathQueries.DEFAULT
                : PathQueries.pathsQuery(settings.metapaths());
        this.diseaseQuery = DISEASE_QUERIES.computeIfAbsent(settings.metapaths(), PathQueries::forDiseaseQuery);
        settings.metapaths().forEach(m -> byAbbreviation.put(m.abbreviation(), m));
    }

    /** Query texts by catalogue: built once, so Neo4j's plan cache sees the very same text every time. */
    private static final Map<List<Metapath>, String> DISEASE_QUERIES = new java.util.concurrent.ConcurrentHashMap<>();

    public Settings settings() {
        return settings;
    }

    /** The Cypher this finder runs. */
    public String query() {
        return query;
    }

    /**
     * The selected paths of each pair, best first, keyed by {@link PairRequest#key()}; every requested key is
     * present (with an empty list when no path exists).
     *
     * @param heldOut {@code "drug|disease"} TREATS edges that no path may use
     */
    public Map<String, List<GraphPath>> find(List<PairRequest> pairs, Collection<String> heldOut) {
        Map<String, List<GraphPath>> raw = new LinkedHashMap<>();
        List<Map<String, Object>> parameter = new ArrayList<>();
        for (PairRequest pair : pairs) {
            if (raw.put(pair.key(), new ArrayList<>()) != null) {
                throw new IllegalArgumentException(Messages.format(
                        "Pair key `%s` appears twice in one path request; keys must be unique.", pair.key()));
            }
            parameter.add(pair.toParameter());
        }
        if (pairs.isEmpty()) {
            return raw;
        }
        // Neo4j plans a query once per size bucket of a list parameter (1, 2-10, 11-100, ...), and planning the
        // 27-branch path query costs seconds. Inert entries (no drug matches a null id, no edge key is empty) lift
        // every request of up to 100 pairs and any short held-out list into one bucket, so a single plan serves the
        // plugin's small requests and the builder's batches.
        while (parameter.size() < CypherRunner.PLAN_BUCKET_FLOOR) {
            parameter.add(INERT_PAIR);
        }
        List<String> forbidden = CypherRunner.padded(heldOut);
        Map<String, Object> params = new HashMap<>();
        params.put("pairs", parameter);
        params.put("heldOut", forbidden);
        params.put("perMetapath", (long) settings.pathsPerPair());
        params.put("w", settings.damping());
        for (Map<String, Object> row : runner.run(query, params)) {
            GraphPath path = toPath(row);
            raw.get((String) row.get("key")).add(path);
        }
        return selected(raw);
    }

    /** Each key's top paths, labelled with the drugs' binding roles first where the settings ask for them. */
    private Map<String, List<GraphPath>> selected(Map<String, List<GraphPath>> raw) {
        List<String> drugs = settings.pharmacokineticLast() ? BindingRoles.drugsToRead(raw.values()) : List.of();
        BindingRoles roles = drugs.isEmpty() ? BindingRoles.NONE : BindingRoles.read(runner, drugs);
        Map<String, List<GraphPath>> out = new LinkedHashMap<>();
        raw.forEach((key, paths) -> out.put(key, PathSelector.select(paths.stream().map(roles::labelled).toList(),
                settings.pathsPerPair(), settings.maxPerMetapath(), settings.pharmacokineticLast())));
        return out;
    }

    /**
     * The selected paths from one disease to each of {@code drugs}, best first, keyed by drug id (every drug
     * present, with an empty list when no path exists): the same paths {@link #find} gives for the pairs
     * {@code (drug, disease)} without an {@code exclude}, from one query anchored at the disease
     * ({@link PathQueries#forDiseaseQuery}), which does the disease's side of the paths once instead of once per
     * drug. What the plugin runs for a recommendation.
     */
    public Map<String, List<GraphPath>> findForDisease(String disease, List<String> drugs, Collection<String> heldOut) {
        return selected(findCandidatesForDisease(disease, drugs, heldOut));
    }

    /**
     * Every candidate path from one disease to each of {@code drugs} (up to {@code pathsPerPair} per metapath), in
     * the order the query returned them, unselected: what {@link PathRanking} orders for the plugin.
     */
    public Map<String, List<GraphPath>> findCandidatesForDisease(String disease, List<String> drugs,
            Collection<String> heldOut) {
        Map<String, List<GraphPath>> raw = emptyPerDrug(drugs);
        if (drugs.isEmpty()) {
            return raw;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("disease", disease);
        // The same plan-bucket padding as find(): an empty id matches no drug and no edge key.
        params.put("drugs", CypherRunner.padded(drugs));
        params.put("heldOut", CypherRunner.padded(heldOut));
        params.put("perMetapath", (long) settings.pathsPerPair());
        params.put("w", settings.damping());
        for (Map<String, Object> row : runner.run(diseaseQuery, params)) {
            raw.get((String) row.get("key")).add(toPath(row));
        }
        return raw;
    }

    private static Map<String, Object> inertPair() {
        Map<String, Object> pair = new HashMap<>();
        pair.put("key", null);
        pair.put("drug", null);
        pair.put("disease", null);
        pair.put("exclude", null);
        return java.util.Collections.unmodifiableMap(pair);
    }

    @SuppressWarnings("unchecked")
    GraphPath toPath(Map<String, Object> row) {
        String abbreviation = (String) row.get("metapath");
        Metapath metapath = byAbbreviation.get(abbreviation);
        if (metapath == null) {
            throw new IllegalStateException(Messages.format(
                    "The path query returned metapath `%s`, which is not among the requested ones.", abbreviation));
        }
        List<String> ids = ((List<Object>) row.get("ids")).stream().map(String::valueOf).toList();
        List<String> names = ((List<Object>) row.get("names")).stream()
                .map(n -> n == null ? null : String.valueOf(n)).toList();
        List<Boolean> dirs = ((List<Object>) row.get("dirs")).stream().map(Boolean.class::cast).toList();
        List<Long> degrees = ((List<Object>) row.get("degrees")).stream()
                .map(d -> ((Number) d).longValue()).toList();
        double score = PathScorer.pathDegreeProduct(degrees, settings.damping());
        return new GraphPath(abbreviation, ids, names, metapath.labels(), metapath.types(), dirs, degrees, score);
    }

    /**
     * The result of a search from one disease before any path is found: an empty list per drug, in the order
     * given (the Cypher search here and the in-kernel {@link PathTraversal} both fill it); a drug listed twice is
     * refused, since its paths would be found, and counted, twice.
     */
    static Map<String, List<GraphPath>> emptyPerDrug(List<String> drugs) {
        Map<String, List<GraphPath>> out = new LinkedHashMap<>();
        for (String drug : drugs) {
            if (out.put(drug, new ArrayList<>()) != null) {
                throw new IllegalArgumentException(Messages.format(
                        "The drug `%s` is listed twice in one path request; list each drug once.", drug));
            }
        }
        return out;
    }
}
