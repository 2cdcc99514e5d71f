package org.kedrec.core.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.explain.PairRequest;
import org.kedrec.core.graph.CypherRunner;

/**
 * Reads the trial and publication evidence of (drug, disease) pairs through a {@link CypherRunner} and ranks it:
 * trials by {@link TrialRecord#STRONGEST_FIRST}, publications by their {@code publication_text} full-text score
 * for the drug's and the disease's names ({@link PublicationRecord#BEST_FIRST}). Each list is capped per pair; the
 * {@code ranked…} forms also say how many the graph holds, so a rationale can state the graph's count.
 */
public final class EvidenceFinder {
    /**
     * The best {@code top} items of one pair and how many the graph links to it ({@code total ≥ top.size()}).
     *
     * @param <T> {@link TrialRecord} or {@link PublicationRecord}
     */
    public record Ranked<T>(List<T> top, int total) {
        public Ranked {
            top = List.copyOf(top);
        }
    }

    private final CypherRunner runner;
    private final EvidenceSource source;

    public EvidenceFinder(CypherRunner runner) {
        this(runner, EvidenceSource.query(runner));
    }

    /**
     * @param runner runs the pair queries
     * @param source reads the rows of the disease-anchored forms ({@link #trialsForDisease},
     *     {@link #publicationsForDisease}) and the publications' full-text scores
     */
    public EvidenceFinder(CypherRunner runner, EvidenceSource source) {
        this.runner = runner;
        this.source = source;
    }

    /** The top {@code cap} trials of each pair, keyed by {@link PairRequest#key()} (every key present). */
    public Map<String, List<TrialRecord>> trials(List<PairRequest> pairs, int cap) {
        return tops(rankedTrials(pairs, cap));
    }

    /** {@link #trials} with each pair's graph count. */
    public Map<String, Ranked<TrialRecord>> rankedTrials(List<PairRequest> pairs, int cap) {
        Map<String, List<TrialRecord>> out = emptyLists(pairs);
        if (pairs.isEmpty() || cap <= 0) {
            return ranked(out, cap);
        }
        return rankTrials(out, runner.run(EvidenceQueries.TRIALS, Map.of("pairs", parameters(pairs))), cap);
    }

    /**
     * The top {@code cap} trials of each drug for one disease, keyed by drug id (every drug present): the same
     * trials as {@link #trials} for the pairs {@code (drug, disease)}, from one query anchored at the disease.
     */
    public Map<String, List<TrialRecord>> trialsForDisease(String disease, List<String> drugs, int cap) {
        return tops(rankedTrialsForDisease(disease, drugs, cap));
    }

    /** {@link #trialsForDisease} with each drug's graph count. */
    public Map<String, Ranked<TrialRecord>> rankedTrialsForDisease(String disease, List<String> drugs, int cap) {
        Map<String, List<TrialRecord>> out = emptyLists(drugs);
        if (drugs.isEmpty() || cap <= 0) {
            return ranked(out, cap);
        }
        return rankTrials(out, source.trialsForDisease(disease, drugs), cap);
    }

    private static Map<String, Ranked<TrialRecord>> rankTrials(
            Map<String, List<TrialRecord>> out, List<Map<String, Object>> rows, int cap) {
        for (Map<String, Object> row : rows) {
            out.get((String) row.get("key")).add(new TrialRecord(
                    string(row, "id"), string(row, "title"), string(row, "phase"), string(row, "status"),
                    string(row, "outcome"), string(row, "whyStopped")));
        }
        out.values().forEach(trials -> trials.sort(TrialRecord.STRONGEST_FIRST));
        return ranked(out, cap);
    }

    private static <T> Map<String, Ranked<T>> ranked(Map<String, List<T>> all, int cap) {
        Map<String, Ranked<T>> out = new LinkedHashMap<>();
        all.forEach((key, list) ->
                out.put(key, new Ranked<>(list.subList(0, Math.max(0, Math.min(cap, list.size()))), list.size())));
        return out;
    }

    private static <T> Map<String, List<T>> tops(Map<String, Ranked<T>> ranked) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        ranked.forEach((key, value) -> out.put(key, value.top()));
        return out;
    }

    /**
     * The top {@code cap} publications of each pair, keyed by {@link PairRequest#key()} (every key present).
     *
     * @param names per pair key, the drug's and the disease's names for the full-text query
     */
    public Map<String, List<PublicationRecord>> publications(
            List<PairRequest> pairs, Map<String, List<String>> names, int cap) {
        return tops(rankedPublications(pairs, names, cap));
    }

    /** {@link #publications} with each pair's graph count. */
    public Map<String, Ranked<PublicationRecord>> rankedPublications(
            List<PairRequest> pairs, Map<String, List<String>> names, int cap) {
        Map<String, List<PublicationRecord>> out = emptyLists(pairs);
        if (pairs.isEmpty() || cap <= 0) {
            return ranked(out, cap);
        }
        return rankPublications(out, runner.run(EvidenceQueries.PUBLICATIONS, Map.of("pairs", parameters(pairs))),
                names, cap);
    }

    /**
     * The top {@code cap} publications of each drug for one disease, keyed by drug id (every drug present): the
     * same as {@link #publications} for the pairs {@code (drug, disease)}, from one query anchored at the disease.
     *
     * @param names per drug id, the drug's and the disease's names for the full-text query
     */
    public Map<String, List<PublicationRecord>> publicationsForDisease(
            String disease, List<String> drugs, Map<String, List<String>> names, int cap) {
        return tops(rankedPublicationsForDisease(disease, drugs, names, cap));
    }

    /** {@link #publicationsForDisease} with each drug's graph count. */
    public Map<String, Ranked<PublicationRecord>> rankedPublicationsForDisease(
            String disease, List<String> drugs, Map<String, List<String>> names, int cap) {
        Map<String, List<PublicationRecord>> out = emptyLists(drugs);
        if (drugs.isEmpty() || cap <= 0) {
            return ranked(out, cap);
        }
        return rankPublications(out, source.publicationsForDisease(disease, drugs), names, cap);
    }

    private Map<String, Ranked<PublicationRecord>> rankPublications(Map<String, List<PublicationRecord>> out,
            List<Map<String, Object>> rows, Map<String, List<String>> names, int cap) {
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            found.computeIfAbsent((String) row.get("key"), k -> new LinkedHashMap<>())
                    .put(string(row, "id"), string(row, "title"));
        }
        List<Map<String, Object>> scoring = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> entry : found.entrySet()) {
            String query = LuceneQuery.forNames(names.getOrDefault(entry.getKey(), List.of()).toArray(String[]::new));
            if (query != null) {
                Map<String, Object> pair = new HashMap<>();
                pair.put("key", entry.getKey());
                pair.put("query", query);
                pair.put("ids", List.copyOf(entry.getValue().keySet()));
                scoring.add(pair);
            }
        }
        Map<String, Double> scores = new HashMap<>();
        if (!scoring.isEmpty()) {
            for (Map<String, Object> row : source.publicationScores(scoring)) {
                scores.merge(row.get("key") + "\t" + row.get("id"), ((Number) row.get("score")).doubleValue(),
                        Math::max);
            }
        }
        found.forEach((key, publications) -> {
            List<PublicationRecord> list = out.get(key);
            publications.forEach((id, title) ->
                    list.add(new PublicationRecord(id, title, scores.getOrDefault(key + "\t" + id, 0.0))));
            list.sort(PublicationRecord.BEST_FIRST);
        });
        return ranked(out, cap);
    }

    private static <T> Map<String, List<T>> emptyLists(List<?> requests) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        for (Object request : requests) {
            String key = request instanceof PairRequest pair ? pair.key() : (String) request;
            if (out.put(key, new ArrayList<>()) != null) {
                throw new IllegalArgumentException(Messages.format(
                        "Pair key `%s` appears twice in one evidence request; keys must be unique.", key));
            }
        }
        return out;
    }

    private static List<Map<String, Object>> parameters(List<PairRequest> pairs) {
        return pairs.stream().map(PairRequest::toParameter).toList();
    }

    private static String string(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : String.valueOf(value);
    }
}
